"""signpost/directory plugin."""
