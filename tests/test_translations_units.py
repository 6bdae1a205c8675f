"""Translation building blocks without a build: messages, integrity, catalogs (fast)."""

from __future__ import annotations

import datetime as dt

from signpost.translations.catalogs import PageCatalog, load_page_catalog, read_catalog, source_changed_date
from signpost.translations.integrity import integrity_problems
from signpost.engine.mkdocs.markdown_messages import extract_messages
from signpost.translations.messages import split_attribute_list

EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "admonition", "def_list", "md_in_html",
              "pymdownx.details"]


def test_blocks_are_messages_and_code_is_not():
    body = """# Title {#top}

A paragraph with a [link](x.md)
over two lines.

- item one
- item two

| Day | Hours |
| --- | --- |
| Monday | 9am to 5pm |
| 13 | 14 |

!!! note "Be safe"
    Inside the box.

Term
:   Its definition

```
code is not translated
```

<div>raw html</div>
"""
    found = [(m.tag, m.id) for m in extract_messages(body, EXTENSIONS)]
    assert found == [
        ("h1", "Title"), ("p", "A paragraph with a [link](x.md) over two lines."),
        ("li", "item one"), ("li", "item two"),
        ("th", "Day"), ("th", "Hours"), ("td", "Monday"), ("td", "9am to 5pm"),
        ("p", "Be safe"), ("p", "Inside the box."), ("dt", "Term"), ("dd", "Its definition"),
    ]


def test_attribute_list_is_not_part_of_the_message():
    assert split_attribute_list("Aims {#aims}") == ("Aims", "{#aims}")
    assert split_attribute_list("Plain heading") == ("Plain heading", "")


def test_integrity_keeps_links_emails_phones_numbers():
    source = "Call [0113 496 0123](tel:+441134960123) or email help@example.org. Ages 13 to 19."
    assert integrity_problems(source, "Zadzwoń [0113 496 0123](tel:+441134960123) lub napisz "
                                      "help@example.org. Wiek od 13 do 19 lat.") == []
    assert integrity_problems(source, "فون [0113 496 0123](tel:+441134960123) یا help@example.org۔ عمر ۱۳ سے ۱۹") == []
    wrong_target = integrity_problems(source, "[0113 496 0123](tel:+441134960999) help@example.org 13 19")
    assert any("link target `tel:+441134960123`" in p for p in wrong_target)
    wrong_email = integrity_problems(source, "[0113 496 0123](tel:+441134960123) halp@example.org 13 19")
    assert any("email address `help@example.org`" in p for p in wrong_email)
    wrong_number = integrity_problems(source, "[0113 496 0123](tel:+441134960123) help@example.org 13 18")
    assert any("number `19`" in p for p in wrong_number)
    assert integrity_problems("Last reviewed {date}.", "Sprawdzono {data}.", markdown=False)


def test_broken_markdown_is_found():
    assert integrity_problems("Some **bold** text", "Jakiś **pogrubiony tekst")
    assert integrity_problems("Aims", "# Cele")
    assert integrity_problems("One block", "Jeden\n\nDwa")
    assert integrity_problems("Some **bold** text", "Jakiś **pogrubiony** tekst") == []
    assert integrity_problems("Hello", "Cześć <script>steal()</script>")  # no HTML the English lacks


def test_catalog_reading_keeps_previous_msgid_and_reports_bad_lines(tmp_path):
    good = tmp_path / "good.po"
    good.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    '#. source-changed: 2026-11-20\n#, fuzzy\n#| msgid "Old text."\nmsgid "New text."\n'
                    'msgstr "Stary tekst."\n\nmsgid "Kept."\nmsgstr "Zachowany."\n', encoding="utf-8")
    catalog, findings = read_catalog(good, "pl")
    assert findings == [] and catalog["New text."].previous_id == ["Old text."]
    assert source_changed_date(catalog["New text."]) == dt.date(2026, 11, 20)
    page = load_page_catalog(good, "pl")
    assert page.translate("Kept.") == "Zachowany." and page.translate("New text.") is None
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "A"\nmsgstr "B"\n\nnonsense here\n', encoding="utf-8")
    catalog, findings = read_catalog(bad, "pl")
    assert catalog is None and findings[0].line == 4 and "malformed" in findings[0].message
    assert load_page_catalog(tmp_path / "missing.po", "pl") == PageCatalog(tmp_path / "missing.po", "pl")


def test_settled_catalogs_are_not_asked_again_and_others_are(tmp_path):
    """A parallel build's worker takes each catalog as first looked up; any other process sees edits."""
    import os

    from signpost.translations.catalogs import checked_catalogs_settled

    def write(path, translation, stamp):
        path.write_text(f'msgid "Hello."\nmsgstr "{translation}"\n', encoding="utf-8")
        os.utime(path, ns=(stamp, stamp))  # a new modification time, whatever the clock's resolution

    po, missing = tmp_path / "page.po", tmp_path / "later.po"
    write(po, "Cześć.", 10**18)
    with checked_catalogs_settled():
        assert load_page_catalog(po, "pl").translate("Hello.") == "Cześć."
        assert not load_page_catalog(missing, "pl").exists
        write(po, "Dzień dobry.", 2 * 10**18)
        write(missing, "Hej.", 10**18)
        assert load_page_catalog(po, "pl").translate("Hello.") == "Cześć."
        assert not load_page_catalog(missing, "pl").exists
    assert load_page_catalog(po, "pl").translate("Hello.") == "Dzień dobry."
    assert load_page_catalog(missing, "pl").translate("Hello.") == "Hej."
