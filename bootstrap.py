#!/usr/bin/env python3
"""Set up nn-course in a local virtual environment (.venv), then open the course or run the tests.

    python3 bootstrap.py lab     # set up and open the course in JupyterLab
    python3 bootstrap.py lab --language es   # the Spanish edition, with JupyterLab's Spanish pack
    python3 bootstrap.py test    # set up (with the dev tools) and run ruff and the whole test suite

Only the Python standard library is needed to run this script. Re-running it is quick: the
installation is repeated only when pyproject.toml changes.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(*command: str | Path) -> None:
    """Run a command from the repository root; stop with its exit code if it fails."""
    print("+", " ".join(str(part) for part in command), flush=True)
    code = subprocess.call([str(part) for part in command], cwd=ROOT)
    if code:
        sys.exit(code)


def setup(extras: str) -> None:
    """Create .venv and install the course (editable) with ``extras``, unless already done."""
    if sys.version_info < (3, 10):  # noqa: UP036 - this script must say so on old Pythons
        sys.exit(f"nn-course needs Python 3.10 or newer; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print(f"Creating the virtual environment {VENV} ...", flush=True)
        venv.create(VENV, with_pip=True)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed-{extras or 'base'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--editable", f".[{extras}]" if extras else ".")
    stamp.write_text(digest)


def lab(language: str) -> None:
    setup("" if language == "en" else language)  # the extra "es": JupyterLab's Spanish pack
    folder = ROOT / "course" if language == "en" else ROOT / language / "course"
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0  # e.g. in a container
    command = [str(PYTHON), "-m", "jupyter", "lab", f"--ServerApp.root_dir={folder}",
               *(["--allow-root"] if as_root else [])]
    print("+", " ".join(command), flush=True)
    os.execv(command[0], command)  # JupyterLab replaces this script (Ctrl-C stops it)


def test(pytest_args: list[str]) -> None:
    setup("dev")
    run(PYTHON, "-m", "ruff", "check", ".")
    run(PYTHON, "-m", "pytest", *pytest_args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    lab_parser = commands.add_parser("lab", help="set up and open the course in JupyterLab")
    lab_parser.add_argument("--language", choices=["en", "es"], default="en",
                            help="the edition to open: en (course/) or es (es/course/)")
    commands.add_parser("test", help="set up and run ruff and the tests (more arguments go to "
                                     "pytest)")
    args, pytest_args = parser.parse_known_args()
    if args.command == "lab":
        if pytest_args:
            parser.error(f"unrecognized arguments: {' '.join(pytest_args)}")
        lab(args.language)
    else:
        test(pytest_args)


if __name__ == "__main__":
    main()
