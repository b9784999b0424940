"""The grader speaks the course's language: every message of nn_course (its modules and its
feedback template) has a Spanish translation, and the feedback pages, notices, report, notes and
printed summary are in Spanish when the course is (English unchanged otherwise)."""

import re
from pathlib import Path
from types import SimpleNamespace

import nbformat
import nbgrader
import pytest

import nn_course
from coursekit.language import speaking, tr
from nn_course import grading
from nn_course.cli import _finish
from nn_course.feedback import ExerciseSummary, FeedbackExporter, write_notice
from nn_course.gradebook import ScoreTable
from nn_course.grading import GradingRun
from nn_course.report import write_report
from nn_course.submissions import collect
from nn_course.translation import message_template, read_catalog

PACKAGE = Path(nn_course.__file__).parent
FIELD = re.compile(r"\{[^{}]*\}")
# nbgrader's stylesheet, found where nbgrader's GenerateFeedback finds it
BOOTSTRAP_CSS = (Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "static"
                 / "node_modules" / "bootstrap" / "dist" / "css")


def test_every_message_of_the_grader_has_a_spanish_translation():
    messages = [m for m in message_template(PACKAGE) if m.id]
    # the feedback template's text is extracted with the modules' messages
    assert {"what to look at", "Score", "Student's answer"} <= {m.id for m in messages}
    spanish = {m.id: m for m in read_catalog(PACKAGE / "locale" / "es.po") if m.id}
    missing = [m.id for m in messages if m.id not in spanish or not spanish[m.id].string]
    fuzzy = [m.id for m in messages if m.id in spanish and spanish[m.id].fuzzy]
    assert not missing, f"not translated (nn-course translations --language es): {missing}"
    assert not fuzzy, f"stale translations (fuzzy): {fuzzy}"
    changed = {m.id: spanish[m.id].string for m in messages
               if sorted(FIELD.findall(m.id)) != sorted(FIELD.findall(spanish[m.id].string))}
    assert not changed, f"placeholders differ: {changed}"
    stale = sorted(set(spanish) - {m.id for m in messages})
    assert not stale, f"entries no message uses any more: {stale}"


def test_the_notice_of_an_ungraded_notebook_is_in_the_course_language(tmp_path):
    english = write_notice(tmp_path / "en", "01_perceptron", "no notebook handed in")
    assert english.read_text() == (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>01_perceptron: not graded</title></head>\n<body><h1>01_perceptron</h1>\n"
        "<p>This notebook could not be graded: no notebook handed in.</p>\n"
        "<p>Score: 0. Hand in the notebook again, or ask your instructor.</p></body></html>\n")
    with speaking("es"):
        page = write_notice(tmp_path / "es", "01_perceptron", tr(grading.NOT_HANDED_IN))
    text = page.read_text(encoding="utf-8")
    assert '<html lang="es">' in text
    assert "<title>01_perceptron: sin calificar</title>" in text
    assert "Este cuaderno no se pudo calificar: no se entregó ningún cuaderno." in text
    assert "Puntaje: 0. Entrega el cuaderno de nuevo o consulta a tu instructor." in text
    assert "could not be graded" not in text and "Score" not in text


def small_table() -> ScoreTable:
    questions = ["01_perceptron:step_visible", "01_perceptron:step_hidden",
                 "01_perceptron:mse_visible"]
    return ScoreTable(questions, dict.fromkeys(questions, 1.0), {
        "ada": dict.fromkeys(questions, 1.0),
        "bob": dict.fromkeys(questions, 0.0)})


ENGLISH_HEADINGS = ["nn-course grading summary", "Pass rates, hardest first",
                    "Misconceptions the feedback named", "Students below 50% of the points",
                    "Score distribution", "Graded cells", "Problems", "<th>question</th>",
                    "<th>full marks</th>", "<li>none</li>"]


def test_the_report_is_in_the_course_language(tmp_path):
    english = write_report(small_table(), tmp_path / "en").read_text(encoding="utf-8")
    assert '<html lang="en">' in english
    assert all(heading in english for heading in ENGLISH_HEADINGS)
    assert "2 students; total score mean 1.50, median\n1.5, out of 3." in english
    with speaking("es"):
        page = write_report(small_table(), tmp_path / "es", problems=[])
    text = page.read_text(encoding="utf-8")
    assert '<html lang="es">' in text
    for spanish in ["<title>Resumen de calificación de nn-course</title>",
                    "<h2>Tasas de aprobación, de lo más difícil a lo más fácil</h2>",
                    "<h2>Errores conceptuales que señaló la retroalimentación</h2>",
                    '<h2 id="below">Estudiantes por debajo del 50% de los puntos</h2>',
                    "<h2>Distribución del puntaje</h2>", "<h2>Celdas calificadas</h2>",
                    "<h2>Problemas</h2>", "<th>estudiante</th>", "<th>pregunta</th>",
                    "<th>puntos</th>", "<th>media</th>", "<th>puntaje completo</th>",
                    "<li>ninguno</li>", "<p>ninguno</p>",
                    "2 estudiantes; puntaje total medio 1.50, mediana\n1.5, sobre 3."]:
        assert spanish in text
    assert not [heading for heading in ENGLISH_HEADINGS if heading in text]
    assert (tmp_path / "es" / "histogram.png").stat().st_size > 1000


def graded_notebook():
    def meta(**fields):
        return {"nbgrader": {"schema_version": 3, "grade": False, "solution": False,
                             "locked": True, **fields}}

    failure = nbformat.v4.new_output("error", ename="CheckFailed", traceback=[],
                                     evalue="step(0.0) returned 0\n  hint: look at the sign")
    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# The step $s(z)$"),
        nbformat.v4.new_code_cell("def step(z):\n    return 0", metadata=meta(
            solution=True, locked=False, grade_id="step")),
        nbformat.v4.new_code_cell("check_function(step, reference.step, [])", metadata=meta(
            grade=True, grade_id="step_visible", points=2, score=0), outputs=[failure])])


def feedback_page(language: str) -> str:
    with speaking(language):
        nb, resources = ExerciseSummary().preprocess(graded_notebook(), {"nbgrader": {
            "notebook": "01_perceptron", "score": 0, "max_score": 2, "late_penalty": 0}})
        exporter = FeedbackExporter(extra_template_paths=[str(BOOTSTRAP_CSS)])
        return exporter.from_notebook_node(nb, resources)[0]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # nbconvert's, on its own templates
def test_the_feedback_page_is_in_the_course_language():
    spanish = feedback_page("es")
    assert re.search(r"<html lang=\"es\">", spanish)
    assert "<h4>01_perceptron (Puntaje: 0.0 / 2.0)</h4>" in spanish
    assert "<th>ejercicio</th><th>puntaje</th><th>qué revisar</th>" in spanish
    assert "pruebas visibles: step(0.0) returned 0" in spanish
    assert "Respuesta del estudiante" in spanish and "Celda de calificación:" in spanish
    assert not [word for word in ("Score", "what to look at", "visible tests", "Student's answer",
                                  "Grade cell", "(Top)") if word in spanish]
    english = feedback_page("en")  # the same template, translated as it renders
    assert re.search(r"<html lang=\"en\">", english)
    assert "<h4>01_perceptron (Score: 0.0 / 2.0)</h4>" in english
    assert "<th>exercise</th><th>score</th><th>what to look at</th>" in english
    assert "visible tests: step(0.0) returned 0" in english and "Student's answer" in english


def test_a_busy_gradebook_is_recognised_in_either_language():
    with speaking("es"):
        note = tr("{who}: no feedback ({reason}; log: {log})").format(
            who="gus/01_perceptron", reason=f"{tr(grading.BUSY)}: database is locked", log="x")
    assert note.startswith("gus/01_perceptron: sin retroalimentación (el libro de calificaciones")
    assert grading._busy([note]) and grading._busy([f"x: no feedback ({grading.BUSY}: y)"])
    with speaking("es"):
        assert grading._busy([note]) and grading._busy([f"x: no feedback ({grading.BUSY}: y)"])
    assert not grading._busy(["x: could not be graded (NotJSONError)"])


def test_submission_notes_are_in_the_course_language(tmp_path):
    (tmp_path / "ada").mkdir()
    (tmp_path / "ada" / "notes.txt").write_text("my notes")
    (tmp_path / "ada_01_perceptron.ipynb").write_text("{}")
    assert collect(tmp_path, ["01_perceptron"]).ignored == [
        "ada/notes.txt: ignored: not a notebook (.ipynb)"]
    with speaking("es"):
        found = collect(tmp_path, ["01_perceptron"])
    assert found.ignored == ["ada/notes.txt: ignorado: no es un cuaderno (.ipynb)"]


def test_the_printed_summary_is_in_the_course_language(tmp_path, capsys):
    course = SimpleNamespace(feedback=tmp_path / "feedback", reports=tmp_path)
    run = GradingRun(small_table(), tmp_path / "grades.csv", problems=["dan/01: ilegible"],
                     skipped=2)
    with speaking("es"):
        _finish(course, run)
    out = capsys.readouterr().out
    assert "estudiante" in out.splitlines()[0] and "total" in out.splitlines()[0]
    assert f"calificaciones: {tmp_path / 'grades.csv'}" in out
    assert "sin cambios desde entonces, no calificados de nuevo: 2 (--regrade" in out
    assert f"retroalimentación: {tmp_path / 'feedback'}/<estudiante>/<cuaderno>/" in out
    assert "problema: dan/01: ilegible" in out
    assert not [w for w in ("grades:", "feedback:", "problem:", "student") if w in out]
    assert (tmp_path / "problems.txt").read_text(encoding="utf-8") == "dan/01: ilegible\n"
