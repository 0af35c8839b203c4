"""Build the analysis pipeline from its data files (loaded once, passed in everywhere)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from stream.core import classifier, places
from stream.core.actors import load_actor_finder
from stream.core.analysis import Analyzer
from stream.core.casualties import CasualtyCounter
from stream.core.classifier import load_classifier
from stream.core.places import load_place_finder

__all__ = ["build_analyzer", "compiled_core"]


def compiled_core() -> bool:
    """True when the analysis core runs as mypyc-compiled C (setup.py), False in pure Python."""
    return all(not str(module.__file__).endswith(".py") for module in (classifier, places))


def build_analyzer(
    places_files: Sequence[Path] = (), actors_files: Sequence[Path] = ()
) -> Analyzer:
    """Load the classifier, actor lexicon, casualty counter and gazetteer into an Analyzer.

    The classifier's scan of a text finds the literals of the actor and casualty steps too.
    """
    actors = load_actor_finder(actors_files)
    casualties = CasualtyCounter()
    return Analyzer(
        classifier=load_classifier({**actors.shared_literals(), **casualties.shared_literals()}),
        places=load_place_finder(places_files),
        actors=actors,
        casualties=casualties,
    )
