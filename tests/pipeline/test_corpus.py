"""The answer corpus, graded by the real grader (``nn_course.grading.grade``, two processes).

- Every correct answer written differently from the solutions (``correct_<assignment>.py``)
  keeps full marks: the k-th correct answer of every exercise goes into one notebook.
- Every misconception (``mutants_<assignment>.py``) loses points on its exercise: mutants go
  into notebooks a few at a time, never together with a mutant of an exercise they call or that
  calls them, so each loss is the mutant's own.
- An answer that calls coursekit's reference of its own exercise earns 0 for it, with a note.
"""

import nbformat
import pytest
from answer_files import load_correct, load_mutants

from nn_course import notebooks, plan
from nn_course.course import Course
from nn_course.grading import grade

REPO_COURSE = Course()


def exercises(assignment: str) -> dict[str, set[str]]:
    """``{answer grade_id: the other answers it calls}`` (from the solution notebook)."""
    nb = notebooks.read(REPO_COURSE.solution_notebook(assignment))
    answers = {notebooks.nbgrader_meta(c)["grade_id"]: c.source for c in nb.cells
               if notebooks.nbgrader_meta(c).get("solution")}
    names = {g: plan.defined_names(source) for g, source in answers.items()}
    return {g: {other for other in answers if other != g and names[other]
                & plan.read_names(source)} for g, source in answers.items()}


def independent_groups(grade_ids: list[str], calls: dict[str, set[str]]) -> list[list[str]]:
    """``grade_ids`` in groups where no answer calls another of its group."""
    groups: list[list[str]] = []
    for grade_id in grade_ids:
        for group in groups:
            if not any(grade_id in calls[g] or g in calls[grade_id] for g in group):
                group.append(grade_id)
                break
        else:
            groups.append([grade_id])
    return groups


def with_answers(assignment: str, answers: dict[str, str]):
    nb = notebooks.read(REPO_COURSE.solution_notebook(assignment))
    for cell in nb.cells:
        grade_id = notebooks.nbgrader_meta(cell).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return nb


def questions(table, assignment: str, grade_id: str) -> list[str]:
    names = {f"{assignment}:{grade_id}_{suffix}" for suffix in ("visible", "hidden", "answer")}
    found = [q for q in table.questions if q in names]
    assert found, f"no graded cells for {assignment}:{grade_id}"
    return found


@pytest.fixture(scope="module")
def corpus(scratch, tmp_path_factory):
    """The graded run and, per student, ``(assignment, kind, {grade_id: answer index})``."""
    folder = tmp_path_factory.mktemp("corpus")
    students = {}
    for assignment in scratch.assignments():
        short = assignment[:2]
        correct = load_correct(assignment)
        for k in range(max(map(len, correct.values()), default=0)):
            chosen = {g: sources[k] for g, sources in correct.items() if k < len(sources)}
            students[f"ok{k}-{short}"] = (assignment, "correct", chosen)
        mutants, reference_calls = load_mutants(assignment)
        calls = exercises(assignment)
        for k in range(max(map(len, mutants.values()))):
            wrong = [g for g, sources in mutants.items() if k < len(sources)]
            for n, group in enumerate(independent_groups(wrong, calls)):
                students[f"m{k}.{n}-{short}"] = (assignment, "mutant",
                                                 {g: mutants[g][k] for g in group})
        students[f"ref-{short}"] = (assignment, "reference", reference_calls)
    for student, (assignment, _, answers) in students.items():
        (folder / student).mkdir()
        nbformat.write(with_answers(assignment, answers),
                       str(folder / student / f"{assignment}.ipynb"))
    return grade(scratch, folder, progress=False, jobs=2), students


def test_the_corpus_is_large_enough(corpus):
    _, students = corpus
    counted = {kind: sum(len(a) for _, k, a in students.values() if k == kind)
               for kind in ("correct", "mutant")}
    assert counted["correct"] >= 80 and counted["mutant"] >= 80, counted


def test_every_correct_answer_keeps_full_marks(corpus):
    run, students = corpus
    losing = {student: {q: s for q, s in run.table.scores[student].items()
                        if q.startswith(assignment) and s < run.table.max_scores[q]}
              for student, (assignment, kind, _) in students.items() if kind == "correct"}
    assert not {s: lost for s, lost in losing.items() if lost}


def test_every_misconception_loses_points(corpus):
    run, students = corpus
    surviving = [f"{student}:{grade_id}"
                 for student, (assignment, kind, answers) in students.items() if kind == "mutant"
                 for grade_id in answers
                 if all(run.table.scores[student][q] == run.table.max_scores[q]
                        for q in questions(run.table, assignment, grade_id))]
    assert not surviving


def test_calling_the_reference_earns_nothing_and_is_noted(corpus):
    run, students = corpus
    for student, (assignment, kind, answers) in students.items():
        if kind != "reference":
            continue
        for grade_id in answers:
            assert all(run.table.scores[student][q] == 0
                       for q in questions(run.table, assignment, grade_id)), (student, grade_id)
        assert any(p.startswith(f"{student}/{assignment}") and "CourseMaterialUnavailable" in p
                   for p in run.problems), student
