"""nn_course.notebooks.convention_problems: the authoring rules `nn-course build` enforces."""

import nbformat
import pytest

from nn_course import notebooks
from nn_course.course import Course

COURSE = Course()


def meta(**fields):
    return {"nbgrader": {"schema_version": 3, "grade": False, "solution": False,
                         "locked": True, **fields}}


@pytest.mark.parametrize("assignment", COURSE.assignments())
def test_the_course_follows_the_rules(assignment):
    assert notebooks.convention_problems(
        notebooks.read(COURSE.solution_notebook(assignment))) == []


@pytest.mark.parametrize("cell, problem", [
    (nbformat.v4.new_code_cell("x = 1"), "without nbgrader metadata"),
    (nbformat.v4.new_code_cell("assert f(1) == 2", metadata=meta(
        grade=True, points=1, grade_id="f_visible")), "must call check_function or check_answer"),
    (nbformat.v4.new_code_cell("check_function(f, g, [])", metadata=meta(
        grade=True, points=1, grade_id="f_visible", locked=False)), "must be locked"),
    (nbformat.v4.new_code_cell("def f(x):\n    return x", metadata=meta(
        solution=True, locked=False, grade_id="f")), "### END SOLUTION"),
])
def test_broken_rules_are_named(cell, problem):
    nb = nbformat.v4.new_notebook(cells=[cell])
    assert any(problem in p for p in notebooks.convention_problems(nb))
