"""A class on a real JupyterHub: release, fetch, submit, collect, grade, return feedback.

As root (CI is), ``deploy/jupyterhub/hub.py`` sets up the hub the README documents under
:data:`PREFIX`: an instructor and six students as system users, the course environment,
configurable-http-proxy from npm, nbgrader's exchange; then it starts the hub on 127.0.0.1.
Chromium logs in as ada, who fetches and submits in JupyterLab's Assignment List and later fetches
her feedback there and opens it; the others use nbgrader's commands as their own users, five of
them submitting at the same moment. eve is hostile: her notebook attacks the grader and her
classmates, she hands in work in bob's name and a link to the instructor's solutions in her own.
The instructor collects, runs ``nn-course grade`` on what nbgrader collected, releases the
feedback, and sees the submissions and scores in the Formgrader (in the browser), where a manual
grade is entered. Everything that is denied is tried
as the user who must be denied. The hub, its users and :data:`PREFIX` are removed at the end.
Screenshots go to tests/browser/screenshots/hub-*.png.

Without root the test is skipped, unless ``NN_COURSE_REQUIRE_HUB=1`` (set by ``.ci/run``).
"""

from __future__ import annotations

import os
import pwd
import secrets
import socket
import stat
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from nn_course import notebooks
from nn_course.course import Course
from nn_course.demo import solved_student_version

HUB_SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "jupyterhub" / "hub.py"
PREFIX = Path("/srv/nn-course-hub-test")  # other users must reach it: not under /tmp/pytest-*
A = "01_perceptron"
FULL = 24
INSTRUCTOR = "nnct-teacher"
# student -> the share of the answers solved (None: hostile, below); ada works in the browser
STUDENTS = {"nnct-ada": 1.0, "nnct-bob": 0.0, "nnct-cleo": 0.5, "nnct-dan": 0.75,
            "nnct-eve": None, "nnct-fay": 0.25}
AT_ONCE = ["nnct-bob", "nnct-cleo", "nnct-dan", "nnct-eve", "nnct-fay"]  # submit together
REPO_COURSE = Course()
HOSTILE = '''
import glob, os, signal
# eve's attack, from inside her graded kernel: spoil the gradebook and her classmates' notebooks,
# kill whatever process she can see, leave a file for the grader to trip over
for pattern in ["/home/*/nn-course/grader/gradebook.db*", "/home/*/nn-course/grader/*/*/*/*",
                "/srv/nn-course-hub-test/exchange/nn-course/*/*", "/home/*/nn-course/*/*"]:
    for path in glob.glob(pattern):
        try:
            with open(path, "w") as target:
                target.write("eve was here")
        except OSError:
            pass
for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
    if int(pid) not in (os.getpid(), os.getppid(), 1):
        try:
            os.kill(int(pid), signal.SIGKILL)
        except OSError:
            pass
'''


def expected_score(share: float) -> int:
    """Points of the graded cells of the answers ``solved_student_version(share)`` fills in
    (in 01 every exercise's tests are ``<answer>_visible``/``_hidden``, a question's
    ``<answer>_answer``)."""
    cells = notebooks.read(REPO_COURSE.solution_notebook(A)).cells
    answers = [notebooks.nbgrader_meta(c)["grade_id"] for c in cells
               if notebooks.nbgrader_meta(c).get("solution")]
    solved = set(answers[: int(len(answers) * share)])
    return sum(meta.get("points", 0) for c in cells if (meta := notebooks.nbgrader_meta(c))
               .get("grade") and meta["grade_id"].rsplit("_", 1)[0] in solved)


def home(user: str) -> Path:
    return Path(pwd.getpwnam(user).pw_dir)


def as_user_command(user: str, command: tuple[str, ...], cwd: Path | None = None,
                    **env: str) -> list[str]:
    """``command`` as ``user`` in the course's environment, from their home (or ``cwd``)."""
    return ["runuser", "-u", user, "--", "env", "-C", str(cwd or home(user)),
            f"HOME={home(user)}", f"PATH={PREFIX / 'venv' / 'bin'}:/usr/bin:/bin",
            *[f"{k}={v}" for k, v in env.items()], *command]


def as_user(user: str, *command: str, check: bool = True, cwd: Path | None = None,
            **env: str) -> subprocess.CompletedProcess:
    """:func:`as_user_command`, run to its end."""
    run = subprocess.run(as_user_command(user, command, cwd, **env), capture_output=True,
                         text=True, timeout=300)
    if check:
        assert run.returncode == 0, f"{user}: {' '.join(command)}\n{run.stdout}\n{run.stderr}"
    return run


def denied(user: str, *command: str) -> bool:
    """Whether ``command`` fails for ``user`` with a permission error."""
    run = as_user(user, *command, check=False)
    return run.returncode != 0 and ("Permission denied" in run.stderr
                                    or "Operation not permitted" in run.stderr)


def hub_script(*arguments: str, **env: str) -> None:
    subprocess.run([sys.executable, str(HUB_SCRIPT), *arguments, "--prefix", str(PREFIX)],
                   check=True, env={**os.environ, **env}, timeout=900)


def free_ports() -> int:
    """A port P with P, P+1 and P+2 free on 127.0.0.1 (the hub, its API, the proxy's API)."""
    while True:
        base = 40000 + secrets.randbelow(20000)
        try:
            for port in (base, base + 1, base + 2):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue


@pytest.fixture(scope="module")
def hub():
    """The hub, set up and started; removed (users, homes, prefix) at the end."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        message = "the JupyterHub test needs root (it creates system users)"
        if os.environ.get("NN_COURSE_REQUIRE_HUB") == "1":
            pytest.fail(message)
        pytest.skip(message)
    if (PREFIX / "etc" / "hub.json").exists():  # an earlier run that was killed
        hub_script("remove")
    password = secrets.token_urlsafe(12)
    try:
        hub_script("setup", "--instructor", INSTRUCTOR, "--students", ",".join(STUDENTS),
                   "--port", str(port := free_ports()))
        hub_script("start", NNC_TEST_PASSWORD=password)
        yield f"http://127.0.0.1:{port}", password
    finally:
        if (PREFIX / "etc" / "hub.json").exists():
            hub_script("remove")


def log_in(page, hub, user: str) -> None:
    url, password = hub
    page.goto(f"{url}/hub/login", timeout=60_000)
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", password)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_selector(".lm-MenuBar-itemLabel", timeout=120_000)  # the server and Lab


def assignment_list(page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Assignment List").first.click()


def write_as(user: str, nb, path: Path) -> None:
    """Save ``nb`` to ``path`` in ``user``'s home, as that user (their work)."""
    source = PREFIX / f"{user}.ipynb"
    nbformat.write(nb, str(source))
    os.chmod(source, 0o644)
    as_user(user, "cp", str(source), str(path))
    source.unlink()


def notebook_of(student: str):
    share = STUDENTS[student]
    if share is not None:
        return solved_student_version(REPO_COURSE, A, share)
    nb = solved_student_version(REPO_COURSE, A, 0.0)
    first = next(c for c in nb.cells if notebooks.nbgrader_meta(c).get("solution"))
    first.source = HOSTILE + first.source
    return nb


@pytest.fixture(scope="module")
def round_trip(hub, browser, screenshots):
    """The whole round trip; what each step left behind, for the tests below."""
    root = home(INSTRUCTOR) / "nn-course" / "grader"
    found = {"root": root}
    as_user(INSTRUCTOR, "nbgrader", "release_assignment", A, cwd=root)

    # ada, in the browser: fetch, work (her notebook saved as her), submit
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    log_in(page, hub, "nnct-ada")
    assignment_list(page)
    page.get_by_role("button", name="Fetch").click()
    page.get_by_role("button", name="Submit").wait_for(timeout=60_000)
    page.screenshot(path=str(screenshots / "hub-student-fetched.png"))
    write_as("nnct-ada", notebook_of("nnct-ada"), home("nnct-ada") / "nn-course" / A / f"{A}.ipynb")
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("button", name="Fetch Feedback").wait_for(timeout=60_000)
    page.screenshot(path=str(screenshots / "hub-student-submitted.png"))

    # the others, with nbgrader's commands; five submit at the same moment
    fetching = [start_as(s, "nbgrader", "fetch_assignment", A) for s in AT_ONCE]
    assert all(p.wait(timeout=120) == 0 for p in fetching)
    for student in AT_ONCE:
        write_as(student, notebook_of(student), home(student) / "nn-course" / A / f"{A}.ipynb")
    submitting = [start_as(s, "nbgrader", "submit", A) for s in AT_ONCE]
    assert all(p.wait(timeout=120) == 0 for p in submitting)
    inbound = PREFIX / "exchange" / "nn-course" / "inbound"
    found["inbound"] = {p.name.split("+")[0]: p for p in inbound.iterdir()}

    # eve also hands in a full solution in bob's name, newer than his; a newer folder of her own
    # with a link to the instructor's solutions (collect runs as the instructor); one whose name
    # nbgrader's collect cannot parse (it stopped for the class); tries her luck
    forged = inbound / f"nnct-bob+{A}+2099-01-01 00:00:00.000000 UTC+forgedbyeve"
    as_user("nnct-eve", "mkdir", str(forged))
    write_as("nnct-eve", solved_student_version(REPO_COURSE, A, 1.0), forged / f"{A}.ipynb")
    linked = inbound / f"nnct-eve+{A}+2099-01-01 00:00:00.000000 UTC+linkedbyeve"
    as_user("nnct-eve", "mkdir", str(linked))
    solution = home(INSTRUCTOR) / "nn-course" / "solutions" / A / f"{A}.ipynb"
    as_user("nnct-eve", "ln", "-s", str(solution), str(linked / f"{A}.ipynb"))
    as_user("nnct-eve", "mkdir", str(inbound / f"nnct-eve+{A}+timeless+stopsall"))  # unparsable
    found["eve_deletes_ada"] = as_user("nnct-eve", "sh", "-c", f"rm -r '{inbound}'/nnct-ada+*",
                                       check=False)

    found["collect"] = as_user(INSTRUCTOR, "nbgrader", "collect", A, cwd=root)
    found["grade"] = as_user(INSTRUCTOR, "nn-course", "--no-progress", "grade", "submitted",
                             cwd=root, NN_COURSE_ROOT=str(root))
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        found["scores"] = {s: gradebook.find_submission(A, s).score for s in STUDENTS}
        found["times"] = {s: gradebook.find_submission(A, s).timestamp for s in STUDENTS}
    as_user(INSTRUCTOR, "nbgrader", "release_feedback", A, cwd=root)

    fetching = [start_as(s, "nbgrader", "fetch_feedback", A) for s in AT_ONCE]
    assert all(p.wait(timeout=120) == 0 for p in fetching)
    # bob asks nbgrader for ada's feedback: it looks in his own submissions only
    found["bob_asks_for_ada"] = as_user("nnct-bob", "nbgrader", "fetch_feedback", A,
                                        "--student=nnct-ada", check=False)

    # ada fetches her feedback in the browser and opens it
    page.get_by_role("button", name="Fetch Feedback").click()
    page.locator("a", has_text="view feedback").first.wait_for(timeout=60_000)
    page.screenshot(path=str(screenshots / "hub-student-feedback-fetched.png"))
    pages = sorted((home("nnct-ada") / "nn-course" / A / "feedback").glob(f"*/{A}.html"))
    page.goto(f"{hub[0]}/user/nnct-ada/files/{pages[0].relative_to(home('nnct-ada'))}")
    page.wait_for_selector("text=Exercises", timeout=60_000)
    page.screenshot(path=str(screenshots / "hub-student-feedback-page.png"))
    found["ada_page_text"] = page.inner_text("body")
    context.close()

    found["fetched"] = {s: sorted((home(s) / "nn-course" / A / "feedback").glob(f"*/{A}.html"))
                        for s in STUDENTS}
    found["own_pages"] = {s: root / "feedback" / s / A / f"{A}.html" for s in STUDENTS}
    found["formgrader"] = formgrader(browser, hub, screenshots, root)
    return found


def start_as(user: str, *command: str) -> subprocess.Popen:
    """:func:`as_user_command`, started (several start at the same moment)."""
    return subprocess.Popen(as_user_command(user, command), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def formgrader(browser, hub, screenshots, root: Path) -> dict:
    """The instructor in the Formgrader: the assignments, the submissions with their scores,
    and a manual grade (one point and a comment on bob's first exercise)."""
    url = f"{hub[0]}/user/{INSTRUCTOR}/formgrader"
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    log_in(page, hub, INSTRUCTOR)
    seen = {}
    page.goto(f"{url}/", timeout=60_000)
    page.wait_for_selector("text=07_overfitting", timeout=60_000)
    page.screenshot(path=str(screenshots / "hub-formgrader-assignments.png"))
    seen["assignments"] = page.inner_text("body")
    page.goto(f"{url}/gradebook/{A}/{A}", timeout=60_000)
    page.wait_for_selector("text=Submission #6", timeout=60_000)  # the table has loaded
    page.click("#toggle_names")
    page.wait_for_selector("text=nnct-ada", timeout=60_000)
    page.screenshot(path=str(screenshots / "hub-formgrader-submissions.png"))
    seen["submissions"] = page.inner_text("body")
    page.locator("tr", has_text="nnct-bob").locator("a:visible").first.click()
    score = page.locator("input.score").first
    score.wait_for(timeout=60_000)
    page.wait_for_load_state("networkidle", timeout=120_000)  # its scripts bound (a busy machine)
    with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url
                              and r.request.method == "PUT" and r.ok, timeout=120_000):
        score.fill("1")
        score.press("Tab")
    comment = page.locator("textarea.comment").first
    with page.expect_response(lambda r: "/formgrader/api/comment/" in r.url
                              and r.request.method == "PUT" and r.ok, timeout=120_000):
        comment.fill("Start from the weighted sum: z = w · x + b.")
        comment.press("Tab")
    page.screenshot(path=str(screenshots / "hub-formgrader-manual-grade.png"))
    context.close()
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        bob = gradebook.find_submission(A, "nnct-bob")
        seen["bob_score"] = bob.score
        seen["bob_comments"] = [c.manual_comment for n in bob.notebooks for c in n.comments
                                if c.manual_comment]
    return seen


def test_scores_are_the_expected_ones(round_trip):
    scores = round_trip["scores"]
    assert scores["nnct-ada"] == FULL  # in the browser
    assert scores["nnct-bob"] == 0  # the blank notebook: eve's forgery in his name was refused
    for student in ("nnct-cleo", "nnct-dan", "nnct-fay"):
        assert scores[student] == expected_score(STUDENTS[student]), student
    assert 0 < expected_score(0.25) < expected_score(0.5) < expected_score(0.75) < FULL
    assert "could not be graded" not in round_trip["grade"].stdout


def test_nbgrader_collected_layout_keeps_submission_times(round_trip):
    assert all(round_trip["times"].values()), round_trip["times"]
    submitted = round_trip["root"] / "submitted"
    for student in STUDENTS:
        assert {p.name for p in (submitted / student / A).iterdir()} == {
            f"{A}.ipynb", "timestamp.txt", "submission_secret.txt"}


def test_concurrent_submissions_lose_nothing(round_trip):
    assert set(round_trip["inbound"]) == set(STUDENTS)
    submitted = round_trip["root"] / "submitted"
    for student in AT_ONCE:
        nb = notebooks.read(submitted / student / A / f"{A}.ipynb")
        mine = notebook_of(student)
        answers = [c.source for c in nb.cells if notebooks.nbgrader_meta(c).get("solution")]
        assert answers == [c.source for c in mine.cells
                           if notebooks.nbgrader_meta(c).get("solution")], student


def test_each_student_fetches_their_own_feedback_only(round_trip):
    for student in STUDENTS:
        fetched = round_trip["fetched"][student]
        assert len(fetched) == 1, (student, fetched)
        assert fetched[0].read_bytes() == round_trip["own_pages"][student].read_bytes(), student
    pages = [round_trip["own_pages"][s].read_bytes() for s in STUDENTS]
    assert len(set(pages)) == len(pages)  # every page differs, so "own" means something
    assert round_trip["fetched"]["nnct-bob"][0].read_bytes() != \
        round_trip["own_pages"]["nnct-ada"].read_bytes()
    assert "24.0 / 24.0" in round_trip["ada_page_text"]


def test_a_hostile_student_changes_no_one_elses_score(round_trip):
    scores = round_trip["scores"]
    assert scores["nnct-bob"] == 0 and scores["nnct-ada"] == FULL
    refused = [line for line in round_trip["collect"].stderr.splitlines()
               if "Not collected" in line]
    assert len(refused) == 3
    assert [why for name, why in (("forgedbyeve", "another user"), ("linkedbyeve", "a link"),
                                  ("stopsall", "no time")) if not any(
        name in line and why in line for line in refused)] == []
    assert round_trip["eve_deletes_ada"].returncode != 0  # inbound cannot be listed
    assert round_trip["inbound"]["nnct-ada"].exists()
    assert scores["nnct-eve"] == 0  # her own blank notebook, not the solutions she linked


def test_the_formgrader_shows_the_course_and_manual_grading_works(round_trip):
    seen = round_trip["formgrader"]
    assert all(a in seen["assignments"] for a in REPO_COURSE.assignments())
    for student in STUDENTS:
        assert student in seen["submissions"]
    assert f"{FULL} / {FULL}" in seen["submissions"]
    assert seen["bob_score"] == 1  # blank (0) plus the manual point
    assert seen["bob_comments"] == ["Start from the weighted sum: z = w · x + b."]


def test_students_cannot_read_what_is_not_theirs(round_trip):
    root = round_trip["root"]
    exchange = PREFIX / "exchange" / "nn-course"
    for student in ("nnct-bob", "nnct-eve"):
        other = "nnct-ada"
        for path in (home(INSTRUCTOR), root / "gradebook.db", root.parent / "solutions",
                     root / "submitted" / other, root / "feedback" / other,
                     home(other) / "nn-course" / A / f"{A}.ipynb",
                     home(other) / ".local" / "share" / "jupyter" / "nbgrader_cache"):
            assert denied(student, "ls", str(path)), (student, path)
        assert denied(student, "ls", str(exchange / "inbound"))
        assert denied(student, "ls", str(exchange / "feedback"))
        assert denied(student, "mkdir", str(exchange / "outbound" / "02_activations"))
        assert denied(student, "rm", "-rf", str(exchange))
    bob_asks = round_trip["bob_asks_for_ada"]
    assert not any(p.read_bytes() == round_trip["own_pages"]["nnct-ada"].read_bytes()
                   for p in (home("nnct-bob") / "nn-course").rglob("*.html")), bob_asks.stderr


def test_the_exchange_has_nbgraders_modes(round_trip):
    exchange = PREFIX / "exchange"
    modes = {path: stat.S_IMODE(path.stat().st_mode) for path in (
        exchange, exchange / "nn-course", exchange / "nn-course" / "outbound",
        exchange / "nn-course" / "inbound", exchange / "nn-course" / "feedback")}
    # nbgrader's modes (1777, 755, 755, 2733, 711), with the sticky bit added on inbound
    assert list(modes.values()) == [0o1777, 0o755, 0o755, 0o3733, 0o711]
    owner = pwd.getpwnam(INSTRUCTOR).pw_uid
    assert all(path.stat().st_uid == owner for path in list(modes)[1:])
    for user in (INSTRUCTOR, *STUDENTS):
        assert stat.S_IMODE(home(user).stat().st_mode) == 0o700, user


def test_screenshots_were_saved(round_trip, screenshots):
    names = {p.name for p in screenshots.glob("hub-*.png")}
    assert {"hub-student-submitted.png", "hub-student-feedback-page.png",
            "hub-formgrader-submissions.png", "hub-formgrader-manual-grade.png"} <= names


def test_each_server_runs_as_its_user_and_only_the_instructors_knows_the_course(round_trip):
    environments = {}
    for user in (INSTRUCTOR, "nnct-ada"):
        pids = subprocess.run(["pgrep", "-u", user, "-f", "jupyterhub-singleuser"],
                              capture_output=True, text=True).stdout.split()
        assert pids, f"no server of {user}"
        environ = Path(f"/proc/{pids[0]}/environ").read_bytes().split(b"\0")
        environments[user] = dict(e.decode().split("=", 1) for e in environ if b"=" in e)
    assert environments[INSTRUCTOR]["NN_COURSE_ROOT"] == str(round_trip["root"])
    assert environments["nnct-ada"]["NN_COURSE_ROOT"] == ""
    assert environments["nnct-ada"]["NN_COURSE_DB_URL"] == ""
