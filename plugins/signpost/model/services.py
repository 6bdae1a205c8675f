"""Directory services (one Markdown file each in content/local-info/services/).

Placeholder interface, filled in by the local advice directory work: the
content model calls `load_services` once per build, beside the pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from signpost.findings import Finding

SERVICES_DIR = "local-info/services"


def load_services(content_dir: Path, display_prefix: str, registry: Any,
                  section_defaults: Any) -> tuple[dict[str, Any], list[Finding]]:
    """Read and validate every service file; return services by slug and the findings."""
    return {}, []
