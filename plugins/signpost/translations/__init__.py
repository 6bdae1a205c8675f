"""signpost/translations plugin."""
