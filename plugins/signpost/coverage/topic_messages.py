"""Topic titles and descriptions for translators (interface.po). MkDocs-free.

A module of its own, with no imports, because `signpost.sources` loads its
provider by name: in `topics_page.py` (which needs the coverage matrix, which
needs translation status, which needs `signpost.sources`) it closed an import
circle through that registry.
"""

from __future__ import annotations


def registry_messages(registry) -> list[tuple[str, str, int]]:
    """Topic titles and descriptions for the interface catalog: (message, file, line).

    For `signpost translations extract`, so translators find them in interface.po:
    `for message, file, line in registry_messages(model.registry): ...`.
    """
    messages: list[tuple[str, str, int]] = []
    for topic in registry.topics.values():
        lines = registry.topic_field_lines.get(topic.id, {})
        messages.append((topic.title, registry.topics_file, lines.get("title", 0)))
        if topic.description:
            messages.append((topic.description, registry.topics_file, lines.get("description", 0)))
    return messages


def model_registry_messages(model) -> list[tuple[str, str, int]]:
    """`registry_messages` for a content model (the shape `signpost.sources` expects)."""
    return registry_messages(model.registry)
