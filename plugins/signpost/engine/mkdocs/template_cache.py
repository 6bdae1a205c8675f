"""The theme's templates compiled once per process, not once per language pass.

MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n
runs one build per language: each pass compiled the same 40-odd Material and
signpost templates again (about 200 compilations for five languages, 7 s of a
profiled 100-page build). Jinja's bytecode cache is made for this: an
environment with the cache looks a template up by its name and file, checks
the source's checksum, and compiles only when the source is new or changed.
The environments of one build differ only in their language's globals and
translations, which a template reads when it runs, never when it compiles.
Jinja ships file and memcached caches; this one keeps the compiled code in
memory (it must not outlive the process: a build's templates are not reused).
"""

from __future__ import annotations

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket


class InMemoryBytecodeCache(BytecodeCache):
    """Compiled templates by Jinja's key (template name and file); Jinja checks each source's checksum."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)  # a changed source's checksum makes Jinja compile it again

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._compiled.clear()


SHARED = InMemoryBytecodeCache()


def share_compiled_templates(env: Environment) -> Environment:
    """Let this (language pass's) environment reuse what an earlier pass of this process compiled."""
    env.bytecode_cache = SHARED
    return env
