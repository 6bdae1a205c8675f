"""`signpost build`: build into a temporary folder, publish to site/ only on success.

MkDocs writes straight into `site_dir` and leaves half a site behind when a
plugin fails; so the real build goes to a sibling temporary folder (same
filesystem, so the swap is two renames) and the previous site/ stays
untouched unless the new one is complete.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HELP = "Build the site safely into site/."


def configure(parser) -> None:
    parser.add_argument("--config-file", "-f", default="mkdocs.yml", type=Path)
    parser.add_argument("--site-dir", "-d", default=Path("site"), type=Path)
    parser.add_argument("--no-strict", action="store_true", help="do not treat warnings as errors")


def run(args) -> int:
    site_dir: Path = args.site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(args.config_file), "-d", str(staging)]
    if not args.no_strict:
        command.append("--strict")
    result = subprocess.run(command)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        where = "the previous site/ is unchanged" if site_dir.exists() else "no site/ was written"
        print(f"signpost: the build failed, so nothing was published ({where}).", file=sys.stderr)
        return result.returncode
    publish(staging, site_dir)
    print(f"signpost: published the site to {site_dir}", file=sys.stderr)
    return 0


def publish(staging: Path, site_dir: Path) -> None:
    """Swap the finished build into place with renames, never leaving a half site."""
    old = site_dir.with_name(f".{site_dir.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
