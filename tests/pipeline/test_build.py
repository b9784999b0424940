"""nn-course build: valid solutions, course/ exactly as a build makes it, nothing stored run."""

import json
import re
from pathlib import Path

import pytest

from nn_course import notebooks, study_time
from nn_course.build import build
from nn_course.course import LANGUAGES, Course
from nn_course.course import edition as repository_edition
from nn_course.translation import DOCUMENTS

REPO_COURSE = Course()
ASSIGNMENTS = REPO_COURSE.assignments()
REPO = Path(__file__).resolve().parents[2]


def test_there_are_assignments():
    assert "01_perceptron" in ASSIGNMENTS


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_course_equals_a_fresh_build(edition, assignment):
    repository = repository_edition(edition.language)
    notebooks_of = [Course.release_notebook] + [Course.solution_notebook] * bool(edition.english)
    for notebook in notebooks_of:  # a translated edition's solutions are built too
        fresh, committed = notebook(edition, assignment), notebook(repository, assignment)
        assert fresh.read_bytes() == committed.read_bytes(), (
            f"{committed.relative_to(REPO)} is stale: run `nn-course build "
            f"--language {edition.language}` and commit")
    if edition.english:  # with the documents its notebooks link to
        for name in DOCUMENTS:
            committed = repository.release / name
            assert (edition.release / name).read_bytes() == committed.read_bytes(), (
                f"{committed.relative_to(REPO)} is stale: run `nn-course build --language "
                f"{edition.language}` and commit")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_link_of_a_student_notebook_leads_to_a_file_beside_it(language):
    course = repository_edition(language)
    for assignment in ASSIGNMENTS:
        path = course.release_notebook(assignment)
        text = "\n".join(c.source for c in notebooks.read(path).cells if c.cell_type == "markdown")
        text = re.sub(r"\$\$.*?\$\$|\$[^$]*\$|`+[^`]*`+", " ", text, flags=re.S)  # maths, code
        targets = [t.split("#")[0] for t in re.findall(r"\]\(([^)\s]+)\)", text)
                   if not re.match(r"[a-z]+:|#", t)]
        missing = [t for t in targets if not (path.parent / t).resolve().is_file()]
        assert targets and not missing, f"{path.relative_to(REPO)}: links to nothing: {missing}"
        # inside the folder the student opens, not beyond it
        assert all((path.parent / t).resolve().is_relative_to(course.release) for t in targets)


def test_build_is_idempotent(scratch):
    before = {a: scratch.release_notebook(a).read_bytes() for a in ASSIGNMENTS}
    build(scratch, log=lambda *_: None)
    assert {a: scratch.release_notebook(a).read_bytes() for a in ASSIGNMENTS} == before


@pytest.mark.parametrize("path", sorted((REPO / "solutions").rglob("*.ipynb"))
                         + sorted((REPO / "course").rglob("*.ipynb"))
                         + sorted((REPO / "es").rglob("*.ipynb")), ids=str)
def test_notebooks_are_stored_without_outputs(path):
    nb = json.loads(path.read_text())
    stored = [i for i, c in enumerate(nb["cells"]) if c.get("outputs") or c.get("execution_count")]
    assert not stored, f"cells {stored} of {path.name} carry outputs or execution counts"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_student_version_has_stubs_and_no_solutions_or_hidden_tests(assignment, language):
    text = repository_edition(language).release_notebook(assignment).read_text()
    assert "### BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert f'raise NotImplementedError(\\"{notebooks.STUB_VERB[language]} ' in text


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_header_states_the_time_the_written_rule_gives(assignment):
    nb = notebooks.read(REPO_COURSE.solution_notebook(assignment))
    expected = study_time.spoken(study_time.minutes(nb))
    assert study_time.stated(nb) == expected, f"the header should say: {study_time.time_line(nb)}"
