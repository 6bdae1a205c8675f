"""The signpost/accessibility plugin in real builds: every defect is caught with its file and line."""

from __future__ import annotations

from sitebuilder import page

DEFECTS = """\
Some text.

![](photo.png)

![photo.png](photo.png)

![](border.png){ .decorative }

Read the rules [click here](other.md).

Our [Annual report](report.pdf) is out.

Also [](other.md) this.

#### Skipped level

<h2></h2>

<table><tr><td>No header cell</td></tr></table>

<iframe src="https://maps.example.org/embed"></iframe>

<p id="dup">One</p>

<p id="dup">Two</p>

# Second top heading
"""


def test_every_static_defect_is_an_error_with_its_file_and_line(fixture_site):
    fixture_site.write("index.md", page("Home", "Welcome. See [the other page](other.md)."))
    fixture_site.write("other.md", page("Other page", "Fine text."))
    fixture_site.write("defects.md", page("Other page", DEFECTS))   # same title as other.md
    for name in ("photo.png", "border.png", "report.pdf"):
        fixture_site.write(name, b"\x89PNG fake" if name.endswith(".png") else b"%PDF-1.4 fake")
    result = fixture_site.build()
    assert not result.ok
    out = result.output
    expected = [
        'content/defects.md:12: error: [image] the image "photo.png" has empty alt text and is not marked decorative',
        'content/defects.md:14: error: [image] the alt text of the image "photo.png" is a file name ("photo.png")',
        'content/defects.md:18: error: [link] the link text "click here" does not say where the link goes',
        'content/defects.md:20: error: [link] the link "Annual report" to a PDF document does not say its format and size',
        'content/defects.md:22: error: [link] a link to "../other/" has no text',
        'content/defects.md:24: error: [heading] the heading "Skipped level" (level 4) skips a level after a level-1 heading',
        "content/defects.md: error: [heading] an empty level-2 heading",
        "content/defects.md:28: error: [table] a table has no header cells",
        # The raw-HTML policy refuses the frame before the accessibility check could see it
        # (docs/security.md); the frame-title check itself is covered in test_accessibility_checks.
        "content/defects.md:30: error: [body] raw HTML `<iframe>` is not allowed in a page",
        'content/defects.md:32: error: [id] the id "dup" is used 2 times on the page',
        "content/defects.md:36: error: [heading] the page has 2 level-1 headings; it needs exactly one",
        'content/defects.md: error: [title] the page title "Other page - Riverside Youth Advice" is also the title '
        "of content/other.md (en)",
        'content/other.md: error: [title] the page title "Other page - Riverside Youth Advice" is also the title '
        "of content/defects.md (en)",
    ]
    missing = [line for line in expected if line not in out]
    assert not missing, out
    assert "border.png" not in out            # marked decorative
    assert "content/index.md" not in out      # a clean page has no findings


def test_every_language_build_is_checked_and_clean_pages_pass(fixture_site):
    fixture_site.languages = ["en", "pl", "ur"]
    fixture_site.write("index.md", page("Home", "Welcome. See [how to complain](complaints.md)."))
    fixture_site.write("complaints.md", page("Complaints", "Tell us."))
    fixture_site.write("complaints.pl.md", page("Skargi", "Powiedz nam. [Kliknij tutaj](index.md)."))
    result = fixture_site.build()
    assert 'content/complaints.pl.md:10: error: [link] the link text "Kliknij tutaj" does not say where the link goes' \
        in result.output, result.output
    # Only the Polish translation has a problem: the theme passes in every language (lang, ids, titles).
    assert "error: [lang]" not in result.output and "error: [id]" not in result.output
    assert "content/index.md" not in result.output and "content/complaints.md:" not in result.output
