"""Notes on code that works in a student's own run but not when the notebook is graded.

A graded notebook runs in a sandbox: an empty working folder (no data files, not the notebook
itself), no network and nobody to type an answer to ``input()``. The checks read the source of
the function they check and print a note for each such use, so the student hears of it before
handing the notebook in; nothing here decides a grade.

>>> notes("def f(path):\\n    return open(path).read()")
['line 2: reads a file (open)']
"""

from __future__ import annotations

import ast
import inspect
import textwrap

from IPython.core.inputtransformer2 import TransformerManager

from coursekit.language import mark, tr

FILE_READERS = {"open", "load", "loadtxt", "genfromtxt", "fromfile", "read_text", "read_bytes",
                "read_csv", "imread"}
NETWORK_MODULES = {"socket", "urllib", "http", "requests", "httpx", "ftplib", "smtplib"}
GRADED = mark("when your notebook is graded it runs in a sandbox with an empty working folder, "
              "no network and no keyboard, so this will fail there")


def _called_name(call: ast.Call) -> str:
    return getattr(call.func, "id", None) or getattr(call.func, "attr", "")


def notes(source: str) -> list[str]:
    """What in ``source`` (IPython syntax allowed) fails when graded: ``["line 2: ..."]``."""
    try:
        tree = ast.parse(TransformerManager().transform_cell(source))
    except SyntaxError:
        return []
    found = set()
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Call):
            name = _called_name(node)
            if name in FILE_READERS:
                found.add((line, tr("reads a file ({name})").format(name=name)))
            elif name == "input":
                found.add((line, tr("asks for typed input (input)")))
            elif name in ("system", "getoutput", "run_line_magic", "run_cell_magic"):
                found.add((line, tr("runs a shell command or a magic")))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [
                node.module or ""]
            if any(m.split(".")[0] in NETWORK_MODULES for m in modules):
                found.add((line, tr("uses the network")))
    return [tr("line {line}: {what}").format(line=line, what=what) for line, what in sorted(found)]


def function_notes(function) -> list[str]:
    """:func:`notes` of a function's source ([] when its source cannot be read)."""
    try:
        source = textwrap.dedent(inspect.getsource(function))
    except (OSError, TypeError):
        return []
    return notes(source)
