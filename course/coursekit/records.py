"""Check records: how a grading kernel reports what a student's functions returned.

When notebooks are graded (``NN_COURSE_GRADING`` set in the kernel's environment),
:func:`coursekit.checks.check_function` and :func:`~coursekit.checks.check_answer` do not judge
anything in the student's process, which the student's code controls. They publish a *record*
instead (a display output of type :data:`MIME`): the values the student's code produced for each
case. The grader compares them, in its own process, with the values the reference produced in a
trusted run of the solution notebook (``NN_COURSE_GRADING=expected``).

Values travel as JSON: numbers, strings, booleans, ``None``, lists, tuples, dicts, numpy arrays
of numbers or booleans (raw bytes in base64) and dataclass instances (decoded as a dict of their
fields plus ``"__class__"``, the class name). Decoding never runs code (no pickle).

>>> import json
>>> decode(json.loads(json.dumps(encode((np.arange(3.0), {"a": float("nan")})))))
(array([0., 1., 2.]), {'a': nan})
"""

from __future__ import annotations

import base64
import dataclasses
import math
import os

import numpy as np

MIME = "application/vnd.nn-course.check+json"
ENV = "NN_COURSE_GRADING"  # the environment variable that selects the mode
ARRAY_KINDS = "biufc"  # numpy dtype kinds a record may carry
MAX_ARRAY_BYTES = 8 * 1024**2


def mode() -> str:
    """``""`` (students' own runs), ``"record"`` (grading a submission) or ``"expected"``
    (the trusted run of the solutions that records the reference's values)."""
    value = os.environ.get(ENV, "")
    return {"1": "record", "record": "record", "expected": "expected"}.get(value, "")


def encode(value):
    """A JSON-ready form of ``value`` (see the module docs); other objects become their type
    name, which never matches a number."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, np.bool_):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else {"float": repr(value)}
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.ndarray) and value.dtype.kind in ARRAY_KINDS:
        data = np.ascontiguousarray(value)
        if data.nbytes > MAX_ARRAY_BYTES:
            return {"object": f"an array of {data.nbytes} bytes (too large to grade)"}
        return {"ndarray": base64.b64encode(data.tobytes()).decode("ascii"),
                "dtype": data.dtype.str, "shape": list(data.shape)}
    if isinstance(value, (list, tuple)):
        return {type(value).__name__: [encode(v) for v in value]}
    if isinstance(value, dict):
        return {"dict": [[encode(k), encode(v)] for k, v in value.items()]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {"__class__": type(value).__name__,
                  **{f.name: getattr(value, f.name) for f in dataclasses.fields(value)}}
        return encode(fields)
    return {"object": type(value).__name__}


class _Unreadable:
    """A decoded value the grader could not read: equal to nothing."""

    def __init__(self, what: str):
        self.what = what

    def __repr__(self) -> str:
        return f"<{self.what}>"


def decode(data):
    """The value :func:`encode` encoded; anything malformed decodes to an unreadable value."""
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list) or not isinstance(data, dict) or len(data) not in (1, 3):
        return _Unreadable("malformed value")
    if "ndarray" in data:
        try:
            dtype = np.dtype(data["dtype"])
            shape = tuple(int(n) for n in data["shape"])
            if dtype.kind not in ARRAY_KINDS or dtype.hasobject:
                raise ValueError
            return np.frombuffer(base64.b64decode(data["ndarray"]), dtype=dtype).reshape(shape)
        except (KeyError, TypeError, ValueError):
            return _Unreadable("malformed array")
    (kind, content), = data.items()
    if kind == "float" and content in ("nan", "inf", "-inf"):
        return float(content)
    if kind in ("list", "tuple") and isinstance(content, list):
        items = [decode(v) for v in content]
        return items if kind == "list" else tuple(items)
    if kind == "dict" and isinstance(content, list):
        try:
            return {decode(k): decode(v) for k, v in content}
        except (TypeError, ValueError):
            return _Unreadable("malformed dict")
    if kind == "object":
        return _Unreadable(str(content)[:100])
    return _Unreadable("malformed value")


def publish(record: dict) -> None:
    """Send ``record`` from the kernel to the grader as a display output."""
    from IPython.display import display

    display({MIME: record}, raw=True)
