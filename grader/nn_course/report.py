"""``nn-course report``: per-question statistics, a score histogram and an HTML summary."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nn_course.gradebook import ScoreTable


@dataclass
class QuestionStats:
    question: str
    max_score: float
    mean: float
    pass_rate: float  # fraction of students with full marks


def question_stats(table: ScoreTable) -> list[QuestionStats]:
    """Mean score and pass rate of every question over the students in ``table``."""
    stats = []
    for question in table.questions:
        scores = np.array([row[question] for row in table.scores.values()])
        full = table.max_scores[question]
        stats.append(QuestionStats(question, full, float(scores.mean()) if scores.size else 0.0,
                                   float(np.mean(scores >= full)) if scores.size else 0.0))
    return stats


def histogram(table: ScoreTable, path: Path) -> Path:
    """PNG histogram of the students' total scores."""
    totals = [table.total(s) for s in table.scores]
    figure = Figure(figsize=(6, 3.5), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.hist(totals, bins=np.linspace(0, max(table.max_total(), 1), 11), edgecolor="white")
    ax.set(xlabel=f"total score (max {table.max_total():g})", ylabel="students",
           title=f"Score distribution, {len(totals)} students")
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    return path


def write_report(table: ScoreTable, folder: Path, problems: list[str] = ()) -> Path:
    """``summary.html`` (class figures, per-question table, histogram, problems) in ``folder``."""
    stats = question_stats(table)
    image = histogram(table, folder / "histogram.png")
    totals = np.array([table.total(s) for s in table.scores]) if table.scores else np.zeros(1)
    rows = "".join(
        f"<tr><td>{html.escape(s.question)}</td><td>{s.max_score:g}</td><td>{s.mean:.2f}</td>"
        f"<td>{100 * s.pass_rate:.0f}%</td></tr>" for s in stats)
    students = "".join(
        f"<tr><td>{html.escape(student)}</td><td>{table.total(student):g}</td></tr>"
        for student in sorted(table.scores))
    notes = "".join(f"<li>{html.escape(p)}</li>" for p in problems) or "<li>none</li>"
    page = f"""<!doctype html>
<html><head><meta charset="utf-8"><title>nn-course grading summary</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2em .6em}}</style></head>
<body><h1>nn-course grading summary</h1>
<p>{len(table.scores)} students; total score mean {totals.mean():.2f}, median
{np.median(totals):g}, out of {table.max_total():g}.</p>
<img src="{image.name}" alt="histogram of total scores">
<h2>Questions</h2><table><tr><th>question</th><th>points</th><th>mean</th><th>full marks</th></tr>
{rows}</table>
<h2>Students</h2><table><tr><th>student</th><th>total</th></tr>{students}</table>
<h2>Problems</h2><ul>{notes}</ul></body></html>
"""
    path = folder / "summary.html"
    path.write_text(page, encoding="utf-8")
    return path
