"""signpost/coverage plugin."""
