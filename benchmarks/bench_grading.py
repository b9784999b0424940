"""Grading a class: ``nn-course grade`` against plain, sequential ``nbgrader autograde``.

Builds two scratch copies of the course, writes a synthetic class into each (the same files:
student k hands in the full solutions, the blank notebook or half of the exercises, in turn, for
every notebook) and grades it twice in one run:

- ``nn-course grade``: student cells in sandboxed kernels, tests run by the grader (calling the
  students' functions in the sandbox), feedback pages, one process per CPU (``--jobs``);
- plain nbgrader: a course root with nbgrader's default autograde pipeline, ``nbgrader
  autograde <assignment>`` for each notebook, one after the other (no feedback).

Prints both times, their ratio (target, DESIGN.md: >= 1.7x on 2 cores), the time per notebook
next to a bare kernel start (plain and sandboxed), and whether the two gradebooks agree. A
script, not a test: it asserts nothing. Run from the repository root::

    python benchmarks/bench_grading.py [--students 40] [--jobs 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from time import perf_counter

import nbformat
from jupyter_client.manager import AsyncKernelManager

from nn_course import sandbox
from nn_course.build import build
from nn_course.course import CONFIG_FILE, Course
from nn_course.demo import scratch_course, solved_student_version
from nn_course.gradebook import read_scores
from nn_course.grading import grade

PLAIN_CONFIG = '''c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "nn-course"
c.CourseDirectory.source_directory = "../solutions"
c.CourseDirectory.release_directory = "../course"
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
'''
SHARES = (1.0, 0.0, 0.5)  # full solutions, blank, half: student k gets SHARES[k % 3]


async def _start_and_stop(manager_class) -> None:
    with tempfile.TemporaryDirectory() as folder:  # empty, like a submission's folder
        # Unix sockets, as the graders use (the sandboxed manager picks its own folder)
        manager = manager_class(kernel_name="python3", transport="ipc",
                                ip=os.path.join(folder, "kernel"))
        await manager.start_kernel(cwd=folder)
        client = manager.client()
        client.start_channels()
        await client.wait_for_ready(timeout=60)
        client.stop_channels()
        await manager.shutdown_kernel(now=True)


def kernel_start_seconds(manager_class, runs: int = 5) -> float:
    """Median seconds to start a python3 kernel, wait until it answers, and stop it."""
    times = []
    for _ in range(runs):
        start = perf_counter()
        asyncio.run(_start_and_stop(manager_class))
        times.append(perf_counter() - start)
    return statistics.median(times)


def write_class(course: Course, students: int) -> None:
    """The synthetic class, staged where nbgrader looks: submitted/<student>/<assignment>/."""
    versions = {(a, share): solved_student_version(course, a, share)
                for a in course.assignments() for share in SHARES}
    for k in range(students):
        for assignment in course.assignments():
            folder = course.submitted / f"s{k:02d}" / assignment
            folder.mkdir(parents=True, exist_ok=True)
            nbformat.write(versions[assignment, SHARES[k % 3]],
                           str(folder / f"{assignment}.ipynb"))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="nn-course-bench-"))
    ours = scratch_course(Course(), work / "ours")
    plain = scratch_course(Course(), work / "plain")
    (plain.root / CONFIG_FILE).write_text(PLAIN_CONFIG)
    plain = Course(plain.root)
    for course in (ours, plain):
        build(course, log=lambda *_: None)
    write_class(plain, args.students)
    for path in plain.submitted.glob("*/*/*.ipynb"):  # the same files, as an LMS hands them in
        target = work / "class" / path.parts[-3] / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    notebooks = args.students * len(ours.assignments())
    print(f"{args.students} students x {len(ours.assignments())} notebooks = {notebooks}; "
          f"{os.cpu_count()} CPUs; sandbox: {'bubblewrap' if sandbox.available() else 'NONE'}")

    start = perf_counter()
    run = grade(ours, work / "class", progress=False, jobs=args.jobs)
    ours_s = perf_counter() - start

    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    start = perf_counter()
    for assignment in plain.assignments():
        subprocess.run([nbgrader, "autograde", assignment, "--force"], cwd=plain.root,
                       check=True, capture_output=True)
    plain_s = perf_counter() - start

    same = read_scores(plain.db_url).scores == run.table.scores
    bare = kernel_start_seconds(AsyncKernelManager)
    boxed = (kernel_start_seconds(sandbox.SandboxedKernelManager)
             if sandbox.available() else float("nan"))
    print(f"\n{'':34} {'total s':>9} {'per notebook s':>15}")
    print(f"{f'nn-course grade --jobs {args.jobs}':34} {ours_s:>9.1f} {ours_s / notebooks:>15.2f}")
    print(f"{'nbgrader autograde (sequential)':34} {plain_s:>9.1f} {plain_s / notebooks:>15.2f}")
    print(f"{'bare kernel start':34} {'':>9} {bare:>15.2f}")
    print(f"{'sandboxed kernel start':34} {'':>9} {boxed:>15.2f}")
    ratio = plain_s / ours_s
    print(f"\nspeed-up: {ratio:.2f}x (target >= 1.7x): {'meets it' if ratio >= 1.7 else 'misses'}")
    print(f"same scores in both gradebooks: {same}")
    print(f"problems reported by nn-course: {len(run.problems)}; notebooks it graded twice "
          f"(busy gradebook): {run.retried}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
