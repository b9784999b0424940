"""``nn-course grade``: autograde every submission, write grades.csv and per-student feedback."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import SAWarning
from tqdm import tqdm

from nn_course import submissions as subs
from nn_course.course import Course
from nn_course.gradebook import ScoreTable, read_scores


@dataclass
class GradingRun:
    """What one ``grade`` call did: scores, files written and every problem met."""

    table: ScoreTable
    csv_path: Path
    feedback: dict[str, list[Path]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _reason(result: dict) -> str:
    """The most specific error line of a failed nbgrader call (e.g. the notebook's JSON error)."""
    lines = f"{result.get('log', '')}\n{result.get('error', '')}".splitlines()
    errors = [line.strip() for line in lines if re.match(r"\s*[\w.]+(Error|Exception): ", line)
              and "NbGraderException" not in line]
    return errors[-1] if errors else "nbgrader failed; see its log"


def grade(course: Course, source: Path, progress: bool = True) -> GradingRun:
    """Grade the folder or zip ``source`` (see :mod:`nn_course.submissions` for the naming rule).

    A submission that cannot be graded (corrupt notebook, nbgrader failure) is reported in
    ``problems`` and scores 0; the others are graded all the same.
    """
    folder, temp = subs.unpack(Path(source))
    try:
        found = subs.collect(folder, course.assignments())
        problems = [f"ignored {item}" for item in found.ignored]
        api = course.api()
        feedback: dict[str, list[Path]] = {}
        bar = tqdm(found.submissions, desc="grading", unit="notebook", disable=not progress)
        # nbgrader's gradebook triggers SQLAlchemy session warnings that mean nothing here.
        warnings.filterwarnings("ignore", category=SAWarning)
        for submission in bar:
            bar.set_postfix_str(f"{submission.student}/{submission.assignment}")
            subs.stage(submission, course.submitted)
            result = api.autograde(submission.assignment, submission.student, force=True)
            if not result["success"]:
                problems.append(f"{submission.student}/{submission.assignment}: could not be "
                                f"graded ({_reason(result)}); it scores 0")
                continue
            result = api.generate_feedback(submission.assignment, submission.student)
            html = course.feedback / submission.student / submission.assignment
            feedback.setdefault(submission.student, []).extend(sorted(html.glob("*.html")))
            if not result["success"]:
                problems.append(f"{submission.student}/{submission.assignment}: no feedback "
                                f"({_reason(result)})")
    finally:
        if temp is not None:
            temp.cleanup()
    students = sorted({s.student for s in found.submissions})
    table = read_scores(course.db_url, students)
    csv_path = course.reports / "grades.csv"
    table.write_csv(csv_path)
    return GradingRun(table, csv_path, feedback, problems)
