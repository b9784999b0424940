"""Feedback checks for the notebooks' visible and hidden tests.

:func:`check_function` runs a student's function and coursekit's reference on the same inputs.
On the first mismatch it raises :class:`CheckFailed` (an ``AssertionError``, shown without a
traceback) naming the input, what differs (the first differing item of a long value, with its
path), the known misconception the value shows if any, and a hint; an error raised by the
student's function names the student's line. When everything matches it prints one short line.
:func:`check_answer` does the same for a value the student computed or chose. Neither writes to
stderr (nbgrader gives 0 to a test cell with stderr output), so a warning raised by correct code
(an overflow in ``np.exp``) costs nothing.

**One comparison, one encoding.** Arguments and results are compared only after a round trip
through :mod:`coursekit.encoding`, the form in which they travel when a notebook is graded:
there the grader runs these same checks in its own process and calls the student's functions
in a sandbox (its proxies provide ``grading_call``). So a float, a numpy scalar and a 0-d array
of one value are equal, a dataclass is compared field by field, and a case passes when graded
exactly when it passes here.

**Course material.** While notebook N is graded, coursekit's own implementation of N's maths is
not there (:mod:`coursekit.curriculum`). Here, a function that calls it fails its check with
the same message the grader gives.
"""

from __future__ import annotations

import functools
import importlib
import sys
import time
import traceback
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from coursekit import curriculum, lint
from coursekit.compare import (
    ARGUMENT_SHOWN,
    GOT,
    details,
    difference,
    is_numeric,
    mismatch,
    show,
)
from coursekit.encoding import roundtrip
from coursekit.language import mark, tr

PASSED_IN_FAILED = mark("a function the test passed in failed")
HINT, WHY, NOTE = mark("hint"), mark("why"), mark("note")  # labels of a message's lines
PASSED_IN_FACTOR = 10  # a function passed in may be given this many times the values the
PASSED_IN_SLACK = 100  # reference gives it on the same case, plus this many
INPUT_TOLERANCE = 1e-12  # how far an input may drift (relatively and absolutely) and still
# count as unchanged: restoring x[i] by += eps, -= 2 eps, += eps leaves a rounding error


@dataclass
class Outcome:
    """What one call of a student's function did: ``kind`` is ``"value"`` (``value`` is the
    result as it travelled), ``"missing"`` (still a stub; ``value`` is the message) or
    ``"error"`` (``value`` is ``"ExceptionName: message"``). ``inputs`` are the arguments as
    the call left them (None: not known)."""

    kind: str
    value: object = None
    inputs: tuple | None = None


class ClosureOver:
    """A function argument that ignores its own argument and reads argument ``index`` of the
    checked call, ``function(args[index])``: as a closure over an array that the exercise
    changes in place (``numerical_gradient``'s ``f``)."""

    def __init__(self, function: Callable, index: int):
        self.function, self.index = function, index

    def __call__(self, *_):
        raise TypeError("ClosureOver is bound to the arguments of a checked call first")

    def __repr__(self) -> str:
        return "<" + tr("a function reading argument {number}").format(number=self.index + 1) + ">"


def bind_closures(args: tuple) -> tuple:
    """``args`` with each :class:`ClosureOver` replaced by the closure it stands for."""
    def bound(marker):
        return lambda *_, **__: marker.function(args[marker.index])

    return tuple(bound(a) if isinstance(a, ClosureOver) else a for a in args)


@functools.cache
def _unavailable_code(notebook: str) -> dict:
    """``{code object: qualified name}`` of the coursekit functions missing while ``notebook``
    is graded (methods and property getters included)."""
    available, codes = curriculum.available(notebook), {}
    for name in curriculum.units():
        if name in available:
            continue
        module_name, _, attribute = name.rpartition(".")
        unit = getattr(importlib.import_module(module_name), attribute, None)
        members = vars(unit).values() if isinstance(unit, type) else [unit]
        for member in members:
            member = getattr(member, "fget", member)
            member = getattr(member, "__func__", member)
            if hasattr(member, "__code__"):
                codes[member.__code__] = name
    return codes


def same(function: Callable) -> Callable:
    """Keeps a callable as it is (see :func:`coursekit.encoding.roundtrip`)."""
    return function


def _values(value) -> int:
    """How many numbers ``value`` holds (an array's size, a list's items)."""
    if isinstance(value, (list, tuple)):
        return sum(map(_values, value))
    if isinstance(value, dict):
        return sum(map(_values, value.values()))
    return int(np.size(value)) if isinstance(value, np.ndarray) else 1


class PassedIn:
    """The functions a case passes to the checked function (an activation, the ``f`` of a
    numerical gradient). When graded they run in the grader, so they are given at most
    ``allowed`` values in all (:data:`PASSED_IN_FACTOR` times what the reference gives them):
    enough to compute the answer, never to tabulate the reference. ``count(args, kwargs)`` says
    why a call is refused ("" when it is not); :meth:`wrap` makes a function run as in grading:
    its arguments and result travel (:func:`coursekit.encoding.roundtrip`)."""

    def __init__(self, allowed: int | None = None, watch: _Watch | None = None):
        self.allowed, self.watch, self.used = allowed, watch, 0

    def count(self, args: tuple, kwargs: dict) -> str:
        values = _values(args) + _values(kwargs)
        if self.allowed is not None and self.used + values > self.allowed:
            return tr("it would be given {count} values, more than the {allowed} the answer may "
                      "use (a function passed in computes the answer; it does not make a table "
                      "of the reference)").format(count=self.used + values, allowed=self.allowed)
        self.used += values
        return ""

    def limit(self) -> int:
        """What a student's call may use, given what the reference used (counted here)."""
        return PASSED_IN_FACTOR * self.used + PASSED_IN_SLACK

    def wrap(self, function: Callable) -> Callable:
        if isinstance(function, ClosureOver):
            return ClosureOver(self.wrap(function.function), function.index)

        def passed_in(*args, **kwargs):
            if problem := self.count(args, kwargs):
                raise RuntimeError(f"{tr(PASSED_IN_FAILED)}: {problem}")
            if self.watch is None:  # the reference's call: counted only
                return function(*args, **kwargs)
            self.watch.paused += 1  # when graded it runs in the grader: not the answer's code
            try:
                args, kwargs = roundtrip((args, kwargs))
                return roundtrip(_quietly(function, args, kwargs))
            except Exception as error:  # as the grader reports it to the sandbox
                raise RuntimeError(f"{tr(PASSED_IN_FAILED)}: {describe_error(error)}") from None
            finally:
                self.watch.paused -= 1

        return passed_in


class _Watch:
    """Context manager noting the first call (under any alias) of a function in ``codes``,
    except while a function the check passed in runs (``paused``): when graded, those run in
    the grader."""

    def __init__(self, codes: dict):
        self.codes, self.called, self.paused = codes, None, 0

    def __call__(self, frame, event, _arg):
        if (event == "call" and self.called is None and not self.paused
                and frame.f_code in self.codes):
            self.called = self.codes[frame.f_code]

    def __enter__(self):
        self.previous = sys.getprofile()
        if self.codes:
            sys.setprofile(self)
        return self

    def __exit__(self, *_exc):
        sys.setprofile(self.previous)


def _quietly(function: Callable, args: tuple, kwargs: dict | None = None):
    """``function(*args, **kwargs)`` with warnings and floating-point alerts silenced."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return function(*args, **(kwargs or {}))


class CheckFailed(AssertionError):
    """A check's verdict. IPython shows it as its message alone, without the traceback
    through coursekit (``_render_traceback_``)."""

    def _render_traceback_(self) -> list[str]:
        return [f"{type(self).__name__}: {self}"]


def your_line(error: BaseException) -> str:
    """Where in the student's cells ``error`` was raised (the deepest frame of a notebook
    cell), as a line to add to its message: ``"\n  at line 4 of your cell, in predict: return
    X @ w"`` (the function, or ``<module>`` for the cell's own code); ``""`` when no cell's code
    is in its traceback."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if "ipykernel_" in frame.filename or frame.filename.startswith("<ipython-input"):
            return "\n  " + tr("at line {line} of your cell, in {function}: {code}").format(
                line=frame.lineno, function=frame.name, code=(frame.line or "").strip())
    return ""


class StudentError(Exception):
    """An exception the student's code raised in the grading sandbox; ``str()`` of it is
    ``"ExceptionName: message"``, as the sandbox reported it."""


def describe_error(error: BaseException) -> str:
    """``"ExceptionName: message"``."""
    return str(error) if isinstance(error, StudentError) else f"{type(error).__name__}: {error}"


def call_here(function: Callable, args: tuple, notebook: str | None = None,
              allowed: int | None = None) -> Outcome:
    """Call ``function(*args)`` on a copy of ``args`` in this process, as the grading sandbox
    does: the result as it travels, functions passed in given at most ``allowed`` values
    (:class:`PassedIn`), and (with ``notebook``) an error for coursekit material missing while
    it is graded."""
    watch = _Watch(_unavailable_code(notebook) if notebook else {})
    sent = roundtrip(args, PassedIn(allowed, watch).wrap)  # a fresh copy, as graded
    try:
        with watch:
            result = _quietly(function, bind_closures(sent))
    except NotImplementedError as error:  # the message names the unfinished function
        return Outcome("missing", str(error) or tr("not implemented"))
    except Exception as error:  # the student's bug, reported as a failed check
        return Outcome("error", describe_error(error) + your_line(error))
    if watch.called:
        unavailable = curriculum.CourseMaterialUnavailable(
            watch.called, notebook, curriculum.unavailable_reason(watch.called, notebook))
        return Outcome("error", describe_error(unavailable))
    return Outcome("value", roundtrip(result), roundtrip(sent, same))


def _changed_input(before: tuple, after: tuple | None) -> int | None:
    """Index of the first data argument the call changed (callables are not compared)."""
    for index, (old, new) in enumerate(zip(before, after or before)):
        if not callable(old) and difference(old, new, INPUT_TOLERANCE, INPUT_TOLERANCE):
            return index
    return None


def diagnosis(name: str, args: tuple, expected, got, *, rtol: float = 1e-7, atol: float = 1e-10,
              project: Callable | None = None,
              others: Callable[[], Iterable[tuple[tuple, object, object]]] = tuple) -> str:
    """The sentence of the first known misconception of exercise ``name`` (see
    :mod:`coursekit.misconceptions`) whose value on ``args`` is ``got`` and not ``expected``,
    and that gives the answer's value on each other case of the check where the answer is
    wrong too (``others()``: ``(args, expected, value)``; at a special input such as z = 0 many
    wrong ways agree; a value with an overflow, inf or nan, is left out; a case the answer gets
    right is no evidence: a mistake may sit in one branch); ``""`` when none is."""
    from coursekit.misconceptions import catalogue

    def value_of(known, case_args):
        value = roundtrip(_quietly(known.compute, bind_closures(roundtrip(case_args, same))))
        return project(value) if project is not None else value

    seen = None
    for known in catalogue().get(name, ()):
        try:
            value = value_of(known, args)
        except Exception:  # noqa: BLE001 - a misconception that does not apply to this case
            continue
        if difference(value, got, rtol, atol) or not difference(value, expected, rtol, atol):
            continue
        if seen is None:  # the cases where the answer is wrong, but not by an overflow
            seen = [(a, g) for a, e, g in others() if difference(e, g, rtol, atol) and not (
                is_numeric(g) and not np.all(np.isfinite(np.asarray(g, float))))]
        try:
            if all(not difference(value_of(known, a), g, rtol, atol) for a, g in seen):
                return tr(known.says)
        except Exception:  # noqa: BLE001 - it does not apply to the other cases
            continue
    return ""


def function_problem(name: str, args: tuple, expected, outcome: Outcome, *, hint: str = "",
                     rtol: float = 1e-7, atol: float = 1e-10, keeps_inputs: bool = False,
                     project: Callable | None = None,
                     others: Callable[[], Iterable[tuple[tuple, object, object]]] = tuple
                     ) -> str:
    """Why one case of :func:`check_function` fails, or ``""`` when it passes; a wrong value
    that a known misconception gives on this case and on the ``others()`` is named
    (:func:`diagnosis`)."""
    hint_line = f"\n  {tr(HINT)}: {hint}" if hint else ""
    shown = ", ".join(show(a, ARGUMENT_SHOWN) for a in args)
    if outcome.kind == "missing":
        return tr("{name} cannot run yet: {why}. Replace `raise NotImplementedError(...)` with "
                  "your code, then run that cell again.").format(name=name, why=outcome.value)
    call = f"{name}({shown})"
    if outcome.kind != "value":
        return tr("{call} raised {error}").format(call=call, error=outcome.value) + hint_line
    got = outcome.value
    if project is not None:
        try:
            got = project(got)
        except Exception as error:  # noqa: BLE001 - a result of the wrong form
            return tr("{call} returned {got}, which is not of the form the docstring describes "
                      "({error})").format(call=call, got=show(got),
                                          error=describe_error(error)) + hint_line
    if found := mismatch(expected, got, rtol, atol):
        why = diagnosis(name, args, expected, got, rtol=rtol, atol=atol, project=project,
                        others=others)
        return (f"{call}: {found}{details(expected, got, found)}"
                + (f"\n  {tr(WHY)}: {why}" if why else "") + hint_line)
    if keeps_inputs and (index := _changed_input(args, outcome.inputs)) is not None:
        return tr("{call} changed its argument {number} ({value}); it must leave its inputs as "
                  "they were").format(call=call, number=index + 1,
                                      value=show(args[index])) + hint_line
    return ""


def check_function(student: Callable, reference: Callable, cases: Sequence[tuple], *,
                   hint: str = "", rtol: float = 1e-7, atol: float = 1e-10, quiet: bool = False,
                   project: Callable | None = None, keeps_inputs: bool = False,
                   seeded: int | None = None) -> None:
    """Compare ``student(*case)`` with ``reference(*case)`` for every case.

    Parameters
    ----------
    student : callable
        The function the student wrote.
    reference : callable
        coursekit's reference implementation of the same function.
    cases : sequence of tuple
        Each case is the tuple of positional arguments of one call. Every call gets its own
        copy. A :class:`ClosureOver` argument stands for a function reading another argument.
    hint : str
        Shown when a case fails: what to look at.
    rtol, atol : float
        Tolerances of ``numpy.allclose`` for numeric results (arrays, scalars, tuples of them).
    quiet : bool
        Print nothing on success (hidden tests).
    project : callable, optional
        Compare ``project(result)`` rather than the whole result (e.g. a few fields).
    keeps_inputs : bool
        Also fail when the function changes an argument (beyond rounding).
    seeded : int, optional
        The position of the function's ``rng`` argument (a seed or a generator), when its
        result is random: then, on the first case where two seeds give the reference different
        results, the answer must too (it uses ``rng``), and must give one seed the same result
        twice (it draws from ``rng`` only). Valid answers may draw in another order, so the
        cases themselves are best judged by properties (``project``).

    Raises
    ------
    AssertionError
        The first failing case: its input, expected value, value received and the hint; or
        that the function is not implemented yet or raised an exception.
    """
    name = getattr(student, "__name__", tr("your function"))
    cases = list(cases)
    for case in cases:
        if not isinstance(case, tuple):
            raise TypeError(tr("each case must be a tuple of arguments, got {case!r}").format(
                case=case))
    qualified = f"{getattr(reference, '__module__', '')}.{getattr(reference, '__name__', '')}"
    notebook = curriculum.notebook_of(qualified)
    call = getattr(student, "grading_call", None)  # the grader's proxy of a student function
    for note in [] if call else lint.function_notes(student):
        print(f"{tr(NOTE)}: {name}, {note}: {tr(lint.GRADED)}.")

    def run(case) -> tuple[tuple, object, Outcome]:
        start, meter = time.process_time(), PassedIn()
        expected = roundtrip(_quietly(reference, bind_closures(roundtrip(case, meter.wrap))))
        seconds = time.process_time() - start
        if project is not None:
            expected = project(expected)
        args = roundtrip(case, same)
        return args, expected, (call(args, seconds, meter.limit()) if call else
                                call_here(student, args, notebook, meter.limit()))

    def values(outcomes) -> Iterator[tuple[tuple, object, object]]:
        """The answer's values on cases (``(args, expected, value)``), where it gave one."""
        for args, expected, outcome in outcomes:
            if outcome.kind == "value":
                try:
                    yield args, expected, (project(outcome.value) if project else outcome.value)
                except Exception:  # noqa: BLE001 - not of the described form: no evidence
                    continue

    done = []
    for index, case in enumerate(cases):
        args, expected, outcome = run(case)
        problem = function_problem(
            name, args, expected, outcome, hint=hint, rtol=rtol, atol=atol,
            keeps_inputs=keeps_inputs, project=project,
            others=lambda rest=cases[index + 1:]: values(done + [run(c) for c in rest]))
        if problem:
            raise CheckFailed(problem)
        done.append((args, expected, outcome))
    if seeded is not None and (problem := _seed_problem(name, student, reference, cases, seeded,
                                                        call, notebook, hint, rtol, atol)):
        raise CheckFailed(problem)
    if not quiet:
        done = (tr("✓ {name}: all {count} cases match the reference") if len(cases) > 1 else
                tr("✓ {name}: the case matches the reference"))
        print(done.format(name=name, count=len(cases)))


SEEDS = (11, 12)  # the rng seeds a seeded check compares


def _seed_problem(name: str, student: Callable, reference: Callable, cases: Sequence[tuple],
                  position: int, call, notebook, hint: str, rtol: float, atol: float) -> str:
    """Why the answer's randomness is wrong (:func:`check_function`'s ``seeded``), or ``""``."""
    def with_seed(case, seed):
        return roundtrip(case[:position] + (seed,) + case[position + 1:], same)

    def reference_value(case, seed):
        return roundtrip(_quietly(reference, bind_closures(with_seed(case, seed))))

    case = next((c for c in cases if difference(*(reference_value(c, s) for s in SEEDS),
                                                 rtol, atol)), None)
    if case is None:  # no case where the seed matters
        return ""
    outcomes = [call(with_seed(case, seed), 0.0, None) if call else
                call_here(student, with_seed(case, seed), notebook) for seed in SEEDS + SEEDS[:1]]
    if any(o.kind != "value" for o in outcomes):
        return ""  # an error there is the cases' to report
    first, second, again = (o.value for o in outcomes)
    hint_line = f"\n  {tr(HINT)}: {hint}" if hint else ""
    shown = ", ".join(show(a, ARGUMENT_SHOWN) for a in with_seed(case, "rng"))
    if not difference(first, second, rtol, atol):
        return tr("{name}({args}) gives the same result for rng = {a} and rng = {b}: draw the "
                  "random choices from rng (np.random.default_rng(rng)), not from a fixed rule "
                  "or seed").format(name=name, args=shown, a=SEEDS[0], b=SEEDS[1]) + hint_line
    if difference(first, again, rtol, atol):
        return tr("{name}({args}) gives two different results for the same rng = {a}: make one "
                  "generator from rng and draw only from it").format(
                      name=name, args=shown, a=SEEDS[0]) + hint_line
    return ""


FORMS = {"letter": mark("one of the letters {choices}"), "number": mark("a number, e.g. 0.5"),
         "integer": mark("a whole number, e.g. 7")}


def _form_problem(answer, form, choices: str) -> str:
    """Why ``answer`` is not of ``form`` ("" when it is); a tuple ``form`` is one per item."""
    if isinstance(form, tuple):
        if not isinstance(answer, (tuple, list)) or len(answer) != len(form):
            return tr("answer with {count} values in parentheses, e.g. {example}").format(
                count=len(form), example=(1,) * len(form))
        return next((p for a, f in zip(answer, form) if (p := _form_problem(a, f, choices))), "")
    if form == "letter":
        ok = isinstance(answer, str) and answer.strip().lower() in choices and len(
            answer.strip()) == 1
    else:  # a finite number (for "integer", a whole one)
        ok = (is_numeric(answer) and np.ndim(answer) == 0
              and not isinstance(answer, (bool, np.bool_)) and bool(np.isfinite(answer))
              and (form == "number" or float(answer) == round(float(answer))))
    if ok:
        return ""
    wanted = tr(FORMS[form]).format(choices=", ".join(f'"{c}"' for c in choices))
    return tr("answer with {wanted}; got {got}").format(wanted=wanted, got=show(answer))


def _form_of(expected):
    """The form of answer ``expected`` is: a letter, a number, a whole number, or a tuple."""
    if isinstance(expected, str):
        return "letter"
    if isinstance(expected, tuple):
        return tuple(_form_of(e) for e in expected)
    return "integer" if isinstance(expected, (int, np.integer)) else "number"


def check_answer(question: str, answer, expected=None, *, form=None, choices: str = "abcd",
                 hint: str = "", rtol: float = 1e-7, atol: float = 1e-10) -> None:
    """Check the answer to a question: its form (``"letter"`` among ``choices``, ``"number"``,
    ``"integer"``, or a tuple of forms; by default the form of ``expected``), then, when
    ``expected`` is given (the graded part), its value. Raises ``AssertionError`` with what is
    wrong and the hint; prints one line.

    >>> check_answer("n_parameters", 13, form="integer")
    ✓ n_parameters: answered (it is graded when your notebook is)
    >>> check_answer("n_parameters", np.int64(13), 13, form="integer")
    ✓ n_parameters: correct
    """
    if form is None and expected is None:
        raise TypeError(tr("check_answer needs the expected answer or its form"))
    form = _form_of(expected) if form is None else form
    answer = roundtrip(answer)
    if problem := _form_problem(answer, form, choices):
        raise CheckFailed(f"{question}: {problem}")
    if expected is None:
        print(tr("✓ {question}: answered (it is graded when your notebook is)").format(
            question=question))
        return
    if form == "letter":
        answer = answer.strip().lower()
    if problem := difference(roundtrip(expected), answer, rtol, atol):
        raise CheckFailed(f"{question}: {problem}\n  {tr(GOT)}: {show(answer)}"
                          + (f"\n  {tr(HINT)}: {hint}" if hint else ""))
    print(tr("✓ {question}: correct").format(question=question))
