"""Known misconceptions, recognised in the values of a wrong answer.

A :class:`Misconception` is a wrong way to compute an exercise that students are known to take
(log10 for ln, a sum for a mean, a forgotten bias, the old weights in the hidden delta...).
``compute`` takes the exercise's arguments and returns what that wrong way gives; ``says`` is
the one sentence a student reads when their function returns exactly that on a failing case
(:func:`coursekit.checks.check_function`). A correct answer never fails a case, so it is never
diagnosed; a misconception that agrees with the reference on the failing case is not named.

The catalogue has one module per notebook (``nb01`` ... ``nb07``), each with a ``CATALOGUE``
that maps the name of an exercise's function (``sigmoid_derivative``, whose cell's
``grade_id`` may differ) to its misconceptions. Each ``compute`` is a module-level function:
like the reference, it is not there while a notebook is graded, and the grader runs the checks
in its own process. Each misconception is embodied by a mutant in
``tests/notebooks/mutants_NN_topic.py`` (a line ``# misconception: <name>`` in its source),
whose visible test's failure must carry ``says``.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Misconception:
    """A known wrong way to compute an exercise.

    Attributes
    ----------
    name : str
        Short identifier, unique within the exercise (``"log10"``, ``"forgot_bias"``).
    compute : callable
        Takes the exercise's arguments, returns what the wrong way gives.
    says : str
        One sentence naming the mistake and what the slides do instead, e.g. "your values
        equal log10(p): the slides' BCE uses the natural log".
    """

    name: str
    compute: Callable
    says: str


@functools.cache
def catalogue() -> dict[str, tuple[Misconception, ...]]:
    """Every exercise's misconceptions, from the modules ``nb01`` ... ``nb07``."""
    merged: dict[str, tuple[Misconception, ...]] = {}
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        table = importlib.import_module(f"{__name__}.{module}").CATALOGUE
        for exercise, known in table.items():
            if exercise in merged:
                raise ValueError(f"exercise {exercise!r} has misconceptions in two modules")
            merged[exercise] = tuple(known)
    return merged
