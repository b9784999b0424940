"""Judging outside the student's process: graded cells are scored from check records.

A submission runs in grading mode (``NN_COURSE_GRADING=1``): its checks only publish what the
student's code returned (:mod:`coursekit.records`). :class:`VerifyChecks` then replaces the
outputs of every graded test cell with the grader's own verdict, computed here against the
*expectations*: the records of a trusted run of the solution notebook in which the checks
publish what the reference returns. Whatever the student's code patched in its own process
(numpy, ``assert``, the check functions, builtins), the comparison, the tolerances and the
messages are the grader's. A graded cell without its full set of records fails.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from pathlib import Path

from nbformat import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor

from coursekit import checks, records
from nn_course import notebooks
from nn_course.course import Course

VERDICT_ERROR = "AssertionError"


@contextlib.contextmanager
def grading_mode(value: str):
    """Kernels started meanwhile run their checks in this records mode."""
    previous = os.environ.get(records.ENV)
    os.environ[records.ENV] = value
    try:
        yield
    finally:
        if previous is None:
            del os.environ[records.ENV]
        else:
            os.environ[records.ENV] = previous


def cell_records(cell) -> list[dict]:
    """The check records a cell published, in order."""
    return [output["data"][records.MIME] for output in cell.get("outputs", [])
            if output.get("output_type") == "display_data"
            and records.MIME in output.get("data", {})]


@functools.cache
def _coursekit_digest() -> str:
    """Hash of coursekit's sources, once per process (they do not change under a grading run)."""
    digest = hashlib.sha256()
    for path in sorted(Path(checks.__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(course: Course, assignment: str) -> str:
    """Changes whenever the solution notebook or coursekit changes."""
    digest = hashlib.sha256(course.solution_notebook(assignment).read_bytes())
    digest.update(_coursekit_digest().encode())
    return digest.hexdigest()


def expectations(course: Course, assignment: str) -> dict[str, list[dict]]:
    """``{grade_id: records}`` of every graded cell, from a trusted run of the solutions,
    cached in ``<course root>/expected/`` (or in ``$NN_COURSE_EXPECTED_CACHE``, a folder several
    course roots may share: each file is named after what it was computed from)."""
    digest = fingerprint(course, assignment)
    folder = os.environ.get("NN_COURSE_EXPECTED_CACHE") or course.root / "expected"
    cache = Path(folder) / f"{assignment}-{digest[:16]}.json"
    if cache.is_file():
        stored = json.loads(cache.read_text())
        if stored.get("fingerprint") == digest:
            return stored["cells"]
    path = course.solution_notebook(assignment)
    with grading_mode("expected"):
        nb = notebooks.execute(notebooks.read(path), path.parent, allow_errors=True,
                               config=course.config)
    cells = {}
    for cell in notebooks.graded_cells(nb):
        if cell.cell_type == "code" and not notebooks.nbgrader_meta(cell).get("solution"):
            problems = notebooks.failing_outputs(cell)
            if problems:
                raise RuntimeError(f"{assignment}: the solution fails its own test "
                                   f"{notebooks.nbgrader_meta(cell)['grade_id']}: {problems}")
            cells[notebooks.nbgrader_meta(cell)["grade_id"]] = cell_records(cell)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"fingerprint": digest, "cells": cells}))
    return cells


def _record_problems(expected: dict, got: dict) -> list[str]:
    """Why one check's student record does not match its trusted one ([] when it does)."""
    if got.get("kind") != expected["kind"] or got.get("name") != expected["name"]:
        return [f"the check of {expected['name']} did not report as expected (was it "
                "replaced or skipped?)"]
    tolerances = {"hint": expected["hint"], "rtol": expected["rtol"], "atol": expected["atol"]}
    if expected["kind"] == "answer":
        problem = checks.answer_problem(expected["name"], records.decode(got.get("value")),
                                        records.decode(expected["value"]), **tolerances)
        return [problem] if problem else []
    outcomes = got.get("outcomes")
    if not isinstance(outcomes, list):
        outcomes = []
    for args, value, outcome in zip(expected["cases"], expected["values"], outcomes):
        if not (isinstance(outcome, list) and len(outcome) == 2
                and outcome[0] in ("value", "missing", "error", "reference")):
            return [f"the check of {expected['name']} reported an unreadable result"]
        kind, result = outcome
        result = records.decode(result) if kind == "value" else str(result)[:2000]
        problem = checks.function_problem(
            expected["name"], args, records.decode(value), (kind, result),
            reference=expected["reference"], **tolerances)
        if problem:
            return [problem]
    if len(outcomes) != len(expected["values"]):
        return [f"the check of {expected['name']} did not report every case"]
    return []


def verdict(expected: list[dict], cell) -> tuple[list[str], list[str]]:
    """``(problems, success lines)`` of a graded test cell run in grading mode."""
    got = cell_records(cell)
    errors = [f"{o['ename']}: {o['evalue']}" for o in cell.get("outputs", [])
              if o.get("output_type") == "error"]
    for want, have in zip(expected, got):
        problems = _record_problems(want, have)
        if problems:
            return problems, []
    if len(got) < len(expected):
        return errors[:1] or ["the checks of this cell did not all run"], []
    if errors:
        return errors[:1], []
    lines = [checks.SUCCESS.format(name=want["name"], count=len(want["values"]))
             if want["kind"] == "function" else f"✓ {want['name']}: correct"
             for want in expected if not want.get("quiet")]
    return [], lines


class VerifyChecks(NbGraderPreprocessor):
    """Replace each graded test cell's outputs with the grader's verdict (see the module docs):
    an ``AssertionError`` output with the first problem, or the success lines."""

    def preprocess(self, nb, resources):
        course = Course(Path(self.config.CourseDirectory.root))
        self.expected = expectations(course, resources["nbgrader"]["assignment"])
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        meta = notebooks.nbgrader_meta(cell)
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            return cell, resources
        expected = self.expected.get(meta.get("grade_id"))
        if not expected:
            problems, lines = [f"no trusted expectation for test {meta.get('grade_id')!r}; "
                               "ask your instructor"], []
        else:
            problems, lines = verdict(expected, cell)
        if problems:
            cell.outputs = [NotebookNode(output_type="error", ename=VERDICT_ERROR,
                                         evalue=problems[0],
                                         traceback=[f"{VERDICT_ERROR}: {problems[0]}"])]
        else:
            cell.outputs = [NotebookNode(output_type="stream", name="stdout",
                                         text="".join(line + "\n" for line in lines))]
        return cell, resources
