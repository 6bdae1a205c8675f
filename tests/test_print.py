"""Pages print cleanly, in English and Urdu: the content only, with link addresses (issue 14 item 8).

Two checks that do not depend on the order of Urdu text (pdftotext gives right-to-left lines back
reordered, so "is this menu label in the text?" cannot be asked of an Urdu PDF):

- In Chromium with print media (`emulate_media`): navigation, buttons, the exit bar, search,
  language menu and footer are hidden by their computed style; each link to a web page shows
  its full address through CSS (`::after` content, kept left to right in Urdu); no text box in
  the content is cut (an `overflow` box is a cut on paper: paper does not scroll).
- In the PDF (`page.pdf`, then poppler-utils): page count (`pdfinfo`), every font embedded and
  the script's own font used (`pdffonts`), the links on paper are exactly the content's links
  (`pdftohtml -xml` lists link annotations: no menu, exit, skip or language link), each address
  is printed (the Latin tokens of `pdftotext -raw` put together, in any order, so a wrapped
  address counts), and the language menu's names are absent.

A guard runs the same checks with the print styles withheld and expects them to fail.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from browser import browser  # noqa: F401 (pytest fixture)
from reader_site import PAGE_TYPES, base_url, built, language_root  # noqa: F401 (pytest fixtures)

pytestmark = pytest.mark.browser

# The menus are checked on a wide screen, where Material shows all of them (below 1220 px it folds
# them into the drawer, which would hide them from print for the wrong reason); the cuts at the
# width of A4 paper at 96 px to the inch.
WIDE = {"width": 1280, "height": 900}
PAPER = {"width": 794, "height": 1123}
# What must not be on paper, by name; each is on screen (the test checks that first).
SCREEN_ONLY = {
    "header": ".md-header",
    "navigation": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "exit bar": ".signpost-exit",
    "skip link": ".signpost-skip",
    "footer": ".md-footer",
    "feedback link": ".signpost-feedback",
}
# Hidden on paper when present (not every page type has them on screen).
ALSO_HIDDEN = ["button", ".md-search", ".md-top", ".md-content__button", ".md-typeset .md-button", ".sp-filters",
               ".md-select"]
PAGES = ["service", "content page", "topic page"]

# Elements of the content that are on paper but cut: an overflow box whose content is larger than
# it, or text beyond the paper's edge.
CUT_ON_PAPER = """
() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  for (const element of document.querySelectorAll(".md-content *")) {
    if (!element.checkVisibility()) continue;
    const style = getComputedStyle(element);
    const cuts = [style.overflowX, style.overflowY].some((v) => v !== "visible");
    if (cuts && (element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1)) {
      problems.push(`${element.tagName}.${element.className}: ${element.scrollWidth}x${element.scrollHeight} `
                    + `content in a ${element.clientWidth}x${element.clientHeight} box`);
    }
  }
  const content = document.querySelector(".md-content");
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (!text.textContent.trim() || !text.parentElement.checkVisibility()) continue;
    const range = document.createRange();
    range.selectNodeContents(text);
    for (const rect of range.getClientRects()) {
      if (rect.width && (rect.left < -1 || rect.right > width + 1)) {
        problems.push(`text beyond the paper's edge: "${text.textContent.trim().slice(0, 40)}"`);
        break;
      }
    }
  }
  return problems;
}
"""

# Content links to web pages, with what CSS prints after them.
PRINTED_ADDRESSES = """
() => [...document.querySelectorAll(".md-content a[href]")]
  .filter((a) => a.checkVisibility() && /^https?:$/.test(a.protocol) && a.getAttribute("href")[0] !== "#")
  .map((a) => {
    const after = getComputedStyle(a, "::after");
    return {href: a.href, content: after.content, direction: after.direction, bidi: after.unicodeBidi};
  })
"""


def print_problems(tab, url: str, tmp: Path) -> list[str]:
    """Everything that is wrong with the printout of `url` (empty when it prints cleanly)."""
    problems: list[str] = []
    tab.set_viewport_size(WIDE)
    tab.emulate_media(media="screen")
    tab.goto(url, wait_until="networkidle")
    for name, selector in SCREEN_ONLY.items():
        assert tab.locator(selector).first.is_visible(), f"{name} ({selector}) is not on screen: the check means nothing"
    screen_links = set(tab.evaluate("() => [...document.querySelectorAll('a[href]')]"
                                    ".filter((a) => a.checkVisibility()).map((a) => a.href)"))
    content_links = set(tab.evaluate("() => [...document.querySelectorAll('.md-content a[href]')].map((a) => a.href)"))
    content_text = tab.locator(".md-content").inner_text()
    menu_languages = [t.strip() for t in tab.locator(".md-select__link").all_text_contents()
                      if t.strip() and t.strip() not in content_text]

    # 1. The print rendering in the browser.
    tab.emulate_media(media="print")
    for name, selector in [*SCREEN_ONLY.items(), *((s, s) for s in ALSO_HIDDEN)]:
        shown = tab.locator(selector).evaluate_all(
            "(elements) => elements.filter((e) => e.checkVisibility()).map((e) => e.outerHTML.slice(0, 60))")
        problems += [f"print shows the {name}: {html}" for html in shown]
    addresses = tab.evaluate(PRINTED_ADDRESSES)
    assert addresses, "no link to a web page in the content: the address check means nothing"
    for link in addresses:
        if link["href"] not in link["content"]:
            problems.append(f"print does not show the address of {link['href']} ({link['content']})")
        elif (link["direction"], link["bidi"]) != ("ltr", "isolate"):
            problems.append(f"the address of {link['href']} is not kept left to right ({link['direction']}, {link['bidi']})")
    tab.set_viewport_size(PAPER)
    problems += [f"cut on paper: {p}" for p in tab.evaluate(CUT_ON_PAPER)]

    # 2. The PDF.
    pdf = tmp / "page.pdf"
    tab.pdf(path=str(pdf), format="A4")
    pages = int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", pdf), re.M).group(1))
    if not 1 <= pages <= 6:
        problems.append(f"{pages} pages")
    fonts = [line.split() for line in _run("pdffonts", pdf).splitlines()[2:] if line.strip()]
    # Columns from the right: object id, generation, uni, sub, emb (names and types may hold spaces).
    problems += [f"font not embedded: {' '.join(row)}" for row in fonts if row[-5] != "yes"]
    problems += [f"font without a Unicode map (text cannot be copied): {' '.join(row)}" for row in fonts
                 if row[-3] != "yes"]
    names = " ".join(row[0] for row in fonts)
    if "/ur/" in url and "Nastaliq" not in names:
        problems.append(f"the Urdu text is not printed in a Nastaliq font: {names}")
    on_paper = set(re.findall(r'<a href="([^"]*)"', _run("pdftohtml", "-xml", "-stdout", "-i", "-q", pdf)))
    on_paper = {href.replace("&amp;", "&") for href in on_paper}
    problems += [f"a link that is not in the content is printed: {href}" for href in sorted(on_paper - content_links)]
    if not (screen_links - content_links):
        problems.append("no link outside the content on screen: the link check means nothing")
    text = _run("pdftotext", "-raw", pdf, "-")
    tokens = set(re.findall(r"[!-~]+", text))
    for link in addresses:
        if not _made_of(f"({link['href']})", tokens):
            problems.append(f"the address {link['href']} is not in the PDF's text")
    assert any(name.isascii() for name in menu_languages), "no Latin language name in the menu"
    problems += [f"the language menu is printed: {name}" for name in menu_languages
                 if name.isascii() and any(name in token for token in tokens)]
    return problems


def _made_of(target: str, tokens: set[str]) -> bool:
    """Can `target` be put together from pieces of `tokens` (4 characters or more, or a bracket)?
    A printed address may be wrapped onto two lines, which pdftotext gives back apart, or run
    into the word beside it (it drops some spaces in right-to-left lines)."""
    def found(piece: str) -> bool:
        return (len(piece) >= 4 or piece in "()") and any(piece in token for token in tokens)
    reachable = [True] + [False] * len(target)
    for end in range(1, len(target) + 1):
        reachable[end] = any(reachable[start] and found(target[start:end]) for start in range(end))
    return reachable[-1]


def _run(tool: str, *args) -> str:
    if not shutil.which(tool):
        pytest.fail(f"{tool} is missing: apt-get install -y poppler-utils")
    return subprocess.run([tool, *map(str, args)], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def paper(browser):
    context = browser.new_context(viewport=WIDE)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("language", ["en", "ur"])
@pytest.mark.parametrize("kind", PAGES)
def test_pages_print_cleanly(paper, base_url, language, kind, tmp_path):
    assert print_problems(paper, base_url + language_root(language) + PAGE_TYPES[kind], tmp_path) == []


def test_the_print_check_fails_without_the_print_styles(paper, base_url, tmp_path):
    """Guard: the same check, with reader.css withheld (Material's own print styles still hide its
    menus), finds the printed exit bar and skip link, their links on paper, and no addresses."""
    paper.route("**/assets/signpost/reader.css", lambda route: route.abort())
    problems = print_problems(paper, base_url + "ur/" + PAGE_TYPES["service"], tmp_path)
    assert any("print shows the exit bar" in p for p in problems), problems
    assert any("print shows the skip link" in p for p in problems), problems
    assert any("a link that is not in the content is printed" in p for p in problems), problems
    assert any("does not show the address" in p for p in problems), problems


@pytest.mark.parametrize("target, tokens, expected", [
    ("(http://example.org/a/b/)", {"(http://exam", "ple.org/a/b/)"}, True),
    ("(http://example.org/a/b/)", {"(http://example.org/a/", "c/)"}, False),
    ("(https://health.example.org/)", {"(https://health.example.org/)Riverside"}, True),
    ("(https://health.example.org/)", {"(https://health.exa", "org/)"}, False),
])
def test_an_address_is_found_only_when_printed_whole(target, tokens, expected):
    assert _made_of(target, tokens) is expected
