"""Settings of the signpost/content plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class ContentConfig(Config):
    enabled = opt.Type(bool, default=True)

    # Settings for the content model
    data_dir = opt.Type(str, default="data")

    # Settings for reporting
    # In `mkdocs serve`, findings become warnings and a box on the page
    # instead of stopping the preview.
    show_findings_on_page = opt.Type(bool, default=True)
    fail_on_warnings = opt.Type(bool, default=False)
