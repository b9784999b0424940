"""Sanitizing a submission before nbgrader restores the course's cells.

nbgrader 0.9's ``OverwriteCells`` crashes (``KeyError: 'grade_id'``) on a cell whose nbgrader
metadata names a ``grade_id`` this notebook does not have: a cell copied from another notebook,
or a whole notebook handed in under another assignment's name. The notebook then could not be
graded at all. :class:`ForgetUnknownCells` runs first and turns such cells into plain student
cells (they are screened and run like any cell the student added), so the notebook's own cells
are restored and graded as usual.
"""

from __future__ import annotations

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor


def known_cells(db_url: str, notebook: str, assignment: str) -> set[str]:
    """The ``grade_id`` of every cell of the released notebook (empty if it is unknown)."""
    with Gradebook(db_url) as gradebook:
        try:
            return {cell.name for cell in
                    gradebook.find_notebook(notebook, assignment).source_cells}
        except MissingEntry:
            return set()


class ForgetUnknownCells(NbGraderPreprocessor):
    """Drop the nbgrader metadata of cells whose ``grade_id`` is not this notebook's."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        known = known_cells(info["db_url"], info["notebook"], info["assignment"])
        for cell in nb.cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if "nbgrader" in cell.get("metadata", {}) and grade_id not in known:
                del cell.metadata["nbgrader"]
        return nb, resources
