"""A scratch copy of the course, built once per session, and the demo class graded in it."""

import pytest
from answer_files import load_mutants

from nn_course.build import build
from nn_course.course import Course
from nn_course.demo import scratch_course

REPO_COURSE = Course()


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
