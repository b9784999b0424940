"""A scratch copy of the course, built once per session, and helpers to grade notebooks in it."""

import importlib.util
from pathlib import Path

import nbformat
import pytest

from nn_course import notebooks
from nn_course.build import build
from nn_course.course import Course
from nn_course.demo import scratch_course

REPO_COURSE = Course()
MUTANTS_DIR = Path(__file__).resolve().parents[1] / "notebooks"


def load_mutants(assignment: str):
    """The MUTANTS and REFERENCE_CALLS of ``tests/notebooks/mutants_<assignment>.py``."""
    path = MUTANTS_DIR / f"mutants_{assignment}.py"
    spec = importlib.util.spec_from_file_location(f"mutants_{assignment}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.MUTANTS, module.REFERENCE_CALLS


def solved_notebook_with(course: Course, assignment: str, grade_id: str, source: str):
    """The full solution notebook with the cell ``grade_id`` replaced by ``source``."""
    nb = notebooks.read(course.solution_notebook(assignment))
    cells = [c for c in nb.cells if notebooks.nbgrader_meta(c).get("grade_id") == grade_id]
    assert len(cells) == 1, f"{assignment} has no single cell {grade_id!r}"
    cells[0].source = source
    return nb


def write_submission(folder: Path, student: str, assignment: str, nb) -> None:
    (folder / student).mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(folder / student / f"{assignment}.ipynb"))


@pytest.fixture(scope="session")
def mutants_of():
    """``mutants_of(assignment) -> (MUTANTS, REFERENCE_CALLS)``."""
    return load_mutants


@pytest.fixture(scope="session")
def scratch(tmp_path_factory) -> Course:
    """A built copy of the course (own gradebook, own release folder)."""
    course = scratch_course(REPO_COURSE, tmp_path_factory.mktemp("course"))
    build(course, log=lambda *_: None)
    return course


@pytest.fixture(scope="session")
def graded_class(scratch, tmp_path_factory):
    """The demo class (full solution, blank, half solved, corrupt) graded in the scratch course."""
    from nn_course.demo import synthesize_class
    from nn_course.grading import grade

    folder = tmp_path_factory.mktemp("class") / "class"
    archive = synthesize_class(scratch, folder)
    return grade(scratch, folder, progress=False), archive


@pytest.fixture(scope="session")
def mutant_run(scratch, tmp_path_factory):
    """A sample of wrong answers graded by the real grader, one run for all assignments: per
    assignment, the first mutant and the reference-calling version of its first exercise
    (``test_mutants.py`` checks every mutant, faster, in one kernel per notebook).

    Student ``m0-<NN>-<grade_id>`` hands in the full solution with exercise ``grade_id``
    replaced by its first mutant; ``ref-<NN>-<grade_id>`` with a version that calls coursekit's
    reference.
    """
    from nn_course.grading import grade

    folder = tmp_path_factory.mktemp("mutants")
    expected = {}  # student -> (assignment, grade_id, kind)
    for assignment in scratch.assignments():
        mutants, reference_calls = load_mutants(assignment)
        grade_id = next(iter(reference_calls))
        for kind, source in (("mutant", mutants[grade_id][0]),
                             ("reference", reference_calls[grade_id])):
            student = f"{'m0' if kind == 'mutant' else 'ref'}-{assignment[:2]}-{grade_id}"
            write_submission(folder, student, assignment,
                             solved_notebook_with(scratch, assignment, grade_id, source))
            expected[student] = (assignment, grade_id, kind)
    return grade(scratch, folder, progress=False), expected
