"""One value encoding for the checks: what a student's function returned, as plain JSON data.

The feedback checks (:mod:`coursekit.checks`) compare values only after a round trip through
this encoding, in a student's own run as in grading, where the value comes from another process
(the grading sandbox) as JSON. So a graded verdict sees exactly what the student's own run saw.

The encoding is lossless for what the exercises use and decoding never runs code (no pickle):

==========================  ===================================================================
value                       encoded as
==========================  ===================================================================
None, bool, str             themselves
int                         itself (beyond 64 bits: ``{"int": "<digits>"}``)
float                       itself (``{"float": "nan"}`` for nan and the infinities)
numpy scalar                ``{"scalar": dtype, "data": base64}`` (its dtype kept)
numpy array (0-d too)       ``{"ndarray": base64, "dtype": ..., "shape": [...]}``: numbers,
                            booleans and text, up to 8 MB; decoded writable
list, tuple, dict           ``{"list": [...]}``, ``{"tuple": [...]}``, ``{"dict": [[k, v], ...]}``
dataclass (e.g. a history)  ``{"record": class name, "fields": [[name, value], ...]}``, decoded
                            as a :class:`Record` (fields as attributes)
``numpy.random.Generator``  ``{"generator": bit generator, "state": ...}``: a generator in the
                            same state
anything else               ``{"object": type name}``, decoded as a value equal to nothing
==========================  ===================================================================

Callables cannot travel as data: :func:`encode` hands them to its ``callables`` argument (the
grader turns them into call-backs); :func:`roundtrip` can keep them.

>>> import json
>>> decode(json.loads(json.dumps(encode((np.float64(0.5), np.arange(2.0), {"a": float("nan")})))))
(np.float64(0.5), array([0., 1.]), {'a': nan})
"""

from __future__ import annotations

import base64
import dataclasses
import json
import math
from collections.abc import Callable

import numpy as np

from coursekit.language import mark, tr

ARRAY_KINDS = "biufcU"  # numpy dtype kinds that travel: numbers, booleans and text
GENERATORS = ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64")
MAX_DEPTH = 32  # nesting of lists, tuples, dicts and records
MAX_INT_DIGITS = 200
MAX_ARRAY_BYTES = 8 * 1024**2  # a larger array travels as "too large", equal to nothing
MAX_ITEMS = 1_000_000  # values in one decoded value, all levels together
# what an Unreadable stands for, in English as it travels; shown translated (Unreadable's repr)
NESTED, MALFORMED = mark("a value nested too deeply"), mark("malformed value")
TOO_LARGE = mark("a value too large to grade")


class Record:
    """A decoded dataclass instance: its class name and its fields, read as attributes (only
    fields not starting with ``_``: a field named ``__array_interface__`` must not make numpy
    read the grader's memory).

    >>> r = Record("History", {"errors": [1, 0]})
    >>> r.errors, r
    ([1, 0], History(errors=[1, 0]))
    """

    def __init__(self, name: str, fields: dict):
        self.__dict__["_name"], self.__dict__["_fields"] = name, dict(fields)

    @property
    def record_name(self) -> str:
        return self._name

    @property
    def record_fields(self) -> dict:
        return dict(self._fields)

    def __getattr__(self, field: str):
        if field.startswith("_") or field not in self._fields:
            raise AttributeError(tr("{record} has no field {field!r}").format(record=self._name,
                                                                               field=field))
        return self._fields[field]

    def __setattr__(self, field, value):
        raise AttributeError(tr("a decoded record cannot be changed"))

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self._fields.items())
        return f"{self._name}({inner})"


class Unreadable:
    """A value that could not travel or be decoded: equal to nothing, shown as ``<what>`` (in
    the current language when ``what`` is one of coursekit's messages)."""

    def __init__(self, what: str):
        self.what = str(what)[:200]

    def __repr__(self) -> str:
        return f"<{tr(self.what)}>"


def _base64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _int(value: int):
    return value if abs(value) < 2**63 else {"int": str(value)}


def encode(value, callables: Callable[[Callable], object] | None = None, _depth: int = 0):
    """The JSON-ready form of ``value`` (see the module docs).

    ``callables(f)`` encodes each callable found (a function argument); without it a callable
    is an object that cannot travel.
    """
    if _depth > MAX_DEPTH:
        return {"object": NESTED}
    if value is None or type(value) is bool:
        return value
    if isinstance(value, np.generic) and value.dtype.kind in ARRAY_KINDS:
        return {"scalar": value.dtype.str, "data": _base64(value.tobytes())}
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return _int(int(value))
    if isinstance(value, float):
        value = float(value)
        return value if math.isfinite(value) else {"float": repr(value)}
    if isinstance(value, np.ndarray) and value.dtype.kind in ARRAY_KINDS:
        if value.nbytes > MAX_ARRAY_BYTES:
            return {"object": tr("an array of {size} bytes, too large to grade").format(
                size=value.nbytes)}
        return {"ndarray": _base64(value.tobytes(order="C")), "dtype": value.dtype.str,
                "shape": list(value.shape)}

    def inner(v):
        return encode(v, callables, _depth + 1)

    if isinstance(value, (list, tuple)):
        return {type(value).__name__: [inner(v) for v in value]}
    if isinstance(value, dict):
        return {"dict": [[inner(k), inner(v)] for k, v in value.items()]}
    if isinstance(value, Record):
        return {"record": value.record_name,
                "fields": [[k, inner(v)] for k, v in value.record_fields.items()]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"record": type(value).__name__,
                "fields": [[f.name, inner(getattr(value, f.name))]
                           for f in dataclasses.fields(value)]}
    if isinstance(value, np.random.Generator):
        bit_generator = value.bit_generator
        return {"generator": type(bit_generator).__name__, "state": inner(bit_generator.state)}
    if callable(value) and callables is not None:
        return callables(value)
    return {"object": type(value).__name__}


def _decode_array(data: dict):
    dtype = np.dtype(data["dtype"])
    if dtype.kind not in ARRAY_KINDS or dtype.hasobject:
        raise ValueError(f"arrays of dtype {dtype} cannot travel")
    shape = tuple(int(n) for n in data["shape"])
    raw = base64.b64decode(data["ndarray"], validate=True)
    return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()  # writable, like the original


def _decode_scalar(data: dict):
    dtype = np.dtype(data["scalar"])
    if dtype.kind not in ARRAY_KINDS or dtype.hasobject:
        raise ValueError(f"scalars of dtype {dtype} cannot travel")
    values = np.frombuffer(base64.b64decode(data["data"], validate=True), dtype=dtype)
    if values.shape != (1,):
        raise ValueError("a scalar holds one value")
    return values[0]


def _decode_generator(data: dict):
    if data["generator"] not in GENERATORS:
        raise ValueError(f"unknown bit generator {data['generator']!r}")
    generator = np.random.Generator(getattr(np.random, data["generator"])())
    generator.bit_generator.state = decode(data["state"])
    return generator


class _TooLarge(Exception):
    """Raised while decoding a value of more than :data:`MAX_ITEMS` items."""


def decode(data, callables: Callable[[dict], object] | None = None):
    """The value :func:`encode` encoded. Anything malformed, or holding more than
    :data:`MAX_ITEMS` items in all, decodes to an :class:`Unreadable`; ``callables(data)``
    decodes an encoded callable (see :func:`encode`)."""
    room = [MAX_ITEMS]

    def walk(data, depth: int):
        room[0] -= 1
        if room[0] < 0:
            raise _TooLarge
        if data is None or isinstance(data, (bool, str, int, float)):
            return data
        if depth > MAX_DEPTH or not isinstance(data, dict):
            return Unreadable(MALFORMED)

        def inner(v):
            return walk(v, depth + 1)

        try:
            if "ndarray" in data:
                return _decode_array(data)
            if "scalar" in data:
                return _decode_scalar(data)
            if "generator" in data:
                return _decode_generator(data)
            if "record" in data:
                return Record(str(data["record"]), {str(k): inner(v) for k, v in data["fields"]})
            (kind, content), = data.items() if len(data) == 1 else [(None, None)]
            if kind == "int" and len(content) <= MAX_INT_DIGITS:
                return int(content)
            if kind == "float" and content in ("nan", "inf", "-inf"):
                return float(content)
            if kind in ("list", "tuple") and isinstance(content, list):
                items = [inner(v) for v in content]
                return items if kind == "list" else tuple(items)
            if kind == "dict" and isinstance(content, list):
                return {inner(k): inner(v) for k, v in content}
            if kind == "object":
                return Unreadable(content)
            if callables is not None:
                return callables(data)
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError):
            pass
        return Unreadable(MALFORMED)

    try:
        return walk(data, 0)
    except _TooLarge:
        return Unreadable(TOO_LARGE)


def roundtrip(value, callables: Callable[[Callable], Callable] | None = None):
    """``value`` as it looks after travelling: a fresh copy. A callable cannot travel unless
    ``callables`` is given: then each one is replaced by ``callables(f)`` (``lambda f: f`` keeps
    them, as the grader's call-backs behave like the functions they stand for)."""
    if callables is None:
        return decode(json.loads(json.dumps(encode(value))))
    kept: list = []

    def keep(function):
        kept.append(callables(function))
        return {"callable": len(kept) - 1}

    data = json.loads(json.dumps(encode(value, keep)))
    return decode(data, lambda data: kept[data["callable"]])
