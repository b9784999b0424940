"""Feedback HTML that shows scores and failure messages, never the hidden tests' source (nbgrader's
ClearHiddenTests removes it; the grader's messages never quote it), with the student's own work
shown safely as text; and a notice page for a notebook that could not be graded at all."""

from __future__ import annotations

import html
from pathlib import Path

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer

from nn_course import notebooks
from nn_course.course import Course


class StudentWorkAsText(NbGraderPreprocessor):
    """Show what the student wrote as text: markdown cells that are not the course's own become
    escaped, preformatted text (no HTML that could run a script in the reader's browser, no
    maths that could take minutes to render), and every cell the student wrote is cut to
    ``max_cell_chars`` (``max_notebook_chars`` in all), so any page renders in seconds and stays
    small. Outputs were capped and reduced to text and images when graded
    (:mod:`nn_course.execute`)."""

    max_cell_chars = Integer(20_000, help="Characters of one student cell shown.").tag(
        config=True)
    max_notebook_chars = Integer(200_000, help="Characters of student cells shown in all.").tag(
        config=True)

    def preprocess(self, nb, resources):
        course = Course(Path(self.config.CourseDirectory.root))
        release = notebooks.read(course.release_notebook(resources["nbgrader"]["assignment"]))
        self.course_markdown = {c.source for c in release.cells if c.cell_type == "markdown"}
        self.room = self.max_notebook_chars
        return super().preprocess(nb, resources)

    def _cut(self, text: str) -> str:
        """``text`` cut to size, its hidden-test markers defused (nbgrader's ClearHiddenTests,
        which runs next, refuses a student cell that holds one)."""
        keep = max(0, min(len(text), self.max_cell_chars, self.room))
        self.room -= keep
        text = text[:keep] + (f"\n… ({len(text) - keep} more characters not shown)"
                              if keep < len(text) else "")
        for marker in ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
            text = text.replace(marker, marker.replace(" TESTS", " \u200bTESTS"))
        return text

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown" and cell.source not in self.course_markdown:
            text = html.escape(self._cut(cell.source))
            cell.update(cell_type="raw", source=f'<pre class="student-text">{text}</pre>')
            cell.metadata["raw_mimetype"] = "text/html"
            cell.pop("attachments", None)
        elif cell.cell_type == "code" and not notebooks.nbgrader_meta(cell).get("locked"):
            cell.source = self._cut(cell.source)
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
