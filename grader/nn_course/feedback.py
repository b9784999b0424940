"""Feedback HTML that shows scores and failure messages, never the hidden tests' source; a
notice page for a notebook that could not be graded at all."""

from __future__ import annotations

import html
from pathlib import Path

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool


class ConciseErrors(Preprocessor):
    """Cut the traceback of every error in a graded test cell down to its last line.

    A traceback quotes the cell's source around the failing line, which for a hidden test is the
    hidden test itself. The message (``AssertionError: ...``) is what the student needs.
    """

    enabled = Bool(True)  # nbconvert preprocessors are off unless enabled

    def preprocess_cell(self, cell, resources, index):
        if cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "code":
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    output.traceback = [f"{output.ename}: {output.evalue}"]
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
