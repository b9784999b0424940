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
    done = subprocess.run([NN_COURSE, "--no-progress", "demo", "--out", str(tmp_path / "demo")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    rows = {line.split()[0]: line.split()[1:] for line in done.stdout.splitlines()
            if re.match(r"(ada|bob|cleo|dan) ", line)}
    assert set(rows) == {"ada", "bob", "cleo", "dan"}
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
