"""Resuming a grading run: notebooks already graded, and unchanged since, are not graded again.

After a notebook is autograded and its feedback written, a marker beside its autograded folder
(``autograded/<student>/.<assignment>.nn-course-graded``: inside it, a file the student handed
in could take its name) records what was graded: the submission's bytes (with nbgrader's time
and secret beside it), the solution notebook, coursekit and the grader (:func:`fingerprint`). A
run killed midway, started again with the same submissions, skips the notebooks whose marker
matches and whose scores are in the gradebook, and grades the rest. ``nn-course grade
--regrade`` grades everything again.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from nbgrader.api import Gradebook

import coursekit
import nn_course
from nn_course import submissions as subs
from nn_course.course import Course
from nn_course.gradebook import has_submission

MARKER = ".nn-course-graded"  # after ".<assignment>"


@functools.cache
def _code_digest() -> str:
    """Hash of coursekit's and the grader's sources, once per process."""
    digest = hashlib.sha256()
    for package in (coursekit, nn_course):
        for path in sorted(Path(package.__file__).parent.rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(course: Course, assignment: str) -> str:
    """Changes whenever the solution notebook, coursekit or the grader changes."""
    digest = hashlib.sha256(course.solution_notebook(assignment).read_bytes())
    digest.update(_code_digest().encode())
    return digest.hexdigest()


def marker(course: Course, submission: subs.Submission) -> Path:
    """Where the marker of ``submission`` is (module docs)."""
    return course.autograded / submission.student / f".{submission.assignment}{MARKER}"


def _state(course: Course, submission: subs.Submission) -> str:
    """The notebook, with nbgrader's files beside it (a resubmission of the same notebook has a
    new time and secret: graded again, so that its feedback can be released)."""
    digest = hashlib.sha256(submission.path.read_bytes())
    for name in subs.NBGRADER_FILES:
        beside = submission.path.parent / name
        if beside.is_file():
            digest.update(name.encode() + beside.read_bytes())
    digest.update(fingerprint(course, submission.assignment).encode())
    return digest.hexdigest()


def mark_graded(course: Course, submission: subs.Submission) -> None:
    """Record that ``submission`` is graded, as it is now."""
    marker(course, submission).write_text(_state(course, submission))


def already_graded(course: Course, found: list[subs.Submission]) -> set[subs.Submission]:
    """The submissions graded before, unchanged since, with their scores in the gradebook."""
    done = {s for s in found if marker(course, s).is_file()
            and marker(course, s).read_text() == _state(course, s)}
    with Gradebook(course.db_url) as gradebook:
        return {s for s in done if has_submission(gradebook, s.assignment, s.student)}
