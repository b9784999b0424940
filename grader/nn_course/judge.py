"""The grader's own run of a notebook's tests: every verdict is reached in the grader's process.

The :class:`Judge` runs the course's setup cell and test cells (hidden tests included) in a
namespace of its own, in the grader's process, with the same checks a student runs
(:mod:`coursekit.checks`). The student's work is not there: before each test cell the names
the solution's answer cells define are read from the student's kernel (:mod:`nn_course.execute`)
through a :class:`Channel`, a function as a :class:`StudentFunction` that calls it there with
the case's arguments as data, any other value as data. So the verdict depends only on values the
grader obtained and judged; the student's code never sees a test, an expected value or the
reference.
"""

from __future__ import annotations

import contextlib
import io
import linecache
from typing import Protocol

from IPython.core.inputtransformer2 import TransformerManager
from nbformat import NotebookNode

from coursekit.checks import Outcome, StudentError, same
from coursekit.encoding import roundtrip
from coursekit.language import mark, tr

SETUP_FAILED = mark("the course's setup cell failed in the grader")
UNREADABLE = mark("the grader could not read your notebook's functions and answers: did a cell "
                  "of yours replace or remove the grader's helper in the kernel?")


class Channel(Protocol):
    """The student's kernel, seen from the judge."""

    def lookup(self, names: list[str]) -> dict[str, dict] | None:
        """``{name: {"kind": "function"} | {"kind": "value", "value": v} | {"kind":
        "missing"}}`` (values decoded); None when the kernel gave no readable answer."""

    def call(self, name: str, args: tuple, seconds: float, allowed: int | None) -> Outcome:
        """Call the student's ``name(*args)``; ``seconds`` is the CPU time the reference took
        on the same case (the time limit scales with it), ``allowed`` how many values the
        functions among ``args`` may be given (:class:`coursekit.checks.PassedIn`)."""


class StudentFunction:
    """A function of the student's, called in the student's kernel.

    :func:`coursekit.checks.check_function` uses :meth:`grading_call`; test code may also call
    it directly: it returns the value (as it travelled) or raises what the call raised.
    """

    def __init__(self, name: str, channel: Channel):
        self.__name__ = self.__qualname__ = name
        self._channel = channel

    def grading_call(self, args: tuple, seconds: float = 0.0,
                     allowed: int | None = None) -> Outcome:
        return self._channel.call(self.__name__, args, seconds, allowed)

    def __call__(self, *args):
        outcome = self.grading_call(roundtrip(args, same))
        if outcome.kind == "value":
            return outcome.value
        if outcome.kind == "missing":
            raise NotImplementedError(outcome.value)
        raise StudentError(outcome.value)

    def __repr__(self) -> str:
        return tr("<your function {name}>").format(name=self.__name__)


class _NoMagic:
    """``get_ipython()`` of the judge: magics (``%matplotlib inline``) do nothing here."""

    def __getattr__(self, _name):
        return lambda *args, **kwargs: None


def error_output(ename: str, evalue: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=evalue,
                        traceback=[f"{ename}: {evalue}"])


def _run(source: str, namespace: dict, name: str) -> list[NotebookNode]:
    """Run ``source`` (IPython syntax) in ``namespace``: its printed output and its error."""
    printed = io.StringIO()
    error = None
    python = TransformerManager().transform_cell(source)
    if "BEGIN HIDDEN TESTS" not in source:  # a visible test's lambdas are shown by their source
        linecache.cache[name] = (len(python), None, python.splitlines(True), name)
    try:
        code = compile(python, name, "exec")
        with contextlib.redirect_stdout(printed):
            exec(code, namespace)  # noqa: S102 - the course's own test code
    except Exception as raised:  # noqa: BLE001 - a failed test is a verdict, not a crash
        error = raised
    outputs = []
    if printed.getvalue():
        outputs.append(NotebookNode(output_type="stream", name="stdout", text=printed.getvalue()))
    if isinstance(error, StudentError):  # "Name: message", as the sandbox reported it
        outputs.append(error_output(*str(error).partition(": ")[::2]))
    elif error is not None:
        outputs.append(error_output(type(error).__name__, str(error)))
    return outputs


class Judge:
    """Runs a notebook's setup and test cells against the student's kernel (module docs)."""

    def __init__(self, setup: str, student_names: list[str], channel: Channel):
        self.student_names, self.channel = list(student_names), channel
        self.namespace = {"__name__": "__main__", "get_ipython": _NoMagic}
        outputs = _run(setup, self.namespace, "<setup>")
        if any(o.output_type == "error" for o in outputs):
            raise RuntimeError(f"{tr(SETUP_FAILED)}: {outputs[-1].evalue}")

    def _bind_student_names(self) -> bool:
        """Read the student's names from the kernel (False: it gave no readable answer)."""
        found = self.channel.lookup(self.student_names) if self.student_names else {}
        if found is None:
            return False
        for name in self.student_names:
            entry = found.get(name, {"kind": "missing"})
            if entry["kind"] == "function":
                self.namespace[name] = StudentFunction(name, self.channel)
            elif entry["kind"] == "value":
                self.namespace[name] = entry["value"]
            else:
                self.namespace.pop(name, None)
        return True

    def run_test(self, source: str, grade_id: str) -> list[NotebookNode]:
        """The outputs of one test cell: what it printed, and the error that failed it."""
        if not self._bind_student_names():
            return [error_output("GradingError", tr(UNREADABLE))]
        return _run(source, self.namespace, f"<test {grade_id}>")
