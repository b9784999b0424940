"""The nn-course command line: demo end to end, report, and clear errors for bad input."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nn_course.cli import main

NN_COURSE = shutil.which("nn-course") or str(Path(sys.executable).with_name("nn-course"))


def test_demo_prints_the_grade_table(tmp_path):
    """The command end to end, on two notebooks (``graded_class`` grades the whole demo class
    through the same functions)."""
    done = subprocess.run([NN_COURSE, "--no-progress", "demo", "01_perceptron", "05_backprop",
                           "--out", str(tmp_path / "demo")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    rows = {line.split()[0]: line.split()[1:] for line in done.stdout.splitlines()
            if re.match(r"(ada|bob|cleo|dan) ", line)}
    assert set(rows) == {"ada", "bob", "cleo", "dan"}
    assert re.search(r"^student +01_perceptron +05_backprop +total", done.stdout, re.M)
    earned, full = map(float, rows["ada"][-1].split("/"))
    assert earned == full > 0
    assert rows["bob"][-1].startswith("0/") and rows["dan"][-1].startswith("0/")
    assert 0 < float(rows["cleo"][-1].split("/")[0]) < full
    assert "problem: dan/" in done.stdout
    assert (tmp_path / "demo" / "class.zip").is_file()
    assert (tmp_path / "demo" / "grader" / "reports" / "grades.csv").is_file()


def test_report_after_grading(graded_class, scratch, capsys):
    assert main(["--root", str(scratch.root), "report"]) == 0
    assert "summary.html" in capsys.readouterr().out
    assert (scratch.reports / "histogram.png").is_file()


def test_not_a_course_root_is_a_clear_error(tmp_path, capsys):
    assert main(["--root", str(tmp_path), "build"]) == 1
    assert "has no nbgrader_config.py" in capsys.readouterr().err


def test_missing_submissions_are_a_usage_error(scratch, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["--root", str(scratch.root), "grade", str(tmp_path / "nothing.zip")])
    assert exit_info.value.code == 2


def test_a_file_that_is_not_a_zip_is_refused(scratch, tmp_path, capsys):
    bogus = tmp_path / "class.zip"
    bogus.write_text("not a zip")
    assert main(["--root", str(scratch.root), "grade", str(bogus)]) == 1
    assert "neither a folder nor a zip" in capsys.readouterr().err


def test_options_go_before_or_after_the_command(scratch, tmp_path, capsys):
    assert main(["report", "--root", str(scratch.root), "--no-progress"]) == 0
    assert main(["--no-progress", "--root", str(scratch.root), "report"]) == 0
    assert capsys.readouterr().out.count("summary.html") == 2


def test_grade_before_build_builds_first(tmp_path):
    from nn_course.course import Course
    from nn_course.demo import scratch_course

    course = scratch_course(Course(), tmp_path / "course")
    assignment = course.assignments()[0]
    (tmp_path / "class" / "ada").mkdir(parents=True)
    shutil.copyfile(course.solution_notebook(assignment),
                    tmp_path / "class" / "ada" / f"{assignment}.ipynb")
    done = subprocess.run([NN_COURSE, "grade", str(tmp_path / "class"), "--root",
                           str(course.root), "--no-progress"],
                          capture_output=True, text=True, timeout=600,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})  # no venv active
    assert done.returncode == 0, done.stderr
    assert f"problem: {assignment}: not built yet, so it was built first" in done.stdout
    row = next(line.split() for line in done.stdout.splitlines() if line.startswith("ada "))
    earned, full = map(float, row[1].split("/"))
    assert earned == full > 0
