"""Feedback HTML that shows scores and failure messages, never the hidden tests' source."""

from __future__ import annotations

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
