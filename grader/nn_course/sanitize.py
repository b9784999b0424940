"""Sanitizing a submission before nbgrader restores the course's cells.

The nbgrader metadata of a submitted cell is the student's to change, and nbgrader 0.9 trusts
parts of it: ``OverwriteCells`` crashes (``KeyError: 'grade_id'``) on a cell whose ``grade_id``
the notebook does not have, and on a course cell whose ``solution`` flag was flipped
("Inconsistent checksums"), and the notebook could not be graded at all.
:class:`RestoreCourseMetadata` runs first: a cell whose ``grade_id`` is not the notebook's
becomes a plain student cell, and every other cell gets back the course's flags (graded,
answer, locked, points), so nbgrader restores the course's cells as usual.
"""

from __future__ import annotations

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor


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
