"""Scores out of nbgrader's gradebook: one row per student, one column per graded question."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry


@dataclass
class ScoreTable:
    """``scores[student][question]`` with ``question`` = ``"<assignment>:<grade_id>"``."""

    questions: list[str]
    max_scores: dict[str, float]
    scores: dict[str, dict[str, float]]

    @property
    def assignments(self) -> list[str]:
        return list(dict.fromkeys(q.split(":")[0] for q in self.questions))

    def total(self, student: str, assignment: str | None = None) -> float:
        return sum(score for question, score in self.scores[student].items()
                   if assignment is None or question.startswith(assignment + ":"))

    def max_total(self, assignment: str | None = None) -> float:
        return sum(score for question, score in self.max_scores.items()
                   if assignment is None or question.startswith(assignment + ":"))

    def rows(self, questions: bool = True) -> list[list[str]]:
        """The course's CSV layout: a header, then a row per student: ``student_id``, one
        column per question (if ``questions``), each assignment's total, ``total``, ``max``."""
        columns = list(self.questions) if questions else []
        rows = [["student_id", *columns, *(f"{a}:total" for a in self.assignments), "total",
                 "max"]]
        for student in sorted(self.scores):
            rows.append([student, *(_fmt(self.scores[student][q]) for q in columns),
                         *(_fmt(self.total(student, a)) for a in self.assignments),
                         _fmt(self.total(student)), _fmt(self.max_total())])
        return rows

    def write_csv(self, path: Path) -> None:
        """:meth:`rows`, with the questions, at ``path``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", newline="") as handle:
            csv.writer(handle).writerows(self.rows())


def _fmt(value: float) -> str:
    return f"{value:g}"


def read_scores(db_url: str, students: list[str] | None = None) -> ScoreTable:
    """Scores of ``students`` (default: everyone in the gradebook); a missing notebook scores 0."""
    with Gradebook(db_url) as gradebook:
        questions, max_scores = [], {}
        for assignment in sorted(gradebook.assignments, key=lambda a: a.name):
            for notebook in assignment.notebooks:
                for cell in notebook.grade_cells:
                    question = f"{assignment.name}:{cell.name}"
                    questions.append(question)
                    max_scores[question] = float(cell.max_score)
        students = students if students is not None else [s.id for s in gradebook.students]
        scores = {}
        for student in students:
            row = dict.fromkeys(questions, 0.0)
            for question in questions:
                assignment, grade_id = question.split(":")
                try:
                    grade = gradebook.find_grade(grade_id, assignment, assignment, student)
                except MissingEntry:
                    continue
                row[question] = float(grade.score)
            scores[student] = row
    return ScoreTable(questions, max_scores, scores)


def has_submission(gradebook: Gradebook, assignment: str, student: str) -> bool:
    """Whether ``gradebook`` holds ``student``'s notebook of ``assignment`` (graded before)."""
    try:
        gradebook.find_submission(assignment, student)
    except MissingEntry:
        return False
    return True


def forget_submission(db_url: str, assignment: str, student: str) -> None:
    """Remove ``student``'s graded notebook of ``assignment`` and its grades, if any: it then
    scores 0."""
    with Gradebook(db_url) as gradebook:
        try:
            gradebook.remove_submission(assignment, student)
        except MissingEntry:
            pass
