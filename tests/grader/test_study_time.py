"""The written rule for a notebook's time: words, exercises and their lines, questions,
explorers and other code cells."""

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from nn_course import study_time


def _cell(source, grade_id, solution=False):
    cell = new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade": False, "solution": solution, "locked": not solution,
                                 "grade_id": grade_id, "schema_version": 3}
    return cell


def test_minutes_follow_the_rule():
    nb = new_notebook(cells=[
        new_markdown_cell("**Time:** about 1 h 5 min (1 exercises, 1 questions, 1 explorers).\n"
                          + "word " * 296 + "$\\sigma(z) = 1/(1+e^{-z})$"),
        _cell("from coursekit.explorers import boundary_explorer, logistic_explorer", "setup"),
        _cell("def f(x):\n    ### BEGIN SOLUTION\n    # a comment\n    y = x\n\n    return y\n"
              "    ### END SOLUTION\n", "f", solution=True),
        _cell("answer = 'a'", "q_gate", solution=True),
        _cell("boundary_explorer()", "explore"),
        _cell("print(1)", "example"),
    ])
    nb = nbformat.from_dict(nb)
    assert study_time.counts(nb) == {"words": 309, "exercises": 1, "lines": 2, "questions": 1,
                                     "explorers": 1, "code_cells": 2}
    # 309/150 + 4 + 2·1.5 + 3 + 6 + 2·0.5 = 19.06 minutes, rounded up to 20 (the header
    # has 12 words, the formula counts as one)
    assert study_time.minutes(nb) == 20
    assert study_time.spoken(20) == "20 min" and study_time.spoken(130) == "2 h 10 min"
    assert study_time.stated(nb) == "1 h 5 min"
    assert study_time.time_line(nb).startswith("**Time:** about 20 min (1 exercises,")
