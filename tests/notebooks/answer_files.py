"""Loading the answer files: ``mutants_<assignment>.py`` (wrong answers and reference calls) and
``correct_<assignment>.py`` (right answers written differently from the solutions)."""

import importlib
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def load_mutants(assignment: str):
    """The MUTANTS and REFERENCE_CALLS of ``mutants_<assignment>.py``."""
    module = importlib.import_module(f"mutants_{assignment}")
    return module.MUTANTS, module.REFERENCE_CALLS


def load_correct(assignment: str) -> dict[str, list[str]]:
    """The CORRECT answers of ``correct_<assignment>.py`` ({} if there is none yet)."""
    if not (FOLDER / f"correct_{assignment}.py").is_file():
        return {}
    return importlib.import_module(f"correct_{assignment}").CORRECT
