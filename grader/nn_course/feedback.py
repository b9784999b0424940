"""Feedback HTML that shows scores and failure messages, never the hidden tests' source (nbgrader's
ClearHiddenTests removes it; the grader's messages never quote it), with the student's own work
shown safely and cut to size; and a notice page for a notebook that could not be graded at all.

The page reads offline: its maths is MathML, written when the page is made (no MathJax, no
CDN), and its top lists the exercises by name with their scores and, for each failed test, its
message: what failed, the misconception the values show, the hint (template
``templates/nn_feedback``).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbgrader
from jinja2 import pass_context
from latex2mathml.converter import convert as latex_to_mathml
from nbconvert.exporters import HTMLExporter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer, List, Unicode, default

from coursekit.checks import HINT, WHY
from coursekit.language import current, mark, tr
from nn_course import notebooks
from nn_course.sanitize import shorten


class StudentWorkCut(NbGraderPreprocessor):
    """Every code cell the student wrote cut to ``max_cell_chars`` (``max_notebook_chars`` in
    all), so any page stays small, and hidden-test markers defused in every cell that is not a
    test (nbgrader's ClearHiddenTests, which runs next, refuses such a cell). The student's text
    cells were made plain text (:class:`nn_course.sanitize.StudentTextAsText`) and outputs capped
    and reduced to text and images (:mod:`nn_course.execute`) when the notebook was graded."""

    max_cell_chars = Integer(20_000, help="Characters of one student code cell shown.").tag(
        config=True)
    max_notebook_chars = Integer(200_000, help="Characters of student code shown in all.").tag(
        config=True)

    def preprocess(self, nb, resources):
        self.room = self.max_notebook_chars
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        meta = notebooks.nbgrader_meta(cell)
        if cell.cell_type == "code" and not meta.get("locked"):
            limit = min(self.max_cell_chars, self.room)
            self.room -= min(len(cell.source), limit)
            cell.source = shorten(cell.source, limit)
        if not meta.get("grade"):
            for marker in ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
                cell.source = cell.source.replace(marker, marker.replace(" TESTS", " \u200bTESTS"))
        return cell, resources


TEMPLATES = Path(__file__).resolve().parent / "templates"
NBGRADER_TEMPLATES = Path(nbgrader.__file__).parent / "server_extensions/formgrader/templates"
# a graded cell's part of its exercise, by the end of its grade id; TEST: a cell of no exercise
PARTS = {"visible": mark("visible tests"), "hidden": mark("hidden tests"), "answer": mark("answer")}
TEST = mark("test")
ROOT_TAG = re.compile(r"\A(\s*<!DOCTYPE html>\s*)<html>", re.IGNORECASE)


def mathml(tex: str, display: str) -> str:
    """``tex`` as MathML (``display`` "inline" or "block"); as code if it cannot be read."""
    try:
        return latex_to_mathml(tex, display=display)
    except Exception:  # noqa: BLE001 - a formula the converter does not know stays readable
        return f"<code>{html.escape(tex)}</code>"


class MathMLRenderer(IPythonRenderer):
    """nbconvert's markdown renderer, writing maths as MathML instead of TeX for MathJax."""

    def block_math(self, body: str) -> str:
        return mathml(body, "block")

    def inline_math(self, body: str) -> str:
        return mathml(body, "inline")

    def latex_environment(self, name: str, body: str) -> str:
        return mathml(f"\\begin{{{name}}}{body}\\end{{{name}}}", "block")


class FeedbackExporter(HTMLExporter):
    """The feedback page: nbgrader's template with a summary by exercise, maths as MathML."""

    # Not configurable: nbgrader configures HTMLExporter's template, which this one extends.
    template_name = Unicode().tag(affects_environment=True)
    template_file = Unicode().tag(affects_template=True)
    extra_template_basedirs = List(Unicode()).tag(affects_environment=True)

    @default("template_name")
    def _our_template(self):
        return "nn_feedback"

    @default("template_file")
    def _our_page(self):
        return "page.html.j2"

    @default("extra_template_basedirs")
    def _our_template_folders(self):
        return [str(TEMPLATES), str(NBGRADER_TEMPLATES)]

    def _create_environment(self):
        """nbconvert's environment, with ``tr`` (:func:`coursekit.language.tr`) for the
        template's text: the page is in the language of the process that writes it."""
        environment = super()._create_environment()
        environment.globals["tr"] = tr
        return environment

    def from_notebook_node(self, nb, resources=None, **kw):
        """The page, its ``<html>`` tag saying its language (nbgrader's template writes none)."""
        output, resources = super().from_notebook_node(nb, resources, **kw)
        return ROOT_TAG.sub(rf'\1<html lang="{current()}">', output, count=1), resources

    @pass_context  # as nbconvert's own filter: it reads the cell's attachments
    def markdown2html(self, context, source):
        cell = context.get("cell", {})
        renderer = MathMLRenderer(
            escape=False, attachments=cell.get("attachments", {}),
            embed_images=self.embed_images,
            path=context.get("resources", {}).get("metadata", {}).get("path", ""),
            anchor_link_text=self.anchor_link_text,
            exclude_anchor_links=self.exclude_anchor_links, **self.lexer_options)
        return MarkdownWithMath(renderer=renderer).render(source)


def _failure_lines(message: str) -> tuple[str, list[dict]]:
    """A check's message as its first line and the lines under it, each with its kind
    (``why``: the misconception, ``hint``, ``detail``: the values)."""
    first, *rest = message.splitlines() or [""]
    lines = []
    for line in rest:
        text = line.strip()
        kind = next((k for k in (WHY, HINT) if text.startswith(f"{tr(k)}:")), "detail")
        lines.append({"kind": kind, "text": text})
    return first, lines


class ExerciseSummary(NbGraderPreprocessor):
    """``resources["exercises"]``: each exercise's graded cells grouped under its name (the
    ``grade_id`` without ``_visible``, ``_hidden`` or ``_answer``), with their scores and the
    message of each failed one, for the summary at the top of the page."""

    def preprocess(self, nb, resources):
        exercises: dict[str, dict] = {}
        for cell in nb.cells:
            meta = notebooks.nbgrader_meta(cell)
            if not meta.get("grade"):
                continue
            name, _, part = meta["grade_id"].rpartition("_")
            name, label = ((name, tr(PARTS[part])) if part in PARTS
                           else (meta["grade_id"], tr(TEST)))
            exercise = exercises.setdefault(name, {"name": name, "parts": [], "failures": [],
                                                   "score": 0.0, "points": 0.0})
            score, points = float(meta.get("score") or 0.0), float(meta.get("points") or 0.0)
            exercise["score"] += score
            exercise["points"] += points
            exercise["parts"].append({"label": label, "anchor": meta["grade_id"],
                                      "score": score, "points": points})
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error" and score < points:
                    case, lines = _failure_lines(output.get("evalue", ""))
                    exercise["failures"].append({"label": label, "case": case, "lines": lines})
        resources["exercises"] = list(exercises.values())
        return nb, resources


def write_notice(folder: Path, assignment: str, reason: str) -> Path:
    """The student's feedback page ``folder/<assignment>.html`` for a notebook nbgrader could
    not grade (missing, unreadable): it says why (``reason``, in the current language), and
    that the notebook scores 0."""
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / f"{assignment}.html"
    title = tr("{assignment}: not graded").format(assignment=assignment)
    why = tr("This notebook could not be graded: {reason}.").format(reason=html.escape(reason))
    what_now = tr("Score: 0. Hand in the notebook again, or ask your instructor.")
    page.write_text(
        f"<!DOCTYPE html>\n<html lang=\"{current()}\"><head><meta charset=\"utf-8\">"
        f"<title>{title}</title></head>\n<body><h1>{assignment}</h1>\n"
        f"<p>{why}</p>\n<p>{what_now}</p></body></html>\n", encoding="utf-8")
    return page
