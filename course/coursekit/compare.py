"""Comparing an answer with the expected value, and showing values in feedback messages.

Both values have travelled (:func:`coursekit.encoding.roundtrip`): numbers, arrays, strings,
lists, tuples, dicts and records. Numbers compare with ``numpy.allclose``; containers compare
item by item, so a mismatch has a *path* to the first item that differs, as a student would
index it: ``item 1 ['W'][2, 0]`` is ``result[1]["W"][2, 0]``, ``.errors[3]`` a field of a
record. A message shows the whole values when they are short, and the first differing item
with its path when they are long.
"""

from __future__ import annotations

import ast
import linecache
import re
from dataclasses import dataclass

import numpy as np

from coursekit.encoding import Unreadable
from coursekit.language import mark, tr

MAX_SHOWN = 600  # characters of a value a message shows
SHORT = 120  # a value shown in at most this many characters is shown whole
ARGUMENT_SHOWN = 160  # characters of each argument in a call a message shows
EXPECTED, GOT = mark("expected"), mark("got")  # the labels of the values a message shows
WHOLE_ARRAY = 12  # arrays of more numbers are shown cut to their first and last items


def _lambda_source(function) -> str | None:
    """``lambda u: 2.0 * u + 1.0``: the source of the lambda ``function``, found in the parsed
    file or cell that defines it."""
    code = getattr(function, "__code__", None)
    if code is None:
        return None
    source = "".join(linecache.getlines(code.co_filename))
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    arguments = list(code.co_varnames[:code.co_argcount])
    for node in ast.walk(tree):
        if (isinstance(node, ast.Lambda) and node.lineno == code.co_firstlineno
                and [a.arg for a in node.args.args] == arguments):
            return " ".join(ast.get_source_segment(source, node).split())
    return None


def _one_line(value) -> str:
    """``value`` written on one line: functions by name (lambdas by their source), numpy
    scalars as numbers, arrays of more than :data:`WHOLE_ARRAY` numbers cut to their first and
    last two items per axis, containers item by item."""
    if callable(value) and hasattr(value, "__name__"):
        name = value.__name__
        return (_lambda_source(value) or tr("a lambda")) if name == "<lambda>" else name
    if isinstance(value, np.ndarray):
        text = np.array2string(value, precision=6, threshold=WHOLE_ARRAY, edgeitems=2,
                               separator=", ", max_line_width=10**9)
        text = re.sub(r"\[ +", "[", re.sub(r" +([,\]])", r"\1", " ".join(text.split())))
        return tr("array({values}) with shape {shape}").format(values=text, shape=value.shape)
    if isinstance(value, np.generic):
        return repr(value.item())
    if isinstance(value, np.random.Generator):  # its repr carries a memory address
        return f"Generator({type(value.bit_generator).__name__})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key!r}: {_one_line(item)}" for key, item in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        items = ", ".join(map(_one_line, value))
        return f"[{items}]" if isinstance(value, list) else f"({items}{',' * (len(value) == 1)})"
    return repr(value)


def show(value, limit: int = MAX_SHOWN) -> str:
    """``value`` as a message shows it, on one line (:func:`_one_line`), at most ``limit``
    characters (a cut array keeps its shape)."""
    text = _one_line(value)
    if len(text) <= limit:
        return text
    shape = " " + tr("with shape {shape}").format(shape=value.shape) if isinstance(
        value, np.ndarray) else ""
    return f"{text[:limit - len(shape)]} …{shape}"


def is_numeric(value) -> bool:
    """Whether ``value`` is a number or an array (or nested list) of numbers or booleans."""
    if isinstance(value, (str, bytes, dict, Unreadable)) or value is None:
        return False
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):
        return False
    return array.dtype.kind in "biuf"


@dataclass
class Mismatch:
    """Where and how a value differs from the expected one.

    Attributes
    ----------
    path : str
        Where the differing part is (``item 1 ['W']``; ``""``: the whole value).
    problem : str
        What is wrong with it, in words.
    expected, got : object
        That part, as expected and as received; for arrays, their first differing element.
    element : str
        For arrays, the index of that element (``[2, 0]``); ``""`` otherwise.
    """

    path: str
    problem: str
    expected: object
    got: object
    element: str = ""

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}" if self.path else self.problem


def _within(step: str, found: Mismatch | None) -> Mismatch | None:
    """``found`` with ``step`` (``"item 1 "``, ``"['W']"``, ``".errors"``) before its path."""
    if found is not None:
        found.path = f"{step}{found.path}".strip()
    return found


def mismatch(expected, got, rtol: float, atol: float) -> Mismatch | None:
    """The first place where ``got`` differs from ``expected`` (None when it matches)."""
    if isinstance(expected, dict):
        if not isinstance(got, dict) or set(got) != set(expected):
            return Mismatch("", tr("expected a dict with keys {keys}").format(
                                    keys=sorted(map(str, expected))),
                            expected, got)
        return next((_within(f"[{key!r}]", m) for key in expected
                     if (m := mismatch(expected[key], got[key], rtol, atol))), None)
    if hasattr(expected, "record_fields"):
        if getattr(got, "record_name", None) != expected.record_name:
            return Mismatch("", tr("expected a {kind}").format(kind=expected.record_name),
                            expected, got)
        fields = expected.record_fields
        return next((_within(f".{name}", m) for name in fields
                     if (m := mismatch(fields[name], got.record_fields.get(name), rtol, atol))),
                    None)
    if isinstance(expected, (tuple, list)) and not is_numeric(expected):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            return Mismatch("", tr("expected a {kind} of {count} items").format(
                                    kind=type(expected).__name__, count=len(expected)),
                            expected, got)
        return next((_within(tr("item {index}").format(index=i) + " ", m)
                     for i, (e, g) in enumerate(zip(expected, got))
                     if (m := mismatch(e, g, rtol, atol))), None)
    if not is_numeric(expected):
        same = type(got) is type(expected) and got == expected
        return None if same else Mismatch("", tr("wrong value"), expected, got)
    if got is None:
        return Mismatch("", tr("got None: did you forget to return the result?"), expected, got)
    if not is_numeric(got):
        return Mismatch("", tr("expected numbers, got {got}").format(got=show(got)), expected,
                        got)
    want, have = np.asarray(expected, float), np.asarray(got, float)
    if want.shape != have.shape:
        return Mismatch("", tr("expected shape {want}, got shape {have}").format(
            want=want.shape, have=have.shape), expected, got)
    wrong = ~np.isclose(have, want, rtol=rtol, atol=atol, equal_nan=True)
    if not wrong.any():
        return None
    if want.ndim == 0:
        return Mismatch("", tr("wrong value"), want.item(), have.item())
    first = tuple(int(i) for i in np.argwhere(wrong)[0])
    element = f"[{', '.join(map(str, first))}]"
    return Mismatch("", tr("{count} of {size} values differ, the first at {element}").format(
        count=int(wrong.sum()), size=wrong.size, element=element), want[first].item(),
        have[first].item(), element)


def difference(expected, got, rtol: float, atol: float) -> str:
    """Why ``got`` does not match ``expected``, in words (``""`` when it does)."""
    found = mismatch(expected, got, rtol, atol)
    return "" if found is None else str(found)


def details(expected, got, found: Mismatch) -> str:
    """The lines under a mismatch: both values whole when they are short, else the first
    differing part with its path."""
    whole = show(expected), show(got)
    if max(map(len, whole)) <= SHORT:
        expected, got = f"{tr(EXPECTED)}:", f"{tr(GOT)}:"
        width = max(len(expected), len(got)) + 1
        return f"\n  {expected:<{width}}{whole[0]}\n  {got:<{width}}{whole[1]}"
    return "\n  " + tr("first difference at {where}: expected {expected}, got {got}").format(
        where=f"{found.path}{found.element}" or tr("the value"), expected=show(found.expected),
        got=show(found.got))
