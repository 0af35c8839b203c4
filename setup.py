"""Build hook: compile the analysis core with mypyc (CONFLICT_ALERTS_PURE_PYTHON=1 skips it)."""

from __future__ import annotations

import os

from setuptools import setup

# The pure, strictly typed modules every article passes through (text, classification,
# places, actors, casualties): mypyc compiles them unchanged, and the .py files stay beside
# the compiled modules, so deleting the .so files gives the same program in pure Python.
COMPILED = [
    "stream/core/actors.py",
    "stream/core/casualties.py",
    "stream/core/casualty_openings.py",
    "stream/core/casualty_patterns.py",
    "stream/core/casualty_split.py",
    "stream/core/classifier.py",
    "stream/core/classify_advance.py",
    "stream/core/classify_anchors.py",
    "stream/core/classify_attack.py",
    "stream/core/classify_blockers.py",
    "stream/core/classify_context.py",
    "stream/core/classify_gates.py",
    "stream/core/classify_lexicon.py",
    "stream/core/classify_rule.py",
    "stream/core/classify_threat.py",
    "stream/core/gazetteer.py",
    "stream/core/geo.py",
    "stream/core/places.py",
    "stream/core/places_chains.py",
    "stream/core/places_coherence.py",
    "stream/core/places_cues.py",
    "stream/core/places_ext.py",
    "stream/core/places_focus.py",
    "stream/core/places_mentions.py",
    "stream/core/places_nationality.py",
    "stream/core/places_resolve.py",
    "stream/core/places_support.py",
    "stream/core/places_text.py",
    "stream/core/places_words.py",
    "stream/core/text.py",
]


def extensions() -> list[object]:
    """The mypyc extension modules, or none when pure Python is asked for."""
    if os.environ.get("CONFLICT_ALERTS_PURE_PYTHON") == "1":
        return []
    from mypyc.build import mypycify

    return list(mypycify(COMPILED, opt_level="3"))


setup(ext_modules=extensions())
