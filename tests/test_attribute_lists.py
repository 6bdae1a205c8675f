"""Attribute lists found in one pass (signpost.translations.attribute_lists) are the old expression's matches,
and no hostile translation holds the integrity check up."""

from __future__ import annotations

import random
import re
import time

import signpost.engine.mkdocs.markdown_messages  # noqa: F401  the renderer the integrity check uses
from signpost.translations.attribute_lists import attribute_lists
from signpost.translations import integrity
from signpost.translations.integrity import integrity_problems

# The expression the integrity check used: the reference for what is an attribute list.
REFERENCE = re.compile(r"\{:?[ \t]*(?:[#.][^}\n]*|[^}\n\s=]+=[^}\n]*|[^}\n]*[ \t][^}\n]*)\}")
PIECES = ["{", "}", "{:", ":", "#", ".", "=", " ", "\t", "\n", "\u00a0", "a", "id", "onclick", "x=y", "{{", "}}",
          "fact.centre.phone", "ł", "{#top}", "{: .note}", "{date}"]


def test_attribute_lists_are_the_old_expressions_matches():
    rng = random.Random(5)
    found_some = 0
    for _ in range(30000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))
        expected = REFERENCE.findall(text)
        assert attribute_lists(text) == expected, repr(text)
        found_some += bool(expected)
    assert found_some > 5000


HOSTILE = ["{a ", "{a", "{", "{:x", "](a", "][a", "<http://a", "http://a ", "a@a", "a.", "[", "[a", "`", "*", "_a",
           "<a ", "](<", '](a "', "&lt;img "]


def test_a_hostile_translation_is_checked_at_once():
    """Each piece written over and over, up to the longest translation the English allows, then past it."""
    english = "Read the [charter](charter.md) or call 0113 496 0123 today, any day of the week. " * 4
    for piece in HOSTILE:
        longest = (4 * len(english) + 400) // len(piece) * piece
        for hostile in (longest, piece * 30000):
            started = time.process_time()
            problems = integrity_problems(english, hostile)
            # The old expressions took seconds for a few KB and grew with the square or the cube.
            assert time.process_time() - started < 2, piece
            assert problems, piece  # each drops the English's link and phone number, or is too long
    assert "characters long" in integrity_problems(english, "a" * 100000)[0]
    assert integrity_problems("Hello.", "Cześć, " + "bardzo " * 40 + "miło.") == []  # long, but not too long


def test_the_fact_and_markup_patterns_read_hostile_text_in_linear_time():
    """Below the length limit an English paragraph can be long: the patterns must not backtrack."""
    for piece in HOSTILE:
        text = piece * 30000
        started = time.process_time()
        integrity._facts(text)
        integrity._attribute_lists(text)
        integrity._tag_names(text)
        assert time.process_time() - started < 1, piece
