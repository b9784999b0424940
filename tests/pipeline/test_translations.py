"""The Spanish edition's catalogues: every cell translated from the English it has now, no code
changed, no English prose left (but the reviewed passages of es/locale/english-allowed.txt)."""

import pytest

from nn_course import notebooks
from nn_course.course import edition
from nn_course.translation import (
    DOCUMENTS,
    TranslationError,
    english_words,
    problems,
    prose,
    read_catalog,
    translate_document,
)

SPANISH = edition("es")
ENGLISH = SPANISH.english
ALLOWED = [line for line in (SPANISH.catalogues / "english-allowed.txt").read_text().splitlines()
           if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("assignment", ENGLISH.assignments())
def test_every_cell_is_translated_from_its_current_english(assignment):
    nb = notebooks.read(ENGLISH.solution_notebook(assignment))
    found = problems(nb, read_catalog(SPANISH.catalogues / f"{assignment}.po"))
    assert not found, ("\n".join(found) + "\n(nn-course translations --language es lists them; "
                       "translate, clear the fuzzy flags, then nn-course build --language es)")


@pytest.mark.parametrize("assignment", ENGLISH.assignments())
def test_no_english_prose_is_left(assignment):
    cells = {c.id: c for c in notebooks.read(ENGLISH.solution_notebook(assignment)).cells}
    left = {m.context: words for m in read_catalog(SPANISH.catalogues / f"{assignment}.po")
            if m.id and m.string and (words := english_words(
                prose(cells[m.context].cell_type, m.string), ALLOWED))}
    assert not left, f"English words in the Spanish cells (by id): {left}"


def test_the_spanish_notebooks_say_their_language():
    for assignment in ENGLISH.assignments():
        for path in (SPANISH.solution_notebook(assignment), SPANISH.release_notebook(assignment)):
            nb = notebooks.read(path)
            assert nb.metadata["nn_course"] == {"language": "es"}
            assert 'use_language("es")' in nb.cells[1].source


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_paragraph_of_the_documents_is_translated_from_its_current_english(name):
    english = (ENGLISH.release / name).read_text()
    catalog = read_catalog(SPANISH.catalogues / name.replace(".md", ".po"))
    try:
        translate_document(english, catalog)
    except TranslationError as error:
        pytest.fail(f"{error}\n(nn-course translations --language es, translate, then "
                    "nn-course build --language es)")
