"""Settings of the signpost/freshness plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from signpost.freshness.schedule import DEFAULT_DUE_WITHIN_DAYS


class FreshnessConfig(Config):
    enabled = opt.Type(bool, default=True)

    # Settings for review dates
    # A page or service is "due" (a warning) this many days before its
    # review date, and "overdue" (an error that fails the build) after it.
    due_within_days = opt.Type(int, default=DEFAULT_DUE_WITHIN_DAYS)
    # "Last reviewed ... Next review by ..." at the end of every page.
    show_review_dates = opt.Type(bool, default=True)
    # Pages that show their own dates (directory service pages say when
    # their details were last checked), as content-relative prefixes.
    own_dates_under = opt.ListOfItems(opt.Type(str), default=["local-info/services/"])

    # Settings for checks
    outdated_references = opt.Type(bool, default=True)
    git_history = opt.Type(bool, default=True)
    translations = opt.Type(bool, default=True)

    # Settings for export
    # The page list for monitoring jobs, written once after the last
    # language build; empty to write none.
    pages_json = opt.Type(str, default="pages.json")
