"""The copy of coursekit a graded notebook's code sees: the material that notebook may use only.

While notebook N is graded, every function and class of coursekit's maths that
:func:`coursekit.curriculum.available` leaves out has its body replaced by a ``raise
CourseMaterialUnavailable(...)`` that says why (its docstring stays). Modules, names and
signatures are all there, so imports work; the maths is not, so no answer can call it, alias it
or copy its code. The grading sandbox mounts this copy over coursekit's own folder.
"""

from __future__ import annotations

import ast
import atexit
import compileall
import copy
import hashlib
import os
import shutil
import sys
import tempfile
from functools import cache
from pathlib import Path

from coursekit import curriculum
from nn_course.private import private_folder

UNAVAILABLE = "_CourseMaterialUnavailable"
IMPORT = f"from coursekit.curriculum import CourseMaterialUnavailable as {UNAVAILABLE}"


def _stub(node: ast.FunctionDef | ast.AsyncFunctionDef, name: str, notebook: str) -> None:
    """Replace the body of ``node`` (keeping its docstring) by the raise."""
    reason = curriculum.unavailable_reason(name, notebook)
    docstring = node.body[:1] if ast.get_docstring(node, clean=False) is not None else []
    node.body = docstring + ast.parse(
        f"raise {UNAVAILABLE}({name!r}, {notebook!r}, {reason!r})").body


def restricted_source(module: str, notebook: str) -> str:
    """Source of ``coursekit.<module>`` as graded code of ``notebook`` sees it."""
    tree = copy.deepcopy(curriculum._parsed(module)[0])
    available = curriculum.available(notebook)
    for node in tree.body:
        name = f"coursekit.{module}.{getattr(node, 'name', '')}"
        if name in available:
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            _stub(node, name, notebook)
        elif isinstance(node, ast.ClassDef):
            for method in ast.walk(node):
                if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    _stub(method, f"{name}.{method.name}", notebook)
    position = 0  # after the module docstring and the __future__ imports
    for index, node in enumerate(tree.body):
        docstring = index == 0 and isinstance(node, ast.Expr) and isinstance(node.value,
                                                                              ast.Constant)
        if docstring or isinstance(node, ast.ImportFrom) and node.module == "__future__":
            position = index + 1
    tree.body[position:position] = ast.parse(IMPORT).body
    return ast.unparse(tree) + "\n"


def package_folder() -> Path:
    """coursekit's own folder (what the sandbox hides behind the restricted copy)."""
    return curriculum.module_path("curriculum").parent.resolve()


@cache
def _digest() -> str:
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(package_folder().rglob("*.py")):
        digest.update(str(path.relative_to(package_folder())).encode() + path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def _own_cache_root() -> Path:
    """A new cache folder for this process (removed when it ends), which no one could make
    first."""
    root = Path(tempfile.mkdtemp(prefix=f"nn-course-{os.getuid()}-"))
    root.chmod(0o755)  # readable by the sandboxes, as the shared cache is
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return root


def build(notebook: str, cache_root: Path | None = None) -> Path:
    """The restricted ``coursekit`` package folder for ``notebook`` (compiled; readable by
    everyone), built once per coursekit version under ``cache_root`` (default: a folder in the
    temporary directory, which must be this user's alone (:func:`private_folder`); if another
    user made it first, a new folder of this process's: grading goes on, the cache is lost)."""
    if cache_root is not None:
        cache_root = private_folder(cache_root, 0o755)
    else:
        try:
            cache_root = private_folder(
                Path(tempfile.gettempdir()) / f"nn-course-{os.getuid()}", 0o755)
        except RuntimeError:  # another user took the name first: build in a folder of our own
            cache_root = _own_cache_root()
    home = private_folder(cache_root / f"{notebook}-{_digest()}", 0o755)
    target = home / "coursekit"
    if (target / "__init__.py").is_file():
        return target
    work = Path(tempfile.mkdtemp(prefix=".coursekit-", dir=home))
    source = package_folder()
    shutil.copytree(source, work, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    maths = set(curriculum.maths_modules())
    for path in sorted(work.rglob("*.py")):
        parts = path.relative_to(work).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if module in maths:
            path.write_text(restricted_source(module, notebook), encoding="utf-8")
    compileall.compile_dir(str(work), ddir=str(source), quiet=1, workers=1)
    for path in [work, *work.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    try:
        work.rename(target)  # atomic; another process may have won the race
    except OSError:
        shutil.rmtree(work, ignore_errors=True)
    return target
