"""`signpost new page PATH`: start a page with every required field filled in."""

from __future__ import annotations

import sys
from pathlib import Path

from signpost.commands._new_file import write_new_file
from signpost.model import load_content_model
from signpost.model.scaffold import page_template
from signpost.safety.paths import outside_folder_problem, relative_path_problem


def run(args) -> int:
    content: Path = args.content
    relative = Path(args.path)
    if relative.parts and relative.parts[0] == content.name:
        relative = Path(*relative.parts[1:])
    if relative.suffix != ".md":
        relative = relative.with_suffix(".md")
    problem = relative_path_problem(str(args.path)) or outside_folder_problem(content / relative, content.absolute().parent)
    if problem:
        # `..`, an absolute path, or a symbolic link out of the project (docs/security.md).
        print(f"signpost: {args.path} must be a path inside {content}/ ({problem}); nothing was written",
              file=sys.stderr)
        return 2
    target = content / relative
    if target.exists():
        print(f"signpost: {target} already exists; nothing was written (choose another name)", file=sys.stderr)
        return 1
    model = load_content_model(content, args.data)
    defaults, _ = model.section_defaults.for_path(relative.as_posix())
    text = page_template(relative, defaults, title=args.title)
    write_new_file(target, text)
    print(f"signpost: wrote {target}; fill in the description, topics and text, then run `signpost check`")
    return 0
