"""`signpost translations merge`: delivered translations fill empty messages, integrity-checked."""

from __future__ import annotations

from babel.messages.pofile import read_po

from sitebuilder import page


def _catalog(path):
    with path.open("rb") as handle:
        return read_po(handle, locale="pl")


def test_merge_fills_empty_messages_and_refuses_a_changed_phone_number(fixture_site, tmp_path):
    fixture_site.languages = ["en", "pl"]
    fixture_site.write("index.md", page("Home", "Call us on 0113 496 0123.\n\nWe are kind.", topics=["about-service"]))
    fixture_site.build(strict=False)  # writes mkdocs.yml
    extracted = fixture_site.signpost("translations", "extract")
    assert extracted.returncode == 0, extracted.stdout + extracted.stderr
    ours = fixture_site.root / "translations/pl/index.po"
    catalog = _catalog(ours)
    catalog.get("We are kind.").string = "Jesteśmy mili (nasza wersja)."
    from signpost.translations.po_format import po_text as _po_text
    ours.write_text(_po_text(catalog), encoding="utf-8")

    delivered = tmp_path / "delivered/pl/index.po"
    delivered.parent.mkdir(parents=True)
    theirs = _catalog(ours)
    theirs.get("Call us on 0113 496 0123.").string = "Zadzwoń do nas: 0113 496 0999."
    theirs.get("We are kind.").string = "Jesteśmy życzliwi."
    theirs.get("Home").string = "Strona główna"
    delivered.write_text(_po_text(theirs), encoding="utf-8")

    merged = fixture_site.signpost("translations", "merge", str(tmp_path / "delivered"))
    assert merged.returncode == 1, "an integrity error is reported"
    assert "0113 496 0123" in merged.stdout + merged.stderr and "delivered/pl/index.po" in merged.stdout + merged.stderr
    result = _catalog(ours)
    assert result.get("Home").string == "Strona główna", "an empty message is filled"
    assert result.get("We are kind.").string == "Jesteśmy mili (nasza wersja).", "existing work is kept"
    assert result.get("Call us on 0113 496 0123.").string == "", "a wrong phone number is never merged"
