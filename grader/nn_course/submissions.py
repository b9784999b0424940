"""Collect a class's notebooks from a folder or an LMS zip, by a documented naming rule.

A student's identity comes from one place only:

- a **top-level folder** names the student: ``<student>/<assignment>.ipynb`` (the notebook may
  sit deeper, and its name may carry more than the assignment, e.g. ``<student>/hw/<anything>
  _<assignment>.ipynb``: the folder still names the student);
- a notebook **at the top level** names the student in its file name:
  ``<student>_<assignment>.ipynb`` (or ``<student>-<assignment>.ipynb``).

A notebook in a folder named after an assignment (nbgrader's ``<student>/<assignment>/``, at
any depth) is that assignment's, whatever its file name, unless the name or another folder on
its path is another assignment's: then it is not graded (a notebook of one assignment handed in
through another's folder, after its own deadline, counts for neither).

nbgrader's own ``submitted/`` folder, filled by ``nbgrader collect`` (JupyterHub), follows the
first rule (``<student>/<assignment>/<assignment>.ipynb``) and is graded where it is: its
notebooks are not copied, and nbgrader's ``timestamp.txt`` (late penalties) and
``submission_secret.txt`` (the released feedback's name) stay beside them.

``<assignment>`` is a course notebook name such as ``01_perceptron``. Student ids keep letters,
digits, ``.``, ``-`` and ``_``; other characters become ``_``. A zip or folder that holds a single
folder (an LMS wrapper) is opened first. Nothing is guessed: two names that become the same id
(``ana perez`` and ``ana_perez``) are both refused, as are two notebooks of one student for one
assignment when neither is named exactly ``<assignment>.ipynb``, symbolic links, special files,
notebooks over :data:`MAX_NOTEBOOK_BYTES`, and zip entries that are absolute, climb out with
``..``, clash with a folder, or are too large. Each is reported; the rest of the class is graded.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from coursekit.language import tr

MAX_NOTEBOOK_BYTES = 5 * 1024**2
MAX_UNPACKED_BYTES = 2 * 1024**3
# what `nbgrader collect` writes beside each notebook: the submission's time (late penalties)
# and the secret that names its released feedback
NBGRADER_FILES = ("timestamp.txt", "submission_secret.txt")


@dataclass(frozen=True)
class Submission:
    student: str
    assignment: str
    path: Path


@dataclass
class Collection:
    submissions: list[Submission] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # what was not graded, and why


def student_id(raw: str) -> str:
    """A safe student id: letters, digits, ``.``, ``-`` and ``_`` only."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", raw.strip()).strip("._-") or "unknown"


def _assignment_in(name: str, assignments: list[str]) -> str | None:
    """The assignment a notebook's file name refers to (None: none, or several)."""
    stem = Path(name).stem
    found = [a for a in assignments
             if re.search(rf"(^|[^a-z0-9]){re.escape(a)}($|[^a-z0-9])", stem, re.IGNORECASE)]
    return found[0] if len(found) == 1 else None


def _flat(name: str, assignments: list[str]) -> tuple[str, str] | None:
    """``(raw student, assignment)`` of a top-level ``<student>_<assignment>.ipynb``."""
    stem = Path(name).stem
    for assignment in assignments:
        for separator in ("_", "-"):
            if stem.endswith(separator + assignment) and len(stem) > len(assignment) + 1:
                return stem[: -len(assignment) - 1], assignment
    return None


def _unwrap(folder: Path, assignments: list[str]) -> Path:
    """``folder``, or the folder it holds alone (an LMS zip's wrapper), repeatedly; a folder
    holding ``<assignment>.ipynb`` or nbgrader's ``<assignment>/`` is a student's and stays."""
    while True:
        entries = [e for e in folder.iterdir() if not e.name.startswith((".", "__MACOSX"))]
        if len(entries) != 1 or not entries[0].is_dir() or entries[0].is_symlink() or any(
                (entries[0] / f"{a}.ipynb").exists() or (entries[0] / a).is_dir()
                for a in assignments):
            return folder
        folder = entries[0]


def _files(root: Path):
    """Every entry below ``root`` that is not a folder, without following links, in order."""
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(f for f in folders if not f.startswith((".", "__MACOSX")))
        for link in [f for f in folders if os.path.islink(os.path.join(folder, f))]:
            folders.remove(link)
            yield Path(folder, link)
        yield from (Path(folder, f) for f in sorted(files) if not f.startswith("."))


def collect(folder: Path, assignments: list[str]) -> Collection:
    """Every notebook under ``folder`` that follows the naming rule (module docs)."""
    root = _unwrap(folder, assignments)
    found = Collection()
    candidates: dict[tuple[str, str], list[tuple[str, Path, bool]]] = {}
    for path in _files(root):
        relative = path.relative_to(root)
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode) or not stat.S_ISREG(mode):
            kind = tr("a symbolic link") if stat.S_ISLNK(mode) else tr("not a regular file")
            found.ignored.append(tr("{path}: refused: {why}").format(path=relative, why=kind))
            continue
        if path.name in NBGRADER_FILES and path.parent.name in assignments:
            continue  # nbgrader's own, beside a collected notebook
        if path.suffix != ".ipynb":
            found.ignored.append(tr("{path}: ignored: not a notebook (.ipynb)").format(
                path=relative))
            continue
        if len(relative.parts) == 1:
            match = _flat(relative.name, assignments)
            exact = True
        else:
            assignment = _assignment_in(relative.name, assignments)
            folders = {f for f in relative.parts[1:-1] if f in assignments}
            claims = folders | {assignment} if assignment else folders
            if folders and len(claims) > 1:
                found.ignored.append(tr("{path}: ignored: its folders and its name refer to "
                                        "different assignments ({assignments})").format(
                    path=relative, assignments=", ".join(sorted(claims))))
                continue
            if folders:  # nbgrader's <student>/<assignment>/: the folder says
                assignment = folders.pop()
            match = (relative.parts[0], assignment) if assignment else None
            exact = relative.name == f"{assignment}.ipynb"
        if match is None:
            found.ignored.append(tr(
                "{path}: ignored: not <student>/<assignment>.ipynb or "
                "<student>_<assignment>.ipynb for {assignments}").format(
                path=relative, assignments=", ".join(assignments)))
        elif path.stat().st_size > MAX_NOTEBOOK_BYTES:
            found.ignored.append(tr("{path}: refused: larger than {size} MB").format(
                path=relative, size=MAX_NOTEBOOK_BYTES // 1024**2))
        else:
            candidates.setdefault((student_id(match[0]), match[1]), []).append(
                (match[0], path, exact))
    raw_names: dict[str, set[str]] = {}
    for (student, _), entries in candidates.items():
        raw_names.setdefault(student, set()).update(raw for raw, _, _ in entries)
    for (student, assignment), entries in sorted(candidates.items()):
        shown = ", ".join(str(p.relative_to(root)) for _, p, _ in entries)
        if len(raw_names[student]) > 1:
            names = (" " + tr("and") + " ").join(repr(n) for n in sorted(raw_names[student]))
            found.ignored.append(tr("{paths}: refused: {names} both become the student id "
                                    "{student!r}; rename one and grade again").format(
                paths=shown, names=names, student=student))
            continue
        exact = [p for _, p, is_exact in entries if is_exact]
        if len(entries) == 1 or len(exact) == 1:
            chosen = entries[0][1] if len(entries) == 1 else exact[0]
            found.submissions.append(Submission(student, assignment, chosen))
            if len(entries) > 1:
                found.ignored.append(tr("{paths}: several {assignment} of {student}; graded "
                                        "{chosen}").format(
                    paths=shown, assignment=assignment, student=student,
                    chosen=chosen.relative_to(root)))
        else:
            found.ignored.append(tr("{paths}: refused: several {assignment} notebooks of "
                                    "{student}; keep one named {assignment}.ipynb").format(
                paths=shown, assignment=assignment, student=student))
    return found


def _zip_problem(entry: zipfile.ZipInfo) -> str | None:
    name = PurePosixPath(entry.filename.replace("\\", "/"))
    if name.is_absolute() or re.match(r"^[A-Za-z]:", entry.filename) or "\0" in entry.filename:
        return tr("an absolute path")
    if ".." in name.parts:
        return tr("a path that climbs out of the archive (..)")
    if stat.S_ISLNK(entry.external_attr >> 16):
        return tr("a symbolic link")
    return None


def unpack(source: Path) -> tuple[Path, tempfile.TemporaryDirectory | None, list[str]]:
    """A folder holding the submissions: ``source`` itself, or a zip extracted to a temporary
    folder; and the zip entries that were refused (see the module docs)."""
    if source.is_dir():
        return source, None, []
    if not zipfile.is_zipfile(source):
        raise ValueError(tr("{source} is neither a folder nor a zip file").format(source=source))
    temp = tempfile.TemporaryDirectory(prefix="nn-course-submissions-")
    target, problems, total = Path(temp.name), [], 0
    with zipfile.ZipFile(source) as archive:
        for entry in archive.infolist():
            problem = _zip_problem(entry)
            destination = target / PurePosixPath(entry.filename.replace("\\", "/"))
            try:
                if problem is None and entry.is_dir():
                    destination.mkdir(parents=True, exist_ok=True)
                elif problem is None:
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    total += _extract(archive, entry, destination, MAX_UNPACKED_BYTES - total)
            except (FileExistsError, NotADirectoryError, IsADirectoryError):
                problem = (tr("a second entry with the same name") if destination.is_file()
                           else tr("a file and a folder with the same name"))
            except _TooLarge:
                problem = tr("more than the archive may unpack")
            except (OSError, zipfile.BadZipFile, EOFError) as error:
                problem = tr("unreadable ({error})").format(error=error)
            if problem:
                problems.append(tr("zip entry {name!r}: refused: {why}").format(
                    name=entry.filename, why=problem))
    return target, temp, problems


class _TooLarge(Exception):
    pass


def _extract(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, destination: Path,
             room: int) -> int:
    """Copy one entry, at most ``room`` bytes (whatever its header claims); its size."""
    written = 0
    with archive.open(entry) as src, open(destination, "xb") as dst:
        while chunk := src.read(1024**2):
            written += len(chunk)
            if written > room:
                dst.close()
                destination.unlink()
                raise _TooLarge
            dst.write(chunk)
    return written


def stage(submission: Submission, submitted: Path) -> Path:
    """Copy one notebook to nbgrader's ``submitted/<student>/<assignment>/<assignment>.ipynb``;
    a notebook already there (``nbgrader collect`` put it) stays as it is, with nbgrader's
    files beside it."""
    folder = submitted / submission.student / submission.assignment
    destination = folder / f"{submission.assignment}.ipynb"
    if destination.exists() and destination.samefile(submission.path):
        return destination
    if folder.exists() and folder.resolve() in submission.path.resolve().parents:
        shutil.copyfile(submission.path, destination)  # renamed in nbgrader's folder: kept
        return destination
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copyfile(submission.path, destination)
    return destination
