"""Feedback checks for the notebooks' visible and hidden tests.

:func:`check_function` runs a student's function and coursekit's reference on the same inputs.
On the first mismatch it raises ``AssertionError`` naming the input, the expected value, the
value received and a hint; when everything matches it prints one short line. It writes nothing
to stderr (nbgrader gives 0 to a test cell with stderr output), so a warning raised by correct
code (e.g. an overflow in ``np.exp``) costs nothing. An answer that calls the reference of the
very function it has to implement fails, with a message saying why.

While a notebook is graded the checks judge nothing in the student's process: they publish what
the student's code returned (:mod:`coursekit.records`) and the grader, in its own process,
compares that with a trusted run of the reference, using :func:`function_problem` and
:func:`answer_problem`, the same messages as here.
"""

from __future__ import annotations

import contextlib
import copy
import signal
import sys
import warnings
from collections.abc import Callable, Sequence

import numpy as np

from coursekit import records

SUCCESS = "✓ {name}: all {count} cases match the reference"
RECORD_SECONDS = 5.0  # while grading, longest a single call of a student's function may run
# phrases of the failures the grader also reports to the instructor
TOO_SLOW = "ran for more than"
CALLS_REFERENCE = "the reference solution of this very exercise"


_getprofile, _setprofile = sys.getprofile, sys.setprofile  # as they were before any student code


class _ReferenceWatch:
    """Context manager recording whether ``reference`` runs (under any alias) meanwhile."""

    def __init__(self, reference: Callable):
        self.code = getattr(reference, "__code__", None)
        self.called = False

    def __call__(self, frame, event, _arg):
        if event == "call" and frame.f_code is self.code:
            self.called = True

    def __enter__(self):
        self.previous = _getprofile()
        if self.code is not None:
            _setprofile(self)
        return self

    def __exit__(self, *_exc):
        _setprofile(self.previous)


def _quietly(function: Callable, args: tuple):
    """Call ``function(*args)`` with warnings and floating-point alerts silenced."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return function(*args)


def _show(value) -> str:
    if isinstance(value, np.ndarray):
        text = np.array2string(value, precision=6, threshold=20, separator=", ")
        return f"array({text}) with shape {value.shape}"
    return repr(value)


def _difference(expected, got, rtol: float, atol: float) -> str:
    """Why ``got`` does not match ``expected`` ("" when it does)."""
    if isinstance(expected, dict):
        if not isinstance(got, dict) or set(got) != set(expected):
            return f"expected a dict with keys {sorted(expected)}"
        for key in expected:
            problem = _difference(expected[key], got[key], rtol, atol)
            if problem:
                return f"[{key!r}]: {problem}"
        return ""
    if isinstance(expected, (tuple, list)) and not _is_numeric(expected):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            return f"expected a {type(expected).__name__} of {len(expected)} items"
        for i, (e, g) in enumerate(zip(expected, got)):
            problem = _difference(e, g, rtol, atol)
            if problem:
                return f"item {i}: {problem}"
        return ""
    if not _is_numeric(expected):
        return "" if got == expected else "wrong value"
    if got is None:
        return "got None: did you forget to return the result?"
    if not _is_numeric(got):
        return f"expected numbers, got a {type(got).__name__}"
    expected_array, got_array = np.asarray(expected, float), np.asarray(got, float)
    if expected_array.shape != got_array.shape:
        return f"expected shape {expected_array.shape}, got shape {got_array.shape}"
    if not np.allclose(got_array, expected_array, rtol=rtol, atol=atol, equal_nan=True):
        wrong = ~np.isclose(got_array, expected_array, rtol=rtol, atol=atol, equal_nan=True)
        return f"{int(wrong.sum())} of {wrong.size} values differ"
    return ""


def _is_numeric(value) -> bool:
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):
        return False
    return array.dtype.kind in "biuf"


def _describe_args(args: tuple) -> str:
    return ", ".join(_show(a) for a in args)


class _TooSlow(Exception):
    pass


def _alarm(_signum, _frame):
    raise _TooSlow


@contextlib.contextmanager
def _time_limit(seconds: float | None):
    """Raise ``_TooSlow`` in the main thread after ``seconds`` (no limit: None, or off Unix)."""
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _run_student(student: Callable, case: tuple, reference: Callable,
                 seconds: float | None = None) -> tuple[str, object]:
    """One call of the student's function: ``("value", result)``, ``("missing", message)``
    (still a stub), ``("error", "Name: message")`` or ``("reference", None)`` (it called the
    reference). With ``seconds``, a call running longer is stopped and reported as an error."""
    try:
        with _time_limit(seconds), _ReferenceWatch(reference) as watch:
            got = _quietly(student, copy.deepcopy(case))
    except _TooSlow:
        return "error", f"TimeoutError: it {TOO_SLOW} {seconds:g} s (an infinite loop?)"
    except NotImplementedError as error:  # the message names the unfinished function
        return "missing", str(error) or "not implemented"
    except Exception as error:  # the student's bug, reported as a failed check
        return "error", f"{type(error).__name__}: {error}"
    return ("reference", None) if watch.called else ("value", got)


def function_problem(name: str, args: str, expected, outcome: tuple[str, object], *,
                     reference: str, hint: str = "", rtol: float = 1e-7,
                     atol: float = 1e-10) -> str:
    """Why one case of :func:`check_function` fails, or ``""`` when it passes.

    ``args`` describes the case's arguments, ``outcome`` is what the student's function did
    (see ``_run_student``) and ``reference`` names the reference function.
    """
    kind, value = outcome
    hint_line = f"\n  hint: {hint}" if hint else ""
    if kind == "missing":
        return (f"{name} cannot run yet: {value}. Replace `raise NotImplementedError(...)` with "
                "your code, then run that cell again.")
    if kind == "error":
        return f"{name}({args}) raised {value}{hint_line}"
    if kind == "reference":
        return (f"{name} calls {reference}, {CALLS_REFERENCE}, so it earns no points. Write it "
                "yourself with numpy.")
    problem = _difference(expected, value, rtol, atol)
    if problem:
        return (f"{name}({args}): {problem}\n  expected: {_show(expected)}\n"
                f"  got:      {_show(value)}{hint_line}")
    return ""


def answer_problem(name: str, got, expected, *, hint: str = "", rtol: float = 1e-7,
                   atol: float = 1e-10) -> str:
    """Why the answer ``got`` of :func:`check_answer` is wrong, or ``""`` when it is right."""
    problem = _difference(expected, got, rtol, atol)
    if problem:
        return f"{name}: {problem}\n  got: {_show(got)}" + (f"\n  hint: {hint}" if hint else "")
    return ""


def check_function(student: Callable, reference: Callable, cases: Sequence[tuple], *,
                   hint: str = "", rtol: float = 1e-7, atol: float = 1e-10,
                   quiet: bool = False) -> None:
    """Compare ``student(*case)`` with ``reference(*case)`` for every case.

    Parameters
    ----------
    student : callable
        The function the student wrote.
    reference : callable
        coursekit's reference implementation of the same function.
    cases : sequence of tuple
        Each case is the tuple of positional arguments of one call. Arguments are deep-copied
        for each call, so a function that modifies its inputs cannot affect the other.
    hint : str
        Shown when a case fails: what to look at.
    rtol, atol : float
        Tolerances of ``numpy.allclose`` for numeric results (arrays, scalars, tuples of them).
    quiet : bool
        Print nothing on success (hidden tests).

    Raises
    ------
    AssertionError
        The first failing case: its input, expected value, value received and the hint; or
        that the function is not implemented yet, raised an exception, or calls ``reference``.
    """
    name = getattr(student, "__name__", "your function")
    cases = list(cases)
    for case in cases:
        if not isinstance(case, tuple):
            raise TypeError(f"each case must be a tuple of arguments, got {case!r}")
    reference_name = f"{reference.__module__}.{reference.__name__}"
    grading = records.mode()
    if grading == "expected":  # the trusted run: what the reference returns
        records.publish({
            "kind": "function", "name": name, "reference": reference_name,
            "cases": [_describe_args(case) for case in cases],
            "values": [records.encode(_quietly(reference, copy.deepcopy(c))) for c in cases],
            "hint": hint, "rtol": rtol, "atol": atol, "quiet": quiet})
        return
    if grading == "record":  # a submission: what the student's function does
        outcomes = []
        for case in cases:
            outcomes.append(_run_student(student, case, reference, RECORD_SECONDS))
            kind, value = outcomes[-1]
            if kind == "error" and value.startswith("TimeoutError"):
                break  # one timeout is enough; the grader fails the missing cases too
        records.publish({"kind": "function", "name": name, "outcomes": [
            [kind, records.encode(value) if kind == "value" else value]
            for kind, value in outcomes]})
        return
    for case in cases:
        problem = function_problem(
            name, _describe_args(case), _quietly(reference, copy.deepcopy(case)),
            _run_student(student, case, reference), reference=reference_name, hint=hint,
            rtol=rtol, atol=atol)
        if problem:
            raise AssertionError(problem)
    if not quiet:
        print(SUCCESS.format(name=name, count=len(cases)))


def check_answer(name: str, got, expected, *, hint: str = "", rtol: float = 1e-7,
                 atol: float = 1e-10) -> None:
    """Compare a value the student computed or chose (a number, an array, a letter) with the
    expected one; raises ``AssertionError`` with both and the hint, prints one line on success.

    >>> check_answer("n_parameters", 13, 13)
    ✓ n_parameters: correct
    """
    grading = records.mode()
    if grading:
        value = expected if grading == "expected" else got
        records.publish({"kind": "answer", "name": name, "value": records.encode(value),
                         "hint": hint, "rtol": rtol, "atol": atol})
        return
    problem = answer_problem(name, got, expected, hint=hint, rtol=rtol, atol=atol)
    if problem:
        raise AssertionError(problem)
    print(f"✓ {name}: correct")
