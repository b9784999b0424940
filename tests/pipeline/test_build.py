"""nn-course build: valid solutions, course/ exactly as a build makes it, nothing stored run."""

import json
from pathlib import Path

import pytest

from nn_course import notebooks, study_time
from nn_course.build import build
from nn_course.course import Course

REPO_COURSE = Course()
ASSIGNMENTS = REPO_COURSE.assignments()
REPO = Path(__file__).resolve().parents[2]


def test_there_are_assignments():
    assert "01_perceptron" in ASSIGNMENTS


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_course_equals_a_fresh_build(scratch, assignment):
    fresh = scratch.release_notebook(assignment).read_bytes()
    committed = REPO_COURSE.release_notebook(assignment).read_bytes()
    assert fresh == committed, f"course/{assignment} is stale: run `nn-course build` and commit"


def test_build_is_idempotent(scratch):
    before = {a: scratch.release_notebook(a).read_bytes() for a in ASSIGNMENTS}
    build(scratch, log=lambda *_: None)
    assert {a: scratch.release_notebook(a).read_bytes() for a in ASSIGNMENTS} == before


@pytest.mark.parametrize("path", sorted((REPO / "solutions").rglob("*.ipynb"))
                         + sorted((REPO / "course").rglob("*.ipynb")), ids=str)
def test_notebooks_are_stored_without_outputs(path):
    nb = json.loads(path.read_text())
    stored = [i for i, c in enumerate(nb["cells"]) if c.get("outputs") or c.get("execution_count")]
    assert not stored, f"cells {stored} of {path.name} carry outputs or execution counts"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_student_version_has_stubs_and_no_solutions_or_hidden_tests(assignment):
    text = REPO_COURSE.release_notebook(assignment).read_text()
    assert "### BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert 'raise NotImplementedError(\\"Implement ' in text


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_header_states_the_time_the_written_rule_gives(assignment):
    nb = notebooks.read(REPO_COURSE.solution_notebook(assignment))
    expected = study_time.spoken(study_time.minutes(nb))
    assert study_time.stated(nb) == expected, f"the header should say: {study_time.time_line(nb)}"
