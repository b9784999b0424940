"""A student's feedback page in Chromium, offline: its maths typeset (MathML, no script, no
network), the exercises listed by name, and beside a failed case the misconception its values
show and the hint."""

import re

import nbformat
import pytest
from answer_files import load_mutants

from nn_course import notebooks
from nn_course.build import build
from nn_course.course import Course
from nn_course.demo import scratch_course
from nn_course.grading import grade

A = "01_perceptron"
MISCONCEPTION = "# misconception: sum_not_mean"


@pytest.fixture(scope="module")
def feedback_page(tmp_path_factory):
    """The feedback page of a student whose mse sums the squared errors instead of averaging."""
    course = scratch_course(Course(), tmp_path_factory.mktemp("feedback") / "course")
    build(course, assignments=[A], log=lambda *_: None)
    nb = notebooks.read(course.solution_notebook(A))
    answer = next(c for c in nb.cells if notebooks.nbgrader_meta(c).get("grade_id") == "mse")
    answer.source = next(s for s in load_mutants(A)[0]["mse"] if MISCONCEPTION in s)
    folder = course.root.parent / "class" / "cleo"
    folder.mkdir(parents=True)
    nbformat.write(nb, str(folder / f"{A}.ipynb"))
    run = grade(course, folder.parent, progress=False, jobs=1)
    return run.feedback["cleo"][0]


def test_feedback_page_reads_offline_with_exercises_and_diagnoses(feedback_page, page,
                                                                  screenshots):
    requested = []
    page.route("**/*", lambda route: (requested.append(route.request.url), route.continue_()
                                      if route.request.url.startswith("file:") else route.abort()))
    page.goto(feedback_page.as_uri())
    assert not [url for url in requested if not url.startswith("file:")]
    assert page.locator("script[src]").count() == 0
    formula = page.locator("math").first
    box = formula.bounding_box()
    assert page.locator("math").count() > 20 and box and box["width"] > 5 and box["height"] > 5
    rows = page.locator("table.exercises tbody tr")
    names = [rows.nth(i).locator("code").first.inner_text() for i in range(rows.count())]
    assert names[:3] == ["weighted_sum", "step", "perceptron_predict"] and "mse" in names
    lost = page.locator("table.exercises tr.lost")
    assert lost.count() == 1 and lost.locator("code").first.inner_text() == "mse"
    why = lost.locator(".why").first.inner_text()
    assert re.match(r"why: your value is the sum of the squared errors", why)
    assert lost.locator(".hint").count() >= 1
    page.screenshot(path=str(screenshots / "feedback-page.png"), full_page=False)
