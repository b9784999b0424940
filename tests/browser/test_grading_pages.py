"""The pages grading makes, in Chromium, in both editions. A student's feedback page, offline:
its maths typeset (MathML, no script, no network), the exercises listed by name, and beside a
failed case the misconception its values show and the hint, in the course's language. The
instructor's report: pass-rate charts, the misconceptions seen, the students below the
threshold."""


import nbformat
import pytest
from answer_files import load_mutants

from coursekit.checks import WHY
from coursekit.language import speaking, tr
from coursekit.misconceptions import catalogue
from nn_course import notebooks
from nn_course.build import build
from nn_course.course import LANGUAGES, edition
from nn_course.demo import scratch_course
from nn_course.grading import grade
from nn_course.report import write_report

A = "01_perceptron"
MISCONCEPTION = "# misconception: sum_not_mean"


@pytest.fixture(scope="module", params=LANGUAGES)
def graded(request, tmp_path_factory):
    """A class of two graded in one edition: cleo, whose mse sums the squared errors instead of
    averaging, and bob, who hands in the blank notebook."""
    course = scratch_course(edition(request.param),
                            tmp_path_factory.mktemp(f"feedback-{request.param}") / "course")
    build(course, assignments=[A], log=lambda *_: None)
    nb = notebooks.read(course.solution_notebook(A))
    answer = next(c for c in nb.cells if notebooks.nbgrader_meta(c).get("grade_id") == "mse")
    answer.source = next(s for s in load_mutants(A)[0]["mse"] if MISCONCEPTION in s)
    folder = course.root.parent / "class"
    for student, notebook in (("cleo", nb), ("bob", notebooks.read(course.release_notebook(A)))):
        (folder / student).mkdir(parents=True)
        nbformat.write(notebook, str(folder / student / f"{A}.ipynb"))
    return course, grade(course, folder, progress=False, jobs=2)


def sum_not_mean(course) -> str:
    """What the feedback says of cleo's mse, in the course's language."""
    says = next(m.says for m in catalogue()["mse"] if m.name == "sum_not_mean")
    with speaking(course.language):
        return tr(says)


def suffix(course) -> str:
    return "" if course.language == "en" else f"-{course.language}"


def test_feedback_page_reads_offline_with_exercises_and_diagnoses(graded, page, screenshots):
    course, run = graded
    requested = []
    page.route("**/*", lambda route: (requested.append(route.request.url), route.continue_()
                                      if route.request.url.startswith("file:") else route.abort()))
    page.goto(run.feedback["cleo"][0].as_uri())
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
    with speaking(course.language):
        assert why == f"{tr(WHY)}: {sum_not_mean(course)}"
    assert lost.locator(".hint").count() >= 1
    assert page.locator("html").get_attribute("lang") == course.language
    page.screenshot(path=str(screenshots / f"feedback-page{suffix(course)}.png"),
                    full_page=False)


def test_report_charts_misconceptions_and_students_below(graded, page, screenshots, tmp_path):
    course, run = graded
    with speaking(course.language):  # as `nn-course report` writes it for this course
        report = write_report(run.table, tmp_path, run.problems, autograded=course.autograded,
                              below=50)
    page.goto(report.as_uri())
    images = page.locator("img")
    assert images.count() == 3  # notebooks, 01_perceptron's exercises, the histogram
    for i in range(images.count()):
        assert images.nth(i).evaluate("image => image.complete && image.naturalWidth > 300")
    with speaking(course.language):
        header = tr("misconception")
    row = page.locator("table", has_text=header).locator("tr", has_text="mse")
    assert sum_not_mean(course) in row.inner_text()
    assert row.locator("td").last.inner_text() == "1"
    below = page.locator("h2#below + table")
    assert "bob" in below.inner_text() and "cleo" not in below.inner_text()
    page.screenshot(path=str(screenshots / f"report{suffix(course)}.png"), full_page=True)
