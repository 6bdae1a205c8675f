"""signpost/content: validates the content model and reports every finding of a build."""
