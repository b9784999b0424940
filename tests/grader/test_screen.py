"""nn_course.screen: which student cells run while grading."""

import pytest

from nn_course import notebooks, screen
from nn_course.course import Course

COURSE = Course()


@pytest.mark.parametrize("assignment", COURSE.assignments())
def test_every_solution_and_stub_passes_the_screen(assignment):
    for path in (COURSE.solution_notebook(assignment), COURSE.release_notebook(assignment)):
        for cell in notebooks.read(path).cells:
            if cell.cell_type == "code" and notebooks.nbgrader_meta(cell).get("solution"):
                assert screen.problems(cell.source) == [], (path.name, cell.source[:80])


@pytest.mark.parametrize("source, found", [
    ("import sys", "line 1: imports sys"),
    ("import os.path", "line 1: imports os.path"),
    ("from coursekit import checks", "line 1: imports from coursekit"),
    ("from coursekit.checks import check_function", "line 1: imports from coursekit.checks"),
    ("import coursekit.records", "line 1: imports coursekit.records"),
    ("x = 1\n__import__('os')", "line 2: uses __import__"),
    ("exec('1')", "line 1: uses exec"),
    ("f = open('x')", "line 1: uses open"),
    ("get_ipython().events", "line 1: uses get_ipython"),
    ("!ls", "line 1: uses get_ipython"),
    ("%timeit -n1 __import__('os')", "line 1: uses get_ipython"),  # magics run strings
    ("f.__globals__['x'] = 1", "line 1: uses .__globals__"),
    ("import coursekit\ncoursekit.checks.RECORD_SECONDS = 9", "line 2: uses .checks"),
    ("check_function = print", "line 1: rebinds check_function"),
    ("def check_answer(*a):\n    pass", "line 1: redefines check_answer"),
    ("getattr(np, 'x' + 'y')", "line 1: uses getattr"),
    ("np.ctypeslib.load_library('libc', '/lib')", "line 1: uses .ctypeslib"),
    ("from numpy import ctypeslib", "line 1: imports from numpy"),
])
def test_forbidden_constructs_are_named_with_their_line(source, found):
    assert found in screen.problems(source)


@pytest.mark.parametrize("source", [
    "import numpy as np\nfrom math import exp\nfrom collections import defaultdict",
    "from coursekit import activations\nfrom coursekit.network import forward",
    "def f(x):\n    return x.__len__()",
    "this is not python (",
])
def test_ordinary_code_passes(source):
    assert screen.problems(source) == []


def test_note_names_the_problems():
    note = screen.note(["line 1: imports sys", "line 2: uses exec"])
    assert "line 1: imports sys; line 2: uses exec" in note and "scores 0" in note
