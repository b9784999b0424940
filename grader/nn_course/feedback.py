"""Feedback HTML that shows scores and failure messages, never the hidden tests' source (nbgrader's
ClearHiddenTests removes it; the grader's messages never quote it), with the student's own work
shown safely and cut to size; and a notice page for a notebook that could not be graded at all."""

from __future__ import annotations

import html
from pathlib import Path

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer

from nn_course import notebooks
from nn_course.sanitize import shorten


class StudentWorkCut(NbGraderPreprocessor):
    """Every code cell the student wrote cut to ``max_cell_chars`` (``max_notebook_chars`` in
    all), so any page stays small, and hidden-test markers defused in every cell that is not a
    test (nbgrader's ClearHiddenTests, which runs next, refuses such a cell). The student's text
    cells were made plain text (:class:`nn_course.sanitize.StudentTextAsText`) and outputs capped
    and reduced to text and images (:mod:`nn_course.execute`) when the notebook was graded."""

    max_cell_chars = Integer(20_000, help="Characters of one student code cell shown.").tag(
        config=True)
    max_notebook_chars = Integer(200_000, help="Characters of student code shown in all.").tag(
        config=True)

    def preprocess(self, nb, resources):
        self.room = self.max_notebook_chars
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        meta = notebooks.nbgrader_meta(cell)
        if cell.cell_type == "code" and not meta.get("locked"):
            limit = min(self.max_cell_chars, self.room)
            self.room -= min(len(cell.source), limit)
            cell.source = shorten(cell.source, limit)
        if not meta.get("grade"):
            for marker in ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
                cell.source = cell.source.replace(marker, marker.replace(" TESTS", " \u200bTESTS"))
        return cell, resources


def write_notice(folder: Path, assignment: str, reason: str) -> Path:
    """The student's feedback page ``folder/<assignment>.html`` for a notebook nbgrader could
    not grade (missing, unreadable): it says why, and that the notebook scores 0."""
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / f"{assignment}.html"
    page.write_text(
        f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{assignment}: not graded</title></head>\n<body><h1>{assignment}</h1>\n"
        f"<p>This notebook could not be graded: {html.escape(reason)}.</p>\n"
        f"<p>Score: 0. Hand in the notebook again, or ask your instructor.</p></body></html>\n")
    return page
