"""How long a notebook takes a student, from a written rule (each notebook's header states it).

The rule, for a typical student of the course:

- prose is read at 150 words a minute (a formula counts as one word);
- an exercise takes 4 minutes plus 1.5 minutes per line of the solution's code (comments and
  blank lines left out; at most 12 lines counted);
- a question ("check your understanding") takes 3 minutes;
- an explorer (a call of ``coursekit.explorers``' widget functions) takes 6 minutes (its task,
  the prediction and the explanation);
- every other code cell (setup, worked examples) takes half a minute to run and read.

The total is rounded up to 5 minutes.
"""

from __future__ import annotations

import math
import re

from nn_course import notebooks

WORDS_PER_MINUTE = 150
EXERCISE, PER_LINE, MAX_LINES = 4.0, 1.5, 12
QUESTION, EXPLORER, CODE_CELL = 3.0, 6.0, 0.5
EXPLORER_IMPORT = re.compile(r"from coursekit\.explorers(?:\.(\w+))? import ([\w, ]+)")
FORMULA = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$", re.DOTALL)
TIME_LINE = re.compile(r"\*\*Time:\*\* about (?P<time>[^(\n]+?) \(")


def _solution_lines(source: str) -> int:
    body = source.partition("### BEGIN SOLUTION")[2].partition("### END SOLUTION")[0]
    return sum(1 for line in body.splitlines() if line.strip() and not line.strip()
               .startswith("#"))


def counts(nb) -> dict[str, int]:
    """What the rule counts in a solution notebook: ``words``, ``exercises``, ``lines``,
    ``questions``, ``explorers`` and ``code_cells``."""
    found = dict.fromkeys(("words", "exercises", "lines", "questions", "explorers",
                           "code_cells"), 0)
    explorers = {name.strip() for cell in nb.cells if cell.cell_type == "code"  # not helpers
                 for module, names in EXPLORER_IMPORT.findall(cell.source)
                 for name in names.split(",") if "explorer" in name or name.strip() == module}
    call = re.compile(rf"\b({'|'.join(explorers)})\s*\(" if explorers else r"(?!)")
    for cell in nb.cells:
        meta = notebooks.nbgrader_meta(cell)
        if cell.cell_type == "markdown":
            found["words"] += len(FORMULA.sub(" formula ", cell.source).split())
        elif meta.get("solution") and meta.get("grade_id", "").startswith("q_"):
            found["questions"] += 1
        elif meta.get("solution"):
            found["exercises"] += 1
            found["lines"] += min(_solution_lines(cell.source), MAX_LINES)
        elif cell.cell_type == "code" and not meta.get("grade"):
            found["explorers" if call.search(cell.source) else "code_cells"] += 1
    return found


def minutes(nb) -> int:
    """The rule's time for notebook ``nb`` (a solution notebook), in minutes."""
    c = counts(nb)
    total = (c["words"] / WORDS_PER_MINUTE + EXERCISE * c["exercises"] + PER_LINE * c["lines"]
             + QUESTION * c["questions"] + EXPLORER * c["explorers"] + CODE_CELL * c["code_cells"])
    return 5 * math.ceil(total / 5)


def spoken(total: int) -> str:
    """``"2 h 10 min"`` (``"55 min"`` under an hour)."""
    hours, rest = divmod(total, 60)
    return f"{hours} h {rest} min" if hours and rest else f"{hours} h" if hours else f"{rest} min"


def time_line(nb) -> str:
    """The header line stating the notebook's time, e.g. ``**Time:** about 2 h 10 min (7
    exercises, 3 questions, 3 explorers; estimated by the rule in the README).``"""
    c = counts(nb)
    return (f"**Time:** about {spoken(minutes(nb))} ({c['exercises']} exercises, "
            f"{c['questions']} questions, {c['explorers']} explorers; estimated by the rule in "
            "the README).")


def stated(nb) -> str | None:
    """The time the notebook's header states (``"2 h 10 min"``), None if it states none."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and (match := TIME_LINE.search(cell.source)):
            return match.group("time")
    return None
