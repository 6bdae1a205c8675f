"""What the engine adapter calls to apply the safety policies to a build. MkDocs-free.

The content plugin (the MkDocs adapter) calls these four functions and knows
nothing else of the policies: the model checks, the files to leave out, the
sanitiser for editors' pages and the last line of defence for every page.
"""

from __future__ import annotations

import os
from pathlib import Path

from signpost.findings import Finding, error
from signpost.safety import checks
from signpost.safety.markup import sanitise_page_html
from signpost.safety.output import defuse_page
from signpost.safety.paths import outside_folder_problem

CHECK = "security"


def model_findings(model) -> list[Finding]:
    """The security findings of the whole content model (the same `signpost check` prints)."""
    return checks.check_model(model)


def files_outside(files, project_root: Path) -> list:
    """Files of the build whose real path leaves the project (symbolic links): never published."""
    # Only files that sit in the project and lead out of it: the theme and Material's assets may
    # live elsewhere (an installed package, a test's fixture project) and are not links.
    return [file for file in files
            if file.abs_src_path and _inside(Path(os.path.abspath(file.abs_src_path)), project_root)
            and outside_folder_problem(file.abs_src_path, project_root) is not None]


def _inside(path: Path, root: Path) -> bool:
    return path.is_relative_to(Path(os.path.abspath(root)))


def sanitise_content(model, source_path: str, html: str) -> str:
    """An editor's page (any language, translated blocks included) through the raw-HTML allow-list.

    Generated pages (the directory) are signpost's own escaped HTML and are left to `defuse_output`.
    """
    return sanitise_page_html(html) if model.page(source_path) is not None else html


def defuse_output(model, source_path: str, page_html: str) -> tuple[str, list[Finding]]:
    """The finished page without executable markup; an error for each thing that had to be removed."""
    cleaned, defused = defuse_page(page_html)
    if not defused:
        return page_html, []
    file = f"{model.display_prefix}/{source_path}"
    removed = ", ".join(sorted(set(defused.removed)))
    return cleaned, [error(file, f"executable markup was removed from the built page: {removed}", field="html",
                           check=CHECK, hint="remove the script, event handler or unsafe link from the source "
                                             "(see docs/security.md)")]
