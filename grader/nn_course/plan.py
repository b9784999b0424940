"""Which cells of a submission run where when it is graded.

Every cell is classified by its ``grade_id`` against the course's own record of the notebook (the
gradebook's source cells), never by the metadata the submission carries:

- **test** cells (graded, not answers) run in the grader's process, from the course's source,
  with the hidden tests (:mod:`nn_course.judge`). Their source never enters the sandbox;
- the **setup** cell (``grade_id`` ``setup``) runs in both places;
- **student** cells (answers, and cells the student added) run in the sandbox, with the
  **locked** cells they need (the course's source of those): a locked cell runs there when it
  defines a name a cell running there reads, and was the last to define it before that cell.

The names the solution's answer cells define (functions, answer variables) and the tests read
are what the grader reads from the student's kernel.
"""

from __future__ import annotations

import functools
import symtable
from dataclasses import dataclass, field
from typing import NamedTuple

from IPython.core.inputtransformer2 import TransformerManager
from nbgrader.api import Gradebook

SETUP = "setup"


class CourseCell(NamedTuple):
    """The course's record of one cell of a released notebook."""

    kind: str  # "test", "answer" or "locked"
    source: str


def _table(source: str):
    try:
        return symtable.symtable(TransformerManager().transform_cell(source), "<cell>", "exec")
    except SyntaxError:
        return None


@functools.lru_cache(maxsize=4096)
def defined_names(source: str) -> frozenset[str]:
    """Names a cell binds at its top level (assignments, imports, functions, classes)."""
    table = _table(source)
    if table is None:
        return frozenset()
    return frozenset(s.get_name() for s in table.get_symbols()
                     if s.is_assigned() or s.is_imported())


@functools.lru_cache(maxsize=4096)
def read_names(source: str) -> frozenset[str]:
    """Global names a cell reads (at its top level or inside the functions it defines) and does
    not define itself."""
    table, names = _table(source), set()
    todo = [(table, True)] if table is not None else []
    while todo:
        scope, top = todo.pop()
        for symbol in scope.get_symbols():
            if symbol.is_referenced() and (top or symbol.is_global()):
                names.add(symbol.get_name())
        todo += [(child, False) for child in scope.get_children()]
    return frozenset(names) - defined_names(source)


def course_cells(db_url: str, notebook: str, assignment: str) -> dict[str, CourseCell]:
    """``{grade_id: CourseCell}`` of the released notebook, from the gradebook."""
    with Gradebook(db_url) as gradebook:
        record = gradebook.find_notebook(notebook, assignment)
        graded = {c.name for c in record.grade_cells}
        answers = {c.name for c in record.solution_cells}
        return {c.name: CourseCell("answer" if c.name in answers else
                                   "test" if c.name in graded else "locked", c.source)
                for c in record.source_cells if c.cell_type == "code"}


@dataclass
class Plan:
    """Where each cell of a submission runs (see the module docs)."""

    kinds: dict[int, str] = field(default_factory=dict)  # index -> test/setup/locked/student
    sources: dict[int, str] = field(default_factory=dict)  # index -> the course's source
    in_kernel: list[int] = field(default_factory=list)  # indices the sandbox runs, in order
    setup: str = ""  # the course's setup cell
    student_names: list[str] = field(default_factory=list)  # what the tests read


def plan(nb, course: dict[str, CourseCell]) -> Plan:
    """The plan of submission ``nb`` given the course's cells."""
    result = Plan(setup=course[SETUP].source if SETUP in course else "")
    answers = set().union(*(defined_names(c.source) for c in course.values()
                            if c.kind == "answer"))
    read = set().union(*(read_names(c.source) for c in course.values() if c.kind == "test"))
    result.student_names = sorted(answers & read)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        known = course.get(grade_id)
        if known is None or known.kind == "answer":
            result.kinds[index] = "student"
        else:
            result.kinds[index] = SETUP if grade_id == SETUP else known.kind
            result.sources[index] = known.source
    locked = [i for i, kind in result.kinds.items() if kind == "locked"]
    runs = {i for i, kind in result.kinds.items() if kind in ("student", SETUP)}
    todo = sorted(runs)
    while todo:  # the locked cells that cells running in the sandbox need
        index = todo.pop()
        source = result.sources.get(index, nb.cells[index].source)
        for name in read_names(source):
            definers = [i for i in locked if i < index and name in defined_names(
                result.sources[i])]
            if definers and definers[-1] not in runs:
                runs.add(definers[-1])
                todo.append(definers[-1])
    result.in_kernel = sorted(runs)
    return result
