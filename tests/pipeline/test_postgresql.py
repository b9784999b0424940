"""A PostgreSQL gradebook: a real server (Debian's ``postgresql``), started and stopped here on a
private Unix socket with no TCP, takes a class graded in parallel, with the same scores as the
SQLite gradebook of ``graded_class``; its backups restore; the sandbox cannot reach it."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from nn_course import sandbox
from nn_course.build import build
from nn_course.course import Course
from nn_course.demo import scratch_course
from nn_course.gradebook import read_scores
from nn_course.grading import grade

ASSIGNMENTS = ["01_perceptron", "05_backprop"]  # a class of 4 students x 2 notebooks
USER = "grader"


def _server_programs() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl`` (Debian keeps them out of PATH)."""
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                    key=lambda p: int(p.parts[-3].split(".")[0]))
    found = str(debian[-1]) if debian else shutil.which("initdb")
    return Path(found).parent if found else None


PROGRAMS = _server_programs()
if PROGRAMS is None or shutil.which("pg_dump") is None:
    if os.environ.get("NN_COURSE_REQUIRE_POSTGRESQL"):
        pytest.fail("PostgreSQL is required (NN_COURSE_REQUIRE_POSTGRESQL=1) but initdb or "
                    "pg_dump is missing (apt-get install postgresql)", pytrace=False)
    pytest.skip("PostgreSQL (initdb, pg_ctl, pg_dump) is not installed", allow_module_level=True)


def _as_server_user(command: list) -> list[str]:
    """PostgreSQL refuses to run as root: run as its own ``postgres`` user then."""
    command = [str(part) for part in command]
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command: list) -> str:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{command[0]} failed: {done.stdout}{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def server():
    """A fresh cluster in a private folder, listening only on a socket in that folder:
    ``(socket folder, URL of an empty database "gradebook")``."""
    folder = Path(tempfile.mkdtemp(prefix="nn-course-pg-"))  # mode 0700: no other user gets in
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    _run(_as_server_user([PROGRAMS / "initdb", "-D", data, "-U", USER, "--auth=trust",
                          "--encoding=UTF8", "--no-sync"]))
    options = f"-k {folder} -c listen_addresses='' -c fsync=off"
    _run(_as_server_user([PROGRAMS / "pg_ctl", "-D", data, "-l", folder / "server.log", "-w",
                          "-o", options, "start"]))
    try:
        _run(["createdb", "-h", folder, "-U", USER, "gradebook"])
        yield folder, f"postgresql+psycopg2://{USER}@/gradebook?host={folder}"
    finally:
        _run(_as_server_user([PROGRAMS / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop"]))
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def pg_course(server, tmp_path_factory) -> Course:
    """The course, built into the PostgreSQL gradebook (set in its ``nbgrader_config.py``)."""
    _, url = server
    course = scratch_course(Course(), tmp_path_factory.mktemp("pg") / "course")
    for folder in course.solutions.iterdir():
        if folder.is_dir() and folder.name not in ASSIGNMENTS:
            shutil.rmtree(folder)
    with open(course.root / "nbgrader_config.py", "a") as config:
        config.write(f"\nc.CourseDirectory.db_url = {url!r}\n")
    course = Course(course.root)
    build(course, log=lambda *_: None)
    return course


@pytest.fixture(scope="module")
def pg_run(pg_course, graded_class, tmp_path_factory):
    """The demo class's notebooks of ``ASSIGNMENTS``, graded on 2 processes."""
    _, archive = graded_class
    folder = tmp_path_factory.mktemp("pg-class")
    for path in archive.with_suffix("").rglob("*.ipynb"):
        if any(a in path.name for a in ASSIGNMENTS):
            target = folder / path.relative_to(archive.with_suffix(""))
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    return grade(pg_course, folder, progress=False, jobs=2), folder


def test_the_gradebook_is_the_postgresql_database(pg_course):
    assert pg_course.db_url.startswith("postgresql+psycopg2://")
    assert not (pg_course.root / "gradebook.db").exists()


def test_every_score_equals_the_sqlite_gradebooks(pg_run, graded_class):
    run, _ = pg_run
    sqlite_run, _ = graded_class
    assert set(run.table.questions) == {q for q in sqlite_run.table.questions
                                        if q.split(":")[0] in ASSIGNMENTS}
    assert sorted(run.table.scores) == ["ada", "bob", "cleo", "dan"]
    for student, row in run.table.scores.items():
        for question, score in row.items():
            assert score == sqlite_run.table.scores[student][question], (student, question)
    assert run.table.total("ada") == run.table.max_total() == 24 + 23
    assert run.table.total("bob") == run.table.total("dan") == 0
    assert 0 < run.table.total("cleo") < run.table.total("ada")


def test_only_the_corrupt_notebooks_are_problems(pg_run):
    run, _ = pg_run
    problems = [p for p in run.problems if p != sandbox.UNSANDBOXED_WARNING]
    assert sorted(p.split(":")[0] for p in problems) == [f"dan/{a}" for a in ASSIGNMENTS]
    assert all("NotJSONError" in p for p in problems)


def test_a_backup_restores_into_a_new_database_with_every_score(pg_course, pg_run, server):
    socket_folder, _ = server
    run, folder = pg_run
    again = grade(pg_course, folder, progress=False)  # nothing to do: its backup has the scores
    assert again.skipped == 6 and again.backup.suffix == ".sql"
    assert run.backup.suffix == ".sql" and "CREATE TABLE" in run.backup.read_text()
    _run(["createdb", "-h", socket_folder, "-U", USER, "restored"])
    _run(["psql", "-h", socket_folder, "-U", USER, "-d", "restored", "-v", "ON_ERROR_STOP=1",
          "-q", "-f", again.backup])
    restored = read_scores(f"postgresql+psycopg2://{USER}@/restored?host={socket_folder}")
    assert restored.scores == run.table.scores


def test_the_sandbox_cannot_reach_the_database_socket(server, tmp_path):
    if not sandbox.available():
        pytest.skip("bubblewrap (bwrap) is not available")
    socket_folder, _ = server
    code = ("import os, socket\n"
            f"print(os.path.exists({str(socket_folder)!r}), os.path.exists('/run/postgresql'))\n"
            "s = socket.socket(socket.AF_UNIX)\n"
            f"s.connect({str(socket_folder / '.s.PGSQL.5432')!r})\n")
    box = sandbox.Sandbox()
    try:
        done = subprocess.run(box.wrap([sys.executable, "-c", code]), capture_output=True,
                              text=True, timeout=120)
    finally:
        box.close()
    assert done.stdout.strip() == "False False"
    assert "FileNotFoundError" in done.stderr


def test_nn_course_db_url_variable_sets_the_gradebook(monkeypatch):
    monkeypatch.setenv("NN_COURSE_DB_URL", "postgresql+psycopg2://someone@/grades?host=/x")
    assert Course().db_url == "postgresql+psycopg2://someone@/grades?host=/x"
    monkeypatch.delenv("NN_COURSE_DB_URL")
    assert Course().db_url.startswith("sqlite:///")
