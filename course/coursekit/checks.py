"""Feedback checks for the notebooks' visible and hidden tests.

:func:`check_function` runs a student's function and coursekit's reference on the same inputs.
On the first mismatch it raises ``AssertionError`` naming the input, the expected value, the
value received and a hint; when everything matches it prints one short line. It writes nothing
to stderr (nbgrader gives 0 to a test cell with stderr output), so a warning raised by correct
code (e.g. an overflow in ``np.exp``) costs nothing. An answer that calls the reference of the
very function it has to implement fails, with a message saying why.
"""

from __future__ import annotations

import copy
import sys
import warnings
from collections.abc import Callable, Sequence

import numpy as np

_SUCCESS = "✓ {name}: all {count} cases match the reference"


class _ReferenceWatch:
    """Context manager recording whether ``reference`` runs (under any alias) meanwhile."""

    def __init__(self, reference: Callable):
        self.code = getattr(reference, "__code__", None)
        self.called = False

    def __call__(self, frame, event, _arg):
        if event == "call" and frame.f_code is self.code:
            self.called = True

    def __enter__(self):
        self.previous = sys.getprofile()
        if self.code is not None:
            sys.setprofile(self)
        return self

    def __exit__(self, *_exc):
        sys.setprofile(self.previous)


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
    for case in cases:
        if not isinstance(case, tuple):
            raise TypeError(f"each case must be a tuple of arguments, got {case!r}")
        expected = _quietly(reference, copy.deepcopy(case))
        try:
            with _ReferenceWatch(reference) as watch:
                got = _quietly(student, copy.deepcopy(case))
        except NotImplementedError as error:  # the message names the unfinished function
            raise AssertionError(
                f"{name} cannot run yet: {error or 'not implemented'}. Replace "
                "`raise NotImplementedError(...)` with your code, then run that cell again."
            ) from None
        except Exception as error:  # the student's bug, reported as a failed check
            raise AssertionError(
                f"{name}({_describe_args(case)}) raised {type(error).__name__}: {error}"
                + (f"\n  hint: {hint}" if hint else "")) from None
        if watch.called:
            raise AssertionError(
                f"{name} calls {reference.__module__}.{reference.__name__}, the reference "
                "solution of this very exercise, so it earns no points. Write it yourself with "
                "numpy.")
        problem = _difference(expected, got, rtol, atol)
        if problem:
            raise AssertionError(
                f"{name}({_describe_args(case)}): {problem}\n  expected: {_show(expected)}\n"
                f"  got:      {_show(got)}" + (f"\n  hint: {hint}" if hint else ""))
    if not quiet:
        print(_SUCCESS.format(name=name, count=len(cases)))


def check_answer(name: str, got, expected, *, hint: str = "", rtol: float = 1e-7,
                 atol: float = 1e-10) -> None:
    """Compare a value the student computed or chose (a number, an array, a letter) with the
    expected one; raises ``AssertionError`` with both and the hint, prints one line on success.

    >>> check_answer("n_parameters", 13, 13)
    ✓ n_parameters: correct
    """
    problem = _difference(expected, got, rtol, atol)
    if problem:
        raise AssertionError(f"{name}: {problem}\n  got: {_show(got)}"
                             + (f"\n  hint: {hint}" if hint else ""))
    print(f"✓ {name}: correct")
