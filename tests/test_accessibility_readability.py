"""Readability: sentence and paragraph length everywhere, reading ease in English."""

from __future__ import annotations

from signpost.accessibility.checks import PageSource
from signpost.accessibility.readability import (ReadabilitySettings, measure, paragraphs_from_html,
                                                readability_findings, split_sentences)
from sitebuilder import page

LONG = ("If you are aged between thirteen and nineteen years old and you live in the Riverside area you can come "
        "to the drop-in centre on any weekday afternoon without an appointment.")   # 31 words


def test_sentences_split_on_every_site_language_full_stop():
    assert split_sentences("One two. Three four? Five!") == ["One two.", "Three four?", "Five!"]
    assert len(split_sentences("یہ ایک جملہ ہے۔ یہ دوسرا ہے۔")) == 2
    assert len(split_sentences("ਇਹ ਇੱਕ ਵਾਕ ਹੈ। ਇਹ ਦੂਜਾ ਹੈ।")) == 2


def test_long_sentence_and_long_paragraph_are_warnings_naming_file_line_and_sentence():
    markdown = f"---\ntitle: T\n---\n\n# T\n\n{LONG}\n"
    paragraphs = [LONG, "One. Two. Three. Four. Five. Six."]
    result = measure(paragraphs, "en")
    found = readability_findings(result, PageSource("content/t.md", "en", markdown))
    sentence, paragraph = found
    assert (sentence.file, sentence.line, sentence.field, sentence.is_error) == ("content/t.md", 7, "sentence", False)
    assert sentence.message.startswith('a sentence has 31 words (more than 25): "If you are aged between')
    assert paragraph.message.startswith("a paragraph has 6 sentences (more than 5)")


def test_reading_ease_only_for_english_and_only_below_the_threshold():
    hard = ["Notwithstanding institutional considerations, organisational responsibilities necessitate "
            "comprehensive documentation. "] * 20
    easy = ["You can come in. We will help you. It is free. Ask us."] * 20
    assert measure(hard, "en").reading_ease < 60
    assert measure(easy, "en").reading_ease > 60
    assert measure(hard, "pl").reading_ease is None
    found = readability_findings(measure(hard, "en"), PageSource("content/t.md", "en"))
    assert [f.field for f in found] == ["reading_ease"]
    assert readability_findings(measure(hard, "en"), PageSource("content/t.md", "en"),
                                ReadabilitySettings(min_reading_ease=-500)) == []


def test_paragraphs_come_from_the_content_area_without_code_or_previews():
    html = ('<header><p>Header text.</p></header><article class="md-content__inner">'
            '<div class="signpost-findings"><p>Preview box.</p></div><p>One <a href="x">two</a>.</p>'
            '<ul><li>Item one.</li><li><p>Item two.</p></li></ul><pre><code>code.</code></pre></article>')
    assert paragraphs_from_html(html) == ["One two .", "Item one.", "Item two."]


def test_build_warns_about_a_long_sentence_and_respects_the_opt_out(fixture_site):
    fixture_site.write("index.md", page("Home", "Welcome."))
    fixture_site.write("long.md", page("Long page", LONG))
    fixture_site.write("legal.md", page("Legal page", LONG, readability_exempt="Legal wording we must quote."))
    result = fixture_site.build()
    assert result.ok, result.output
    assert "content/long.md:10: warning: [sentence] a sentence has 31 words" in result.output
    assert "content/legal.md" not in result.output


def test_report_readability_table_and_json(fixture_site):
    import json
    fixture_site.write("index.md", page("Home", "\n\n".join(["You can come in. We will help you. It is free."] * 12)))
    fixture_site.write("long.md", page("Long page", LONG))
    fixture_site.write("legal.md", page("Legal page", LONG, readability_exempt="Legal wording we must quote."))
    table = fixture_site.signpost("report", "readability")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split()[:2] == ["Page", "Words"]
    assert any(line.startswith("content/long.md") and line.endswith("check") for line in lines)
    assert any(line.startswith("content/legal.md") and "exempt (Legal wording we must quote.)" in line for line in lines)
    data = json.loads(fixture_site.signpost("report", "readability", "--json").stdout)
    by_file = {row["file"]: row for row in data["pages"]}
    assert by_file["content/long.md"]["long_sentences"] == 1
    assert by_file["content/index.md"]["reading_ease"] > 60 and by_file["content/index.md"]["status"] == "ok"
    assert data["settings"]["max_sentence_words"] == 25


def test_words_are_counted_in_gurmukhi_and_urdu_too():
    from signpost.accessibility.readability import count_words
    # Gurmukhi vowel signs are combining marks: they must not split a word.
    assert count_words("ਇਸ ਵਿੱਚ ਨੌਜਵਾਨ, ਮਾਪੇ, ਦੇਖਭਾਲ ਕਰਨ ਵਾਲੇ ਅਤੇ ਕਿਸੇ ਨੌਜਵਾਨ ਵੱਲੋਂ ਬੋਲਣ ਵਾਲੇ ਲੋਕ ਸ਼ਾਮਲ ਹਨ।") == 16
    assert count_words("اگر آپ کی شکایت آپ کی پہچان") == 7
    assert count_words("Call 0113 496 0123 now, it's free — really.") == 5


URDU_LONG = ("اگر آپ کی عمر تیرہ سے انیس سال کے درمیان ہے اور آپ ریور سائیڈ میں رہتے ہیں تو آپ کسی بھی دن "
             "دوپہر کو بغیر وقت لیے ہمارے مرکز میں آ سکتے ہیں اور ہم سے بات کر سکتے ہیں۔")


def test_urdu_and_panjabi_are_not_held_to_an_english_word_limit_but_paragraphs_are_measured():
    """Separately written particles inflate word counts: only what can be measured honestly is checked."""
    from signpost.accessibility.readability import count_words
    assert count_words(URDU_LONG) > 25  # an English-length sentence, counted in Urdu words
    for language in ("ur", "pa"):
        result = measure([URDU_LONG, "ایک۔ دو۔ تین۔ چار۔ پانچ۔ چھ۔"], language)
        assert result.long_sentences == [] and result.not_measured and language in result.not_measured
        assert [count for _, count in result.long_paragraphs] == [6]
    assert measure([LONG], "pl").long_sentences  # other languages keep the word limit


def test_translated_page_findings_point_at_the_po_file_and_msgstr_line():
    po = ('msgid ""\nmsgstr ""\n"Language: pl\\n"\n\n#: content/t.md\nmsgid "Short."\nmsgstr ""\n'
          '"Jeśli masz od trzynastu do dziewiętnastu lat i mieszkasz w okolicy Riverside, możesz "\n'
          '"przyjść do centrum w każde popołudnie w dni powszednie bez umawiania się na wizytę i "\n'
          '"bez pytania kogokolwiek o zgodę, a my zawsze znajdziemy czas."\n')
    from signpost.accessibility.checks import translations_only
    polish = ("Jeśli masz od trzynastu do dziewiętnastu lat i mieszkasz w okolicy Riverside, możesz przyjść do "
              "centrum w każde popołudnie w dni powszednie bez umawiania się na wizytę i bez pytania kogokolwiek "
              "o zgodę, a my zawsze znajdziemy czas.")
    source = PageSource("content/t.md", "pl", "---\ntitle: T\n---\n\n# T\n\nShort.\n",
                        "translations/pl/t.po", translations_only(po))
    result = measure([polish, polish], "pl")
    found = readability_findings(result, source)
    assert len(found) == 1  # the same sentence twice is one finding
    assert (found[0].file, found[0].line, found[0].field) == ("translations/pl/t.po", 7, "msgstr")
    assert "front matter" not in found[0].hint and "msgstr" in found[0].hint
