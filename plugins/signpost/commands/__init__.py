"""One module per `signpost` command: HELP, configure(parser), run(args) -> int."""
