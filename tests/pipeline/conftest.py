"""Scratch copies of the course, built once per session, and the demo class graded in them: the
English course (``scratch``, ``graded_class``) and each edition (``edition``, ``graded_edition``:
the English and the Spanish one, for the tests both must pass)."""

import pytest
from answer_files import load_mutants

from nn_course.build import build
from nn_course.course import LANGUAGES, Course
from nn_course.course import edition as repository_edition
from nn_course.demo import scratch_course


@pytest.fixture(scope="session")
def mutants_of():
    """``mutants_of(assignment) -> (MUTANTS, REFERENCE_CALLS)``."""
    return load_mutants


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """``built(language)``: a built copy of that edition (own gradebook, own release folder)."""
    courses = {}

    def get(language: str) -> Course:
        if language not in courses:
            course = scratch_course(repository_edition(language), tmp_path_factory.mktemp(language))
            build(course, log=lambda *_: None)
            courses[language] = course
        return courses[language]

    return get


@pytest.fixture(scope="session")
def graded(built, tmp_path_factory):
    """``graded(language)``: the demo class (full solution, blank, half solved, corrupt) graded
    in that edition's scratch course: ``(run, archive)``."""
    from nn_course.demo import synthesize_class
    from nn_course.grading import grade

    runs = {}

    def get(language: str):
        if language not in runs:
            course = built(language)
            folder = tmp_path_factory.mktemp(f"class-{language}") / "class"
            archive = synthesize_class(course, folder)
            runs[language] = grade(course, folder, progress=False), archive
        return runs[language]

    return get


@pytest.fixture(scope="session")
def scratch(built) -> Course:
    return built("en")


@pytest.fixture(scope="session")
def graded_class(graded):
    return graded("en")


@pytest.fixture(scope="session", params=LANGUAGES)
def edition(request, built) -> Course:
    return built(request.param)


@pytest.fixture(scope="session")
def graded_edition(edition, graded):
    return graded(edition.language)
