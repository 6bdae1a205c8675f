"""The directory's template HTML lifted out of Python-Markdown and put back: the same page, byte for byte.

engine/mkdocs/template_html.py swaps each block of template HTML for a comment
before the conversion and puts it back after (Python-Markdown's HTML parsing of those
blocks was 12% of a build). These tests convert real directory pages, hostile service
fields included, both ways and compare; and build a site whose topic page would swallow a
placeholder, and one that links to an anchor that exists only in the lifted HTML.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml

from signpost.engine.mkdocs import template_html
from sitebuilder import FixtureSite, page
from test_directory import directory_site
from test_services_fixtures import write_service

ROOT = Path(__file__).resolve().parents[1]


def _site_markdown_extensions() -> tuple[list, dict]:
    """The Markdown extensions and their settings, as mkdocs.yml gives them to Python-Markdown."""
    config = yaml.safe_load(re.sub(r"!!python/\S+", "", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            settings[name] = options
    return names, settings


def _convert(text: str) -> str:
    names, settings = _site_markdown_extensions()
    return markdown.markdown(text, extensions=names, extension_configs=settings)


def _both_ways(text: str) -> tuple[str, str, list[str]]:
    lifted, blocks = template_html.lift(text)
    return _convert(text), template_html.restore(_convert(lifted), blocks), blocks


def test_only_whole_block_level_template_html_is_lifted():
    text = "\n\n".join([
        '<h2 id="contact">How to contact them</h2>',
        "A service's own sentence, with *emphasis*.",
        '<span class="sp-note">an inline start gets a paragraph around it</span>',
        '<div class="sp-alert" markdown="1">', "Closed on **Monday**.", "</div>",
        '<ul class="sp-badges"><li>Free</li></ul>',
    ]) + "\n"
    plain, restored, blocks = _both_ways(text)
    assert blocks == ['<h2 id="contact">How to contact them</h2>', '<ul class="sp-badges"><li>Free</li></ul>']
    assert restored == plain
    assert "<strong>Monday</strong>" in restored and "<em>emphasis</em>" in restored


def test_a_lost_placeholder_is_an_error_not_a_half_page():
    lifted, blocks = template_html.lift('<p class="a">one</p>\n\n<p class="b">two</p>\n')
    converted = _convert(lifted)
    with pytest.raises(template_html.TemplateHtmlLost):
        template_html.restore(converted.split("\n")[0], blocks)
    with pytest.raises(template_html.TemplateHtmlLost):
        template_html.restore(converted + converted, blocks)  # a placeholder twice


def test_lifted_blocks_give_mkdocs_their_anchor_ids():
    blocks = ['<h2 id="times">When</h2>', '<p><a name="old-anchor">x</a><span name="not-an-anchor">y</span></p>']
    assert template_html.anchor_ids(blocks) == {"times", "old-anchor"}


HOSTILE = ["<script>alert(1)</script>", 'markdown="1"', "<!--signpost-html-0-->", "<div>\n\n</div>",
           "`code` and [link](javascript:alert(1))", "    indented <b>bold</b>", "&lt;already escaped&gt;"]


def test_every_directory_page_converts_the_same_both_ways(tmp_path, monkeypatch):
    """The real pages (home, categories, A-Z, services) of a fixture with hostile service fields."""
    from signpost.directory.render import directory_sources
    from signpost.engine.mkdocs.project import load_settings
    from signpost.model import load_content_model
    monkeypatch.setenv("SIGNPOST_TODAY", "2026-11-22")
    site = directory_site(tmp_path / "project")
    for number, text in enumerate(HOSTILE):
        write_service(site, f"hostile-{number}", name=f"Service {text}", categories=["housing"],
                      alert=text, body=f"{text}\n\nA second paragraph: {text}")
    site.build(strict=False)  # writes mkdocs.yml, which the settings read
    model = load_content_model(site.root / "content", site.root / "data", use_cache=False,
                               settings=load_settings(site.root))
    sources = directory_sources(model, model.vocabulary)
    assert len(sources) > 10
    lifted_somewhere = 0
    for path, source in sources.items():
        body = source.split("\n---\n", 1)[1]  # after the front matter
        plain, restored, blocks = _both_ways(body)
        assert restored == plain, path
        lifted_somewhere += len(blocks)
    assert lifted_somewhere > 50


def test_a_topic_page_that_swallows_a_placeholder_renders_as_written(tmp_path):
    """An unclosed code fence at the end of a topic page takes the appended list in: it is rendered unlifted."""
    site = directory_site(tmp_path / "project")
    site.write("local-info/housing.md", page(
        "Housing", "If you need somewhere to live, start here.\n\n```\nan unclosed fence", topics=["housing"],
        service_categories=["housing"]))
    result = site.build(strict=False)
    assert result.ok, result.output
    housing = result.html("local-info/housing/")
    assert "signpost-html-" not in housing and "Traceback" not in result.output
    assert "Youth Housing Line" in housing  # shown as code, as Python-Markdown renders such a page


def test_a_link_to_an_anchor_in_template_html_is_still_checked(tmp_path):
    site = directory_site(tmp_path / "project")
    site.write("about.md", page("About", "Call the line: [how to contact them](local-info/services/housing-line.md#contact)."
                                " And [a missing place](local-info/services/housing-line.md#no-such-part).",
                                topics=["about-service"]))
    result = site.build(strict=False)
    assert result.ok, result.output
    assert "#no-such-part" in result.output
    assert "#contact" not in result.output


def test_a_service_page_gives_the_same_messages_with_its_template_html_lifted(tmp_path, monkeypatch):
    """`signpost translations extract` reads a service page's messages with the HTML lifted: the same list."""
    from signpost.directory.translation import translatable_pages
    from signpost.engine.mkdocs.project import load_settings
    from signpost.model import load_content_model
    from signpost.translations.extract import _page_messages, page_messages
    monkeypatch.setenv("SIGNPOST_TODAY", "2026-11-22")
    site = directory_site(tmp_path / "project")
    for number, text in enumerate(HOSTILE):
        write_service(site, f"hostile-{number}", name=f"Service {text}", alert=text, body=f"{text}\n\nMore: {text}")
    site.build(strict=False)
    model = load_content_model(site.root / "content", site.root / "data", use_cache=False,
                               settings=load_settings(site.root))
    reader = model.settings.block_reader
    for path, source in translatable_pages(model).items():
        lifted = page_messages(source, model.settings)
        plain = list(_page_messages(source.file, source.title, source.description, source.body, source.body_line,
                                    source.line_of("title") or 1, source.line_of("description") or 1, reader))
        assert lifted == plain and len(plain) >= 3, path
    assert reader.for_template_html() != reader  # a different key in the messages' caches
