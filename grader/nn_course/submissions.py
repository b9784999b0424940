"""Collect a class's notebooks from a folder or an LMS zip, by a documented naming rule.

Naming rule (anywhere inside the folder or zip):

- ``<student>/<assignment>.ipynb``, or
- ``<student>_<assignment>.ipynb`` (also ``<student>-<assignment>.ipynb``),

where ``<assignment>`` is a course notebook name such as ``01_perceptron`` and ``<student>`` is
the student id. Characters other than letters, digits, ``.``, ``-`` and ``_`` in a student id
become ``_``. Any other file is listed as ignored, with the reason.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Submission:
    student: str
    assignment: str
    path: Path


@dataclass
class Collection:
    submissions: list[Submission] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def student_id(raw: str) -> str:
    """A safe student id: letters, digits, ``.``, ``-`` and ``_`` only."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", raw.strip()).strip("._-") or "unknown"


def _match(relative: Path, assignments: list[str]) -> tuple[str, str] | None:
    stem = relative.stem
    if stem in assignments and len(relative.parts) >= 2:
        return student_id(relative.parts[-2]), stem
    for assignment in assignments:
        for separator in ("_", "-"):
            if stem.endswith(separator + assignment) and len(stem) > len(assignment) + 1:
                return student_id(stem[: -len(assignment) - 1]), assignment
    return None


def collect(folder: Path, assignments: list[str]) -> Collection:
    """Every notebook under ``folder`` that follows the naming rule."""
    found = Collection()
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_dir() or any(part.startswith((".", "__MACOSX")) for part in relative.parts):
            continue
        match = _match(relative, assignments) if path.suffix == ".ipynb" else None
        if match is None:
            found.ignored.append(f"{relative}: not <student>/<assignment>.ipynb or "
                                 f"<student>_<assignment>.ipynb for {', '.join(assignments)}")
            continue
        earlier = next((s for s in found.submissions if (s.student, s.assignment) == match), None)
        if earlier:
            found.ignored.append(f"{relative}: a second {match[1]} of {match[0]}; graded "
                                 f"{earlier.path.relative_to(folder)} instead")
            continue
        found.submissions.append(Submission(*match, path))
    return found


def unpack(source: Path) -> tuple[Path, tempfile.TemporaryDirectory | None]:
    """A folder holding the submissions: ``source`` itself, or a zip extracted to a temp folder
    (entries that would land outside it are refused)."""
    if source.is_dir():
        return source, None
    if not zipfile.is_zipfile(source):
        raise ValueError(f"{source} is neither a folder nor a zip file")
    temp = tempfile.TemporaryDirectory(prefix="nn-course-submissions-")
    target = Path(temp.name).resolve()
    with zipfile.ZipFile(source) as archive:
        for entry in archive.infolist():
            destination = (target / entry.filename).resolve()
            if not destination.is_relative_to(target):
                raise ValueError(f"{source}: entry {entry.filename!r} points outside the archive")
            if entry.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
            else:
                destination.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(entry) as src, open(destination, "wb") as dst:
                    shutil.copyfileobj(src, dst)
    return target, temp


def stage(submission: Submission, submitted: Path) -> Path:
    """Copy one notebook to nbgrader's ``submitted/<student>/<assignment>/<assignment>.ipynb``."""
    folder = submitted / submission.student / submission.assignment
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    destination = folder / f"{submission.assignment}.ipynb"
    shutil.copyfile(submission.path, destination)
    return destination
