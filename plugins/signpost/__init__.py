"""signpost: publishing system for a youth information and advice service.

The content model (`signpost.model`) and the checks know nothing of MkDocs; the
MkDocs plugins (`signpost.<name>.plugin`) are thin adapters around them.
"""

__version__ = "0.1.0"
