"""Engine adapters: everything that knows a site generator lives below this package.

The core (`signpost.model`, the feature packages, `signpost.findings`, ...)
never imports from here; the adapters import the core. Moving to another
engine means adding or replacing a sub-package, never editing the core.
"""
