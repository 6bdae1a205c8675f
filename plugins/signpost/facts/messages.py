"""Words from data/facts.yml that translators translate (interface.po). MkDocs-free."""

from __future__ import annotations

from signpost.facts.references import is_translatable_value


def interface_messages(model) -> list[tuple[str, str, int]]:
    """(English, file, line) for each fact description and worded value (opening hours)."""
    registry = model.facts
    messages = []
    for fact in registry.facts.values():
        if fact.kind == "emergency":
            messages.append((fact.name, registry.file, fact.key_lines.get("name") or 0))
        if fact.description:
            messages.append((fact.description, registry.file, fact.key_lines.get("description") or 0))
        for name, value in fact.values.items():
            if is_translatable_value(name, value):
                messages.append((value, registry.file, fact.value_lines.get(name) or 0))
    return messages
