"""coursekit.lint: notes on what fails when a notebook is graded (advice, never a grade)."""

import pytest

from coursekit.lint import notes
from nn_course import notebooks
from nn_course.course import Course

COURSE = Course()


@pytest.mark.parametrize("source, found", [
    ("f = open('x')", "line 1: reads a file (open)"),
    ("import numpy as np\nx = np.loadtxt('d.csv')", "line 2: reads a file (loadtxt)"),
    ("name = input()", "line 1: asks for typed input (input)"),
    ("!pip install torch", "line 1: runs a shell command or a magic"),
    ("%run other.py", "line 1: runs a shell command or a magic"),
    ("import urllib.request", "line 1: uses the network"),
    ("from requests import get", "line 1: uses the network"),
])
def test_uses_that_fail_when_graded(source, found):
    assert found in notes(source)


@pytest.mark.parametrize("source", [
    "input = np.zeros(3)\nmax = 2\nsum = 1\ncompile = 4",  # ordinary local names
    "def f(x):\n    return np.maximum(x, 0)",
    "this is not python",
])
def test_ordinary_code_gets_no_note(source):
    assert notes(source) == []


@pytest.mark.parametrize("assignment", COURSE.assignments())
def test_no_solution_gets_a_note(assignment):
    for cell in notebooks.read(COURSE.solution_notebook(assignment)).cells:
        if cell.cell_type == "code" and notebooks.nbgrader_meta(cell).get("solution"):
            assert notes(cell.source) == [], cell.source[:80]
