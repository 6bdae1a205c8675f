"""Settings of the signpost/directory plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class DirectoryConfig(Config):
    enabled = opt.Type(bool, default=True)

    # Settings for pages
    # Where "report a mistake" links send their pre-filled email.
    report_email = opt.Type(str, default="directory-team@example.org")
    # Local-info pages with `service_categories:` get a list of those services.
    list_on_topic_pages = opt.Type(bool, default=True)
    # Service and category pages are reachable from the directory home and the
    # A-Z page; listing 40+ of them in the sidebar would bury the navigation.
    services_in_nav = opt.Type(bool, default=False)

    # Settings for open data
    open_data = opt.Type(bool, default=True)
    open_data_dir = opt.Type(str, default="open-data")
