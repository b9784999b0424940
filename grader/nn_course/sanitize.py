"""Sanitizing a submission before it is graded.

The nbgrader metadata of a submitted cell is the student's to change, and nbgrader 0.9 trusts
parts of it: ``OverwriteCells`` crashes (``KeyError: 'grade_id'``) on a cell whose ``grade_id``
the notebook does not have, and on a course cell whose ``solution`` flag was flipped
("Inconsistent checksums"), and the notebook could not be graded at all.
:class:`RestoreCourseMetadata` runs first: a cell whose ``grade_id`` is not the notebook's
becomes a plain student cell, and every other cell gets back the course's flags (graded,
answer, locked, points), so nbgrader restores the course's cells as usual.

The text a student writes (markdown and raw cells that are not the course's own) is shown to
the instructor (formgrader) and in the student's feedback as HTML. :class:`StudentTextAsText`
runs after the course's cells are restored and turns that text into escaped, preformatted text
cut to size: no HTML that could run a script in the reader's browser, no maths that could take
minutes to typeset.
"""

from __future__ import annotations

import html
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer

from nn_course import notebooks
from nn_course.course import Course


def course_flags(db_url: str, notebook: str, assignment: str) -> dict[str, dict]:
    """``{grade_id: nbgrader metadata}`` of every cell of the released notebook."""
    with Gradebook(db_url) as gradebook:
        try:
            record = gradebook.find_notebook(notebook, assignment)
        except MissingEntry:
            return {}
        points = {c.name: c.max_score for c in record.grade_cells}
        answers = {c.name for c in record.solution_cells}
        return {c.name: {"grade": c.name in points, "solution": c.name in answers,
                         "locked": c.locked, "grade_id": c.name, "schema_version": 3,
                         **({"points": points[c.name]} if c.name in points else {})}
                for c in record.source_cells}


class TooManyCellsError(ValueError):
    """A submitted notebook with more cells than :class:`LimitCells` allows."""


class LimitCells(NbGraderPreprocessor):
    """Refuse a notebook of more than ``max_cells`` cells before anything else is done with it:
    each cell costs time to grade and room in the feedback page, whatever its size (100 000
    empty cells took minutes and made a 26 MB page). The course's notebooks have under 100."""

    max_cells = Integer(1000, help="Cells a submitted notebook may have.").tag(config=True)

    def preprocess(self, nb, resources):
        if len(nb.cells) > self.max_cells:
            raise TooManyCellsError(f"{len(nb.cells)} cells, more than {self.max_cells}")
        return nb, resources


class RestoreCourseMetadata(NbGraderPreprocessor):
    """Give every cell the course's nbgrader metadata, or none (see the module docs)."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        flags = course_flags(info["db_url"], info["notebook"], info["assignment"])
        for cell in nb.cells:
            if "nbgrader" not in cell.get("metadata", {}):
                continue
            grade_id = cell.metadata["nbgrader"].get("grade_id")
            if grade_id in flags:
                cell.metadata["nbgrader"] = dict(flags[grade_id])
            else:
                del cell.metadata["nbgrader"]
        return nb, resources


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with a note saying how many were left out."""
    limit = max(0, limit)
    if len(text) <= limit:
        return text
    return f"{text[:limit]} … ({len(text) - limit} more characters not shown)"


def printable(text: str) -> str:
    """``text`` on one printable line: control characters (a newline in a file name, a terminal
    escape in an error message) shown escaped, so no submission can forge report lines."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def as_preformatted(text: str) -> str:
    """``text`` as a markdown cell's source that shows exactly ``text``: one HTML ``<pre>`` line,
    every character that HTML, markdown or maths typesetting would interpret escaped."""
    escaped = html.escape(text.replace("\r\n", "\n").replace("\r", "\n"))
    for char, entity in (("$", "&#36;"), ("\\", "&#92;"), ("`", "&#96;"), ("\n", "&#10;")):
        escaped = escaped.replace(char, entity)
    return f'<pre class="student-text">{escaped}</pre>'


class StudentTextAsText(NbGraderPreprocessor):
    """Markdown and raw cells that are not the course's own become markdown cells that show
    their text as preformatted text, cut to ``max_cell_chars`` (``max_notebook_chars`` in all);
    attachments are dropped (see the module docs)."""

    max_cell_chars = Integer(20_000, help="Characters of one student text cell shown.").tag(
        config=True)
    max_notebook_chars = Integer(100_000, help="Characters of student text shown in all.").tag(
        config=True)

    def preprocess(self, nb, resources):
        course = Course(Path(self.config.CourseDirectory.root))
        release = notebooks.read(course.release_notebook(resources["nbgrader"]["assignment"]))
        self.course_text = {c.source for c in release.cells if c.cell_type != "code"}
        self.room = self.max_notebook_chars
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type in ("markdown", "raw") and cell.source not in self.course_text:
            limit = min(self.max_cell_chars, self.room)
            self.room -= min(len(cell.source), limit)
            cell.update(cell_type="markdown", source=as_preformatted(shorten(cell.source, limit)))
            cell.pop("attachments", None)
            for key in ("format", "raw_mimetype"):
                cell.metadata.pop(key, None)
        return cell, resources
