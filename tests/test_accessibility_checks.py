"""Static accessibility checks on rendered HTML (unit tests: no build, no browser)."""

from __future__ import annotations

import pytest

from signpost.accessibility.checks import PageSource, check_page, duplicate_titles


def html(content: str, *, lang: str = "en", title: str = "A page - Riverside Youth Advice", extra: str = "") -> str:
    return (f'<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body>{extra}'
            f'<article class="md-content__inner md-typeset"><h1 id="a-page">A page</h1>{content}</article>'
            f"</body></html>")


def findings(content: str, *, language: str = "en", markdown: str = "", **kwargs):
    return check_page(html(content, **kwargs), PageSource("content/page.md", language, markdown)).findings


def messages(content: str, **kwargs) -> list[str]:
    return [f.message for f in findings(content, **kwargs)]


def test_a_clean_page_has_no_findings():
    assert findings('<p>See <a href="../help/">where to get help</a>.</p>'
                    '<h2 id="b">Times</h2><table><tr><th>Day</th></tr><tr><td>Monday</td></tr></table>'
                    '<img src="team.jpg" alt="Two youth workers at the drop-in desk">'
                    '<img src="line.png" alt="" class="decorative"><img src="dot.png" alt="" role="presentation">'
                    '<a href="report.pdf">Annual report (PDF, 240 KB)</a>'
                    '<iframe src="map.html" title="Map of the drop-in centre"></iframe>') == []


@pytest.mark.parametrize("image, expected", [
    ('<img src="/assets/photo.png">', 'the image "photo.png" has no alt text'),
    ('<img src="photo.png" alt="">', 'the image "photo.png" has empty alt text and is not marked decorative'),
    ('<img src="photo.png" alt="photo.png">', 'the alt text of the image "photo.png" is a file name ("photo.png")'),
    ('<img src="x/IMG_2041.jpg" alt="IMG_2041">', 'the alt text of the image "IMG_2041.jpg" is a file name ("IMG_2041")'),
])
def test_images_need_real_alt_text_unless_marked_decorative(image, expected):
    assert messages(image) == [expected]


def test_a_finding_names_the_markdown_line():
    markdown = "---\ntitle: A page\n---\n\n# A page\n\nSome text.\n\n![](photo.png)\n"
    [finding] = findings('<img src="photo.png" alt="">', markdown=markdown)
    assert (finding.file, finding.line, finding.field, finding.check) == ("content/page.md", 9, "image", "accessibility")
    assert finding.is_error and ".decorative" in finding.hint


@pytest.mark.parametrize("language, text", [
    ("en", "Click here"), ("en", "Read more…"), ("en", "here"), ("en", "More"),
    ("pl", "Kliknij tutaj"), ("pl", "Czytaj więcej"), ("pl", "tutaj"),
    ("ro", "Click aici"), ("ro", "Citește mai mult"), ("ro", "aici"),
    ("pa", "ਇੱਥੇ ਕਲਿੱਕ ਕਰੋ"), ("pa", "ਹੋਰ ਪੜ੍ਹੋ"),
    ("ur", "یہاں کلک کریں"), ("ur", "مزید پڑھیں"),
    ("pl", "click here"),  # English fallback text on a Polish page
])
def test_vague_link_text_in_every_site_language(language, text):
    result = messages(f'<p><a href="../x/">{text}</a></p>', language=language, lang=language)
    assert result == [f'the link text "{text}" does not say where the link goes']


def test_clear_link_text_in_other_languages_passes():
    assert findings('<p><a href="../x/">Jak złożyć skargę</a></p>', language="pl", lang="pl") == []
    assert findings('<p><a href="../x/">شکایت کیسے کریں</a></p>', language="ur", lang="ur") == []


def test_empty_links_and_buttons():
    assert messages('<a href="../x/"></a><a href="../y/"><img src="i.png" alt="Home"></a>'
                    '<button></button><button aria-label="Close"></button>') == [
        'a link to "../x/" has no text', "a button has no text"]


@pytest.mark.parametrize("link, missing", [
    ('<a href="files/report.pdf">Annual report</a>', "format and size"),
    ('<a href="files/report.pdf">Annual report (PDF)</a>', "size"),
    ('<a href="plan.docx">Our plan (2 MB)</a>', "format"),
])
def test_document_links_say_format_and_size(link, missing):
    [message] = messages(link)
    assert message.endswith(f"document does not say its {missing}")


def test_document_link_with_word_format_passes():
    assert findings('<a href="plan.docx">Our plan (Word document, 1,2 MB)</a>') == []


def test_heading_levels():
    result = messages('<h2 id="x">Times</h2><h4 id="y">Monday</h4><h3></h3><h1 id="z">Again</h1>')
    assert 'the heading "Monday" (level 4) skips a level after a level-2 heading' in result
    assert "an empty level-3 heading" in result
    assert "the page has 2 level-1 headings; it needs exactly one" in result


def test_tables_need_header_cells():
    assert messages("<table><tr><td>Monday</td><td>10am</td></tr></table>") == ["a table has no header cells"]
    assert messages("<table><tr><th></th></tr><tr><td>a</td></tr></table>") == ["a table has no header cells"]


def test_iframes_need_a_title():
    assert messages('<iframe src="https://maps.example.org/"></iframe>') == [
        'the embedded frame "https://maps.example.org/" has no title']


def test_duplicate_ids_across_the_whole_document():
    result = messages('<p id="times">a</p>', extra='<div id="times"></div>')
    assert result == ['the id "times" is used 2 times on the page']


def test_lang_must_match_the_build():
    assert messages("<p>Tekst.</p>", language="pl", lang="en") == [
        '<html lang="en"> but the page is in the "pl" build']
    assert messages("<p>Text.</p>", language="en", lang="") == ["the page has no `lang` on <html>"]
    assert findings("<p>Text.</p>", language="en", lang="en-GB") == []


def test_content_rules_ignore_the_theme_outside_the_content():
    # The header's icon links have no text of their own; they are the theme's, not the editor's.
    assert findings("<p>Text.</p>", extra='<header><a href="/"></a><img src="logo.svg"></header>') == []


def test_duplicate_titles_within_a_language():
    result = duplicate_titles({"Help - Site": ["content/a.md", "content/b.md"], "Other - Site": ["content/c.md"]}, "pl")
    assert [(f.file, f.message) for f in result] == [
        ("content/a.md", 'the page title "Help - Site" is also the title of content/b.md (pl)'),
        ("content/b.md", 'the page title "Help - Site" is also the title of content/a.md (pl)'),
    ]


def test_a_problem_in_a_translation_is_reported_on_the_catalog_line():
    from signpost.accessibility.checks import translations_only
    po = ('msgid ""\nmsgstr ""\n\n#: content/page.md:7\nmsgid "Read [the rules](rules.md)."\n'
          'msgstr "Przeczytaj [kliknij tutaj](rules.md)."\n\n#: content/page.md:9\nmsgid "Click here"\nmsgstr ""\n')
    source = PageSource("content/page.md", "pl", "# A page\n\nRead [the rules](rules.md).\n\n[Click here](x.md)\n",
                        catalog="translations/pl/page.po", catalog_text=translations_only(po))
    found = check_page(html('<p><a href="r/">kliknij tutaj</a> <a href="x/">Click here</a></p>', lang="pl"),
                       source).findings
    assert [(f.file, f.line) for f in found] == [("translations/pl/page.po", 6), ("content/page.md", 5)]
    # The build passes the whole PO text: its translations are taken out only when a finding is placed.
    lazy = PageSource(source.file, "pl", source.markdown, catalog=source.catalog, catalog_po=po)
    assert check_page(html('<p><a href="r/">kliknij tutaj</a> <a href="x/">Click here</a></p>', lang="pl"),
                      lazy).findings == found
    assert lazy.translations == source.catalog_text
