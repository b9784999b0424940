"""Translation catalogues keyed by cell id: kept in step, stale and missing entries found, code
kept, English left over found."""

import nbformat
import pytest

from nn_course.translation import (
    TranslationError,
    code_differences,
    english_words,
    paragraphs,
    previous_english,
    problems,
    prose,
    read_catalog,
    translate,
    translate_document,
    update,
    update_document,
    write_catalog,
)

SETUP = "import numpy as np\n# the data\nX = np.ones(3)"
EXERCISE = ('def mse(y, p):\n    """Mean squared error."""\n    ### BEGIN SOLUTION\n'
            '    return np.mean((y - p) ** 2)  # the mean\n    ### END SOLUTION')
TEST = 'check_function(mse, reference.mse, [([1.0], [2.0])], hint="divide by N")'


def notebook():
    def code(source, grade_id):
        return nbformat.v4.new_code_cell(source, metadata={"nbgrader": {
            "grade_id": grade_id, "locked": True, "grade": False, "solution": False}})

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# The perceptron\n\nThe weights move."),
        code(SETUP, "setup"), code(EXERCISE, "mse"), code(TEST, "mse_visible"),
        code("x = 1", "example")])
    for index, cell in enumerate(nb.cells):
        cell.id = f"cell{index}"
    return nb


SPANISH = {
    "cell0": "# El perceptrón\n\nLos pesos se mueven.",
    "cell1": "import numpy as np\n# los datos,\n# en dos líneas\nX = np.ones(3)",
    "cell2": EXERCISE.replace("Mean squared error.", "Error cuadrático medio.").replace(
        "# the mean", "# la media"),
    "cell3": TEST.replace("divide by N", "divide entre N"),
}


def translated_catalog(nb):
    catalog = update(nb, None, "es", "01_test")
    for message in catalog:
        if message.id:
            message.string = SPANISH[message.context]
    return catalog


def test_every_cell_with_prose_has_an_entry_keyed_by_its_id(tmp_path):
    nb = notebook()
    catalog = update(nb, None, "es", "01_test")
    assert sorted(m.context for m in catalog if m.id) == ["cell0", "cell1", "cell2", "cell3"]
    assert problems(nb, catalog) == [f"cell {i}, {kind} (id cell{i}): not translated"
                                     for i, kind in [(0, "markdown"), (1, "code, setup"),
                                                     (2, "code, mse"), (3, "code, mse_visible")]]
    write_catalog(translated_catalog(nb), tmp_path / "01_test.po")
    again = read_catalog(tmp_path / "01_test.po")
    assert {m.context: (m.id, m.string) for m in again if m.id} == {
        cell.id: (cell.source, SPANISH[cell.id]) for cell in nb.cells if cell.id in SPANISH}


def test_a_translation_replaces_the_prose_and_keeps_everything_else():
    nb = notebook()
    spanish = translate(nb, translated_catalog(nb))
    assert [c.source for c in spanish.cells[:1] + spanish.cells[2:4]] == [
        SPANISH["cell0"], SPANISH["cell2"], SPANISH["cell3"]]
    assert spanish.cells[1].source.startswith(SPANISH["cell1"])
    assert spanish.cells[1].source.endswith('use_language("es")')
    assert spanish.cells[4].source == "x = 1"
    assert [c.metadata for c in spanish.cells] == [c.metadata for c in nb.cells]
    assert spanish.metadata["nn_course"] == {"language": "es"}


def test_a_changed_english_cell_keeps_its_translation_marked_stale(tmp_path):
    nb = notebook()
    catalog = translated_catalog(nb)
    nb.cells[0].source = "# The perceptron\n\nThe weights and the bias move."
    write_catalog(update(nb, catalog, "es", "01_test"), tmp_path / "01_test.po")
    updated = read_catalog(tmp_path / "01_test.po")  # as a translator finds it
    entry = next(m for m in updated if m.context == "cell0")
    assert entry.fuzzy and entry.string == SPANISH["cell0"]
    assert previous_english(entry) == "# The perceptron\n\nThe weights move."
    assert problems(nb, updated) == [
        "cell 0, markdown (id cell0): stale, the English changed after it was translated"]
    with pytest.raises(TranslationError, match="stale"):
        translate(nb, updated)
    # stale until a translator clears the flag, even if nothing else changes
    again = next(m for m in update(nb, updated, "es", "01_test") if m.context == "cell0")
    assert again.fuzzy and previous_english(again) == "# The perceptron\n\nThe weights move."
    nb.cells[0].source = "# The perceptron\n\nThe bias moves."  # changed again: still that one
    again = next(m for m in update(nb, updated, "es", "01_test") if m.context == "cell0")
    assert previous_english(again) == "# The perceptron\n\nThe weights move."
    entry.flags.discard("fuzzy")
    entry.id = nb.cells[0].source  # as `translations` writes it
    assert problems(nb, updated) == []


@pytest.mark.parametrize("english, translated, why", [
    (EXERCISE, EXERCISE.replace("(y - p)", "(p - y)"), "'y' became 'p'"),
    (EXERCISE, EXERCISE.replace("### END SOLUTION", "### FIN DE LA SOLUCIÓN"), "code changed"),
    (EXERCISE, EXERCISE.replace("return", "regresa"), "'return' became 'regresa'"),
    ('params["W"]', 'params["P"]', """'"W"' became '"P"'"""),
    ('print(f"{n} is wrong")', 'print(f"{n!r} está mal")', "f-string"),
    (EXERCISE, "def mse(y, p:", "not valid Python"),
])
def test_a_translation_that_changes_code_is_refused(english, translated, why):
    assert why in code_differences(english, translated)


def test_comments_docstrings_and_prose_strings_may_change():
    assert code_differences(EXERCISE, SPANISH["cell2"]) == ""
    assert code_differences(TEST, SPANISH["cell3"]) == ""
    assert code_differences('print(f"{n} cases pass")', 'print(f"{n} casos pasan")') == ""
    assert code_differences('print("network:", n)', 'print("red:", n)') == ""
    assert "became" in code_differences('print(p["network"])', 'print(p["red"])')
    hint = 'check(f, hint="keep the positive values, the others "\n           "unchanged")'
    assert code_differences(hint, hint.replace("keep", "deja").replace(
        "unchanged", "sin cambios")) == ""
    assert "became" in code_differences('f("a", "b")', 'f("a", "c")')


def test_english_left_in_a_translation_is_found():
    text = prose("markdown", "Los pesos of the red, `the_code`, $the$ y «Learning by doing».")
    assert english_words(text, []) == ["of", "the", "by"]
    assert english_words(text, ["Learning by doing"]) == ["of", "the"]
    assert english_words("Las unidades actúan y quedarían así.", []) == []
    assert english_words(prose("code", "for x in y:  # recorre los datos\n    pass"), []) == []
    docstring = 'def f(x):\n    """Si es convexa.\n\n    >>> [is_convex(v) for v in x]\n    """'
    assert english_words(prose("code", docstring), []) == []


def test_a_document_is_translated_paragraph_by_paragraph_and_refused_when_stale():
    english = "# Notation\n\nOne table for the course.\n\n| symbol | meaning |\n| --- | --- |\n"
    catalog = update_document(english, None, "es", "NOTATION")
    assert [m.id for m in catalog if m.id] == paragraphs(english)
    spanish = ["# Notación", "Una tabla para todo el curso.",
               "| símbolo | significado |\n| --- | --- |"]
    for message, text in zip([m for m in catalog if m.id], spanish):
        message.string = text
    assert translate_document(english, catalog) == (
        "# Notación\n\nUna tabla para todo el curso.\n\n| símbolo | significado |\n| --- | --- |\n")
    changed = english.replace("One table for the course.", "One table for the whole course.")
    with pytest.raises(TranslationError, match="One table for the whole course"):
        translate_document(changed, update_document(changed, catalog, "es", "NOTATION"))
