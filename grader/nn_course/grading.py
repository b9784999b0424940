"""``nn-course grade``: autograde every submission, write grades.csv and per-student feedback."""

from __future__ import annotations

import re
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from nbformat.warnings import MissingIDFieldWarning
from sqlalchemy.exc import SAWarning
from tqdm import tqdm

from coursekit import checks
from nn_course import notebooks, sandbox
from nn_course import submissions as subs
from nn_course.course import Course
from nn_course.execute import FAULT_NAME
from nn_course.gradebook import ScoreTable, read_scores
from nn_course.verify import VERDICT_ERROR


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
    errors = [line.strip() for line in lines if re.match(r"\s*[\w.]+(Error|Exception)\b", line)
              and "NbGraderException" not in line]
    return errors[-1][:500] if errors else "nbgrader failed; see its log"


def _fault_notes(course: Course, student: str, assignment: str) -> list[str]:
    """What the instructor should hear of one autograded notebook: cells stopped or screened
    out, functions that ran too long, answers that call the reference."""
    path = course.root / "autograded" / student / assignment / f"{assignment}.ipynb"
    notes = []
    for cell in notebooks.read(path).cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            message = output.get("evalue", "").split("\n")[0]
            if output.get("ename") == FAULT_NAME or (
                    output.get("ename") == VERDICT_ERROR
                    and (checks.TOO_SLOW in message or checks.CALLS_REFERENCE in message)):
                where = notebooks.nbgrader_meta(cell).get("grade_id", "a cell of yours")
                notes.append(f"{student}/{assignment}: {where}: {message}")
    return notes


def _missing(found: subs.Collection) -> list[str]:
    """A note for each student without a notebook of an assignment the class handed in."""
    handed = {(s.student, s.assignment) for s in found.submissions}
    students = sorted({s.student for s in found.submissions})
    assignments = sorted({s.assignment for s in found.submissions})
    return [f"{student}/{assignment}: no notebook handed in; it scores 0"
            for student in students for assignment in assignments
            if (student, assignment) not in handed]


def _foreign(course: Course, submission: subs.Submission) -> str | None:
    """A note when the notebook has none of the assignment's cells (renamed, or another
    notebook); None otherwise, and for notebooks nbgrader will report as unreadable."""
    try:
        cells = notebooks.read(submission.path).cells
    except Exception:  # noqa: BLE001 - unreadable: nbgrader says why
        return None
    own = {meta["grade_id"] for c in notebooks.read(course.solution_notebook(
           submission.assignment)).cells
           if (meta := notebooks.nbgrader_meta(c)).get("grade") or meta.get("solution")}
    if any(notebooks.nbgrader_meta(c).get("grade_id") in own for c in cells):
        return None
    return (f"{submission.student}/{submission.assignment}: none of this notebook's cells belong "
            f"to {submission.assignment} (renamed, or another notebook?); it scores 0")


def _grade_one(course: Course, api, submission: subs.Submission) -> tuple[list[str], list[Path]]:
    """Autograde one notebook and write its feedback: ``(problems, feedback pages)``."""
    who = f"{submission.student}/{submission.assignment}"
    subs.stage(submission, course.submitted)
    problems = [note] if (note := _foreign(course, submission)) else []
    result = api.autograde(submission.assignment, submission.student, force=True)
    if not result["success"]:
        log = course.reports / "logs" / f"{submission.student}-{submission.assignment}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(f"{result.get('log', '')}\n{result.get('error', '')}")
        return problems + [f"{who}: could not be graded ({_reason(result)}; log: {log}); it "
                           "scores 0"], []
    problems += _fault_notes(course, submission.student, submission.assignment)
    result = api.generate_feedback(submission.assignment, submission.student)
    if not result["success"]:
        problems.append(f"{who}: no feedback ({_reason(result)})")
    pages = course.feedback / submission.student / submission.assignment
    return problems, sorted(pages.glob("*.html"))


def grade(course: Course, source: Path, progress: bool = True) -> GradingRun:
    """Grade the folder or zip ``source`` (see :mod:`nn_course.submissions` for the naming rule).

    A submission that cannot be graded (corrupt notebook, nbgrader failure) is reported in
    ``problems`` and scores 0; the others are graded all the same. Cells a submission broke
    (stopped, screened out) are reported too. Without bubblewrap a loud warning heads the
    problems.
    """
    problems = []
    if not sandbox.available():
        print(sandbox.UNSANDBOXED_WARNING, file=sys.stderr)
        problems.append(sandbox.UNSANDBOXED_WARNING)
    folder, temp = subs.unpack(Path(source))
    try:
        found = subs.collect(folder, course.assignments())
        problems += [f"ignored {item}" for item in found.ignored] + _missing(found)
        api = course.api()
        feedback: dict[str, list[Path]] = {}
        bar = tqdm(found.submissions, desc="grading", unit="notebook", disable=not progress)
        with warnings.catch_warnings():
            # nbgrader's gradebook triggers SQLAlchemy session warnings, and the cells it
            # restores have no cell id (nbformat warns): neither means anything here.
            warnings.filterwarnings("ignore", category=SAWarning)
            warnings.filterwarnings("ignore", category=MissingIDFieldWarning)
            for submission in bar:
                bar.set_postfix_str(f"{submission.student}/{submission.assignment}")
                notes, pages = _grade_one(course, api, submission)
                problems += notes
                feedback.setdefault(submission.student, []).extend(pages)
    finally:
        if temp is not None:
            temp.cleanup()
    students = sorted({s.student for s in found.submissions})
    table = read_scores(course.db_url, students)
    csv_path = course.reports / "grades.csv"
    table.write_csv(csv_path)
    return GradingRun(table, csv_path, feedback, problems)
