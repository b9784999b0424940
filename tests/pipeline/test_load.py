"""Load does not change a verdict: notebooks graded while every core is kept busy by other
processes get exactly the scores of a quiet run (time limits count the sandbox's CPU time)."""

import os
import shutil
import subprocess
import sys

from nn_course.grading import grade

ASSIGNMENTS = ("01_perceptron", "05_backprop", "06_gradient_descent")


def test_a_busy_machine_gives_the_scores_of_a_quiet_one(graded_class, scratch, tmp_path):
    quiet, archive = graded_class
    folder = archive.with_suffix("")
    for path in folder.rglob("*.ipynb"):  # ada, bob and cleo on three notebooks
        if path.stem.endswith(ASSIGNMENTS) and not path.name.startswith("dan"):
            target = tmp_path / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    loops = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
             for _ in range(os.cpu_count() or 2)]
    try:
        busy = grade(scratch, tmp_path, progress=False, regrade=True)
    finally:
        for loop in loops:
            loop.kill()
            loop.wait()
    def scores(table):
        return {student: {q: s for q, s in table.scores[student].items()
                          if q.split(":")[0] in ASSIGNMENTS} for student in ("ada", "bob", "cleo")}

    assert scores(busy.table) == scores(quiet.table)
    assert sum(len(v) for v in scores(quiet.table).values()) > 30
    assert not [p for p in busy.problems if "stopped" in p or "could not" in p], busy.problems
