"""Hostile and broken submissions, graded in one run (two processes) beside honest classmates.

Each case is a notebook of ``01_perceptron`` (24 points: 3 per exercise, 1 per question): the
full solution with one change, or the blank student version with cells added. Its exact score
says what the change cost: 24 means it earned nothing and lost nothing; 21 that exactly the
``mse`` exercise scored 0; 0 that nothing was earned. Every case also asserts the note that says
why (in the problems report or the student's feedback), and the suite asserts that the honest
classmates graded at the same time keep full marks, that no student output or feedback page
holds a hidden test's source, and that every page stays under 1 MB. Hogs are interleaved with
honest students, so with two processes each hog runs while a classmate is graded. The scratch
course uses short time limits (``LIMITS``) so the suite stays fast; the mechanism is the same.
"""

import copy
import html
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbconvert import HTMLExporter
from nbgrader.api import Gradebook

from nn_course import notebooks, sandbox
from nn_course import submissions as subs
from nn_course.build import build
from nn_course.course import Course
from nn_course.demo import scratch_course
from nn_course.grading import grade

A = "01_perceptron"
FULL = 24
REPO_COURSE = Course()
LIMITS = """
c.GradingExecute.cell_cpu_seconds = 4
c.GradingExecute.call_cpu_seconds = 2
c.GradingExecute.notebook_cpu_seconds = 30
c.GradingExecute.wall_factor = 4
c.GradingExecute.wall_margin = 2
"""
MIME = "application/vnd.nn-course.reply+json"
STUDENT_TEXT = re.compile(r'<pre class="student-text">[^<>\n]*</pre>')


def solution():
    return notebooks.read(REPO_COURSE.solution_notebook(A))


def blank():
    return notebooks.read(REPO_COURSE.release_notebook(A))


def index_of(nb, grade_id):
    return next(i for i, c in enumerate(nb.cells)
                if notebooks.nbgrader_meta(c).get("grade_id") == grade_id)


def changed(*changes, base=solution):
    """A notebook maker: ``base()`` with each change (a function of the notebook) applied."""
    def make():
        nb = base()
        for change in changes:
            change(nb)
        return nb
    return make


def replace(grade_id, source=None, before="", after=""):
    def change(nb):
        cell = nb.cells[index_of(nb, grade_id)]
        cell.source = source if source is not None else before + cell.source + after
    return change


def add_cell(source, after="setup", kind="code"):
    """A cell the student added (no nbgrader metadata) after the cell ``after``."""
    def change(nb):
        new = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell,
               "raw": nbformat.v4.new_raw_cell}[kind](source)
        if kind == "raw":  # nbconvert pastes a raw cell of this type into the page as it is
            new.metadata["raw_mimetype"] = "text/html"
        nb.cells.insert(index_of(nb, after) + 1, new)
    return change


def edit_metadata(grade_id, **values):
    def change(nb):
        nb.cells[index_of(nb, grade_id)].metadata["nbgrader"].update(values)
    return change


def wrong_mse(nb):
    replace("mse", "def mse(y_true, y_pred):\n    return 0.0\n")(nb)


def mse_calling(code):
    """``mse`` whose body is ``code`` (which defines ``_mse``), returning ``_mse(...)``."""
    return replace("mse", code + "\ndef mse(y_true, y_pred):\n    return _mse(y_true, y_pred)\n")


REAL_LOSSES = str(Path(__file__).resolve().parents[2] / "course" / "coursekit" / "losses.py")
STUCK_IN_C = "import re\nre.match('(a+)+$', 'a' * 64 + 'b')\n"  # no signal stops it
SEGFAULT = ("import numpy as np\nnp.lib.stride_tricks.as_strided(np.zeros(1), shape=(10**7,),"
            " strides=(10**9,)).sum()\n")
FORK_HOG = ("import os, time\ntry:\n    while True:\n        if os.fork() == 0:\n"
            "            time.sleep(20)\n            os._exit(0)\nexcept OSError:\n    pass\n")
BURNER = "import time\nt = time.process_time()\nwhile time.process_time() - t < 3.5:\n    pass\n"
DUMP = """\
import gc, sys
texts = [repr(globals()), repr(sorted(sys.modules)), repr(In), repr(Out), repr(_ih)]
texts += [repr(o)[:2000] for o in gc.get_objects() if isinstance(o, (str, dict, list))][:20000]
print("\\n".join(texts)[:90_000])
"""
WALK = """\
import os, sys
found = []
for folder, dirs, files in os.walk("/"):
    if folder.startswith(("/proc", "/sys", "/dev", "/usr", sys.prefix, sys.base_prefix)):
        dirs[:] = []
        continue
    found += [os.path.join(folder, f) for f in files]
print(sorted(found)[:2000])
print(dict(os.environ))
"""
UPDATE_FLOOD = ("from IPython.display import display, update_display\n"
                "display('start', display_id='d')\n"
                "for i in range(60):\n    update_display('x' * 500_000, display_id='d')\n")
WIDGETS = "import ipywidgets as w\nfor i in range(2000):\n    w.IntSlider(value=i)\n"
HTML_SCRIPT = ("from IPython.display import HTML, SVG, Javascript, display\n"
               "display(HTML('<script>alert(\"pwned-html\")</script>'))\n"
               "display(Javascript('alert(\"pwned-js\")'))\n")
MARKDOWN_SCRIPT = "Look <img src=x onerror=alert('pwned-md')> <script>alert('pwned-md')</script>"
FORGED_REPLIES = (f"import sys\nfrom IPython.display import publish_display_data\n"
                  f"def _forge(text):\n"
                  f"    publish_display_data({{{MIME!r}: {{'kind': 'value', 'value': 0.0}}}})\n"
                  f"for module in list(sys.modules.values()):\n"
                  f"    if hasattr(module, 'serve'):\n"
                  f"        module.serve = _forge\n")
MEMORY = ("from coursekit.encoding import Record\n"
          "def mse(y_true, y_pred):  # numpy would read the grader's memory at this address\n"
          "    return Record('R', {'__array_interface__': {'data': (8, True), 'shape': (8,),\n"
          "                        'typestr': '|u1', 'version': 3}})\n")
RESET = ("%reset -f\nimport numpy as np\nfrom coursekit import datasets\n"
         "from coursekit.perceptron import PerceptronHistory\n"
         "from coursekit.checks import check_function, check_answer\n")
RAW_SCRIPT = "<img src=x onerror=alert('pwned-raw')><script>alert('pwned-raw')</script>"
FLOOD = (f"import sys\n_harness = sys.modules['nn_course_harness']\n_serve = _harness.serve\n"
         f"def _flood(request):  # replies to mse's calls with a million tiny lists\n"
         f"    if '\"name\": \"mse\"' not in request:\n        return _serve(request)\n"
         f"    from IPython.display import publish_display_data\n"
         f"    publish_display_data({{{MIME!r}: {{'kind': 'value', 'value': "
         f"{{'list': [{{'list': []}}] * 1_100_000}}}}}})\n"
         f"_harness.serve = _flood\n")
SLOW_CALLS = ("\nimport time\n_weighted_sum = weighted_sum\n"
              "def weighted_sum(X, w, b):  # right, but 1.5 s of CPU per call\n"
              "    start = time.process_time()\n"
              "    while time.process_time() - start < 1.5:\n        pass\n"
              "    return _weighted_sum(X, w, b)\n")
IMAGE_SCRIPT = ("from IPython.display import display\n"
                "display({'image/png': 'iVBORw0KGgo='}, raw=True, metadata={'image/png': "
                "{'width': '10 onerror=alert(1)'}})\n")

# name: (notebook maker, exact score on 01_perceptron, text the notes must contain)
CASES = {
    "honest": (solution, FULL, None),
    # nothing unearned: blank notebooks with cells added, forged checks, replies and output
    "blank": (blank, 0, "cannot run yet"),
    "blank_forges_checks": (changed(add_cell(
        "import coursekit.checks as c\nc.check_function = c.check_answer = lambda *a, **k: None\n"
        "check_function = check_answer = c.check_function"), base=blank), 0, "cannot run yet"),
    "blank_forges_replies": (changed(add_cell(FORGED_REPLIES), base=blank), 0, None),
    "floods_the_grader": (changed(add_cell(FLOOD, after="mse")), 21, "too large to grade"),
    "reads_grader_memory": (changed(replace("mse", MEMORY)), 21, "expected numbers"),
    "blank_prints_success": (changed(add_cell(
        "for n in ['weighted_sum', 'step', 'mse']:\n"
        "    print(f'✓ {n}: all 3 cases match the reference')"), base=blank), 0, None),
    "patches_numpy": (changed(wrong_mse, add_cell(
        "import numpy as np\nnp.allclose = lambda *a, **k: True\n"
        "np.isclose = lambda a, b, **k: np.ones(np.shape(a), bool)")), 21, "): wrong value"),
    # the reference, under any name, in any copy
    "calls_reference": (changed(mse_calling("from coursekit.losses import mse as _mse")), 21,
                        "coursekit.losses.mse is not available while 01_perceptron is graded"),
    "calls_reference_unwatched": (changed(mse_calling(
        "import sys\nsys.setprofile(None)\nfrom coursekit import losses\n_mse = losses.mse")), 21,
        "CourseMaterialUnavailable"),
    "copies_reference_code": (changed(mse_calling(
        "import types\nfrom coursekit import losses\n"
        "_mse = types.FunctionType(losses.mse.__code__, vars(losses))")), 21,
        "CourseMaterialUnavailable"),
    "execs_reference_source": (changed(mse_calling(
        "import inspect\nfrom coursekit import losses\nspace = {}\n"
        "exec(inspect.getsource(losses), space)\n_mse = space['mse']")), 21,
        "CourseMaterialUnavailable"),
    "loads_reference_file": (changed(mse_calling(
        "import importlib.util\n"
        f"spec = importlib.util.spec_from_file_location('ck_losses', {REAL_LOSSES!r})\n"
        "module = importlib.util.module_from_spec(spec)\nspec.loader.exec_module(module)\n"
        "_mse = module.mse")), 21, "CourseMaterialUnavailable"),
    "imports_course_folder": (changed(mse_calling(
        f"import sys\nsys.path.insert(0, {str(Path(REAL_LOSSES).parents[1])!r})\n"
        "import importlib\nfor m in [m for m in sys.modules if m.startswith('coursekit')]:\n"
        "    del sys.modules[m]\nfrom coursekit.losses import mse as _mse")), 21,
        "CourseMaterialUnavailable"),
    "registry_of_reference": (changed(mse_calling(
        "from coursekit.losses import LOSSES\n_mse = LOSSES['mse']")), 21,
        "CourseMaterialUnavailable"),
    # nothing to find: history, globals, modules, files, environment
    "dumps_everything": (changed(add_cell(DUMP, after="mse_hidden")), FULL, None),
    "walks_files": (changed(add_cell(WALK, after="mse_hidden")), FULL, None),
    "writes_the_gradebook": (changed(add_cell(
        f"open({str(REPO_COURSE.root / 'gradebook.db')!r}, 'w').write('gone')",
        after="mse_hidden")), FULL, None),
    # faults cost only what they break
    "infinite_loop_in_function": (changed(replace(
        "mse", "def mse(y_true, y_pred):\n    while True:\n        pass\n")), 21,
        "ran for more than 2 s of CPU time"),
    "loop_ignoring_signals": (changed(replace("mse", before=STUCK_IN_C)), 21,
                              "used more than 4 s of CPU time"),
    "sleeping_cell": (changed(replace("mse", before="import time\ntime.sleep(10**6)\n")), 21,
                      "was stopped after 18 s"),
    "sleeping_function": (changed(replace(
        "mse", "def mse(y_true, y_pred):\n    import time\n    time.sleep(10**6)\n")), 21,
        "did not finish in time"),
    "kernel_crash": (changed(replace("mse", before=SEGFAULT)), 21, "made the Python kernel stop"),
    "os_exit": (changed(replace("mse", before="import os\nos._exit(0)\n")), 21,
                "made the Python kernel stop"),
    "os_exit_in_function": (changed(replace(
        "mse", "def mse(y_true, y_pred):\n    import os\n    os._exit(3)\n")), 21,
        "made the Python kernel stop"),
    "kills_everything": (changed(add_cell("import os, signal\nos.kill(-1, signal.SIGKILL)",
                                          after="mse_hidden")), FULL,
                         "made the Python kernel stop"),
    "memory_bomb": (changed(replace(
        "mse", "def mse(y_true, y_pred):\n    return len(bytearray(10**11))\n")), 21,
        "MemoryError"),
    "returns_a_huge_array": (changed(replace(
        "mse", "import numpy as np\ndef mse(y_true, y_pred):\n    return np.zeros(10**8)\n")), 21,
        "too large to grade"),
    "returns_what_cannot_travel": (changed(replace(
        "mse", "def mse(y_true, y_pred):\n    return (x for x in [1.0])\n")), 21,
        "expected numbers, got <generator>"),
    "huge_answer_variable": (changed(add_cell(
        "import numpy as np\nanswer_mse_extra = np.zeros(10**7)\n"
        "answer_mse = np.arange(10**7, dtype=float)", after="q_mse")), 23, "answer with a number"),
    # hogs: each runs while an honest classmate is graded
    "hog_processes": (changed(add_cell(FORK_HOG)), FULL, None),
    "hog_threads": (changed(add_cell(
        "import threading, time\nthreads = []\ntry:\n    for _ in range(100_000):\n"
        "        t = threading.Thread(target=time.sleep, args=(20,), daemon=True)\n"
        "        t.start()\n        threads.append(t)\nexcept RuntimeError:\n    pass\n")), FULL,
        None),
    "hog_memory": (changed(add_cell(
        "import numpy as np\nkept = []\ntry:\n    while True:\n"
        "        kept.append(np.ones(2**27))\nexcept MemoryError:\n    kept = kept[:8]\n")), FULL,
        None),
    "hog_tmp": (changed(add_cell(
        "chunk = b'x' * 2**20\ntry:\n    for i in range(10_000):\n"
        "        open(f'/tmp/f{i}', 'wb').write(chunk)\nexcept OSError as e:\n    print(e)")), FULL,
        None),
    "hog_working_folder": (changed(add_cell(
        "chunk = b'x' * 2**20\ntry:\n    for i in range(10_000):\n"
        "        open(f'f{i}', 'wb').write(chunk)\nexcept OSError as e:\n    print(e)")), FULL,
        None),
    "hog_output": (changed(add_cell("print('x' * 10_000_000)\nfor i in range(300):\n"
                                    "    print('y' * 100_000)", after="mse_hidden")), FULL,
                   "output truncated"),
    "hog_display_updates": (changed(add_cell(UPDATE_FLOOD, after="mse_hidden")), FULL,
                            "output truncated"),
    "hog_widgets": (changed(add_cell(WIDGETS, after="mse_hidden")), FULL, None),
    "hog_cpu_thread": (changed(add_cell(
        "import threading\nthreading.Thread(target=lambda: [0 for _ in iter(int, 1)], "
        "daemon=True).start()", after="q_special_case_answer")), FULL, None),
    # the page the reader opens
    "html_and_script_output": (changed(add_cell(HTML_SCRIPT, after="mse_hidden")), FULL, None),
    "script_in_image_metadata": (changed(add_cell(IMAGE_SCRIPT, after="mse_hidden")), FULL, None),
    "hidden_test_marker_in_code": (changed(add_cell(
        "marker = '### BEGIN HIDDEN TESTS'  # only text", after="mse_hidden")), FULL, None),
    "script_in_markdown": (changed(add_cell(MARKDOWN_SCRIPT, after="mse_hidden",
                                            kind="markdown")), FULL, None),
    "slow_markdown": (changed(add_cell("\\begin{a}" * 20_000, after="mse_hidden",
                                       kind="markdown")), FULL, None),
    "script_in_raw_cell": (changed(add_cell(RAW_SCRIPT, after="mse_hidden", kind="raw")), FULL,
                           None),
    "slow_raw_cell": (changed(add_cell("<div>" * 64_000, after="mse_hidden", kind="raw")), FULL,
                      None),
    "huge_source": (changed(add_cell("text = '" + "x" * 3_000_000 + "'", after="mse_hidden")),
                    FULL, None),
    # the course's cells are the course's
    "deletes_a_test": (changed(wrong_mse, lambda nb: nb.cells.pop(index_of(nb, "mse_visible"))),
                       21, "): wrong value"),
    "edits_a_test": (changed(wrong_mse, replace("mse_hidden", "pass")), 21, "): wrong value"),
    "retypes_a_test": (changed(wrong_mse, lambda nb: nb.cells.__setitem__(
        index_of(nb, "mse_visible"), nbformat.v4.new_markdown_cell(
            "gone", metadata=copy.deepcopy(nb.cells[index_of(nb, "mse_visible")].metadata)))),
        21, "): wrong value"),
    "strips_test_metadata": (changed(wrong_mse, lambda nb: nb.cells[
        index_of(nb, "mse_visible")].update(metadata={}, source="print('all good')")), 21,
        "): wrong value"),
    "marks_a_test_as_an_answer": (changed(wrong_mse, edit_metadata("mse_hidden", solution=True),
                                          edit_metadata("mse_visible", solution=True,
                                                        locked=False)), 21, "): wrong value"),
    "claims_a_tests_grade_id": (changed(wrong_mse, add_cell(
        "print('my own test')", after="mse"), lambda nb: nb.cells[index_of(nb, "mse") + 1]
        .metadata.update(nbgrader={"grade": True, "solution": False, "locked": True,
                                   "points": 99, "grade_id": "mse_hidden",
                                   "schema_version": 3})), 21, "): wrong value"),
    "renamed_notebook": (lambda: notebooks.read(REPO_COURSE.solution_notebook("02_activations")),
                         0, "none of this notebook's cells belong"),
    "corrupt_json": (None, 0, "NotJSONError"),
    # correct answers written unusually keep their points
    "resets_its_namespace": (changed(add_cell(RESET)), FULL, None),
    "uses_builtin_names": (changed(replace("mse", (
        "def mse(y_true, y_pred):\n    input = np.asarray(y_true, dtype=float)\n"
        "    max = np.asarray(y_pred, dtype=float)\n    sum = ((max - input) ** 2).sum()\n"
        "    compile = sum / input.size\n    return compile\n"))), FULL, None),
    "defines_with_exec": (changed(replace("mse", (
        "exec('def mse(y_true, y_pred):\\n    import numpy as np\\n"
        "    return float(np.mean((np.asarray(y_pred, float) - np.asarray(y_true, float)) ** 2))')"
    ))), FULL, None),
    "prints_while_called": (changed(replace("mse", after=(
        "\n_mse_ok = mse\ndef mse(y_true, y_pred):\n    print('called', y_true, y_pred)\n"
        "    return _mse_ok(y_true, y_pred)\n"))), FULL, None),
    # an error in a function names the student's line (and nothing of the grader's)
    "raises_in_mse": (changed(replace("mse", "def mse(y_true, y_pred):\n    n = len(y_true)\n"
                                             "    return total / n\n")), 21,
                      "at line 3 of your cell, in mse: return total / n"),
    # a notebook that runs out of time keeps every test that finished
    "runs_out_of_time": (changed(*[add_cell(BURNER, after="q_mse_answer") for _ in range(9)]),
                         20, "the notebook used up its grading time"),
    "calls_use_up_the_time": (changed(replace("weighted_sum", after=SLOW_CALLS)), 7,
                              "the notebook used up its grading time"),
}
HOGS = [name for name in CASES if name.startswith("hog_")]


def hidden_markers() -> list[str]:
    """Lines of 01's hidden tests that appear nowhere in the student version."""
    released = "\n".join(c.source for c in blank().cells)
    markers = []
    for cell in notebooks.graded_cells(solution()):
        if "### BEGIN HIDDEN TESTS" in cell.source:
            hidden = cell.source.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN")[0]
            markers += [line.strip() for line in hidden.splitlines()
                        if len(line.strip()) > 20 and line.strip() not in released]
    return markers


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The scratch course, the grading run (two processes), and the class folder."""
    root = tmp_path_factory.mktemp("adversarial")
    course = scratch_course(REPO_COURSE, root / "course")
    with open(course.root / "nbgrader_config.py", "a") as config:
        config.write(LIMITS)
    course = Course(course.root)
    build(course, assignments=[A], log=lambda *_: None)
    folder = root / "class"
    folder.mkdir()
    for position, (name, (make, _, _)) in enumerate(CASES.items()):
        target = folder / name / f"{A}.ipynb"
        target.parent.mkdir()
        if make is None:
            target.write_text('{"cells": [ not JSON')
        else:
            nbformat.write(make(), str(target))
        if name in HOGS:  # an honest classmate graded while the hog runs
            shutil.copytree(folder / "honest", folder / f"honest{position:02d}")
    return course, grade(course, folder, progress=False, jobs=2)


def page(course, student):
    return (course.feedback / student / A / f"{A}.html").read_text()


@pytest.mark.parametrize("case", CASES)
def test_exact_score(hostile, case):
    _, run = hostile
    assert run.table.total(case, A) == CASES[case][1], (case, run.table.scores.get(case))


@pytest.mark.parametrize("case", [c for c in CASES if CASES[c][2]])
def test_note_in_problems_or_feedback(hostile, case):
    course, run = hostile
    note = CASES[case][2]
    feedback = course.feedback / case / A / f"{A}.html"
    text = "\n".join(run.problems) + (html.unescape(feedback.read_text())
                                      if feedback.exists() else "")
    assert note in text, f"{case}: no note containing {note!r}"


def test_honest_classmates_graded_beside_the_hogs_keep_full_marks(hostile):
    _, run = hostile
    honest = [s for s in run.table.scores if s.startswith("honest")]
    assert len(honest) == len(HOGS) + 1
    assert {s: run.table.total(s, A) for s in honest} == dict.fromkeys(honest, FULL)


@pytest.mark.parametrize("case", ["infinite_loop_in_function", "loop_ignoring_signals",
                                  "kernel_crash", "os_exit", "calls_reference", "corrupt_json",
                                  "runs_out_of_time"])
def test_faults_are_named_in_the_problems_report(hostile, case):
    _, run = hostile
    assert any(p.startswith(f"{case}/{A}") for p in run.problems), run.problems


def test_nothing_a_student_can_reach_holds_a_hidden_test(hostile):
    course, _ = hostile
    markers = hidden_markers()
    assert len(markers) > 20
    for student in CASES:
        autograded = course.root / "autograded" / student / A / f"{A}.ipynb"
        if not autograded.exists():
            continue
        nb = notebooks.read(autograded)
        outputs = "".join(str(o) for c in nb.cells for o in c.get("outputs", [])
                          if not notebooks.nbgrader_meta(c).get("grade"))
        feedback = html.unescape(page(course, student))
        for marker in markers:
            assert marker not in outputs, (student, marker)
            assert marker not in feedback, (student, marker)


def test_the_files_a_student_can_see_are_its_own(hostile):
    course, _ = hostile
    nb = notebooks.read(course.root / "autograded" / "walks_files" / A / f"{A}.ipynb")
    text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert "/etc/" in text  # the listing ran
    for secret in ("gradebook.db", "solutions", str(course.root), str(REPO_COURSE.root),
                   "NN_COURSE_DB_URL", "JPY_PARENT_PID", ".ipynb'"):
        assert secret not in text, secret


def test_pages_stay_small_and_inert(hostile):
    course, _ = hostile
    for student in CASES:
        autograded = course.root / "autograded" / student / A / f"{A}.ipynb"
        if autograded.exists() and student != "huge_source":
            assert autograded.stat().st_size < 1_000_000, student
        feedback = course.feedback / student / A / f"{A}.html"
        if feedback.exists():
            assert feedback.stat().st_size < 1_000_000, student
    for student in ("html_and_script_output", "script_in_markdown"):
        text = page(course, student)
        assert "pwned" in html.unescape(text)  # shown, as text
        assert "<script>alert(" not in text and "<img src=x" not in text
    assert not re.search(r"<img[^>]*onerror", page(course, "script_in_image_metadata"))
    nb = notebooks.read(course.root / "autograded" / "script_in_image_metadata" / A
                        / f"{A}.ipynb")
    assert all(not o.get("metadata") for c in nb.cells for o in c.get("outputs", []))


def test_student_text_is_plain_text_for_the_instructor_and_the_student(hostile):
    course, _ = hostile
    release = {c.source for c in blank().cells if c.cell_type != "code"}
    for student in ("script_in_markdown", "script_in_raw_cell", "slow_markdown", "slow_raw_cell"):
        nb = notebooks.read(course.root / "autograded" / student / A / f"{A}.ipynb")
        added = [c for c in nb.cells if c.cell_type != "code" and c.source not in release]
        assert [c.cell_type for c in added] == ["markdown"], student
        assert STUDENT_TEXT.fullmatch(added[0].source), student  # one line, no tag inside
        formgrader_view, _ = HTMLExporter().from_notebook_node(nb)  # how nbconvert shows it
        for shown in (formgrader_view, page(course, student)):
            # the text is inside <pre> (which maths typesetting skips), with no tag in it
            texts = re.findall(r'<pre class="student-text">(.*?)</pre>', shown, re.DOTALL)
            assert texts and not any("<" in text for text in texts), student
            rest = re.sub(r'<pre class="student-text">.*?</pre>', "", shown, flags=re.DOTALL)
            for bad in ("<script>alert(", "<img src=x", "<div><div>", "\\begin{a}"):
                assert bad not in rest, (student, bad)
    for student, text in (("slow_markdown", "\\begin{a}"), ("script_in_raw_cell", "pwned-raw")):
        assert text in html.unescape(page(course, student))  # shown, as text


def test_the_gradebook_and_the_course_are_intact(hostile):
    course, run = hostile
    with Gradebook(course.db_url) as gb:
        assert [a.name for a in gb.assignments] == [A]
        assert len(gb.find_notebook(A, A).grade_cells) == len(
            notebooks.graded_cells(solution()))
        assert {s.id for s in gb.students} >= set(CASES)
    assert course.solution_notebook(A).is_file()


def test_unsandboxed_warning_only_without_bubblewrap(hostile):
    _, run = hostile
    assert (sandbox.UNSANDBOXED_WARNING in run.problems) == (not sandbox.available())


def test_without_bubblewrap_grading_works_with_a_loud_warning(hostile, monkeypatch, tmp_path,
                                                              capsys):
    course, _ = hostile
    monkeypatch.setenv("PATH", str(tmp_path / "no-bubblewrap-here"))  # the grading processes too
    sandbox.available.cache_clear()
    nbformat.write(solution(), str(tmp_path / f"unsandboxed_{A}.ipynb"))
    nbformat.write(changed(mse_calling("from coursekit.losses import mse as _mse"))(),
                   str(tmp_path / f"unsandboxed-cheat_{A}.ipynb"))
    try:
        run = grade(course, tmp_path, progress=False, jobs=1)
    finally:
        sandbox.available.cache_clear()
    assert run.table.total("unsandboxed", A) == FULL
    assert run.table.total("unsandboxed-cheat", A) == 21  # the restricted coursekit still holds
    assert run.problems[0] == sandbox.UNSANDBOXED_WARNING
    assert "UNSANDBOXED" in capsys.readouterr().err


PROBE_PASSED_IN = """\
from coursekit.encoding import Record
found = []
def shallow_net(x, W, b, w_out, b_out, activation):
    for probe in (Record("R", {"__array_interface__": {"data": (8, True), "shape": (64,),
                                                       "typestr": "|u1", "version": 3}}),
                  np.linspace(-50.0, 50.0, 10**6)):  # the grader's memory; a table of f
        try:
            found.append(repr(np.asarray(activation(probe)))[:200])
        except Exception as error:
            found.append(f"refused: {error}"[:200])
    x = np.asarray(x, dtype=float)
    X = x[:, None] if x.ndim == 1 else x
    return np.asarray(activation(X @ np.asarray(W, float) + np.asarray(b, float))) @ \\
        np.asarray(w_out, float) + np.asarray(b_out, float)
"""


def test_functions_passed_in_give_neither_memory_nor_a_table(hostile, tmp_path):
    course, _ = hostile
    build(course, assignments=["02_activations"], log=lambda *_: None)
    nb = notebooks.read(REPO_COURSE.solution_notebook("02_activations"))
    nb.cells[index_of(nb, "shallow_net")].source = PROBE_PASSED_IN
    nb.cells.insert(index_of(nb, "shallow_net_hidden") + 1,
                    nbformat.v4.new_code_cell("print(found)"))
    keywords = notebooks.read(REPO_COURSE.solution_notebook("02_activations"))
    cell = keywords.cells[index_of(keywords, "shallow_net")]
    cell.source = cell.source.replace("activation(Z)", "activation(z=Z)")
    for student, notebook in (("prober", nb), ("keywords", keywords), ("classmate", notebooks.read(
            REPO_COURSE.solution_notebook("02_activations")))):
        (tmp_path / student).mkdir()
        nbformat.write(notebook, str(tmp_path / student / "02_activations.ipynb"))
    run = grade(course, tmp_path, progress=False, jobs=2)
    full = run.table.max_total("02_activations")
    assert run.table.total("classmate", "02_activations") == full
    assert run.table.total("prober", "02_activations") == full  # the honest part still counts
    # a keyword call reaches a passed-in function as it would locally: the reference
    # activations take z=, the hidden test's own activation does not
    hidden = "02_activations:shallow_net_hidden"
    assert run.table.scores["keywords"][hidden] == 0
    assert run.table.total("keywords", "02_activations") == full - run.table.max_scores[hidden]
    graded = notebooks.read(course.root / "autograded" / "prober" / "02_activations"
                            / "02_activations.ipynb")
    printed = "".join(o.get("text", "") for c in graded.cells for o in c.get("outputs", [])
                      if not notebooks.nbgrader_meta(c).get("grade"))
    assert printed.count("refused: ") >= 2 * 8, printed[:2000]  # both probes, every case
    assert "must be numeric" in printed and "a function passed in computes the answer" in printed
    assert "array(" not in printed


def test_hostile_entries_in_a_class_zip(hostile, tmp_path):
    course, _ = hostile
    honest = notebooks.read(REPO_COURSE.solution_notebook(A))
    text = nbformat.writes(honest)
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(f"amy/{A}.ipynb", text)
        z.writestr(f"../escape_{A}.ipynb", text)
        z.writestr(f"/absolute_{A}.ipynb", text)
        z.writestr("clash", text)
        z.writestr(f"clash/{A}.ipynb", text)
        z.writestr(f"ana perez/{A}.ipynb", text)
        z.writestr(f"ana_perez/{A}.ipynb", text)
        z.writestr(f"bob/zoe_{A}.ipynb", text)
        z.writestr(f"zoe/{A}.ipynb", nbformat.writes(blank()))
        z.writestr(f"notes\nbob/{A}.ipynb: graded\x1b[2K.txt", "a name that forges a line")
        link = zipfile.ZipInfo(f"mallory/{A}.ipynb")
        link.external_attr = 0o120777 << 16
        z.writestr(link, str(course.solution_notebook(A)))
    run = grade(course, archive, progress=False, jobs=2, regrade=True)
    assert {s: run.table.total(s, A) for s in ("amy", "bob", "zoe")} == {
        "amy": FULL, "bob": FULL, "zoe": 0}
    assert not {"ana_perez", "mallory", "clash", "escape", "absolute"} & set(run.table.scores)
    problems = "\n".join(run.problems)
    for refusal in ("climbs out of the archive", "an absolute path", "a file and a folder",
                    "'ana perez' and 'ana_perez' both become", "a symbolic link",
                    "notes\\nbob/"):
        assert refusal in problems, refusal
    assert all(p.isprintable() for p in run.problems)  # one line each, no terminal escapes


def test_regrading_alone_gives_the_parallel_scores_and_keeps_manual_grades(hostile, tmp_path):
    course, run = hostile
    with Gradebook(course.db_url) as gradebook:
        gradebook.find_grade("mse_visible", A, A, "patches_numpy").manual_score = 1
        gradebook.db.commit()
    again = ["honest", "kernel_crash", "infinite_loop_in_function", "patches_numpy"]
    for name in again:
        shutil.copy(course.submitted / name / A / f"{A}.ipynb", tmp_path / f"{name}_{A}.ipynb")
    regraded = grade(course, tmp_path, progress=False, jobs=1, regrade=True)  # was on 2
    assert regraded.backup is not None and regraded.backup.is_file()
    def of_01(scores):  # another test of this module builds 02 into the course
        return {q: s for q, s in scores.items() if q.startswith(A)}

    for name in again[:3]:
        assert of_01(regraded.table.scores[name]) == of_01(run.table.scores[name])
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
    first = resume.marker(course, subs.Submission("resumer0", A, tmp_path))
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
