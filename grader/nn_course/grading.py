"""``nn-course grade``: autograde every submission, write grades.csv and per-student feedback."""

from __future__ import annotations

import os
import re
import resource
import shutil
import sqlite3
import sys
import warnings
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from nbformat.warnings import MissingIDFieldWarning
from nbgrader.api import Gradebook, InvalidEntry
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SAWarning, SQLAlchemyError
from tqdm import tqdm

from coursekit.curriculum import CourseMaterialUnavailable
from coursekit.language import LANGUAGES, mark, speaking, tr, use_language
from nn_course import notebooks, resume, sandbox
from nn_course import submissions as subs
from nn_course.backup import backup
from nn_course.build import build
from nn_course.course import Course
from nn_course.execute import FAULT_NAME
from nn_course.feedback import write_notice
from nn_course.gradebook import ScoreTable, forget_submission, has_submission, read_scores
from nn_course.sanitize import printable, shorten


@dataclass
class GradingRun:
    """What one ``grade`` call did: scores, files written and every problem met."""

    table: ScoreTable
    csv_path: Path
    feedback: dict[str, list[Path]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    backup: Path | None = None  # the gradebook as it was before this run
    skipped: int = 0  # notebooks graded by an earlier run and unchanged since
    retried: int = 0  # notebooks graded again, alone, after a busy gradebook or a dead process


WORKER_ADDRESS_SPACE = 4 * 1024**3  # a grading process uses under 1 GiB (measured: 0.9 GiB)
# notes the run reads back (a busy gradebook: graded again), in every language
BUSY = mark("the gradebook was busy")
NOT_HANDED_IN = mark("no notebook handed in")
NOTE_LENGTH = 300  # characters of a problem note, on one line
# Database errors that go away when the notebook is graded again alone: SQLite's lock timeout,
# PostgreSQL's conflicts, and a unique-key clash of two processes adding the same student.
TRANSIENT = ("database is locked", "database is busy", "deadlock detected",
             "could not serialize access", "UNIQUE constraint failed", "duplicate key value")


def _log(result: dict) -> str:
    """Everything a failed nbgrader call said: its log, then its error."""
    return f"{result.get('log', '')}\n{result.get('error', '')}"


def _transient(result: dict) -> str | None:
    """The line of a failed nbgrader call that says the database was busy, if any."""
    lines = _log(result).splitlines()
    return next((line.strip()[:300] for line in lines if any(m in line for m in TRANSIENT)), None)


def _reason(result: dict) -> str:
    """The most specific error line of a failed nbgrader call (e.g. the notebook's JSON error)."""
    lines = _log(result).splitlines()
    errors = [line.strip() for line in lines if re.match(r"\s*[\w.]+(Error|Exception)\b", line)
              and "NbGraderException" not in line]
    return errors[-1][:500] if errors else tr("nbgrader failed; see its log")


def _failure(result: dict, log: Path) -> str:
    """Why a failed nbgrader call failed (:data:`BUSY` first when the gradebook was busy);
    everything it said goes to ``log``."""
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(_log(result))
    return f"{tr(BUSY)}: {busy}" if (busy := _transient(result)) else _reason(result)


def _fault_notes(course: Course, submission: subs.Submission) -> list[str]:
    """What the instructor should hear of one autograded notebook: cells and calls that were
    stopped, answers that use coursekit material unavailable while it is graded."""
    student, assignment = submission.student, submission.assignment
    path = course.autograded / student / assignment / f"{assignment}.ipynb"
    notes = []
    for cell in notebooks.read(path).cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            message = output.get("evalue", "")
            found = [name for name in (FAULT_NAME, CourseMaterialUnavailable.__name__)
                     if name in message]
            if output.get("ename") == FAULT_NAME or found:
                where = notebooks.nbgrader_meta(cell).get("grade_id") or tr("a cell of yours")
                # from the name of what happened (a check's message starts with the arguments)
                reason = " ".join((message[message.index(found[0]):] if found else message).split())
                notes.append(f"{student}/{assignment}: {where}: {shorten(reason, NOTE_LENGTH)}")
    return notes


def _missing(course: Course, found: subs.Collection) -> list[tuple[str, str]]:
    """``(student, assignment)`` for each student without a notebook of an assignment the
    class handed in, neither now nor in an earlier run."""
    handed = {(s.student, s.assignment) for s in found.submissions}
    students = sorted({s.student for s in found.submissions})
    assignments = sorted({s.assignment for s in found.submissions})
    with Gradebook(course.db_url) as gradebook:
        return [(student, assignment) for student in students for assignment in assignments
                if (student, assignment) not in handed
                and not has_submission(gradebook, assignment, student)]


def _unbuilt(course: Course, assignments: set[str]) -> list[str]:
    """The assignments of ``assignments`` whose release or gradebook record is missing."""
    with Gradebook(course.db_url) as gradebook:
        known = {a.name for a in gradebook.assignments}
    return sorted(a for a in assignments
                  if a not in known or not course.release_notebook(a).is_file())


def _register_students(course: Course, students: list[str]) -> None:
    """Add the class to the gradebook before the grading processes start: nbgrader adds a
    student at their first notebook, and two processes adding the same one would clash. If the
    gradebook is busy now, the processes add them (a clash is then graded again)."""
    try:
        with Gradebook(course.db_url) as gradebook:
            for student in students:
                gradebook.update_or_create_student(student)
    except (SQLAlchemyError, InvalidEntry):
        pass


def _foreign(course: Course, submission: subs.Submission) -> str | None:
    """A note when the notebook has none of the assignment's cells (renamed, or another
    notebook); None otherwise, and for notebooks nbgrader will report as unreadable."""
    try:
        cells = notebooks.read(submission.path).cells
    except Exception:  # noqa: BLE001 - unreadable: nbgrader says why
        return None
    own = {meta["grade_id"] for c in notebooks.read(course.solution_notebook(
           submission.assignment)).cells
           if (meta := notebooks.nbgrader_meta(c)).get("grade") or meta.get("solution")}
    if any(notebooks.nbgrader_meta(c).get("grade_id") in own for c in cells):
        return None
    return tr("{who}: none of this notebook's cells belong to {assignment} (renamed, or another "
              "notebook?); it scores 0").format(
        who=f"{submission.student}/{submission.assignment}", assignment=submission.assignment)


def _grade_one(course: Course, api, submission: subs.Submission) -> tuple[list[str], list[Path]]:
    """Autograde one notebook and write its feedback: ``(problems, feedback pages)``."""
    who = f"{submission.student}/{submission.assignment}"
    subs.stage(submission, course.submitted)
    result = api.autograde(submission.assignment, submission.student, force=True)
    problems = [note] if (note := _foreign(course, submission)) else []
    log = course.reports / "logs" / f"{submission.student}-{submission.assignment}.log"
    log.unlink(missing_ok=True)  # an earlier attempt's
    if not result["success"]:
        reason = _failure(result, log)
        page = _not_graded(course, submission, reason)
        failure = tr("{who}: could not be graded ({reason}; log: {log}); it scores 0").format(
            who=who, reason=reason, log=log)
        return problems + [failure], [page]
    problems += _fault_notes(course, submission)
    result = api.generate_feedback(submission.assignment, submission.student)
    if not result["success"]:  # a busy gradebook: graded again, alone, at the end of the run
        problems.append(tr("{who}: no feedback ({reason}; log: {log})").format(
            who=who, reason=_failure(result, log), log=log))
    else:
        _keep_only_feedback(course, submission)
        resume.mark_graded(course, submission)
    return problems, _pages(course, submission)


def _not_graded(course: Course, submission: subs.Submission, reason: str) -> Path:
    """The feedback page of a notebook that could not be graded. Grades of an earlier notebook
    leave the gradebook (it scores 0, as the page says), and nbgrader's files of the collected
    submission go beside the page (``nbgrader release_feedback`` needs them)."""
    try:
        forget_submission(course.db_url, submission.assignment, submission.student)
    except SQLAlchemyError:  # busy: the notebook is graded again, alone, at the end of the run
        pass
    folder = _feedback_folder(course, submission.student, submission.assignment)
    shutil.rmtree(folder, ignore_errors=True)  # an earlier page, and what came with it
    page = write_notice(folder, submission.assignment, reason)
    collected = course.submitted / submission.student / submission.assignment
    for name in subs.NBGRADER_FILES:
        if (collected / name).is_file():
            shutil.copyfile(collected / name, folder / name)
    return page


def _crashed(course: Course, submission: subs.Submission, error: Exception
             ) -> tuple[list[str], list[Path]]:
    """A notebook whose grading raised ``error`` (say, a folder where nbgrader's notebook
    should be): it scores 0 with a note, as any notebook that cannot be graded, and the run
    goes on for the others."""
    reason = f"{type(error).__name__}: {error}"
    note = tr("{who}: could not be graded ({reason}); it scores 0").format(
        who=f"{submission.student}/{submission.assignment}", reason=reason)
    try:
        return [note], [_not_graded(course, submission, reason)]
    except (OSError, SQLAlchemyError) as also:
        return [note, tr("{who}: no feedback ({reason})").format(
            who=f"{submission.student}/{submission.assignment}", reason=also)], []


def _keep_only_feedback(course: Course, submission: subs.Submission) -> None:
    """Remove from the feedback folder the files nbgrader copied there from the submission
    (a folder named ``x.html``, a name not in UTF-8 stopped ``release_feedback`` for the
    class): only the page and nbgrader's files are released."""
    folder = _feedback_folder(course, submission.student, submission.assignment)
    keep = {f"{submission.assignment}.html", *subs.NBGRADER_FILES}
    for entry in folder.iterdir():
        if entry.name not in keep:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()


def _feedback_folder(course: Course, student: str, assignment: str) -> Path:
    return course.feedback / student / assignment


def _pages(course: Course, submission: subs.Submission) -> list[Path]:
    return sorted(_feedback_folder(course, submission.student, submission.assignment)
                  .glob("*.html"))


def _prepare_database(db_url: str) -> None:
    """Switch a SQLite gradebook to write-ahead logging, so that the grading processes read
    while one of them writes."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database and Path(url.database).is_file():
        with sqlite3.connect(url.database, timeout=60) as db:
            db.execute("PRAGMA journal_mode=WAL")


def _quiet_nbgrader() -> None:
    """nbgrader's gradebook triggers SQLAlchemy session warnings, and the cells it restores have
    no cell id (nbformat warns): neither means anything here."""
    warnings.filterwarnings("ignore", category=SAWarning)
    warnings.filterwarnings("ignore", category=MissingIDFieldWarning)


_worker: tuple[Course, object] | None = None  # a grading process's course and nbgrader API


def _limit_memory(limit: int) -> None:
    """At most ``limit`` bytes of address space for this process (never above its hard limit):
    a kernel that floods it with data it must decode makes it fail (that notebook scores 0, with
    a note) instead of exhausting the machine."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # systems that do not limit address space (macOS)
        pass


def _start_worker(root: str) -> None:
    global _worker
    _limit_memory(WORKER_ADDRESS_SPACE)
    _quiet_nbgrader()
    course = Course(Path(root))
    use_language(course.language)  # of the checks' messages in the feedback
    _worker = (course, course.api())


def _work(submission: subs.Submission) -> tuple[list[str], list[Path]]:
    course, api = _worker
    return _grade_one(course, api, submission)


def _busy(notes: list[str]) -> bool:
    """Whether a note says the gradebook was busy (:data:`BUSY`, in any language: a grading
    process writes its notes in its course's)."""
    said = set()
    for language in LANGUAGES:
        with speaking(language):
            said.add(tr(BUSY))
    return any(busy in note for note in notes for busy in said)


def _pool(course: Course, jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(jobs, mp_context=get_context("spawn"),
                               initializer=_start_worker, initargs=(str(course.root),))


def _grade_alone(course: Course, submission: subs.Submission) -> tuple[list[str], list[Path]]:
    """``_grade_one`` in a process of its own; if that process dies too, the notebook scores
    0 with a note, and the run goes on."""
    with _pool(course, 1) as pool:
        try:
            return pool.submit(_work, submission).result()
        except BrokenProcessPool:
            reason = tr("the grading process stopped while grading it, twice")
            page = _not_graded(course, submission, reason)
            return [tr("{who}: could not be graded ({reason}); it scores 0").format(
                who=f"{submission.student}/{submission.assignment}", reason=reason)], [page]
        except Exception as error:
            return _crashed(course, submission, error)


def _grade_all(course: Course, submissions: list[subs.Submission], jobs: int, progress: bool
               ) -> tuple[dict[subs.Submission, tuple[list[str], list[Path]]], int]:
    """``_grade_one`` for every submission, on ``jobs`` processes (never in this one: student
    data reaches the judge there): the results and how many notebooks were graded twice. A
    notebook whose grading met a busy database, or whose process died, is graded again at the
    end, alone; a dead process is replaced and the others go on."""
    results, again = {}, []
    queue, running = list(reversed(submissions)), {}
    bar = tqdm(total=len(submissions), desc=tr("grading"), unit=tr("notebook"),
               disable=not progress)
    pool = _pool(course, jobs)
    try:
        while queue or running:
            while queue and len(running) < jobs:  # at most `jobs` in flight: a crash costs few
                submission = queue.pop()
                running[pool.submit(_work, submission)] = submission
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                submission = running.pop(future)
                try:
                    results[submission] = future.result()
                except BrokenProcessPool:  # its process died: grade it again, alone
                    again.append(submission)
                    broken = True
                    continue
                except Exception as error:
                    results[submission] = _crashed(course, submission, error)
                if _busy(results[submission][0]):
                    again.append(submission)
                else:
                    bar.update()
            if broken:
                again += list(running.values())
                running.clear()
                pool.shutdown(cancel_futures=True)
                pool = _pool(course, jobs)
    finally:
        pool.shutdown(cancel_futures=True)
    for submission in again:
        results[submission] = _grade_alone(course, submission)
        bar.update()
    bar.close()
    return results, len(again)


def grade(course: Course, source: Path, progress: bool = True, jobs: int | None = None,
          regrade: bool = False) -> GradingRun:
    """Grade the folder or zip ``source`` (see :mod:`nn_course.submissions` for the naming rule)
    on ``jobs`` processes (default: one per CPU); the scores do not depend on ``jobs``.
    Notebooks graded by an earlier run and unchanged since are skipped unless ``regrade``
    (:mod:`nn_course.resume`): a run killed midway, started again, completes.

    A submission that cannot be graded (corrupt notebook, nbgrader failure) is reported in
    ``problems`` and scores 0; the others are graded all the same. Cells a submission broke
    (stopped, screened out) are reported too. Without bubblewrap a loud warning heads the
    problems. The gradebook is backed up first (:mod:`nn_course.backup`). Notes, feedback and
    progress are in the course's language.
    """
    with speaking(course.language):
        return _grade(course, source, progress, jobs, regrade)


def _grade(course: Course, source: Path, progress: bool, jobs: int | None,
           regrade: bool) -> GradingRun:
    saved = backup(course.db_url, course.reports / "backups")
    problems = []
    if not sandbox.available():
        print(tr(sandbox.UNSANDBOXED_WARNING), file=sys.stderr)
        problems.append(tr(sandbox.UNSANDBOXED_WARNING))
    folder, temp, refused = subs.unpack(Path(source))
    try:
        found = subs.collect(folder, course.assignments())
        problems += refused + found.ignored
        unbuilt = _unbuilt(course, {s.assignment for s in found.submissions})
        if unbuilt:  # grading needs the course's record of each notebook: build it first
            build(course, log=lambda *_: None, assignments=unbuilt)
            problems += [tr("{assignment}: not built yet, so it was built first (nn-course "
                            "build)").format(assignment=a) for a in unbuilt]
        missing = _missing(course, found)
        problems += [tr("{who}: {reason}; it scores 0").format(who=f"{s}/{a}",
                                                               reason=tr(NOT_HANDED_IN))
                     for s, a in missing]
        _prepare_database(course.db_url)
        _register_students(course, sorted({s.student for s in found.submissions}))
        skipped = set() if regrade else resume.already_graded(course, found.submissions)
        results, retried = _grade_all(
            course, [s for s in found.submissions if s not in skipped],
            jobs or os.cpu_count() or 1, progress)
        results |= {s: ([n for n in [_foreign(course, s)] if n] + _fault_notes(course, s),
                        _pages(course, s)) for s in skipped}
        feedback: dict[str, list[Path]] = {}
        for submission in found.submissions:  # in the class's order, whatever finished first
            notes, pages = results[submission]
            problems += notes
            feedback.setdefault(submission.student, []).extend(pages)
        # a notice page for each, but not in nbgrader's own folder: a student with nothing
        # collected has no submission to release feedback to (and nbgrader's release_feedback
        # stops at a page without the submission's files)
        if folder.resolve() != course.submitted.resolve():
            for student, assignment in missing:
                feedback[student].append(write_notice(
                    _feedback_folder(course, student, assignment), assignment,
                    tr(NOT_HANDED_IN)))
    finally:
        if temp is not None:
            temp.cleanup()
    students = sorted({s.student for s in found.submissions})
    table = read_scores(course.db_url, students)
    csv_path = course.reports / "grades.csv"
    table.write_csv(csv_path)
    return GradingRun(table, csv_path, feedback, [printable(p) for p in problems], saved,
                      len(skipped), retried)
