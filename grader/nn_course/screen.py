"""Screening student cells before they run: graded answers use plain Python and numpy only.

The exercises need numpy, ``math`` and a few standard modules; tampering with the grading needs
the interpreter's machinery (``sys``, ``builtins``, IPython's hooks, frames, ``exec``, dunder
attributes) or the checks themselves. A student cell (an answer, or a cell the student added)
that uses any of these is not run at all: the grader replaces it with an error naming the line
and the construct, so that exercise scores 0 and nothing it would have patched exists.
"""

from __future__ import annotations

import ast

from IPython.core.inputtransformer2 import TransformerManager

ALLOWED_MODULES = {"numpy", "math", "cmath", "itertools", "functools", "collections", "typing",
                   "dataclasses", "numbers", "operator", "statistics", "fractions", "decimal",
                   "random", "string", "re", "copy", "coursekit"}
FORBIDDEN_MODULES = {"coursekit.checks", "coursekit.records", "numpy.ctypeslib", "numpy.f2py",
                     "numpy.distutils"}
FORBIDDEN_NAMES = {"__import__", "exec", "eval", "compile", "globals", "locals", "vars",
                   "getattr", "setattr", "delattr", "open", "input", "breakpoint", "memoryview",
                   "get_ipython", "display", "__builtins__", "__loader__", "__spec__"}
# the checks themselves, and numpy's doors to C (ctypes, compiled extensions)
FORBIDDEN_ATTRIBUTES = {"check_function", "check_answer", "checks", "records", "ctypeslib",
                        "f2py", "distutils", "ctypes"}
ALLOWED_DUNDERS = {"__name__", "__doc__", "__init__", "__call__", "__len__", "__repr__",
                   "__str__", "__eq__", "__iter__", "__next__", "__getitem__", "__post_init__"}


def _module_allowed(name: str) -> bool:
    if any(name == m or name.startswith(m + ".") for m in FORBIDDEN_MODULES):
        return False
    return name.split(".")[0] in ALLOWED_MODULES


def problems(source: str) -> list[str]:
    """What in ``source`` (a cell, IPython syntax allowed) graded answers may not use:
    ``["line 3: imports sys", ...]``; [] when it is fine. Code that does not parse is left to
    fail when it runs."""
    try:
        tree = ast.parse(TransformerManager().transform_cell(source))
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import):
            found += [f"line {line}: imports {a.name}" for a in node.names
                      if not _module_allowed(a.name)]
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            names = [f"{module}.{a.name}" for a in node.names]
            if node.level or not _module_allowed(module) or not all(map(_module_allowed, names)):
                found.append(f"line {line}: imports from {module}")
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
            found.append(f"line {line}: uses {node.id}")
        elif isinstance(node, ast.Attribute):
            if node.attr.startswith("__") and node.attr not in ALLOWED_DUNDERS:
                found.append(f"line {line}: uses .{node.attr}")
            elif node.attr in FORBIDDEN_ATTRIBUTES:
                found.append(f"line {line}: uses .{node.attr}")
        elif isinstance(node, (ast.Global, ast.Nonlocal)) and any(
                name in {"check_function", "check_answer"} for name in node.names):
            found.append(f"line {line}: rebinds the checks")
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in {
                "check_function", "check_answer"}:
            found.append(f"line {line}: redefines {node.name}")
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name) and name.id in {"check_function",
                                                                  "check_answer"}:
                        found.append(f"line {line}: rebinds {name.id}")
    return sorted(set(found), key=lambda p: (int(p.split(":")[0][5:]), p))


def note(found: list[str]) -> str:
    """The error a screened-out cell gets instead of running."""
    shown = "; ".join(found[:3]) + ("; ..." if len(found) > 3 else "")
    return (f"this cell was not run: graded answers may use numpy, math and coursekit, not the "
            f"interpreter's machinery ({shown}); it scores 0")
