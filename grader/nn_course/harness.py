"""The grader's side inside a student's kernel: answers the grader's requests, as data.

The executor (:mod:`nn_course.execute`) sends this file's source into the sandboxed kernel as a
module of its own, then, between the student's cells, requests:

- ``{"op": "lookup", "names": [...]}``: for each name, ``{"kind": "function"}`` when the
  student's namespace holds a callable under it, ``{"kind": "value", "value": <encoded>}`` for
  any other value, ``{"kind": "missing"}`` otherwise;
- ``{"op": "call", "name": ..., "args": <encoded>}``: the outcome of calling that function with
  the decoded arguments: ``{"kind": "value", "value": ..., "inputs": ...}`` (the result and the
  arguments as the call left them), ``{"kind": "missing", "value": message}`` for a
  ``NotImplementedError``, ``{"kind": "error", "value": "Name: message"}`` otherwise.

Replies are display data of type :data:`MIME`. Function arguments arrive as call-backs: calling
one asks the grader (over the kernel's stdin channel) to compute it, and only during that call.
Nothing here is trusted: the student's code can change all of it, and only ever affects what
its own functions are reported to return.
"""

import json
import warnings

import numpy as np
from IPython import get_ipython
from IPython.display import publish_display_data

from coursekit import encoding
from coursekit.checks import PASSED_IN_FAILED, your_line
from coursekit.language import mark, tr

MIME = "application/vnd.nn-course.reply+json"
MAX_REPLY_CHARS = 12 * 1024**2  # under the grader's message limit (execute.py)
# The harness's own notes, in English: the kernel knows only coursekit's catalogues, so the
# grader translates them (:func:`shown`). NOT_IMPLEMENTED is coursekit's (coursekit.checks).
NOT_IMPLEMENTED = "not implemented"
TOO_LARGE_VALUE = mark("a value too large to grade")
TOO_LARGE_RESULT = mark("the result is too large to grade")


def _callback(data: dict, args: list):
    """The function a call-back stands for: asks the grader for ``f(*args, **kwargs)``."""
    def function(*call_args, **call_kwargs):
        if "reads_argument" in data:  # a closure over one of the call's arguments
            call_args, call_kwargs = (args[data["reads_argument"]],), {}
        prompt = json.dumps({"callback": data["callback"], "args": encoding.encode(call_args),
                             "kwargs": encoding.encode(call_kwargs)})
        reply = json.loads(get_ipython().kernel.raw_input(prompt))
        if "error" in reply:
            raise RuntimeError(f"{tr(PASSED_IN_FAILED)}: {reply['error']}")
        return encoding.decode(reply["value"])

    return function


def _function(data: dict, args: list):
    """A function argument: one of the student's own (by name), or a call-back."""
    if "function" in data:
        return get_ipython().user_ns.get(data["function"])
    return _callback(data, args)


def _call(name: str, encoded_args) -> dict:
    function = get_ipython().user_ns.get(name)
    if not callable(function):
        return {"kind": "error", "value": f"NameError: name {name!r} is not defined"}
    args: list = []
    args.extend(encoding.decode(encoded_args, lambda data: _function(data, args)))
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            result = function(*args)
    except NotImplementedError as error:
        return {"kind": "missing", "value": str(error) or NOT_IMPLEMENTED}
    except Exception as error:  # noqa: BLE001 - the student's bug, reported as a failed check
        return {"kind": "error", "value": f"{type(error).__name__}: {error}"[:2000]
                + your_line(error)[:500]}
    return {"kind": "value", "value": encoding.encode(result),
            "inputs": encoding.encode(tuple(args))}


def _lookup(names: list) -> dict:
    namespace, found = get_ipython().user_ns, {}
    for name in names:
        if name not in namespace:
            found[name] = {"kind": "missing"}
        elif callable(namespace[name]):
            found[name] = {"kind": "function"}
        else:
            value = encoding.encode(namespace[name])
            if len(json.dumps(value)) > MAX_REPLY_CHARS // 8:
                value = {"object": TOO_LARGE_VALUE}
            found[name] = {"kind": "value", "value": value}
    return found


def serve(request_text: str) -> None:
    """Answer one request (JSON text) with a display of type :data:`MIME`."""
    request = json.loads(request_text)
    if request["op"] == "call":
        reply = _call(request["name"], request["args"])
    else:
        reply = _lookup(request["names"])
    if len(json.dumps(reply)) > MAX_REPLY_CHARS:
        reply = {"kind": "error", "value": f"ValueError: {TOO_LARGE_RESULT}"}
    publish_display_data({MIME: reply})


def shown(value):
    """A value or message from a reply as the grader shows it: the harness's own notes in the
    current language (run by the grader, not in the kernel)."""
    if value == NOT_IMPLEMENTED:
        return tr(NOT_IMPLEMENTED)
    if value == {"object": TOO_LARGE_VALUE}:
        return {"object": tr(TOO_LARGE_VALUE)}
    if value == f"ValueError: {TOO_LARGE_RESULT}":
        return f"ValueError: {tr(TOO_LARGE_RESULT)}"
    return value
