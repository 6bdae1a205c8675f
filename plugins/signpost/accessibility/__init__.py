"""signpost/accessibility plugin."""
