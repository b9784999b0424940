"""Execution time of every solution notebook, top to bottom in a fresh kernel.

Targets (DESIGN.md, "Performance figures"): each notebook <= 10 s, the whole course <= 40 s.
Prints the kernel start, the execution time and the total per notebook, best of ``--repeats``
runs, then the course total. A script, not a test: it asserts nothing.

    python benchmarks/bench_notebooks.py [--repeats 3] [NN_topic ...]
"""

from __future__ import annotations

import argparse
import sys
from time import perf_counter

from nbclient import NotebookClient

from nn_course import notebooks
from nn_course.course import Course

NOTEBOOK_TARGET, COURSE_TARGET = 10.0, 40.0


def time_notebook(course: Course, assignment: str) -> tuple[float, float]:
    """(kernel start seconds, execution seconds) of one fresh run of the solution notebook."""
    path = course.solution_notebook(assignment)
    nb = notebooks.read(path)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            config=course.config)
    start = perf_counter()
    with client.setup_kernel():
        started = perf_counter()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        done = perf_counter()
    return started - start, done - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*", help="default: every notebook")
    parser.add_argument("--repeats", type=int, default=3, help="runs per notebook, best kept")
    args = parser.parse_args(argv)
    course = Course()
    assignments = args.assignments or course.assignments()
    print(f"{'notebook':22}{'kernel s':>10}{'run s':>8}{'total s':>9}  "
          f"target {NOTEBOOK_TARGET:g} s")
    course_total = 0.0
    for assignment in assignments:
        runs = [time_notebook(course, assignment) for _ in range(args.repeats)]
        kernel, run = min(runs, key=sum)
        course_total += kernel + run
        status = "ok" if kernel + run <= NOTEBOOK_TARGET else "MISSES"
        print(f"{assignment:22}{kernel:10.2f}{run:8.2f}{kernel + run:9.2f}  {status}")
    status = "ok" if course_total <= COURSE_TARGET else "MISSES"
    print(f"{'whole course':22}{'':18}{course_total:9.2f}  target {COURSE_TARGET:g} s: {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
