"""Settings of the signpost/coverage plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class CoverageConfig(Config):
    enabled = opt.Type(bool, default=True)

    # Settings for the checks
    # Look for each required section's id in the rendered HTML of every language too
    # (catches a translation that lost `{#id}`); the Markdown check always runs.
    check_rendered_sections = opt.Type(bool, default=True)

    # Settings for the Topics A to Z page
    topics_page = opt.Type(bool, default=True)
    topics_page_path = opt.Type(str, default="topics.md")
    services_url = opt.Type(str, default="local-info/services/{slug}/")
