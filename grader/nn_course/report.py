"""``nn-course report``: an HTML summary of a graded class in ``reports/summary.html``.

From the hardest to the easiest: pass rates per notebook and per exercise (charts), the known
misconceptions the feedback named, by how many students showed each, the students below a
chosen share of the points, the score distribution, every graded cell's figures and the
problems of the last grading run.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from coursekit.checks import WHY
from coursekit.language import current, tr
from nn_course import notebooks
from nn_course.gradebook import ScoreTable

PARTS = ("_visible", "_hidden", "_answer")


@dataclass
class QuestionStats:
    question: str
    max_score: float
    mean: float
    pass_rate: float  # fraction of students with full marks


@dataclass
class ExerciseStats:
    """An exercise (its graded cells together: ``weighted_sum`` for ``weighted_sum_visible``
    and ``weighted_sum_hidden``) over the class."""

    assignment: str
    exercise: str
    points: float
    mean: float
    pass_rate: float  # fraction of students with full marks on all its cells


def question_stats(table: ScoreTable) -> list[QuestionStats]:
    """Mean score and pass rate of every question over the students in ``table``."""
    stats = []
    for question in table.questions:
        scores = np.array([row[question] for row in table.scores.values()])
        full = table.max_scores[question]
        stats.append(QuestionStats(question, full, float(scores.mean()) if scores.size else 0.0,
                                   float(np.mean(scores >= full)) if scores.size else 0.0))
    return stats


def exercise_of(grade_id: str) -> str:
    """``weighted_sum`` for ``weighted_sum_visible``; a grade id of no exercise stays as it is."""
    return next((grade_id.removesuffix(p) for p in PARTS if grade_id.endswith(p)), grade_id)


def exercise_stats(table: ScoreTable) -> list[ExerciseStats]:
    """Every exercise's mean score and pass rate, hardest (lowest pass rate) first."""
    groups: dict[tuple[str, str], list[str]] = {}
    for question in table.questions:
        assignment, grade_id = question.split(":", 1)
        groups.setdefault((assignment, exercise_of(grade_id)), []).append(question)
    stats = []
    for (assignment, exercise), questions in groups.items():
        points = sum(table.max_scores[q] for q in questions)
        totals = np.array([sum(row[q] for q in questions) for row in table.scores.values()])
        stats.append(ExerciseStats(assignment, exercise, points,
                                   float(totals.mean()) if totals.size else 0.0,
                                   float(np.mean(totals >= points)) if totals.size else 0.0))
    return sorted(stats, key=lambda s: (s.pass_rate, s.mean / max(s.points, 1e-9)))


def misconceptions_seen(autograded: Path, table: ScoreTable) -> dict[tuple[str, str], Counter]:
    """For each ``(assignment, exercise)``, how many students' graded notebooks showed each
    known misconception (the sentence the feedback gave)."""
    seen: dict[tuple[str, str], Counter] = {}
    for student in table.scores:
        for assignment in table.assignments:
            path = autograded / student / assignment / f"{assignment}.ipynb"
            if not path.is_file():
                continue
            found: set[tuple[str, str]] = set()
            why = re.compile(rf"^\s*{re.escape(tr(WHY))}: (.+)$", re.MULTILINE)
            for cell in notebooks.read(path).cells:
                grade_id = notebooks.nbgrader_meta(cell).get("grade_id", "")
                for output in cell.get("outputs", []):
                    for says in why.findall(output.get("evalue", "")):
                        found.add((exercise_of(grade_id), says.strip()))
            for exercise, says in found:
                seen.setdefault((assignment, exercise), Counter())[says] += 1
    return seen


def students_below(table: ScoreTable, percent: float) -> list[tuple[str, float]]:
    """``(student, share of the points in %)`` for each student under ``percent``, lowest
    first."""
    top = max(table.max_total(), 1e-9)
    shares = [(s, 100 * table.total(s) / top) for s in table.scores]
    return sorted([(s, p) for s, p in shares if p < percent], key=lambda item: item[1])


def _bars(labels: list[str], rates: list[float], title: str, path: Path) -> Path:
    """Horizontal bars of pass rates in %, the first label at the top."""
    figure = Figure(figsize=(7, 0.8 + 0.32 * len(labels)), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    y = np.arange(len(labels))[::-1]
    ax.barh(y, [100 * r for r in rates], color="#4878a8")
    ax.set_yticks(y, labels)
    ax.set(xlim=(0, 100), xlabel=tr("students with full marks (%)"), title=title)
    ax.set_xticks(range(0, 101, 20))
    for yi, rate in zip(y, rates):
        ax.text(min(100 * rate + 1, 92), yi, f"{100 * rate:.0f}%", va="center", fontsize=8)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    return path


def histogram(table: ScoreTable, path: Path) -> Path:
    """PNG histogram of the students' total scores (whole numbers of students)."""
    totals = [table.total(s) for s in table.scores]
    figure = Figure(figsize=(6, 3.5), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.hist(totals, bins=np.linspace(0, max(table.max_total(), 1), 11), edgecolor="white")
    ax.set(xlabel=tr("total score (max {max:g})").format(max=table.max_total()),
           ylabel=tr("students"),
           title=tr("Score distribution, {count} students").format(count=len(totals)))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    return path


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def write_report(table: ScoreTable, folder: Path, problems: list[str] = (),
                 autograded: Path | None = None, below: float = 50.0) -> Path:
    """``summary.html`` and its charts in ``folder``: see the module docs. ``autograded`` is
    the folder of graded notebooks the misconceptions are read from; ``below`` the share of
    the points (%) under which a student is listed."""
    exercises = exercise_stats(table)
    by_notebook = {a: float(np.mean([e.pass_rate for e in exercises if e.assignment == a]))
                   for a in table.assignments}
    hardest = sorted(by_notebook, key=by_notebook.get)
    charts = [_bars(hardest, [by_notebook[a] for a in hardest],
                    tr("Notebooks: mean pass rate of their exercises"),
                    folder / "pass_rates_notebooks.png")]
    for assignment in hardest:
        mine = [e for e in exercises if e.assignment == assignment]
        charts.append(_bars([e.exercise for e in mine], [e.pass_rate for e in mine],
                            tr("{assignment}: exercises, hardest first").format(
                                assignment=assignment),
                            folder / f"pass_rates_{assignment}.png"))
    image = histogram(table, folder / "histogram.png")
    totals = np.array([table.total(s) for s in table.scores]) if table.scores else np.zeros(1)
    seen = misconceptions_seen(autograded, table) if autograded else {}
    misconception_rows = [
        [html.escape(f"{a} · {e}"), html.escape(says), str(count)]
        for (a, e), counter in sorted(seen.items(), key=lambda kv: -sum(kv[1].values()))
        for says, count in counter.most_common()]
    low = students_below(table, below)
    low_rows = [[html.escape(s), f"{p:.0f}%", *(f"{table.total(s, a):g}/{table.max_total(a):g}"
                                             for a in table.assignments)] for s, p in low]
    stats = question_stats(table)
    question_rows = [[html.escape(s.question), f"{s.max_score:g}", f"{s.mean:.2f}",
                      f"{100 * s.pass_rate:.0f}%"] for s in stats]
    none = tr("none")
    notes = "".join(f"<li>{html.escape(p)}</li>" for p in problems) or f"<li>{none}</li>"
    images = "".join(f'<img src="{c.name}" alt="{html.escape(c.stem)}">' for c in charts)
    title = tr("nn-course grading summary")
    summary = tr("{students} students; total score mean {mean:.2f}, median\n{median:g}, out of "
                 "{max:g}.").format(students=len(table.scores), mean=totals.mean(),
                                    median=np.median(totals), max=table.max_total())
    misconceptions = (_table([tr("exercise"), tr("misconception"), tr("students")],
                             misconception_rows) if misconception_rows else f"<p>{none}</p>")
    students = (_table([tr("student"), tr("share"), *table.assignments], low_rows) if low_rows
                else f"<p>{none}</p>")
    cells = _table([tr("question"), tr("points"), tr("mean"), tr("full marks")], question_rows)
    headings = {"rates": tr("Pass rates, hardest first"),
                "misconceptions": tr("Misconceptions the feedback named"),
                "below": tr("Students below {below:g}% of the points").format(below=below),
                "distribution": tr("Score distribution"), "cells": tr("Graded cells"),
                "problems": tr("Problems")}
    histogram_alt = tr("histogram of total scores")
    page = f"""<!doctype html>
<html lang="{current()}"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:sans-serif;max-width:62em;margin:2em auto}}
table{{border-collapse:collapse;margin:.5em 0}}td,th{{border:1px solid #ccc;padding:.2em .6em}}
img{{display:block;margin:.5em 0}}</style></head>
<body><h1>{title}</h1>
<p>{summary}</p>
<h2>{headings["rates"]}</h2>{images}
<h2>{headings["misconceptions"]}</h2>
{misconceptions}
<h2 id="below">{headings["below"]}</h2>
{students}
<h2>{headings["distribution"]}</h2><img src="{image.name}" alt="{histogram_alt}">
<h2>{headings["cells"]}</h2>{cells}
<h2>{headings["problems"]}</h2><ul>{notes}</ul></body></html>
"""
    path = folder / "summary.html"
    path.write_text(page, encoding="utf-8")
    return path
