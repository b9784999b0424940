"""``nn-course demo``: build the course in a scratch root, grade a synthetic class, show the table.

The class: ``ada`` hands in the full solutions, ``bob`` the blank student version, ``cleo`` the
student version with the first half of the exercises solved, and ``dan`` a corrupt notebook.
Everything lands in the output folder (default ``./nn-course-demo``): the scratch course root,
the class as a folder and as ``class.zip``, the grades, feedback and report.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import nbformat

from coursekit.language import tr
from nn_course import notebooks
from nn_course.build import build
from nn_course.course import CONFIG_FILE, Course
from nn_course.grading import GradingRun, grade
from nn_course.translation import DOCUMENTS


def solved_student_version(course: Course, assignment: str, share: float = 1.0):
    """The student version with the first ``share`` of its answer cells taken from the
    solutions (1.0: a complete, correct submission)."""
    solved = {notebooks.nbgrader_meta(c).get("grade_id"): c.source
              for c in notebooks.read(course.solution_notebook(assignment)).cells}
    nb = notebooks.read(course.release_notebook(assignment))
    answers = [c for c in nb.cells if notebooks.nbgrader_meta(c).get("solution")]
    for cell in answers[: int(len(answers) * share)]:
        cell.source = solved[notebooks.nbgrader_meta(cell)["grade_id"]]
    return nb


def synthesize_class(course: Course, folder: Path, assignments: list[str] | None = None) -> Path:
    """Write the four students' notebooks of ``assignments`` (default: all) into ``folder``
    (both naming forms) and zip them."""
    folder.mkdir(parents=True)
    for assignment in assignments or course.assignments():
        shutil.copyfile(course.solution_notebook(assignment), folder / f"ada_{assignment}.ipynb")
        (folder / "bob").mkdir(exist_ok=True)
        shutil.copyfile(course.release_notebook(assignment), folder / "bob" / f"{assignment}.ipynb")
        nbformat.write(solved_student_version(course, assignment, share=0.5),
                       str(folder / f"cleo_{assignment}.ipynb"))
        (folder / f"dan_{assignment}.ipynb").write_text('{"cells": [ this is not JSON')
    archive = folder.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(folder.rglob("*.ipynb")):
            zipped.write(path, path.relative_to(folder))
    return archive


def scratch_course(source: Course, out: Path) -> Course:
    """A copy of the course root's config and solutions under ``out``, with its own gradebook;
    for a translated edition, a copy of the English course and the catalogues beside it, laid
    out as in the repository (``out/es/grader``, ``out/es/locale``)."""
    if source.english is None:
        shutil.copytree(source.solutions, out / "solutions")
        (out / "grader").mkdir(parents=True)
        shutil.copyfile(source.root / CONFIG_FILE, out / "grader" / CONFIG_FILE)
        course = Course(out / "grader")
        course.release.mkdir(parents=True)
        for name in DOCUMENTS:  # what the student notebooks link to
            shutil.copyfile(source.release / name, course.release / name)
        return course
    scratch_course(source.english, out)
    edition = out / source.root.relative_to(source.english.root.parent)
    edition.mkdir(parents=True)
    shutil.copyfile(source.root / CONFIG_FILE, edition / CONFIG_FILE)
    shutil.copytree(source.catalogues, edition.parent / source.catalogues.name)
    return Course(edition)


def format_table(run: GradingRun) -> str:
    """The grade table: one row per student, a column per assignment, then the total."""
    table = run.table
    header = [tr("student"), *table.assignments, tr("total")]
    rows = [[s, *(f"{table.total(s, a):g}/{table.max_total(a):g}" for a in table.assignments),
             f"{table.total(s):g}/{table.max_total():g}"] for s in sorted(table.scores)]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(r, widths)) for r in [header, *rows]]
    return "\n".join([lines[0], "  ".join("-" * w for w in widths), *lines[1:]])


def demo(source: Course, out: Path, log=print, progress: bool = True,
         assignments: list[str] | None = None) -> tuple[Course, GradingRun]:
    """Build, synthesize the class, grade it (``assignments``, default: all); returns the demo
    course and the grading run."""
    out = out.resolve()
    if out.exists():
        shutil.rmtree(out)
    course = scratch_course(source, out)
    build(course, log=log, assignments=assignments or None)
    archive = synthesize_class(course, out / "class", assignments)
    log(tr("class written to {folder} and {archive}; grading the zip, as an LMS hands it "
           "in").format(folder=out / "class", archive=archive))
    return course, grade(course, archive, progress=progress)
