"""The time of a class's round trip on JupyterHub, step by step (run as root; Debian).

Sets up the hub of deploy/jupyterhub/hub.py under a scratch prefix with an instructor and
``--students`` students (system users), then times each step an instructor and the students
take with nbgrader's commands: release, fetch (all students at once), submit (at once),
collect, ``nn-course grade submitted``, release_feedback, fetch_feedback (at once). Students
hand in the full solution, the blank notebook and half of it in turn. Prints seconds per step
and the round trip's total (setup and removal apart), then removes the hub, its users and the
prefix. A script, not a test: it asserts nothing. The browser part is tests/browser/test_hub.py.

    python benchmarks/bench_hub.py [--students 6]
"""

from __future__ import annotations

import argparse
import os
import pwd
import subprocess
import sys
from pathlib import Path
from time import perf_counter

import nbformat

from nn_course.course import Course
from nn_course.demo import solved_student_version

HUB = Path(__file__).resolve().parents[1] / "deploy" / "jupyterhub" / "hub.py"
PREFIX = Path("/srv/nn-course-hub-bench")
INSTRUCTOR = "nncb-teacher"
A = "01_perceptron"


def as_user(user: str, *command: str, cwd: str | None = None) -> subprocess.Popen:
    home = pwd.getpwnam(user).pw_dir
    return subprocess.Popen(
        ["runuser", "-u", user, "--", "env", "-C", cwd or home, f"HOME={home}",
         f"PATH={PREFIX / 'venv' / 'bin'}:/usr/bin:/bin", *command],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def together(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.wait() != 0:
            sys.exit(f"bench_hub: {' '.join(process.args[-3:])} failed:\n{process.stderr.read()}")


def hub(*arguments: str) -> None:
    subprocess.run([sys.executable, str(HUB), *arguments, "--prefix", str(PREFIX)], check=True,
                   stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=6)
    args = parser.parse_args()
    students = [f"nncb-s{n}" for n in range(1, args.students + 1)]
    times: dict[str, float] = {}

    def timed(step: str, action) -> None:
        start = perf_counter()
        action()
        times[step] = perf_counter() - start

    timed("setup (installs, users, build)", lambda: hub(
        "setup", "--instructor", INSTRUCTOR, "--students", ",".join(students), "--port", "47200"))
    root = str(Path(pwd.getpwnam(INSTRUCTOR).pw_dir) / "nn-course" / "grader")
    course = Course()
    try:
        timed("release_assignment", lambda: together(
            [as_user(INSTRUCTOR, "nbgrader", "release_assignment", A, cwd=root)]))
        timed("fetch_assignment, all at once", lambda: together(
            [as_user(s, "nbgrader", "fetch_assignment", A) for s in students]))
        for n, student in enumerate(students):
            work = PREFIX / f"{student}.ipynb"
            nbformat.write(solved_student_version(course, A, (1.0, 0.0, 0.5)[n % 3]), str(work))
            os.chmod(work, 0o644)
            together([as_user(student, "cp", str(work), f"nn-course/{A}/{A}.ipynb")])
        timed("submit, all at once", lambda: together(
            [as_user(s, "nbgrader", "submit", A) for s in students]))
        timed("collect", lambda: together(
            [as_user(INSTRUCTOR, "nbgrader", "collect", A, cwd=root)]))
        timed("nn-course grade submitted", lambda: together(
            [as_user(INSTRUCTOR, "nn-course", "--no-progress", "--root", root, "grade",
                     "submitted", cwd=root)]))
        timed("release_feedback", lambda: together(
            [as_user(INSTRUCTOR, "nbgrader", "release_feedback", A, cwd=root)]))
        timed("fetch_feedback, all at once", lambda: together(
            [as_user(s, "nbgrader", "fetch_feedback", A) for s in students]))
    finally:
        timed("remove", lambda: hub("remove"))
    print(f"{args.students} students, {os.cpu_count()} cores")
    for step, seconds in times.items():
        print(f"{step:34s} {seconds:6.1f} s")
    trip = sum(s for step, s in times.items() if not step.startswith(("setup", "remove")))
    print(f"{'round trip (release to feedback)':34s} {trip:6.1f} s")


if __name__ == "__main__":
    main()
