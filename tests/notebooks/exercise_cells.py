"""Exercise cells for the answer files: a solution cell's signature and docstring, then a body.

``cell(assignment, grade_id, body)`` is the solution notebook's cell ``grade_id`` with its
solution replaced by ``body`` (indented as a function body), the way a student's submission
looks: no solution markers, no ``raise NotImplementedError``.
"""

from functools import cache

from nn_course import notebooks
from nn_course.course import Course


@cache
def _sources(assignment: str) -> dict[str, str]:
    nb = notebooks.read(Course().solution_notebook(assignment))
    return {notebooks.nbgrader_meta(c).get("grade_id"): c.source for c in nb.cells}


def head(assignment: str, grade_id: str) -> str:
    """The cell's source before its solution: the signature and the docstring."""
    return _sources(assignment)[grade_id].split("    ### BEGIN SOLUTION")[0]


def cell(assignment: str, grade_id: str, body: str) -> str:
    """The exercise cell ``grade_id`` of ``assignment`` with ``body`` as its code."""
    return head(assignment, grade_id) + body
