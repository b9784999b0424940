"""Hostile and broken submissions, graded together with an honest one by the real grader.

Each case is the full solution of ``01_perceptron`` (24 points; 3 per exercise, 1 per
question) with one change, so its exact score says what the change cost: 24 means it earned
nothing and lost nothing; 21 that exactly one exercise (the one it broke or cheated on) scored
0. Every case must also leave a note saying why (in the grading problems, which go to the
report, and in the student's feedback), and leave the gradebook and the honest student's full
marks intact. The scratch course uses a 10 s cell time limit instead of 30 s, to keep this
suite fast; the mechanism is the same.
"""

import copy
import html
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from nn_course import notebooks
from nn_course.build import build
from nn_course.course import Course
from nn_course.demo import scratch_course
from nn_course.grading import grade

A = "01_perceptron"
FULL = 24
REPO_COURSE = Course()


def solution():
    return notebooks.read(REPO_COURSE.solution_notebook(A))


def replacing(grade_id, source=None, before="", after=""):
    """The solution with one cell's source replaced, or wrapped with code before/after it."""
    def make():
        nb = solution()
        for cell in nb.cells:
            if notebooks.nbgrader_meta(cell).get("grade_id") == grade_id:
                cell.source = source if source is not None else before + cell.source + after
        return nb
    return make


def with_wrong_mse(change):
    """The solution with a wrong ``mse`` (always 0) and ``change`` applied to the notebook."""
    def make():
        nb = replacing("mse", "def mse(y_true, y_pred):\n    return 0.0\n")()
        change(nb)
        return nb
    return make


def cell_index(nb, grade_id):
    return next(i for i, c in enumerate(nb.cells)
                if notebooks.nbgrader_meta(c).get("grade_id") == grade_id)


def delete_cell(grade_id):
    return lambda nb: nb.cells.pop(cell_index(nb, grade_id))


def retype_to_markdown(grade_id):
    def change(nb):
        i = cell_index(nb, grade_id)
        nb.cells[i] = nbformat.v4.new_markdown_cell("I deleted the test", metadata=copy.deepcopy(
            nb.cells[i].metadata))
    return change


def edit_cell(grade_id, source):
    def change(nb):
        nb.cells[cell_index(nb, grade_id)].source = source
    return change


def strip_and_edit(grade_id):
    def change(nb):
        cell = nb.cells[cell_index(nb, grade_id)]
        cell.metadata = {}
        cell.source = "print('all good')"
    return change


def renamed_other_notebook():
    return notebooks.read(REPO_COURSE.solution_notebook("02_activations"))


LOOP = "def step(z):\n    while True:\n        pass\n"
# catastrophic regex backtracking runs in C: no signal handler gets a chance to stop it
STUCK_IN_C = "import re\nre.match('(a+)+$', 'a' * 64 + 'b')\n"
SEGFAULT = ("import numpy as np\nnp.lib.stride_tricks.as_strided(np.zeros(1), shape=(10**7,),"
            " strides=(10**9,)).sum()\n")

# name: (notebook maker, exact score on 01_perceptron, text the notes must contain)
CASES = {
    "honest": (solution, FULL, None),
    "infinite_loop": (replacing("step", LOOP), 12, "ran for more than 5 s"),
    "loop_ignoring_signals": (replacing("mse", before=STUCK_IN_C), 21, "was stopped after"),
    "kernel_crash": (replacing("mse", before=SEGFAULT), 21, "made the Python kernel stop"),
    "os_exit": (replacing("mse", before="import os\nos._exit(0)\n"), 21, "imports os"),
    "hidden_os_exit": (replacing("mse", after="\n__import__('os')._exit(0)\n"), 21,
                       "uses __import__"),
    "memory_bomb": (replacing("mse", "def mse(y_true, y_pred):\n    return len(bytearray(10**11))"
                              "\n"), 21, "MemoryError"),
    "fork_bomb": (replacing("mse", before="import os\nwhile True:\n    os.fork()\n"), 21,
                  "imports os"),
    "huge_output": (replacing("mse", after="\nprint('x' * 10_000_000)\n"), FULL,
                    "output truncated"),
    "reads_hidden_tests": (replacing("mse", after="\nprint(open('01_perceptron.ipynb').read())\n"),
                           21, "uses open"),
    "patches_numpy": (replacing("mse", "import numpy as np\nnp.allclose = lambda *a, **k: True\n"
                                "np.isclose = lambda a, b, **k: np.ones(np.shape(a), bool)\n"
                                "def mse(y_true, y_pred):\n    return 0.0\n"), 21,
                      "values differ"),
    "replaces_check_function": (replacing("mse", after="\ncheck_function = lambda *a, **k: None\n"),
                                21, "rebinds check_function"),
    "patches_checks_module": (replacing("mse", after="\nimport coursekit\n"
                                        "coursekit.checks.RECORD_SECONDS = 1e9\n"), 21,
                              "uses .checks"),
    "ipython_hook": (replacing("mse", after="\nget_ipython().events.register('pre_run_cell', "
                                            "print)\n"), 21, "uses get_ipython"),
    "calls_reference": (replacing("step", "from coursekit.activations import step as s\n"
                                  "def step(z):\n    return s(z)\n"), 21,
                        "calls coursekit.activations.step"),
    "calls_reference_by_registry": (replacing(
        "mse", "from coursekit import losses\ndef mse(y_true, y_pred):\n"
               "    return losses.LOSSES['mse'](y_true, y_pred)\n"), 21,
        "calls coursekit.losses.mse"),
    "deletes_a_test": (with_wrong_mse(delete_cell("mse_visible")), 21, "values differ"),
    "edits_a_test": (with_wrong_mse(edit_cell("mse_hidden", "pass")), 21, "values differ"),
    "retypes_a_test": (with_wrong_mse(retype_to_markdown("mse_visible")), 21, "values differ"),
    "strips_test_metadata": (with_wrong_mse(strip_and_edit("mse_visible")), 21, "values differ"),
    "renamed_notebook": (renamed_other_notebook, 0, "none of this notebook's cells belong"),
    "corrupt_json": (None, 0, "NotJSONError"),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The scratch course, the grading run, and the class folder."""
    root = tmp_path_factory.mktemp("adversarial")
    course = scratch_course(REPO_COURSE, root / "course")
    with open(course.root / "nbgrader_config.py", "a") as config:
        config.write("\nc.GuardedExecute.timeout = 10\n")
    course = Course(course.root)
    build(course, assignments=[A], log=lambda *_: None)
    folder = root / "class"
    folder.mkdir()
    for name, (make, _, _) in CASES.items():
        target = folder / f"{name}_{A}.ipynb"
        if make is None:
            target.write_text('{"cells": [ not JSON')
        else:
            nbformat.write(make(), str(target))
    shutil.copy(folder / f"honest_{A}.ipynb", folder / f"honest-{A}.ipynb")  # a second copy
    return course, grade(course, folder, progress=False)


@pytest.mark.parametrize("case", CASES)
def test_exact_score(hostile, case):
    _, run = hostile
    assert run.table.total(case, A) == CASES[case][1]


@pytest.mark.parametrize("case", [c for c in CASES if CASES[c][2]])
def test_note_in_problems_or_feedback(hostile, case):
    course, run = hostile
    note = CASES[case][2]
    feedback = course.feedback / case / A / f"{A}.html"
    text = "\n".join(run.problems)
    if feedback.exists():
        text += html.unescape(feedback.read_text())
    assert note in text, f"{case}: no note containing {note!r}"


@pytest.mark.parametrize("case", ["infinite_loop", "loop_ignoring_signals", "kernel_crash",
                                  "os_exit", "calls_reference", "corrupt_json"])
def test_faults_are_named_in_the_problems_report(hostile, case):
    _, run = hostile
    assert any(p.startswith(f"{case}/{A}") for p in run.problems), run.problems


def test_honest_student_and_gradebook_are_intact(hostile):
    course, run = hostile
    assert run.table.total("honest", A) == FULL
    with Gradebook(course.db_url) as gb:
        assert [a.name for a in gb.assignments] == [A]
        assert len(gb.find_notebook(A, A).grade_cells) == len(
            notebooks.graded_cells(notebooks.read(course.solution_notebook(A))))
        assert {s.id for s in gb.students} >= set(CASES)
    assert (course.solutions / A / f"{A}.ipynb").is_file()


def test_duplicate_is_ignored_with_a_note(hostile):
    _, run = hostile
    assert any("honest" in p and "ignored" in p for p in run.problems), run.problems


def test_huge_output_is_cut_to_a_note(hostile):
    course, _ = hostile
    autograded = course.root / "autograded" / "huge_output" / A / f"{A}.ipynb"
    assert autograded.stat().st_size < 1_000_000


@pytest.mark.parametrize("case", ["kernel_crash", "corrupt_json"])
def test_fault_notes_are_in_the_feedback(hostile, case):
    course, _ = hostile
    page = html.unescape((course.feedback / case / A / f"{A}.html").read_text())
    assert CASES[case][2] in page


def test_unsandboxed_warning_only_without_bubblewrap(hostile):
    from nn_course import sandbox

    _, run = hostile
    assert (sandbox.UNSANDBOXED_WARNING in run.problems) == (not sandbox.available())
    assert Path(sandbox.readable_paths()[0]).is_absolute()


def test_without_bubblewrap_grading_works_with_a_loud_warning(hostile, monkeypatch, tmp_path,
                                                              capsys):
    from nn_course import sandbox

    course, _ = hostile
    monkeypatch.setattr(sandbox, "available", lambda: False)
    nbformat.write(solution(), str(tmp_path / f"unsandboxed_{A}.ipynb"))
    run = grade(course, tmp_path, progress=False)
    assert run.table.total("unsandboxed", A) == FULL
    assert run.problems[0] == sandbox.UNSANDBOXED_WARNING
    assert "UNSANDBOXED" in capsys.readouterr().err


def test_regrading_alone_gives_the_parallel_scores_and_keeps_manual_grades(hostile, tmp_path):
    course, run = hostile
    with Gradebook(course.db_url) as gradebook:
        gradebook.find_grade("mse_visible", A, A, "patches_numpy").manual_score = 1
        gradebook.db.commit()
    again = ["honest", "kernel_crash", "infinite_loop", "patches_numpy"]
    for name in again:
        shutil.copy(course.submitted / name / A / f"{A}.ipynb", tmp_path / f"{name}_{A}.ipynb")
    regraded = grade(course, tmp_path, progress=False, jobs=1, regrade=True)  # was on 2
    assert regraded.backup is not None and regraded.backup.is_file()
    for name in again[:3]:
        assert regraded.table.scores[name] == run.table.scores[name]
    assert regraded.table.scores["patches_numpy"][f"{A}:mse_visible"] == 1  # the manual grade
    assert regraded.table.total("patches_numpy", A) == 22


def test_a_killed_run_resumes_and_completes(hostile, tmp_path):
    from nn_course import resume

    course, _ = hostile
    for k in range(3):
        nbformat.write(solution(), str(tmp_path / f"resumer{k}_{A}.ipynb"))
    command = [str(Path(sys.executable).parent / "nn-course"), "--root", str(course.root),
               "--no-progress", "grade", str(tmp_path), "--jobs", "1"]
    process = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    first = course.root / "autograded" / "resumer0" / A / resume.MARKER
    deadline = time.monotonic() + 300
    while not first.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)  # the grader and its kernels, mid-run
    process.wait()
    assert first.exists()
    run = grade(course, tmp_path, progress=False)
    assert 1 <= run.skipped < 3
    assert all(run.table.total(f"resumer{k}", A) == FULL for k in range(3))


def test_a_locked_gradebook_delays_the_batch_but_never_aborts_it(hostile, tmp_path):
    course, _ = hostile
    students = ["locked0", "locked1"]
    for student in students:
        nbformat.write(solution(), str(tmp_path / f"{student}_{A}.ipynb"))
    logs = [course.reports / "logs" / f"{student}-{A}.log" for student in students]
    holder = sqlite3.connect(course.root / "gradebook.db", isolation_level=None,
                             check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")  # no other process may write until it ends
    met = []

    def hold_until_both_failed():
        deadline = time.monotonic() + 300
        while not all(log.exists() for log in logs) and time.monotonic() < deadline:
            time.sleep(0.05)
        met.extend(log.read_text() for log in logs if log.exists())
        holder.execute("ROLLBACK")

    thread = threading.Thread(target=hold_until_both_failed)
    thread.start()
    try:
        run = grade(course, tmp_path, progress=False, jobs=2, regrade=True)
    finally:
        thread.join()
        holder.close()
    assert len(met) == 2 and all("database is locked" in text for text in met)
    assert run.retried == 2
    assert all(run.table.total(student, A) == FULL for student in students)
    assert not [p for p in run.problems if "could not be graded" in p], run.problems
    assert not any(log.exists() for log in logs)  # the failed attempts' logs went with them
