"""``nn-course export``: the gradebook as a CSV file Canvas or Moodle imports, or the course's own.

One function per layout (:data:`FORMATS`) writes a :class:`~nn_course.gradebook.ScoreTable`;
:func:`export` picks one. Scores are points: a student's score on an assignment, out of the
assignment's maximum (its graded cells' points).

``csv`` (:func:`write_csv`)
    The course's own: ``student_id`` (the nbgrader id), one column per assignment total
    (``<assignment>:total``), ``total`` and ``max`` (the maximum total). With ``questions``, one
    column per graded question (``<assignment>:<grade_id>``) before the totals: the layout of the
    ``reports/grades.csv`` that ``nn-course grade`` writes.

``canvas`` (:func:`write_canvas`)
    Canvas's gradebook import: the header ``Student, ID, SIS User ID, SIS Login ID, Section``,
    then one column per assignment; a second row whose first cell is ``    Points Possible`` (as
    Canvas's own export writes it) holds each column's maximum; then one row per student. Canvas
    matches a row to a student by ``ID`` (its user id), else ``SIS User ID``, else ``SIS Login
    ID``, else by name. It matches a column to an assignment by the ``<name> (<id>)`` header of
    its own export, else by the exact name; any other column becomes a new assignment worth its
    Points Possible (per-question columns too: each becomes an assignment of its own).

``moodle`` (:func:`write_moodle`)
    Moodle's CSV grade import: a header row, one identifier column, then one column per
    assignment. At import the teacher maps the identifier column ("Identify user by": *Map from*
    the column, *Map to* ``username``, ``useridnumber``, ``useremail`` or ``userid``) and each
    other column to a grade item, or to a new one named after the column. A row whose user Moodle
    cannot find stops the whole import, so only students found in the roster are written. A new
    grade item's maximum is Moodle's default (100): give each item the assignment's maximum
    (:attr:`Export.maxima`).

The roster
    Canvas and Moodle know students by their own identifiers; the LMS's own export gives them:
    Canvas's gradebook export (*Grades → Export*: ``Student, ID, SIS User ID, SIS Login ID,
    [Integration ID,] Section, <assignment> (<id>) …``, a ``Points Possible`` row) or Moodle's
    grade export as a plain text file (``First name, Last name, ID number, Institution,
    Department, Email address, <item> (Real) …``). A roster column (``match``; by default
    :data:`DEFAULT_MATCH`) holds the nbgrader ids: a value is compared after the rule that made
    the nbgrader ids from the submissions' names (:func:`nn_course.submissions.student_id`, so
    ``ana.perez@uni.es`` is ``ana.perez_uni.es``). A Canvas row copies the roster row's five
    identifier columns; a Moodle row writes the ``match`` column's value as the roster has it.
    Students of the gradebook missing from the roster, and roster rows with no student in the
    gradebook, are left out of the file and listed (:attr:`Export.not_in_roster`,
    :attr:`Export.no_submission`), never dropped unsaid. Without a roster, Canvas's ``Student``
    and ``SIS Login ID`` hold the nbgrader id, and Moodle's identifier column is ``Username``.

A file is written whole or not at all: it is built in memory, written to a temporary file
beside the target and renamed over it, so a failed export leaves an existing file as it was.

The layouts follow these pages (and the importers' source, read to settle details they leave
open):

- Canvas: "How do I import grades in the Gradebook?",
  https://community.canvaslms.com/t5/Instructor-Guide/How-do-I-import-grades-in-the-Gradebook/ta-p/807;
  The Ohio State University, "Import CSV File for Carmen Grades",
  https://teaching.resources.osu.edu/toolsets/carmencanvas/guides/calculating-final-grades/import-csv-file-carmen-grades
  (new columns become new assignments; the Student/ID/SIS Login ID/Section columns);
  ``GradebookImporter`` and ``GradebookExporter`` of https://github.com/instructure/canvas-lms
  (``app/models/gradebook_importer.rb``: the header test, the ``Points Possible`` row, the order
  in which students are matched).
- Moodle: "Grade import", https://docs.moodle.org/en/Grade_import (read as
  https://docs.moodle.org/311/en/Grade_import: "Map from"/"Map to", ``useremail``,
  ``useridnumber``); "Grade export", https://docs.moodle.org/en/Grade_export;
  https://github.com/moodle/moodle ``grade/import/csv/classes/load_data.php`` (the user
  fields, new grade items, a user not found aborts the import) and ``grade/export/txt/
  grade_export_txt.php`` with ``grade/export/lib.php`` (the export's columns, ``<item> (Real)``).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coursekit.language import tr
from nn_course.gradebook import ScoreTable
from nn_course.submissions import student_id

FORMATS = ("canvas", "moodle", "csv")
DEFAULT_NAMES = {"canvas": "canvas-import.csv", "moodle": "moodle-import.csv",
                 "csv": "grades-export.csv"}  # in the course's reports folder
# The LMSs' own column names and markers: they match them exactly, so they are never translated.
CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
CANVAS_POINTS_POSSIBLE = "    Points Possible"  # as Canvas's export writes it; the import
# takes any first cell that contains "Points Possible"
CANVAS_NOT_A_STUDENT = re.compile(r"^\s*(Muted|Manual Posting.*)?\s*$", re.IGNORECASE)
MOODLE_USERNAME = "Username"
DEFAULT_MATCH = {"canvas": "SIS Login ID", "moodle": "Email address"}
NAME_COLUMNS = (("Student",), ("First name", "Last name"), ("First name", "Surname"))


class ExportError(ValueError):
    """The export cannot be written as asked: bad format, roster or target."""


@dataclass
class Roster:
    """An LMS's list of students, read from its own CSV export.

    Attributes
    ----------
    path : Path
        The file it was read from.
    header : list[str]
        Its column names, in order.
    rows : list[dict[str, str]]
        One per student (Canvas's ``Points Possible`` and ``Muted`` rows are not students).
    """

    path: Path
    header: list[str]
    rows: list[dict[str, str]]

    def label(self, row: dict[str, str], column: str) -> str:
        """How a report names ``row``: its name, and its value in ``column``."""
        for names in NAME_COLUMNS:
            if all(n in self.header for n in names):
                name = " ".join(row[n].strip() for n in names).strip()
                break
        else:
            name = row[self.header[0]].strip()
        name = name or tr("row {number}").format(number=self.rows.index(row) + 1)
        return f"{name} [{column}: {row[column].strip() or '-'}]"


@dataclass
class Export:
    """What :func:`export` wrote.

    Attributes
    ----------
    path : Path
        The file written.
    format : str
        One of :data:`FORMATS`.
    students : int
        Student rows written.
    roster : Path or None
        The roster the LMS identifiers came from (None: the nbgrader ids were written).
    match : str or None
        The roster column matched against the nbgrader ids.
    not_in_roster : list[str]
        Students of the gradebook the roster does not list (left out of the file).
    no_submission : list[str]
        Roster rows (:meth:`Roster.label`) of no student in the gradebook (left out).
    maxima : dict[str, float]
        Each score column's maximum points.
    """

    path: Path
    format: str
    students: int
    roster: Path | None = None
    match: str | None = None
    not_in_roster: list[str] = field(default_factory=list)
    no_submission: list[str] = field(default_factory=list)
    maxima: dict[str, float] = field(default_factory=dict)


def read_roster(path: Path) -> Roster:
    """The students of an LMS's CSV export (UTF-8, comma-, semicolon- or tab-separated).

    Raises
    ------
    ExportError
        The file cannot be read, is not UTF-8 CSV, or has no header row.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except UnicodeDecodeError as error:
        raise ExportError(tr("the roster {path} is not UTF-8 text ({reason}): export it from the "
                             "LMS as CSV in UTF-8").format(path=path, reason=error.reason)
                          ) from error
    except OSError as error:
        raise ExportError(tr("cannot read the roster {path}: {reason}").format(
            path=path, reason=error.strerror or error)) from error
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=lambda d: len(next(csv.reader([first], delimiter=d), [])))
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter,
                                  strict=True))
    except csv.Error as error:
        raise ExportError(tr("the roster {path} is not a CSV file: {reason}").format(
            path=path, reason=error)) from error
    if not records or not any(cell.strip() for cell in records[0]):
        raise ExportError(tr("the roster {path} has no header row (the column names, such as "
                             "{columns})").format(path=path, columns=", ".join(CANVAS_IDENTITY)))
    header = [cell.strip() for cell in records[0]]
    rows = []
    for record in records[1:]:
        if (record and "Points Possible" in record[0]) or all(
                CANVAS_NOT_A_STUDENT.match(cell) for cell in record):
            continue  # Canvas's rows about the assignments, and blank lines
        cells = [*record, *[""] * (len(header) - len(record))]
        rows.append(dict(zip(header, cells)))
    return Roster(path, header, rows)


@dataclass
class _Match:
    pairs: list[tuple[dict[str, str], str]]  # (roster row, nbgrader id), in the roster's order
    not_in_roster: list[str]
    no_submission: list[str]


def _match(students: Iterable[str], roster: Roster, column: str) -> _Match:
    """Pair the gradebook's ``students`` with the rows of ``roster`` whose ``column`` holds
    their id (compared after :func:`~nn_course.submissions.student_id`)."""
    if column not in roster.header:
        raise ExportError(tr("the roster {path} has no column {column!r} to match the nbgrader "
                             "ids against; its columns: {columns} (choose one with --match)")
                          .format(path=roster.path, column=column,
                                  columns=", ".join(repr(c) for c in roster.header)))
    students = set(students)
    keys = [student_id(row[column]) if row[column].strip() else None for row in roster.rows]
    for student in students:
        found = [row for row, key in zip(roster.rows, keys) if key == student]
        if len(found) > 1:
            raise ExportError(tr("{student} matches several rows of the roster {path}: {rows}")
                              .format(student=student, path=roster.path,
                                      rows="; ".join(roster.label(r, column) for r in found)))
    pairs = [(row, key) for row, key in zip(roster.rows, keys) if key in students]
    paired = {key for _, key in pairs}
    return _Match(pairs, sorted(students - paired),
                  [roster.label(row, column) for row, key in zip(roster.rows, keys)
                   if key not in students])


def _points(value: float) -> str:
    """Points as the LMSs show them: at most two decimals, no trailing zeros (``12.5``)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _score_columns(table: ScoreTable, questions: bool
                   ) -> list[tuple[str, float, Callable[[str], float]]]:
    """``(name, maximum, score of a student)`` for each assignment, then (``questions``) each
    graded question."""
    columns = [(a, table.max_total(a), lambda s, a=a: table.total(s, a))
               for a in table.assignments]
    if questions:
        columns += [(q, table.max_scores[q], lambda s, q=q: table.scores[s][q])
                    for q in table.questions]
    return columns


def _write(rows: list[list[str]], path: Path, roster: Path | None = None) -> None:
    """``rows`` as CSV at ``path``, whole or not at all (a temporary file renamed over it)."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(tr("{path} is a folder; name the file to write (--out FILE)").format(
            path=path))
    if roster is not None and path.resolve() == Path(roster).resolve():
        raise ExportError(tr("{path} is the roster: write the export to another file (--out "
                             "FILE)").format(path=path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                                 suffix=".tmp")
    except OSError as error:
        raise ExportError(tr("cannot write {path}: {reason}").format(
            path=path, reason=error.strerror or error)) from error
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise ExportError(tr("cannot write {path}: {reason}").format(
                path=path, reason=error.strerror or error)) from error
        raise


def _roster_and_match(format: str, roster: Path | None, match: str | None,
                      students: Iterable[str]) -> tuple[Roster | None, str | None, _Match | None]:
    if roster is None:
        if match is not None:
            raise ExportError(tr("--match names a column of the roster: give the roster too "
                                 "(--roster FILE)"))
        return None, None, None
    column = match or DEFAULT_MATCH[format]
    read = read_roster(roster)
    return read, column, _match(students, read, column)


def write_csv(table: ScoreTable, path: Path, questions: bool = False) -> Export:
    """The course's own layout (see the module docs) at ``path``, one row per student."""
    rows = table.rows(questions)
    _write(rows, path)
    return Export(Path(path), "csv", len(rows) - 1,
                  maxima={f"{a}:total": table.max_total(a) for a in table.assignments})


def write_canvas(table: ScoreTable, path: Path, roster: Path | None = None,
                 match: str | None = None, questions: bool = False) -> Export:
    """Canvas's gradebook import layout (see the module docs) at ``path``.

    Parameters
    ----------
    roster : Path, optional
        Canvas's gradebook export: its identifier columns are copied, its ``<name> (<id>)``
        headers reused for the assignments of the same name.
    match : str, optional
        The roster column holding the nbgrader ids (default ``SIS Login ID``).
    questions : bool
        Also one column per graded question.
    """
    columns = _score_columns(table, questions)
    known, column, matched = _roster_and_match("canvas", roster, match, table.scores)
    headers = []
    for name, _, _ in columns:
        own = re.compile(rf"{re.escape(name)} \(\d+\)")
        headers.append(next((h for h in known.header if own.fullmatch(h)), name) if known
                       else name)
    rows = [[*CANVAS_IDENTITY, *headers],
            [CANVAS_POINTS_POSSIBLE, *[""] * (len(CANVAS_IDENTITY) - 1),
             *(_points(top) for _, top, _ in columns)]]
    if matched is None:
        who = [([s, "", "", s, ""], s) for s in sorted(table.scores)]
    else:
        who = [([row.get(c, "") for c in CANVAS_IDENTITY], s) for row, s in matched.pairs]
    for identity, student in who:
        rows.append([*identity, *(_points(score(student)) for _, _, score in columns)])
    _write(rows, path, roster)
    return _result("canvas", path, len(who), roster, column, matched, columns)


def write_moodle(table: ScoreTable, path: Path, roster: Path | None = None,
                 match: str | None = None, questions: bool = False) -> Export:
    """Moodle's CSV grade import layout (see the module docs) at ``path``.

    Parameters
    ----------
    roster : Path, optional
        Moodle's grade export (plain text file): the identifier column is its ``match`` column.
    match : str, optional
        The roster column holding the nbgrader ids, written as the identifier (default
        ``Email address``).
    questions : bool
        Also one column per graded question.
    """
    columns = _score_columns(table, questions)
    _, column, matched = _roster_and_match("moodle", roster, match, table.scores)
    if matched is None:
        who = [(s, s) for s in sorted(table.scores)]
    else:
        who = [(row[column].strip(), s) for row, s in matched.pairs]
    rows = [[column or MOODLE_USERNAME, *(name for name, _, _ in columns)]]
    for identifier, student in who:
        rows.append([identifier, *(_points(score(student)) for _, _, score in columns)])
    _write(rows, path, roster)
    return _result("moodle", path, len(who), roster, column, matched, columns)


def _result(format: str, path: Path, students: int, roster: Path | None, column: str | None,
            matched: _Match | None, columns: list[tuple[str, float, Callable]]) -> Export:
    return Export(Path(path), format, students, roster, column,
                  matched.not_in_roster if matched else [],
                  matched.no_submission if matched else [],
                  {name: top for name, top, _ in columns})


def export(table: ScoreTable, format: str, path: Path, roster: Path | None = None,
           match: str | None = None, questions: bool = False) -> Export:
    """Write ``table`` at ``path`` in ``format`` (one of :data:`FORMATS`; see the module docs).

    Raises
    ------
    ExportError
        An unknown format, a roster that cannot be read or lacks the ``match`` column, a roster
        for the ``csv`` format, a target that cannot be written. Nothing is written then.
    """
    if format not in FORMATS:
        raise ExportError(tr("unknown export format {format!r}: expected one of {formats}")
                          .format(format=format, formats=", ".join(FORMATS)))
    if format == "csv":
        if roster is not None or match is not None:
            raise ExportError(tr("the csv format names students by their nbgrader id: it takes "
                                 "no roster (--roster and --match are for canvas and moodle)"))
        return write_csv(table, path, questions)
    writer = write_canvas if format == "canvas" else write_moodle
    return writer(table, path, roster=roster, match=match, questions=questions)
