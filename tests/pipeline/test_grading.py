"""The student -> instructor loop in a scratch course: full marks, zeros, broken and missing
files, zip, feedback without hidden tests, report; sampled mutants and reference calls lose
points."""

import html
import re
import shutil
import subprocess
import sys

import pytest

from coursekit.language import speaking, tr
from nn_course import notebooks
from nn_course.course import Course
from nn_course.gradebook import read_scores
from nn_course.grading import grade
from nn_course.report import write_report

REPO_COURSE = Course()


def test_full_solution_gets_full_marks(graded_edition):
    run, _ = graded_edition
    assert run.table.total("ada") == run.table.max_total() > 0


def test_blank_version_gets_zero_on_every_graded_cell(graded_edition):
    run, _ = graded_edition
    nonzero = {q: s for q, s in run.table.scores["bob"].items() if s}
    assert not nonzero


def test_partly_solved_is_in_between(graded_edition):
    run, _ = graded_edition
    assert 0 < run.table.total("cleo") < run.table.max_total()


def test_broken_notebook_is_reported_and_scores_zero(graded_edition, edition):
    run, _ = graded_edition
    assert run.table.total("dan") == 0
    assert any(p.startswith("dan/") and "NotJSONError" in p for p in run.problems)
    page = edition.feedback / "dan" / "01_perceptron" / "01_perceptron.html"
    assert page in run.feedback["dan"]
    text = html.unescape(page.read_text())
    with speaking(edition.language):  # the page is in the course's language
        why = tr("This notebook could not be graded: {reason}.").split("{reason}")[0]
        score = tr("Score: 0. Hand in the notebook again, or ask your instructor.")
    assert why + "nbformat.reader.NotJSONError" in text and score in text
    assert f'lang="{edition.language}"' in text
    assert str(edition.root) not in text  # no instructor paths (the problems name the log)


def test_a_missing_notebook_is_noted_unless_graded_before(scratch, tmp_path, monkeypatch):
    from nbgrader.api import Gradebook, MissingEntry

    from nn_course import grading

    registered = {}  # whether each student was in the gradebook before the processes started
    grade_all = grading._grade_all

    def spy(course, submissions, *args):
        with Gradebook(course.db_url) as gradebook:
            for submission in submissions:
                try:
                    registered[submission.student] = bool(
                        gradebook.find_student(submission.student))
                except MissingEntry:
                    registered[submission.student] = False
        return grade_all(course, submissions, *args)

    monkeypatch.setattr(grading, "_grade_all", spy)
    one, two = scratch.assignments()[:2]
    for student, assignment, folder in [("eve", one, "a"), ("eve", two, "a"), ("finn", one, "a"),
                                        ("finn", two, "b")]:
        (tmp_path / folder).mkdir(exist_ok=True)
        shutil.copy(scratch.solution_notebook(assignment),
                    tmp_path / folder / f"{student}_{assignment}.ipynb")
    note = f"finn/{two}: no notebook handed in; it scores 0"
    first = grade(scratch, tmp_path / "a", progress=False, jobs=2)
    # two processes starting a new student's notebooks would both add the student
    assert registered == {"eve": True, "finn": True} and first.retried == 0
    assert note in first.problems
    assert first.table.total("finn", two) == 0 and first.table.total("eve", two) > 0
    page = scratch.feedback / "finn" / two / f"{two}.html"
    assert page in first.feedback["finn"] and "no notebook handed in" in page.read_text()

    grade(scratch, tmp_path / "b", progress=False)  # handed in late, alone
    again = grade(scratch, tmp_path / "a", progress=False)  # unchanged: nothing is regraded
    assert again.skipped == 3 and note not in again.problems
    assert again.table.total("finn", two) == again.table.total("eve", two)


@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")  # as in a grading process
@pytest.mark.filterwarnings("ignore::nbformat.warnings.MissingIDFieldWarning")
def test_feedback_met_by_a_busy_gradebook_is_logged_and_made_again(scratch, tmp_path):
    from nn_course import grading
    from nn_course.submissions import Submission

    api = scratch.api()
    locked = "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) database is locked"

    class BusyWhileMakingFeedback:
        autograde = api.autograde

        def generate_feedback(self, *args):
            return {"success": False, "log": f"[GenerateFeedback] ERROR\n{locked}\n",
                    "error": "NbGraderException"}

    assignment = scratch.assignments()[0]
    shutil.copy(scratch.solution_notebook(assignment), tmp_path / f"gus_{assignment}.ipynb")
    submission = Submission("gus", assignment, tmp_path / f"gus_{assignment}.ipynb")
    log = scratch.reports / "logs" / f"gus-{assignment}.log"
    problems, _ = grading._grade_one(scratch, BusyWhileMakingFeedback(), submission)
    assert problems == [f"gus/{assignment}: no feedback ({grading.BUSY}: {locked}; log: {log})"]
    assert grading._busy(problems)  # so the run grades it again, alone, at the end
    assert locked in log.read_text()
    problems, pages = grading._grade_one(scratch, api, submission)  # the second attempt
    assert problems == [] and pages and not log.exists()


def test_grades_csv_has_a_column_per_question_and_totals(graded_class):
    run, _ = graded_class
    header = run.csv_path.read_text().splitlines()[0].split(",")
    assert header[0] == "student_id" and header[-2:] == ["total", "max"]
    assert all(q in header for q in run.table.questions)


def test_zip_of_the_class_holds_the_same_submissions_as_the_folder(graded_class):
    # `nn-course demo` grades the zip end to end (test_cli.py); the folder was graded here.
    from nn_course import submissions as subs

    _, archive = graded_class
    assignments = REPO_COURSE.assignments()
    folder = subs.collect(archive.with_suffix(""), assignments)
    unpacked, temp, refused = subs.unpack(archive)
    try:
        zipped = subs.collect(unpacked, assignments)
        assert [(s.student, s.assignment, s.path.read_bytes()) for s in zipped.submissions] == [
            (s.student, s.assignment, s.path.read_bytes()) for s in folder.submissions]
        assert zipped.ignored == folder.ignored and refused == []
    finally:
        temp.cleanup()
    assert len(folder.submissions) == 4 * len(assignments)


def test_feedback_never_shows_hidden_tests(graded_edition, edition):
    run, _ = graded_edition
    scratch = edition
    # Lines found only in hidden tests: not in the student version, nor in the solutions a student
    # may hand in (ada's); short ones ("else:") are found in any text and betray nothing.
    hidden, hidden_lines = r"BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN", set()
    for assignment in scratch.assignments():
        solution = "\n".join(c.source for c in notebooks.read(
            scratch.solution_notebook(assignment)).cells)
        public = "\n".join(c.source for c in notebooks.read(scratch.release_notebook(assignment))
                           .cells) + re.sub(hidden, "", solution, flags=re.S)
        for block in re.findall(hidden, solution, re.S):
            hidden_lines.update(line.strip() for line in block.splitlines()
                                if len(line.strip()) > 12 and line.strip() not in public)
    assert hidden_lines
    pages = [path.read_text() for paths in run.feedback.values() for path in paths]
    assert len(pages) >= 3  # ada, bob and cleo for every assignment
    for page in pages:
        assert "HIDDEN TESTS" not in page
        for line in hidden_lines:
            assert line not in page and html.escape(line) not in page, line


def test_feedback_shows_scores_and_failure_messages(graded_edition, edition):
    run, _ = graded_edition
    page = html.unescape(run.feedback["bob"][0].read_text())
    with speaking(edition.language):
        cannot_run = tr("{name} cannot run yet: {why}. Replace `raise NotImplementedError(...)` "
                        "with your code, then run that cell again.")
    verb = notebooks.STUB_VERB[edition.language]  # the stub's "Implement mse"
    assert cannot_run.split("{name}")[1].split("{why}")[0] + verb in page
    assert re.search(r"Score: 0(\.0)? / \d", page) or "0.0 / " in page


def test_report_has_question_stats_and_histogram(graded_class, scratch, tmp_path):
    run, _ = graded_class
    page = write_report(read_scores(scratch.db_url, ["ada", "bob"]), tmp_path, run.problems)
    text = page.read_text()
    assert (tmp_path / "histogram.png").stat().st_size > 1000
    for question in run.table.questions:
        assert question in text
    assert "50%" in text  # each question: ada full marks, bob none


def test_every_exercise_has_two_mutants_and_functions_a_reference_call(scratch, mutants_of):
    for assignment in scratch.assignments():
        mutants, reference_calls = mutants_of(assignment)
        for cell in notebooks.read(scratch.solution_notebook(assignment)).cells:
            meta = notebooks.nbgrader_meta(cell)
            if meta.get("solution"):
                assert len(mutants.get(meta["grade_id"], [])) >= 2, meta["grade_id"]
                if cell.source.lstrip().startswith("def "):
                    assert meta["grade_id"] in reference_calls, meta["grade_id"]


def test_grading_runs_the_setup_cell_of_a_blank_notebook_without_errors(graded_class, scratch):
    # The sandbox runs the setup cell (and any locked cell an answer needs) with the coursekit
    # restricted to the notebook's material: it must import cleanly there.
    for assignment in scratch.assignments():
        nb = notebooks.read(scratch.root / "autograded" / "bob" / assignment
                            / f"{assignment}.ipynb")
        setup = next(c for c in nb.cells if notebooks.nbgrader_meta(c).get("grade_id") == "setup")
        assert setup.execution_count, assignment
        assert not notebooks.failing_outputs(setup), assignment


def test_a_grading_process_cannot_take_more_memory_than_allowed():
    # what a grading process runs first: past its limit an allocation fails in that process
    probe = ("import sys\nfrom nn_course.grading import _limit_memory\n"
             "_limit_memory(1024**3)\n"
             "try:\n    bytearray(2 * 1024**3)\nexcept MemoryError:\n    sys.exit(7)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 7, done.stderr


def test_nbgraders_collected_folder_is_graded_where_it_is(tmp_path):
    """``nbgrader collect``'s ``submitted/`` graded in place: the submission's time reaches the
    gradebook; the same notebook handed in again (a new time and secret) is graded again; one
    that cannot be graded scores 0 (its earlier grades go) with nbgrader's files beside its
    notice, as ``nbgrader release_feedback`` needs."""
    from nbgrader.api import Gradebook

    from nn_course.build import build
    from nn_course.demo import scratch_course

    course = scratch_course(REPO_COURSE, tmp_path / "course")
    assignment = course.assignments()[0]
    build(course, log=lambda *_: None, assignments=[assignment])
    collected = course.submitted / "gus" / assignment
    collected.mkdir(parents=True)
    notebook = collected / f"{assignment}.ipynb"
    feedback = course.feedback / "gus" / assignment

    def hand_in(source: str, time: str, secret: str):
        notebook.write_text(source)
        (collected / "timestamp.txt").write_text(f"2026-11-26 {time}.000000 UTC")
        (collected / "submission_secret.txt").write_text(secret)
        run = grade(course, course.submitted, progress=False, jobs=1)
        with Gradebook(course.db_url) as gradebook:
            stamp = (gradebook.find_submission(assignment, "gus").timestamp
                     if run.table.total("gus", assignment) else None)
        return run, stamp, (feedback / "submission_secret.txt").read_text()

    full = course.solution_notebook(assignment).read_text()
    run, stamp, secret = hand_in(full, "10:00:00", "first")
    assert run.table.total("gus", assignment) == run.table.max_total(assignment) > 0
    assert str(stamp) == "2026-11-26 10:00:00" and secret == "first"
    assert notebook.read_text() == full  # graded where it is
    run, stamp, secret = hand_in(full, "11:00:00", "second")
    assert run.skipped == 0 and str(stamp) == "2026-11-26 11:00:00" and secret == "second"
    run, _, secret = hand_in('{"cells": [ not JSON', "12:00:00", "third")
    assert run.table.total("gus", assignment) == 0 and secret == "third"
    assert any(p.startswith(f"gus/{assignment}: could not be graded") for p in run.problems)


def test_a_submission_that_breaks_grading_stops_no_one_elses(tmp_path):
    """A notebook in a folder named like the assignment's notebook (``nbgrader submit`` takes
    it) made staging raise in a grading process, and the run stopped for the class; a folder
    named like the resume marker, handed in beside a notebook, did the same. Files handed in
    beside a notebook reached the feedback folder, where a folder named ``a.html`` or a name
    not in UTF-8 stopped ``release_feedback`` for the class; 100 000 empty cells took minutes."""
    import nbformat

    from nn_course.build import build
    from nn_course.demo import scratch_course
    from nn_course.submissions import NBGRADER_FILES

    course = scratch_course(REPO_COURSE, tmp_path / "course")
    assignment = course.assignments()[0]
    build(course, log=lambda *_: None, assignments=[assignment])
    full = course.solution_notebook(assignment).read_text()
    crowded = nbformat.reads(full, as_version=4)
    crowded.cells += [nbformat.v4.new_raw_cell("") for _ in range(1001 - len(crowded.cells))]
    for student, where, text in (
            ("gus", "{a}.ipynb", full), ("eve", "{a}.ipynb/{a}.ipynb", full),
            ("hal", "{a}.ipynb", full), ("hal", ".nn-course-graded/x", "x"),
            ("hal", "a.html/x", "x"), ("hal", "b.html", "<script>"), ("hal", "\udcff.html", "x"),
            ("ivy", "{a}.ipynb", nbformat.writes(crowded))):
        path = course.submitted / student / assignment / where.format(a=assignment)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        for name in NBGRADER_FILES:
            (course.submitted / student / assignment / name).write_text("2026-11-26 10:00:00 UTC"
                                                                        if name == "timestamp.txt"
                                                                        else "ab" * 64)
    run = grade(course, course.submitted, progress=False, jobs=2)
    full_marks = run.table.max_total(assignment)
    assert run.table.total("gus", assignment) == run.table.total("hal", assignment) == full_marks
    assert run.table.total("eve", assignment) == run.table.total("ivy", assignment) == 0
    assert [p for p in run.problems
            if p.startswith(f"eve/{assignment}: could not be graded (IsADirectoryError")]
    assert [p for p in run.problems if p.startswith(f"ivy/{assignment}: could not be graded")
            and "TooManyCellsError: 1001 cells, more than 1000" in p], run.problems
    for student in ("gus", "hal", "eve", "ivy"):  # only what release_feedback should release
        assert sorted(p.name for p in (course.feedback / student / assignment).iterdir()) == \
            sorted([f"{assignment}.html", *NBGRADER_FILES]), student
