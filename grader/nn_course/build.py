"""``nn-course build``: validate the instructor notebooks, then generate the student versions."""

from __future__ import annotations

from pathlib import Path

import nbformat

from coursekit.language import tr
from nn_course import notebooks, translation
from nn_course.course import Course


class BuildError(RuntimeError):
    """A solution notebook breaks an authoring rule, fails its own tests, or nbgrader failed."""


def validate(course: Course, assignment: str) -> list[str]:
    """Problems of one solution notebook: authoring rules, then a run in a fresh kernel where every
    cell must succeed with nothing on stderr."""
    path = course.solution_notebook(assignment)
    nb = notebooks.read(path)
    problems = notebooks.convention_problems(nb)
    if problems:
        return problems
    notebooks.execute(nb, cwd=path.parent, allow_errors=True, config=course.config)
    for index, cell in enumerate(nb.cells):
        for problem in notebooks.failing_outputs(cell):
            grade_id = notebooks.nbgrader_meta(cell).get("grade_id", "")
            problems.append(f"cell {index} ({grade_id}): {problem}")
    return problems


def translate_solutions(course: Course, assignments: list[str]) -> None:
    """Write a translated edition's solution notebooks: the English ones with the prose of
    their catalogues; raises :class:`BuildError` listing every untranslated or stale cell."""
    problems = []
    for assignment in assignments:
        path = course.catalogues / f"{assignment}.po"
        if not path.is_file():
            problems.append(tr("{assignment}: no catalogue {path} (nn-course translations "
                               "--language {language} makes it)").format(
                assignment=assignment, path=path, language=course.language))
            continue
        english = notebooks.read(course.english.solution_notebook(assignment))
        try:
            translated = translation.translate(english, translation.read_catalog(path))
        except translation.TranslationError as error:
            problems.append(str(error))
            continue
        course.solution_notebook(assignment).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(translated, course.solution_notebook(assignment))
    if problems:
        raise BuildError(tr("the {language} catalogues are not ready:").format(
            language=course.language) + "\n  " + "\n  ".join(problems))
    for name in translation.DOCUMENTS:  # the notebooks link to them
        english = (course.english.release / name).read_text()
        catalogue = course.catalogues / f"{Path(name).stem}.po"
        try:
            text = translation.translate_document(english, translation.read_catalog(catalogue))
        except (FileNotFoundError, translation.TranslationError) as error:
            raise BuildError(tr("the {language} catalogues are not ready:").format(
                language=course.language) + f"\n  {error}") from None
        course.release.mkdir(parents=True, exist_ok=True)
        (course.release / name).write_text(text)


def build(course: Course, log=print, assignments=None) -> list[str]:
    """Validate the solution notebooks (default: all), then write their student versions into the
    release folder. A translated edition's solutions are first made from the English ones.

    Returns the assignments built; raises :class:`BuildError` listing every problem found.
    """
    known = (course.english or course).assignments()
    assignments = known if not assignments else list(assignments)
    unknown = sorted(set(assignments) - set(known))
    if unknown:
        raise BuildError(tr("no solutions/<name>/<name>.ipynb for {unknown}; known: {known}")
                         .format(unknown=unknown, known=known))
    if course.english:
        translate_solutions(course, assignments)
    problems = {a: validate(course, a) for a in assignments}
    report = [f"{a}: {p}" for a, ps in problems.items() for p in ps]
    if report:
        raise BuildError(tr("the solutions are not ready:") + "\n  " + "\n  ".join(report))
    api = course.api()
    for assignment in assignments:
        result = api.generate_assignment(assignment, force=True, create=True)
        if not result["success"]:
            raise BuildError(tr("nbgrader could not generate {assignment}:").format(
                assignment=assignment) + f"\n{result.get('log', '')}{result.get('error', '')}")
        repository = (course.english or course).root.parent
        log(tr("built {path}").format(
            path=course.release_notebook(assignment).relative_to(repository)))
    return assignments
