"""The grading executor: nbgrader's ``Execute`` with sandboxed kernels and contained faults.

A submission's fault costs only the cells it breaks:

- a cell that runs past its time limit (an infinite loop, also one that ignores interrupts) or
  that kills the kernel (``os._exit``, a crash, the memory or process limits) is *stopped*: the
  notebook runs again from the top in a fresh kernel, that cell replaced by an error saying what
  happened, so every other cell is still graded;
- a notebook has a total time budget; cells after it ran out get an error saying so;
- outputs are capped by size, not only by lines (a 10 MB single line is cut to a note);
- student cells that reach for the interpreter's machinery are not run (:mod:`nn_course.screen`).

The kernels run in the bubblewrap sandbox (:mod:`nn_course.sandbox`) when it is available.
"""

from __future__ import annotations

import json
import time

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Integer

from nn_course import notebooks, sandbox, screen
from nn_course.verify import grading_mode

FAULT_NAME = "GradingStopped"


def error_output(message: str) -> NotebookNode:
    """An error output (what nbgrader scores 0) carrying ``message``."""
    return NotebookNode(output_type="error", ename=FAULT_NAME, evalue=message,
                        traceback=[f"{FAULT_NAME}: {message}"])


class GuardedExecute(Execute):
    """Run a submission cell by cell, containing timeouts, kernel deaths and huge outputs."""

    timeout = Integer(30, help="Seconds one cell may run.").tag(config=True)
    notebook_timeout = Integer(300, help="Seconds the whole notebook may run, reruns included."
                               ).tag(config=True)
    max_reruns = Integer(6, help="Fresh runs after stopping a cell, at most.").tag(config=True)
    max_output_bytes = Integer(100_000, help="Output bytes kept per cell.").tag(config=True)

    def __init__(self, *args, **kwargs):
        if sandbox.available():
            kwargs.setdefault("kernel_manager_class", sandbox.SandboxedKernelManager)
        super().__init__(*args, **kwargs)
        self.interrupt_on_timeout = False  # a timed-out cell is stopped, not interrupted
        self.shutdown_kernel = "immediate"

    def preprocess(self, nb, resources=None, km=None):
        self.stopped = self._screen(nb)
        self.deadline = time.monotonic() + self.notebook_timeout
        cell_timeout = self.timeout
        for _ in range(self.max_reruns + 1):
            self._reset_outputs(nb)
            self.current = None  # index of the cell running now
            try:
                with grading_mode("record"):
                    return super().preprocess(nb, resources, km)
            except (CellTimeoutError, DeadKernelError) as fault:
                if self.current is None:  # the kernel did not even start: not the student's
                    raise
                self.stopped[self.current] = self._fault_note(fault)
            finally:
                self.timeout = cell_timeout
            if time.monotonic() > self.deadline:
                break
        self._mark_unfinished(nb)
        return nb, resources

    @staticmethod
    def _screen(nb) -> dict[int, str]:
        """``{index: note}`` of the student cells that may not run (see :mod:`screen`). Locked
        cells are the course's own: nbgrader's OverwriteCells restored their source."""
        stopped = {}
        for index, cell in enumerate(nb.cells):
            meta = notebooks.nbgrader_meta(cell)
            trusted = meta.get("locked") and meta.get("grade_id") and not meta.get("solution")
            if cell.cell_type == "code" and not trusted:
                found = screen.problems(cell.source)
                if found:
                    stopped[index] = screen.note(found)
        return stopped

    def _fault_note(self, fault: Exception) -> str:
        if isinstance(fault, CellTimeoutError):
            what = (f"was stopped after {self.timeout} s (an infinite loop, or far too slow)")
        else:
            what = ("made the Python kernel stop (os._exit, a crash, or running out of the "
                    "memory or processes grading allows)")
        return (f"this cell {what}; it scores 0, and the notebook was run again without it so "
                "that the other cells are graded")

    @staticmethod
    def _reset_outputs(nb) -> None:
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None

    def _mark_unfinished(self, nb) -> None:
        """After the last allowed run: stopped cells and never-run cells get their error."""
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            if index in self.stopped:
                cell.outputs = [error_output(self.stopped[index])]
            elif cell.execution_count is None and not cell.outputs:
                cell.outputs = [error_output(
                    f"not run: the notebook used up its {self.notebook_timeout} s of grading "
                    "time or too many kernel restarts")]

    def preprocess_cell(self, cell, resources, index):
        self.current = index
        self._output_bytes = 0
        if index in self.stopped:
            cell.outputs = [error_output(self.stopped[index])]
            return cell, resources
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            if cell.cell_type == "code":
                cell.outputs = [error_output(
                    f"not run: the notebook used up its {self.notebook_timeout} s of grading "
                    "time")]
            return cell, resources
        self.timeout = max(1, min(self.timeout, int(remaining)))
        return super().preprocess_cell(cell, resources, index)

    def output(self, outs, msg, display_id, cell_index):
        """Keep a cell's outputs until they reach ``max_output_bytes``; then one note."""
        size = len(json.dumps(msg.get("content", {}), default=str))
        self._output_bytes = getattr(self, "_output_bytes", 0) + size
        if self._output_bytes > self.max_output_bytes:
            note = (f"[output truncated: this cell printed more than "
                    f"{self.max_output_bytes // 1000} kB]\n")
            if not outs or outs[-1].get("text") != note:
                outs.append(NotebookNode(output_type="stream", name="stdout", text=note))
            return None
        return super().output(outs, msg, display_id, cell_index)
