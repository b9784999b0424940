"""Which notebook teaches which part of coursekit, and so what a graded answer may call.

While notebook N is graded, coursekit offers the material of the notebooks before N (an answer
in 05 may call coursekit's ``sigmoid``), except what computes one of N's exercises
(:data:`SAME_MATHS`). Everything else of coursekit's maths (N's own exercises, anything that
builds on them, later notebooks' material, the slides and the explorers) raises
:class:`CourseMaterialUnavailable` instead of running: the grader gives the grading sandbox a
copy of coursekit in which those functions' bodies are replaced by that ``raise``
(``nn_course.restricted``), and a student's own run of the checks reports a call to them the
same way (:mod:`coursekit.checks`).

The modules of :data:`INFRASTRUCTURE` hold no course maths and are always there, and so are
dataclasses (a ``PerceptronHistory`` is a container, not maths). A private helper (``_name``)
is there exactly when something that is there uses it, or a module calls it as it is imported.

>>> "coursekit.activations.sigmoid" in available("05_backprop")
True
>>> "coursekit.activations.sigmoid" in available("02_activations")
False
>>> notebook_of("coursekit.losses.mse")
'01_perceptron'
"""

from __future__ import annotations

import ast
import functools
import importlib.util
from pathlib import Path

from coursekit.language import LANGUAGES, mark, speaking, tr

NOTEBOOKS = ("01_perceptron", "02_activations", "03_forward_pass", "04_bce_derivation",
             "05_backprop", "06_gradient_descent", "07_overfitting")

# What each notebook teaches: a module (all its public functions and classes) or one name in it.
# A name listed on its own wins over its module's entry.
TAUGHT = {
    "01_perceptron": ("perceptron", "activations.identity", "activations.step", "losses.mse",
                      "losses.mse_gradient"),
    "02_activations": ("activations", "shallow", "network.count_parameters"),
    "03_forward_pass": ("activations.softmax", "activations.softmax_jacobian", "forward_pass",
                        "network.init_params", "network.dense", "network.forward"),
    "04_bce_derivation": ("likelihood", "losses", "metrics"),
    "05_backprop": ("backprop", "gradcheck", "network.backward", "network.compute_loss",
                    "network.loss_and_gradients"),
    "06_gradient_descent": ("descent", "optim"),
    "07_overfitting": ("regularization", "model_selection", "bias_variance", "training",
                       "models"),
}

# Earlier material that computes one of a notebook's exercises, so unavailable while it is graded.
SAME_MATHS = {
    "02_activations": ("perceptron.logistic_neuron",),     # sigmoid(w0 + w1 x)
    "03_forward_pass": ("shallow.shallow_net",              # a two-layer forward pass
                        "perceptron.weighted_sum"),         # one unit of a dense layer
    "04_bce_derivation": ("activations.softplus",),         # BCE with logits = softplus(z) − yz
}

# Modules without course maths: always available.
INFRASTRUCTURE = ("_memory", "_validate", "checks", "compare", "curriculum", "datasets",
                  "encoding", "language", "lint")


class CourseMaterialUnavailable(RuntimeError):
    """Raised by a coursekit function that a graded answer may not use (see the module docs)."""

    def __init__(self, name: str, notebook: str, reason: str):
        self.name, self.notebook = name, notebook
        super().__init__(tr("{name} is not available while {notebook} is graded: {reason}. Write "
                            "this part yourself (numpy and the material of earlier notebooks are "
                            "there).").format(name=name, notebook=notebook,
                                              reason=_in_current_language(name, notebook, reason)))


def _in_current_language(name: str, notebook: str, reason: str) -> str:
    """``reason`` in the current language when it is :func:`unavailable_reason` in any language
    (the grader writes the reason into the restricted copy of coursekit once, in the language it
    ran in); any other reason as it is."""
    try:
        template, fields = _reason(name, notebook)
    except ValueError:  # not a notebook of the course
        return reason
    for language in LANGUAGES:
        with speaking(language):
            known = reason == tr(template).format(**fields)
        if known:
            return tr(template).format(**fields)
    return reason


def _package() -> Path:
    return Path(importlib.util.find_spec("coursekit").origin).parent


@functools.cache
def maths_modules() -> tuple[str, ...]:
    """Dotted names (``activations``, ``slides.cost``...) of coursekit's modules with maths."""
    root = _package()
    names = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts and parts[0] not in INFRASTRUCTURE:
            names.append(".".join(parts))
    return tuple(names)


def module_path(module: str) -> Path:
    """Source file of ``coursekit.<module>``."""
    path = _package().joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def _is_dataclass(node: ast.AST) -> bool:
    if not isinstance(node, ast.ClassDef):
        return False
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if getattr(target, "id", getattr(target, "attr", "")) == "dataclass":
            return True
    return False


def _imports(tree: ast.Module, module: str) -> dict[str, str]:
    """``{local name: qualified coursekit name}`` of a module's coursekit imports and units."""
    names = {n.name: f"coursekit.{module}.{n.name}" for n in tree.body
             if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(
                "coursekit"):
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("coursekit."):
                    names[alias.asname or alias.name] = alias.name
    return names


def _used(node: ast.AST, local: dict[str, str]) -> set[str]:
    """Qualified coursekit names that ``node`` refers to."""
    used = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and sub.id in local:
            used.add(local[sub.id])
        elif (isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name)
              and sub.value.id in local):
            used.add(f"{local[sub.value.id]}.{sub.attr}")
    return used


@functools.cache
def _parsed(module: str) -> tuple[ast.Module, dict[str, str]]:
    """A maths module's syntax tree and its coursekit names (see :func:`_imports`)."""
    tree = ast.parse(module_path(module).read_text(encoding="utf-8"))
    return tree, _imports(tree, module)


@functools.cache
def units() -> dict[str, tuple[frozenset[str], bool]]:
    """``{qualified name: (coursekit names its body uses, is a dataclass)}`` for every
    module-level function and class of the maths modules."""
    found = {}
    for module in maths_modules():
        tree, local = _parsed(module)
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                found[f"coursekit.{module}.{node.name}"] = (frozenset(_used(node, local)),
                                                           _is_dataclass(node))
    return found


@functools.cache
def import_time() -> frozenset[str]:
    """Qualified names the maths modules call while they are imported."""
    called = set()
    for module in maths_modules():
        tree, local = _parsed(module)
        for node in tree.body:
            todo = [] if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef,
                                           ast.ClassDef)) else [node]
            while todo:  # what runs now, not the bodies of lambdas
                current = todo.pop()
                if isinstance(current, ast.Call):
                    called |= _used(current.func, local)
                todo += [n for n in ast.iter_child_nodes(current) if not isinstance(n, ast.Lambda)]
    return frozenset(called)


def notebook_of(name: str) -> str | None:
    """The notebook that teaches ``coursekit.<module>.<name>`` (None: no notebook does)."""
    short = name.removeprefix("coursekit.")
    module = short.rpartition(".")[0]
    for entry in (short, module):
        for notebook, taught in TAUGHT.items():
            if entry in taught:
                return notebook
    return None


def _public(name: str) -> bool:
    return not name.rpartition(".")[2].startswith("_")


@functools.cache
def available(notebook: str) -> frozenset[str]:
    """Qualified names of the maths-module functions and classes that run while ``notebook``
    is graded (see the module docs); every other one raises."""
    if notebook not in NOTEBOOKS:
        raise ValueError(tr("unknown notebook {notebook!r}; expected one of {notebooks}").format(
            notebook=notebook, notebooks=list(NOTEBOOKS)))
    earlier = set(NOTEBOOKS[:NOTEBOOKS.index(notebook)])
    excluded = {f"coursekit.{n}" for n in SAME_MATHS.get(notebook, ())}
    table = units()
    live = {name for name, (_, data) in table.items()
            if data or (_public(name) and notebook_of(name) in earlier and name not in excluded)
            or (not _public(name) and name in import_time())}
    todo = list(live)
    while todo:  # private helpers of what is there
        for used in table[todo.pop()][0]:
            if used in table and not _public(used) and used not in live:
                live.add(used)
                todo.append(used)
    return frozenset(live)


REASONS = {"same maths": mark("it computes what one of {notebook}'s exercises asks you to write"),
           "taught": mark("it is part of what {notebook} asks you to write"),
           "later": mark("it is material of a later notebook, {taught}"),
           "implementation": mark("it is part of coursekit's implementation, not material answers "
                                  "may call")}
"""Why a name is not there while a notebook is graded (:func:`unavailable_reason`)."""


def _reason(name: str, notebook: str) -> tuple[str, dict]:
    """The :data:`REASONS` entry (in English) why ``name`` raises while ``notebook`` is graded,
    and its fields."""
    taught = notebook_of(name)
    if name.removeprefix("coursekit.") in SAME_MATHS.get(notebook, ()):
        return REASONS["same maths"], {"notebook": notebook}
    if taught == notebook:
        return REASONS["taught"], {"notebook": notebook}
    if taught is not None and NOTEBOOKS.index(taught) > NOTEBOOKS.index(notebook):
        return REASONS["later"], {"taught": taught}
    return REASONS["implementation"], {}


def unavailable_reason(name: str, notebook: str) -> str:
    """Why ``name`` raises while ``notebook`` is graded (for the error message, in the current
    language)."""
    template, fields = _reason(name, notebook)
    return tr(template).format(**fields)
