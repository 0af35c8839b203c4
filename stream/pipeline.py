"""Build the analysis pipeline from its data files (loaded once, passed in everywhere)."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from stream.core import classifier, places
from stream.core.actors import load_actor_finder
from stream.core.analysis import Analyzer
from stream.core.casualties import CasualtyCounter
from stream.core.classifier import load_classifier
from stream.core.places import load_place_finder

__all__ = ["build_analyzer", "compiled_core", "stale_compiled_modules"]

_BUILD_SLACK_S: Final = 2.0
"""A source this much newer than its compiled module was edited after the build (files of one
install are written within moments of each other)."""
_CORE: Final = Path(str(classifier.__file__)).parent


def compiled_core() -> bool:
    """True when the analysis core runs as mypyc-compiled C (setup.py), False in pure Python."""
    return all(not str(module.__file__).endswith(".py") for module in (classifier, places))


def stale_compiled_modules(core: Path = _CORE) -> list[str]:
    """Sources in `core` edited after mypyc compiled them: the compiled, older code is what runs."""
    return sorted(
        source.name
        for compiled in core.glob("*.so")
        if (source := compiled.with_name(compiled.name.split(".")[0] + ".py")).exists()
        and source.stat().st_mtime > compiled.stat().st_mtime + _BUILD_SLACK_S
    )


def build_analyzer(
    places_files: Sequence[Path] = (), actors_files: Sequence[Path] = ()
) -> Analyzer:
    """Load the classifier, actor lexicon, casualty counter and gazetteer into an Analyzer.

    The classifier's scan of a text finds the literals of the actor and casualty steps too;
    a warning names core modules whose compiled copy is older than their source.
    """
    stale = stale_compiled_modules()
    if stale:
        warnings.warn(
            f"{', '.join(stale)} changed after mypyc compiled them, and the old compiled code "
            "runs: `make install` rebuilds it",
            RuntimeWarning,
            stacklevel=2,
        )
    actors = load_actor_finder(actors_files)
    casualties = CasualtyCounter()
    return Analyzer(
        classifier=load_classifier({**actors.shared_literals(), **casualties.shared_literals()}),
        places=load_place_finder(places_files),
        actors=actors,
        casualties=casualties,
    )
