"""signpost/freshness plugin."""
