"""In the student's own run: every plausible wrong answer (mutant) loses points, every correct
answer written differently from the solution keeps them, and an answer calling the reference
earns 0. (``test_corpus.py`` grades the same answers with the real grader.)

Each notebook's solution runs once in a kernel; then, for every mutant, the exercise cell is
re-run with the mutant's source and that exercise's graded cells (visible and hidden tests, as
the autograder runs them) are run again. nbgrader gives a graded cell 0 exactly when it shows an
error or writes to stderr (``nn_course.notebooks.failing_outputs``). A sample of mutants also
goes through the real grader (``test_grading.py``) to keep the two in step.
"""

import copy
import re

import pytest
from answer_files import load_correct
from nbclient import NotebookClient

from coursekit.language import speaking, tr
from coursekit.misconceptions import catalogue
from nn_course import notebooks
from nn_course.course import LANGUAGES, edition

COURSE = edition("en")
TAG = re.compile(r"# misconception: (\w+)")  # a mutant that embodies a known misconception


def run(client, cell, index) -> list[str]:
    cell = copy.deepcopy(cell)
    client.execute_cell(cell, index)
    return notebooks.failing_outputs(cell)


@pytest.fixture(scope="module", params=[(language, assignment) for language in LANGUAGES
                                        for assignment in COURSE.assignments()], ids="-".join)
def verdicts(request, mutants_of):
    """``{(grade_id, kind, k): [failing? per graded cell]}`` for one assignment's answers, in
    one edition (the same code, tests and answers; messages in its language)."""
    language, assignment = request.param
    path = edition(language).solution_notebook(assignment)
    nb = notebooks.read(path)
    solution = copy.deepcopy(nb.cells)  # nbclient stores each cell it runs back into nb
    mutants, reference_calls = mutants_of(assignment)
    position = {notebooks.nbgrader_meta(c).get("grade_id"): i for i, c in enumerate(nb.cells)}
    client = NotebookClient(nb, kernel_name="python3", timeout=120, allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}},
                            config=COURSE.config)
    results, messages = {}, {}
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                assert not run(client, cell, index), f"the solution fails at cell {index}"
        trials = [(g, "mutant", k, src) for g, sources in mutants.items()
                  for k, src in enumerate(sources)]
        trials += [(g, "reference", 0, src) for g, src in reference_calls.items()]
        trials += [(g, "correct", k, src) for g, sources in load_correct(assignment).items()
                   for k, src in enumerate(sources)]
        for grade_id, kind, k, source in trials:
            names = {f"{grade_id}_{suffix}" for suffix in ("visible", "hidden", "answer")}
            tests = [(i, c) for i, c in enumerate(solution)
                     if notebooks.nbgrader_meta(c).get("grade")
                     and notebooks.nbgrader_meta(c)["grade_id"] in names]
            assert tests, f"{assignment}: no graded cells for {grade_id}"
            answer = copy.deepcopy(solution[position[grade_id]])
            answer.source = source
            run(client, answer, position[grade_id])
            failures = [run(client, c, i) for i, c in tests]
            results[(grade_id, kind, k)] = [bool(f) for f in failures]
            messages[(grade_id, kind, k)] = (source, {
                notebooks.nbgrader_meta(c)["grade_id"]: "\n".join(f)
                for (_, c), f in zip(tests, failures)})
            run(client, solution[position[grade_id]], position[grade_id])  # the solution again
    return assignment, results, messages, language


def test_every_mutant_fails_a_graded_cell(verdicts):
    assignment, results, *_ = verdicts
    survivors = [f"{g}[{k}]" for (g, kind, k), failed in results.items()
                 if kind == "mutant" and not any(failed)]
    assert not survivors, f"{assignment}: mutants that keep full marks: {survivors}"


def test_calling_the_reference_fails_every_graded_cell(verdicts):
    assignment, results, *_ = verdicts
    scoring = [g for (g, kind, _), failed in results.items() if kind == "reference"
               and not all(failed)]
    assert not scoring, f"{assignment}: reference calls that still earn points: {scoring}"


def test_every_correct_answer_keeps_full_marks(verdicts):
    assignment, results, *_ = verdicts
    losing = [f"{g}[{k}]" for (g, kind, k), failed in results.items()
              if kind == "correct" and any(failed)]
    assert not losing, f"{assignment}: correct answers that lose points: {losing}"


def _function_names(assignment: str) -> dict[str, str]:
    """The name of the function each exercise cell defines, by the cell's ``grade_id``."""
    nb = notebooks.read(COURSE.solution_notebook(assignment))
    return {notebooks.nbgrader_meta(c)["grade_id"]: match[1] for c in nb.cells
            if notebooks.nbgrader_meta(c).get("solution")
            and (match := re.search(r"^def (\w+)", c.source, re.MULTILINE))}


def test_every_exercise_has_two_known_misconceptions():
    known = catalogue()
    for assignment in COURSE.assignments():
        thin = [f for f in _function_names(assignment).values() if len(known.get(f, ())) < 2]
        assert not thin, f"{assignment}: exercises with fewer than two misconceptions: {thin}"


def test_every_misconception_is_named_by_the_mutant_that_makes_it(verdicts):
    assignment, _, messages, language = verdicts
    known, function = catalogue(), _function_names(assignment)
    with speaking(language):
        says = {(f, m.name): tr(m.says) for f, ms in known.items() for m in ms}
    tagged = {(function[g], m[1]): texts.get(f"{g}_visible", "")
              for (g, kind, _), (source, texts) in messages.items()
              if kind == "mutant" for m in TAG.finditer(source)}
    unnamed = [f"{f}[{name}]" for (f, name), text in tagged.items()
               if name not in {m.name for m in known.get(f, ())}
               or says[(f, name)] not in text]
    assert not unnamed, (f"{assignment}: mutants whose visible test does not name their "
                         f"misconception: {unnamed}")
    untried = [f"{f}[{m.name}]" for f in function.values() for m in known.get(f, ())
               if (f, m.name) not in tagged]
    assert not untried, f"{assignment}: misconceptions without a mutant: {untried}"
