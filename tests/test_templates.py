"""Every HTML fragment signpost writes comes from an autoescaped template; hostile text stays text.

- An AST scan of the package: no Python string literal builds an HTML tag (markup belongs in
  plugins/signpost/templates/, where Jinja2 escapes every value).
- The templating module: autoescape, strict undefined, JSON that cannot leave its `<script>`.
- Fixture builds with hostile service fields, front matter and interface translations, parsed
  with selectolax: the payloads appear only as text, never as elements or event handlers.
- Translated directory listings (pl, ur): translated summaries, English ones marked.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from sitebuilder import FixtureSite, page
from test_services_fixtures import write_service

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "signpost"

# HTML element names (WHATWG), so `<lang>` or `<slug>` placeholders in help texts are not tags.
HTML_ELEMENTS = frozenset("""
a abbr address article aside audio b base bdi bdo blockquote body br button canvas caption cite code col
colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form
h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li link main map mark menu meta
meter nav noscript object ol optgroup option output p picture pre progress q rp rt ruby s samp script search
section select small source span strong style sub summary sup svg table tbody td template textarea tfoot th
thead time title tr track u ul var video wbr
""".split())
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)(?=[\s>/]|$)")

# Calls whose string arguments look for markup in a page rather than build it.
SEARCHING_METHODS = frozenset({"find", "rfind", "index", "rindex", "startswith", "endswith", "count", "split",
                               "rsplit", "partition", "rpartition", "removeprefix", "removesuffix"})
REGEX_FUNCTIONS = frozenset({"compile", "search", "match", "fullmatch", "findall", "finditer", "sub", "subn",
                             "split"})
# Findings are text for editors (printed in a terminal; escaped by the findings-box template).
FINDING_MAKERS = frozenset({"Finding", "error", "warning", "notice", "info", "add"})
FINDING_KEYWORDS = frozenset({"message", "hint"})

# Literals (exact text) that name a tag but build none, with why. Keep this short.
ALLOWED: dict[str, str] = {
    '<article class="md-content__inner': "Material's content tag, located in the page (engine/mkdocs/material.py)",
    "<article": "the default content start bidi.py looks for when no theme tag is given",
    '<article class="md-content__inner md-typeset">':
        "Material's own tag, found and put back unchanged with the findings box after it (serve only)",
}


def html_building_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal in `source` that writes an HTML tag."""
    tree = ast.parse(source)
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    searching_names = _names_only_used_for_searching(tree, parents)
    found = []
    for node in ast.walk(tree):
        text = _literal_text(node)
        if text is None or isinstance(parents.get(node), ast.JoinedStr) or id(node) in docstrings:
            continue
        if not any(m.group(1).lower() in HTML_ELEMENTS for m in TAG.finditer(text)):
            continue
        if _searches(node, parents) or _assigned_to(node, parents) & searching_names:
            continue
        if text in ALLOWED:
            continue
        found.append((node.lineno, text))
    return found


def _literal_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):   # f-string: each {value} counts as "1"
        return "".join(part.value if isinstance(part, ast.Constant) else "1" for part in node.values)
    return None


def _enclosing(node: ast.AST, parents: dict) -> ast.AST:
    """The expression around `node` once string concatenation is looked through."""
    while isinstance(parents.get(node), ast.BinOp) and isinstance(parents[node].op, ast.Add):
        node = parents[node]
    return node


def _searches(node: ast.AST, parents: dict) -> bool:
    node = _enclosing(node, parents)
    parent = parents.get(node)
    if isinstance(parent, ast.Compare):
        return True
    if isinstance(parent, ast.keyword):
        call = parents.get(parent)
        return parent.arg in FINDING_KEYWORDS and isinstance(call, ast.Call)
    if not isinstance(parent, ast.Call) or node is parent.func:
        return False
    func = parent.func
    if isinstance(func, ast.Attribute):
        if func.attr in SEARCHING_METHODS:
            return True
        if isinstance(func.value, ast.Name) and func.value.id == "re" and func.attr in REGEX_FUNCTIONS:
            return parent.args and parent.args[0] is node
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in FINDING_MAKERS


def _assigned_to(node: ast.AST, parents: dict) -> set[str]:
    parent = parents.get(_enclosing(node, parents))
    if isinstance(parent, ast.Assign):
        return {t.id for t in parent.targets if isinstance(t, ast.Name)}
    return set()


def _names_only_used_for_searching(tree: ast.AST, parents: dict) -> set[str]:
    """Names of constants whose every use looks for markup (`page.find(CONTENT_START)`)."""
    uses: dict[str, list[bool]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            uses.setdefault(node.id, []).append(_searches(node, parents))
    return {name for name, searching in uses.items() if searching and all(searching)}


# The scan itself -------------------------------------------------------------------------------

def test_no_python_string_literal_in_the_package_builds_an_html_tag():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, text in html_building_literals(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {text[:80]!r}")
    assert not offenders, "HTML built in Python (move it to a template in plugins/signpost/templates/):\n" + \
        "\n".join(offenders)


@pytest.mark.parametrize("source", [
    "x = f'<p class=\"a\">{text}</p>'",
    "parts.append('<br>'.join(lines))",
    "def f():\n    return '<span dir=\"ltr\">' + run + '</span>'",
    "NOTE = '<div role=\"note\">'\nprint(NOTE + text)",
])
def test_the_scan_finds_html_built_in_python(source):
    assert html_building_literals(source)


@pytest.mark.parametrize("source", [
    '"""A docstring may say <html lang> and `<span dir="ltr">`."""',
    "PATTERN = re.compile(r'<script\\b.*?</script>')",
    "START = '<article class=\"x\">'\nat = page.find(START)",
    "if '</h1>' in text: pass",
    "error(file, 'add a title: <iframe title=\"Map\">')",
    "parser.add_argument('--dir', help='laid out like translations/<lang>/<page>.po')",
])
def test_the_scan_leaves_searching_and_prose_alone(source):
    assert not html_building_literals(source)


# The templating module ---------------------------------------------------------------------------

def test_templates_escape_by_default_and_refuse_unknown_names():
    import jinja2

    from signpost.templating import _environment, macros
    assert _environment().autoescape is True
    out = str(macros("directory/blocks.html").paragraph('<img src=x onerror="alert(1)">'))
    assert out == '<p>&lt;img src=x onerror=&#34;alert(1)&#34;&gt;</p>'
    with pytest.raises(jinja2.UndefinedError):
        _environment().from_string("{{ no_such_value }}").render()


HOSTILE_JSON = {"name": "</script><script>alert(1)</script><!-- \u2028\u2029 & 'x' \"y\""}


def test_json_in_a_script_element_cannot_break_out():
    from signpost.templating import macros, script_json
    text = str(script_json(HOSTILE_JSON))
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == HOSTILE_JSON
    tree = LexborHTMLParser("<html><body>" + str(macros("directory/blocks.html").json_ld(HOSTILE_JSON))
                            + "</body></html>")
    scripts = tree.css("script")
    assert len(scripts) == 1 and json.loads(scripts[0].text()) == HOSTILE_JSON
    assert not tree.css("body > *:not(script)")


def test_theme_text_is_escaped(monkeypatch):
    import signpost.templating as templating
    monkeypatch.setattr(templating, "interface_text", lambda language, message, **values: INTERFACE_PAYLOAD)
    shown = str(templating.theme_text("pl")("Exit this page"))
    assert shown == "&lt;img src=x onerror=alert(document.domain)&gt;Wyjdź"


def test_page_metadata_is_escaped_once():
    from signpost.templating import escape_page_metadata
    meta = {"title": PAYLOAD, "description": 'a " b', "icon": "material/x", "tags": ["<b>"]}
    escape_page_metadata(meta)
    escape_page_metadata(meta)   # a second language build sees the same dict: still escaped once
    assert str(meta["title"]) == "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;"
    assert str(meta["description"]) == "a &#34; b" and meta["icon"] == "material/x"


# Fixture builds ---------------------------------------------------------------------------------

PAYLOAD = '<img src=x onerror="alert(1)">'
# Translations may not add numbers (translations/integrity.py), so these carry none.
INTERFACE_PAYLOAD = "<img src=x onerror=alert(document.domain)>Wyjdź"
QUOTE_PAYLOAD = 'Wyjdź" onfocus="alert(document.domain)'
SCRIPT_PAYLOAD = "</script><script>alert(2)</script>"


def _event_handlers(tree) -> list[str]:
    return [f"{node.tag} {name}" for node in tree.css("*") for name in (node.attributes or {})
            if name.lower().startswith("on")]


def _hostile_site(root: Path) -> FixtureSite:
    site = FixtureSite(root)
    site.languages = ["en", "pl", "ur"]
    site.write("index.md", page("Riverside Youth Advice", "We give free help.", topics=["about-service"]))
    site.write("local-info/housing.md", page("Housing", "If you need somewhere to live, start here.",
                                             topics=["housing"], service_categories=["housing"]))
    site.write("about/hostile.md", page("Hostile page", "Some text.", topics=["about-service"]).replace(
        "title: Hostile page", f"title: 'Bad {PAYLOAD} title'").replace(
        "description: What the hostile page page is about.",
        f"description: 'Bad \" onmouseover=\"alert(3) {PAYLOAD}'"))
    write_service(site, "housing-line", name=f"Youth Housing {SCRIPT_PAYLOAD}", categories=["housing"],
                  phones=[{"number": "0808 157 0131", "free": True}],
                  body="Call us if you have nowhere safe to stay. We can help tonight.")
    write_service(site, "test-clinic", body="Free condoms, tests and advice.\n\nWe also talk about consent.")
    site.write("pl/interface.po", _po({
        "Exit this page": QUOTE_PAYLOAD,
        "Find local services": INTERFACE_PAYLOAD,
        "Key facts": QUOTE_PAYLOAD,
    }), under="translations")
    site.write("pl/local-info/services/housing-line.po", _po({
        "Call us if you have nowhere safe to stay. We can help tonight.":
            "Zadzwoń, jeśli nie masz bezpiecznego miejsca. Pomożemy dziś wieczorem.",
    }), under="translations")
    site.write("pl/local-info/services/test-clinic.po", _po({"Riverside Test Clinic": "Klinika testowa Riverside"}),
               under="translations")
    site.write("ur/local-info/services/housing-line.po", _po({
        "Call us if you have nowhere safe to stay. We can help tonight.":
            "اگر آپ کے پاس رہنے کی محفوظ جگہ نہیں تو ہمیں کال کریں۔ ہم آج رات مدد کر سکتے ہیں۔",
    }), under="translations")
    return site


def _po(messages: dict[str, str]) -> str:
    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    body = "".join(f"\nmsgid {quoted(k)}\nmsgstr {quoted(v)}\n" for k, v in messages.items())
    return 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' + body


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    result = _hostile_site(tmp_path_factory.mktemp("templates") / "project").build(strict=False)
    assert "Traceback" not in result.output, result.output
    return result


HOSTILE_PAGES = ["local-info/services/", "local-info/services/a-z/", "local-info/services/categories/housing/",
                 "local-info/services/housing-line/", "local-info/housing/", "about/hostile/",
                 "pl/local-info/services/", "pl/local-info/services/housing-line/", "pl/about/hostile/",
                 "ur/local-info/services/"]


@pytest.mark.parametrize("url", HOSTILE_PAGES)
def test_hostile_text_never_becomes_markup(hostile, url):
    assert hostile.exists(url), f"{url} was not built"
    tree = LexborHTMLParser(hostile.html(url))
    assert _event_handlers(tree) == []
    assert not tree.css("img[src=x]")
    for script in tree.css("script"):
        if script.attributes.get("type") == "application/ld+json":
            json.loads(script.text())   # the payload is a string inside the data, nothing more
        else:
            assert "alert(" not in script.text()


def test_hostile_service_name_stays_text_in_lists_and_json_ld(hostile):
    for url in ("local-info/services/", "local-info/services/a-z/", "local-info/housing/"):
        tree = LexborHTMLParser(hostile.html(url))
        assert any(SCRIPT_PAYLOAD in node.text() for node in tree.css("a")), url
    tree = LexborHTMLParser(hostile.html("local-info/services/housing-line/"))
    data = [json.loads(s.text()) for s in tree.css('script[type="application/ld+json"]')]
    assert data and data[0]["mainEntity"]["name"] == f"Youth Housing {SCRIPT_PAYLOAD}"


def test_hostile_front_matter_reaches_title_menus_and_meta_as_text(hostile):
    tree = LexborHTMLParser(hostile.html("about/hostile/"))
    assert PAYLOAD in tree.css_first("title").text()
    assert PAYLOAD in tree.css_first('meta[name="description"]').attributes["content"]
    assert tree.css_first('meta[name="description"]').attributes.get("onmouseover") is None
    header = tree.css_first(".md-header__topic[data-md-component=header-topic]")
    assert PAYLOAD in header.text()
    # The menu prints the title too.
    assert any(PAYLOAD in node.text() for node in tree.css(".md-nav__link"))


def test_hostile_interface_translation_is_text_in_the_theme_and_directory(hostile):
    tree = LexborHTMLParser(hostile.html("pl/local-info/services/"))
    exit_button = tree.css_first(".signpost-exit")
    assert exit_button is not None and QUOTE_PAYLOAD in exit_button.text()
    # The badges list carries no label of its own any more (the Nu checker warned on aria-label there).
    assert tree.css_first("ul.sp-badges") is not None
    # A translation that adds a tag is shown as text or refused (English): never an element.
    assert not tree.css("img") and _event_handlers(tree) == []


# Translated listings (issue 14 item 3) ----------------------------------------------------------------

def test_listings_use_translated_summaries_and_mark_english_ones(hostile):
    polish = LexborHTMLParser(hostile.html("pl/local-info/services/"))
    summaries = {node.css_first("a").text(): node for node in polish.css("li.sp-result")}
    housing = next(node for name, node in summaries.items() if name.startswith("Youth Housing"))
    summary = housing.css_first("p")
    assert summary.text() == "Zadzwoń, jeśli nie masz bezpiecznego miejsca."
    assert summary.attributes.get("lang") is None
    # Names as the service pages show them: translated where the catalog has them.
    clinic = summaries["Klinika testowa Riverside"]
    english = clinic.css_first("p")
    assert english.text() == "Free condoms, tests and advice."
    assert (english.attributes.get("lang"), english.attributes.get("dir")) == ("en", "ltr")
    # Category pages and the topic page's list as well.
    category = LexborHTMLParser(hostile.html("pl/local-info/services/categories/housing/"))
    assert "Zadzwoń, jeśli nie masz bezpiecznego miejsca." in category.body.text()
    topic = LexborHTMLParser(hostile.html("pl/local-info/housing/"))
    assert "Zadzwoń, jeśli nie masz bezpiecznego miejsca." in topic.css_first("ul.sp-topic-services").text()
    # The A to Z groups the names the reader sees.
    a_to_z = LexborHTMLParser(hostile.html("pl/local-info/services/a-z/"))
    assert a_to_z.css_first("h2#letter-k") is not None
    assert "Klinika testowa Riverside" in [node.text() for node in a_to_z.css("ul.sp-a-z a")]
    # English pages are unchanged: no marks.
    english_home = LexborHTMLParser(hostile.html("local-info/services/"))
    assert not english_home.css("li.sp-result p[lang]")


def test_urdu_listing_keeps_the_full_stop_at_the_end_of_each_sentence(hostile):
    urdu = LexborHTMLParser(hostile.html("ur/local-info/services/"))
    results = urdu.css("li.sp-result")
    housing = next(node for node in results if node.css_first("a").text().startswith("Youth Housing"))
    summary = housing.css_first("p")
    assert summary.text() == "اگر آپ کے پاس رہنے کی محفوظ جگہ نہیں تو ہمیں کال کریں۔"
    # The English service name inside the Urdu page is isolated, so its direction does not leak.
    assert housing.css_first("h3 bdi, h3 a[dir=ltr], h3 [dir=ltr]") is not None
    clinic = next(node for node in results if "Clinic" in node.css_first("a").text())
    english = clinic.css_first("p")
    # English in an Urdu page: its own direction, so "advice." keeps its full stop on the right.
    assert (english.attributes.get("lang"), english.attributes.get("dir")) == ("en", "ltr")


def test_material_config_rewrite_keeps_json_inside_its_script():
    from signpost.engine.mkdocs.material import point_search_at_language
    config = {"base": ".", "translations": {"search.result.none": "</script><script>alert(1)</script>\u2028"}}
    # Material writes it with Jinja's `tojson` (`<` as \u003c); the rewrite must not undo that.
    page = ('<html><body><script id="__config" type="application/json">'
            + json.dumps(config).replace("<", "\\u003c").replace(">", "\\u003e") + "</script></body></html>")
    tree = LexborHTMLParser(page)
    point_search_at_language(tree, "pl")  # rewrites the parsed page in place (one parse per page)
    tree = LexborHTMLParser(tree.html)
    scripts = tree.css("script")
    assert len(scripts) == 1
    assert json.loads(scripts[0].text()) == {**config, "base": "pl/"}


def test_theme_templates_are_compiled_once_per_process_and_again_when_edited(tmp_path, monkeypatch):
    """Each language pass has a new theme environment: the second compiles nothing, an edited template is new."""
    import jinja2
    from signpost.templating import CompiledTemplates, use_compiled_templates

    (tmp_path / "page.html").write_text("<p>{{ word }}</p>", encoding="utf-8")
    compiled = CompiledTemplates()
    monkeypatch.setattr("signpost.templating.COMPILED_THEME_TEMPLATES", compiled)
    compilations = []

    def environment() -> jinja2.Environment:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path))
        use_compiled_templates(env)
        compile_source = env.compile
        env.compile = lambda *args, **kwargs: compilations.append(args[1]) or compile_source(*args, **kwargs)
        return env

    assert environment().get_template("page.html").render(word="one") == "<p>one</p>"
    assert environment().get_template("page.html").render(word="two") == "<p>two</p>"
    assert compilations == ["page.html"]

    (tmp_path / "page.html").write_text("<div>{{ word }}</div>", encoding="utf-8")
    assert environment().get_template("page.html").render(word="three") == "<div>three</div>"
    assert compilations == ["page.html", "page.html"]

    chosen = jinja2.FileSystemBytecodeCache(str(tmp_path))  # `signpost check` brings its own, on disk
    env = jinja2.Environment(bytecode_cache=chosen)
    use_compiled_templates(env)
    assert env.bytecode_cache is chosen
