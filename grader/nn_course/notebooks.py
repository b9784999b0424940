"""Reading, running and inspecting course notebooks (nbformat + nbclient)."""

from __future__ import annotations

import builtins
import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from nn_course import plan

STUB_VERB = {"en": "Implement", "es": "Implementa"}  # the stub's message: "Implement mse"
STUB_RAISE = re.compile(rf'raise NotImplementedError\("(?:{"|".join(STUB_VERB.values())}) (\w+)"\)')


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def graded_cells(nb) -> list:
    """Cells that earn points (autograded tests and answers), in order."""
    return [c for c in nb.cells if nbgrader_meta(c).get("grade")]


def execute(nb, cwd: Path, timeout: int = 120, allow_errors: bool = False, config=None):
    """Run ``nb`` top to bottom in a fresh python3 kernel started in ``cwd``; returns it.

    ``config`` (a traitlets Config, e.g. the course's) configures the kernel manager.
    """
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=allow_errors,
                            resources={"metadata": {"path": str(cwd)}}, config=config)
    client.execute()
    return nb


def failing_outputs(cell) -> list[str]:
    """What makes nbgrader give a cell 0: errors and anything on stderr."""
    problems = []
    for output in cell.get("outputs", []):
        if output.output_type == "error":
            problems.append(f"{output.ename}: {output.evalue}")
        elif output.output_type == "stream" and output.name == "stderr":
            problems.append(f"stderr: {output.text.strip()[:200]}")
    return problems


def convention_problems(nb) -> list[str]:
    """Authoring rules a solution notebook must follow (see grader/AUTHORING.md)."""
    problems, seen = [], set()
    for index, cell in enumerate(nb.cells):
        meta = nbgrader_meta(cell)
        where = f"cell {index} ({meta.get('grade_id', cell.cell_type)})"
        if cell.get("outputs") or cell.get("execution_count"):
            problems.append(f"{where}: stored with outputs; clear them")
        if not meta:
            if cell.cell_type == "code":
                problems.append(f"{where}: code cell without nbgrader metadata (lock it)")
            continue
        grade_id = meta.get("grade_id")
        if grade_id in seen:
            problems.append(f"{where}: duplicate grade_id {grade_id!r}")
        seen.add(grade_id)
        source = cell.source
        if meta.get("solution") and cell.cell_type == "code" and source.lstrip().startswith("def"):
            name = re.match(r"\s*def (\w+)", source)[1]
            stub = STUB_RAISE.search(source.split("### END SOLUTION")[-1])
            if "### BEGIN SOLUTION" not in source or not stub or stub[1] != name:
                problems.append(f'{where}: end with ### END SOLUTION then '
                                f'raise NotImplementedError("Implement {name}")')
        if meta.get("grade") and not meta.get("solution") and not meta.get("locked"):
            problems.append(f"{where}: test cells must be locked")
        if (meta.get("grade") and not meta.get("solution") and cell.cell_type == "code"
                and not re.search(r"\bcheck_(function|answer)\(", source)):
            problems.append(f"{where}: a test cell must call check_function or check_answer "
                            "(the grader scores only what they report)")
    return problems + _test_cell_problems(nb)


def _test_cell_problems(nb) -> list[str]:
    """Test cells run in the grader with the setup cell only (``nn_course.plan``): they read
    nothing a worked example defines, and judge only through the checks."""
    code = [(i, c, nbgrader_meta(c)) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    if not code or code[0][2].get("grade_id") != plan.SETUP or not code[0][2].get("locked"):
        return [f"the first code cell must be the locked cell with grade_id {plan.SETUP!r}"]
    known = set(dir(builtins)) | plan.defined_names(code[0][1].source)
    known |= set().union(*(plan.defined_names(c.source) for _, c, m in code if m.get("solution")))
    defined_by = {}
    problems = []
    for index, cell, meta in code:
        where = f"cell {index} ({meta.get('grade_id')})"
        if meta.get("grade") and not meta.get("solution"):
            for name in sorted(plan.read_names(cell.source) - known):
                origin = (f"only {defined_by[name]} defines it" if name in defined_by else
                          "nothing before it defines it")
                problems.append(f"{where}: the test reads {name!r}, but {origin}: tests run with "
                                "the setup cell only, so define it there or in a test cell")
            if re.search(r"^\s*assert\b|np\.testing", cell.source, re.MULTILINE):
                problems.append(f"{where}: judge with check_function or check_answer, not assert "
                                "or np.testing (their verdicts are what the student's run shows)")
            known |= plan.defined_names(cell.source)
        elif not meta.get("solution"):
            defined_by.update(dict.fromkeys(plan.defined_names(cell.source),
                                            meta.get("grade_id")))
    return problems
