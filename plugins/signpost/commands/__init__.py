"""One module per `signpost` command, with `run(args) -> int`; their arguments are in `arguments`.

`signpost.cli` builds the parser from `arguments` alone and imports a command's
module only when that command runs, so a command module imports what it needs at
its top.
"""
