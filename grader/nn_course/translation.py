"""Translated editions: a notebook's prose in another language, from a catalogue keyed by cell id.

The English notebooks in ``solutions/`` are the one source of code, tests, grade ids and points.
Each notebook has a gettext catalogue per language (``es/locale/NN_topic.po``, read and written
with Babel): one entry per cell that holds prose, the cell's id as the context (``msgctxt``), its
English source as ``msgid`` and the translation as ``msgstr``. Markdown cells are translated
whole; in code cells only comments and prose strings (docstrings, hints, printed labels) change,
and :func:`code_differences` refuses any other change. :func:`update` keeps a catalogue in step
with the English notebook: a new cell gets an empty entry, and a cell whose English changed keeps
its translation marked *fuzzy*, with the English it was made from quoted in its comments so a
translator sees what changed; a translated edition is built only from a catalogue with neither
(:func:`translate`). The packages' own messages (coursekit's checks and explorers, the grader's
pages) have one catalogue each, ``<package>/locale/<language>.po`` (:func:`update_messages`).
"""

from __future__ import annotations

import copy
import io
import re
import tokenize
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po
from IPython.core.inputtransformer2 import TransformerManager

from coursekit.misconceptions import catalogue
from nn_course.notebooks import nbgrader_meta
from nn_course.notebooks import read as read_notebook
from nn_course.plan import SETUP

# nbgrader's region markers are code: a translation keeps them as they are
MARKER = re.compile(r"#+\s*(BEGIN|END) (SOLUTION|HIDDEN TESTS)\b")
FIELD = re.compile(r"(?<!\{)\{[^{}]*\}")  # an f-string's replacement field, e.g. {name!r}
# words common in English prose and absent from Spanish
ENGLISH = frozenset("""the and with which that this these those is are was were of to for from
your you we it its be by an or not what when where how each every there their""".split())
DOCUMENTS = ("NOTATION.md", "GLOSSARY.md", "ERRATA.md")  # beside the student notebooks
# the comment line before the English a stale translation was made from
PREVIOUS = "translated from this English (update the translation, then delete the fuzzy flag):"
# what a translated edition's setup cell adds: coursekit's messages in its language
LANGUAGE_LINES = '\n\nfrom coursekit.language import use_language\nuse_language("{language}")'
HEADER = ("# {language} translation of the nn-course notebook {assignment}.\n"
          "# One entry per cell with prose, keyed by the cell's id (msgctxt).\n"
          "# Update with: nn-course translations --language {language}")


class TranslationError(RuntimeError):
    """A translated edition cannot be built: entries missing, stale, or changing code."""


def _tokens(source: str) -> list[tokenize.TokenInfo]:
    """The Python tokens of a code cell (IPython's ``%magic`` lines as the calls they run)."""
    python = TransformerManager().transform_cell(source)
    return list(tokenize.generate_tokens(io.StringIO(python).readline))


def _is_prose(token: tokenize.TokenInfo) -> bool:
    """Whether a comment or string token reads as text: comments other than nbgrader's
    markers, strings with a space in them and labels ending in a colon (a key or a name has
    neither)."""
    if token.type == tokenize.COMMENT:
        return not MARKER.match(token.string)
    return token.type == tokenize.STRING and bool(re.search(r"\s|:[\"']+$", token.string))


def _prose_tokens(source: str) -> list[tuple[tokenize.TokenInfo, bool]]:
    """Each token of a code cell, and whether a translation may change it (:func:`_is_prose`);
    strings written side by side are one string: prose if one of them is ("... the others "
    "unchanged")."""
    tokens = _tokens(source)
    prose = [_is_prose(t) for t in tokens]
    run: list[int] = []  # the strings of one literal, with the line breaks between them
    for index, token in enumerate([*tokens, None]):
        if token is not None and (token.type == tokenize.STRING or (
                run and token.type in (tokenize.NL, tokenize.COMMENT))):
            run.append(index)
            continue
        strings = [i for i in run if tokens[i].type == tokenize.STRING]
        if any(prose[i] for i in strings):
            for i in strings:
                prose[i] = True
        run = []
    return list(zip(tokens, prose))


def _code(source: str) -> list[tuple[int, str]]:
    """What a translation of the cell must keep: every token but prose and line breaks, with
    an f-string's replacement fields standing for the f-string."""
    kept = []
    for token, is_prose in _prose_tokens(source):
        if token.type == tokenize.NL or (token.type == tokenize.COMMENT and is_prose):
            continue
        if token.type == tokenize.STRING and is_prose:
            prefix = re.match(r"[A-Za-z]*", token.string)[0].lower()
            fields = FIELD.findall(token.string) if "f" in prefix else []
            kept.append((token.type, f"{prefix}-string {sorted(fields)}"))
        else:
            kept.append((token.type, token.string))
    return kept


def has_prose(cell) -> bool:
    """Whether ``cell`` has text to translate (markdown, or a comment or prose string in code)."""
    if cell.cell_type == "markdown":
        return bool(cell.source.strip())
    return cell.cell_type == "code" and any(p for _, p in _prose_tokens(cell.source))


def code_differences(english: str, translated: str) -> str:
    """Why ``translated`` is not the code cell ``english`` with only its prose translated
    (``""`` when it is)."""
    try:
        mine, theirs = _code(english), _code(translated)
    except (tokenize.TokenError, SyntaxError, IndentationError) as error:
        return f"the translation is not valid Python ({error})"
    for (_, want), (_, got) in zip(mine, theirs):
        if want != got:
            return f"the code changed: {want!r} became {got!r} (translate comments and text only)"
    if len(mine) != len(theirs):
        return "the code changed: tokens added or removed (translate comments and text only)"
    return ""


def _note(index: int, cell) -> str:
    grade_id = nbgrader_meta(cell).get("grade_id")
    return f"cell {index}, {cell.cell_type}" + (f", {grade_id}" if grade_id else "")


def previous_english(message: Message) -> str | None:
    """The English a stale (fuzzy) translation was made from, kept in its comments."""
    comments = list(message.auto_comments)
    if PREVIOUS not in comments:
        return None
    return "\n".join(line[2:] for line in comments[comments.index(PREVIOUS) + 1:])


def update(nb, old: Catalog | None, language: str, assignment: str) -> Catalog:
    """The catalogue for ``nb``: ``old``'s translations kept, an empty entry for each new cell
    with prose, a changed cell's translation marked fuzzy, with the English it was made from in
    its comments (``#.`` lines after :data:`PREVIOUS`: Babel cannot read back a multi-line
    ``#| msgid``)."""
    before = {m.context: m for m in (old or []) if m.id}
    catalog = Catalog(locale=language, domain=assignment, project="nn-course", fuzzy=False,
                      header_comment=HEADER.format(language=language, assignment=assignment),
                      creation_date=old.creation_date if old else None,
                      revision_date=old.revision_date if old else None)
    for index, cell in enumerate(nb.cells):
        if not has_prose(cell):
            continue
        message = Message(cell.source, context=cell.id, auto_comments=[_note(index, cell)])
        if (was := before.get(cell.id)) is not None and was.string:
            message.string = was.string
            if was.id != cell.source or was.fuzzy:
                message.flags.add("fuzzy")
                english = previous_english(was) if was.fuzzy else was.id
                message.auto_comments += [PREVIOUS] + [
                    f"| {line}" for line in (english or "").split("\n")]
        catalog[cell.source] = message
    return catalog


def problems(nb, catalog: Catalog) -> list[str]:
    """What keeps ``catalog`` from translating ``nb``: cells without a translation, translations
    of an English text that has changed since (stale), translations that change code."""
    entries = {m.context: m for m in catalog if m.id}
    found = []
    for index, cell in enumerate(nb.cells):
        if not has_prose(cell):
            continue
        where = f"{_note(index, cell)} (id {cell.id})"
        entry = entries.get(cell.id)
        if entry is None or not entry.string:
            found.append(f"{where}: not translated")
        elif entry.id != cell.source or entry.fuzzy:
            found.append(f"{where}: stale, the English changed after it was translated")
        elif cell.cell_type == "code" and (why := code_differences(cell.source, entry.string)):
            found.append(f"{where}: {why}")
    return found


def translate(nb, catalog: Catalog):
    """A copy of ``nb`` with every cell's prose in the catalogue's language (metadata
    ``nn_course.language`` says which); raises :class:`TranslationError` listing every
    :func:`problems`."""
    if found := problems(nb, catalog):
        raise TranslationError("\n  ".join([f"{catalog.domain}:", *found]))
    entries = {m.context: m.string for m in catalog if m.id}
    language = str(catalog.locale)
    translated = copy.deepcopy(nb)
    for cell in translated.cells:
        cell.source = entries.get(cell.id, cell.source)
        if nbgrader_meta(cell).get("grade_id") == SETUP:
            cell.source += LANGUAGE_LINES.format(language=language)
    translated.metadata["nn_course"] = {"language": language}
    return translated


def prose(cell_type: str, source: str) -> str:
    """The text of a cell a reader reads as prose: markdown without its code, maths, links'
    targets and HTML tags; in code, the comments and prose strings."""
    if cell_type == "code":  # doctest lines in a docstring are code
        text = "\n".join(t.string for t, is_prose in _prose_tokens(source) if is_prose)
        return re.sub(r"^\s*(>>>|\.\.\.) .*$", " ", text, flags=re.M)
    for pattern in (r"```.*?```", r"`[^`]*`", r"\$\$.*?\$\$", r"\$[^$]*\$", r"\]\([^)]*\)",
                    r"<[^>]*>", r"https?://\S+"):
        source = re.sub(pattern, " ", source, flags=re.S)
    return source


def english_words(text: str, allowed: list[str]) -> list[str]:
    """Common English words left in ``text`` once each ``allowed`` passage (a quoted English
    source, a name) is taken out: a translation should have none (``is_convex`` is a name)."""
    for passage in allowed:
        text = text.replace(passage, " ")
    return [w for w in re.findall(r"[\w']+", text) if "_" not in w and w.lower() in ENGLISH]


def update_catalogues(course, assignments: list[str]) -> list[str]:
    """Bring a translated edition's catalogues in step with the English notebooks (see
    :func:`update`); returns a line per notebook saying what is left to translate."""
    lines = []
    for assignment in assignments:
        path = course.catalogues / f"{assignment}.po"
        old = read_catalog(path) if path.is_file() else None
        nb = read_notebook(course.english.solution_notebook(assignment))
        catalog = update(nb, old, course.language, assignment)
        write_catalog(catalog, path)
        entries = [m for m in catalog if m.id]
        stale = sum(1 for m in entries if m.fuzzy)
        missing = sum(1 for m in entries if not m.string)
        lines.append(f"{path.relative_to(course.root.parent.parent)}: {len(entries)} cells, "
                     f"{missing} to translate, {stale} stale (fuzzy: the English changed)")
    for name in DOCUMENTS:
        path = course.catalogues / f"{Path(name).stem}.po"
        old = read_catalog(path) if path.is_file() else None
        catalog = update_document((course.english.release / name).read_text(), old,
                                  course.language, Path(name).stem)
        write_catalog(catalog, path)
        entries = [m for m in catalog if m.id]
        lines.append(f"{path.relative_to(course.root.parent.parent)}: {len(entries)} "
                     f"paragraphs, {sum(1 for m in entries if not m.string)} to translate, "
                     f"{sum(1 for m in entries if m.fuzzy)} stale")
    return lines


def paragraphs(text: str) -> list[str]:
    """A Markdown document's blocks (paragraphs, tables, lists), as separated by blank lines."""
    return [block.strip("\n") for block in re.split(r"\n[ \t]*\n", text) if block.strip()]


def update_document(text: str, old: Catalog | None, language: str, name: str) -> Catalog:
    """The catalogue of a Markdown document: one entry per paragraph (its English is the key);
    Babel's merge keeps translations and marks those of changed paragraphs fuzzy."""
    template = Catalog(project="nn-course", fuzzy=False)
    for block in paragraphs(text):
        template.add(block)
    catalog = old or Catalog(locale=language, domain=name, project="nn-course", fuzzy=False)
    catalog.update(template, update_creation_date=False)
    return catalog


def translate_document(text: str, catalog: Catalog) -> str:
    """The document with every paragraph translated; raises :class:`TranslationError` naming
    the paragraphs without a current translation."""
    found, translated = [], []
    for block in paragraphs(text):
        entry = catalog.get(block)
        if entry is None or not entry.string or entry.fuzzy:
            found.append(f"{'stale' if entry and entry.string else 'not translated'}: "
                         f"{block[:60]!r}")
        else:
            translated.append(entry.string)
    if found:
        raise TranslationError("\n  ".join([f"{catalog.domain}:", *found]))
    return "\n\n".join(translated) + "\n"


# where a package's messages are: its modules, and its Jinja templates (which call ``tr``)
MESSAGE_SOURCES = [("**.py", "python"), ("**/templates/**.j2", "jinja2")]


def message_template(package: Path) -> Catalog:
    """Every message of a package a reader may see in a translated edition: the strings passed
    to ``tr`` or ``mark`` in its modules and templates (:mod:`coursekit.language`), and, for
    coursekit, what each known misconception says."""
    template = Catalog(project=package.name, fuzzy=False)
    for filename, line, message, comments, _ in extract_from_dir(
            package, method_map=MESSAGE_SOURCES, keywords={"tr": None, "mark": None}):
        template.add(message, locations=[(filename, line)], auto_comments=comments)
    if package.name == "coursekit":
        for exercise, known in catalogue().items():
            for misconception in known:
                template.add(misconception.says,
                             auto_comments=[f"misconception {exercise}: {misconception.name}"])
    return template


def update_messages(package: Path, language: str) -> str:
    """Bring the package's message catalogue (``locale/<language>.po``) in step with its
    messages: Babel's merge keeps translations, marks changed ones fuzzy. Returns a line saying
    what is left to translate."""
    path = package / "locale" / f"{language}.po"
    catalog = read_catalog(path) if path.is_file() else Catalog(
        locale=language, domain=package.name, project=package.name, fuzzy=False)
    catalog.update(message_template(package), update_creation_date=False)
    for message in catalog:  # a translator who cleared the flag is done with the old English
        if not message.fuzzy:
            message.previous_id = []
    write_catalog(catalog, path)
    entries = [m for m in catalog if m.id]
    missing = sum(1 for m in entries if not m.string)
    stale = sum(1 for m in entries if m.fuzzy)
    return (f"{package.name}/locale/{language}.po: {len(entries)} messages, {missing} to "
            f"translate, {stale} stale (fuzzy: the English changed)")


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, domain=path.stem)


def write_catalog(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, no_location=True, include_previous=True, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
