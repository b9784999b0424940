"""coursekit's messages in Spanish: every message translated, placeholders kept, the language
switched by use_language."""

import string
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

import coursekit
from coursekit import activations, losses
from coursekit.checks import check_function
from coursekit.language import LANGUAGES, LOCALE, use_language
from coursekit.misconceptions.nb01 import CATALOGUE
from nn_course.translation import message_template, read_catalog

TEMPLATE = [m for m in message_template(Path(coursekit.__file__).parent) if m.id]
SPANISH = {m.id: m for m in read_catalog(LOCALE / "es.po") if m.id}
CASE = (np.array([-2.0, 0.0, 1.0, 3.0]),)


@pytest.fixture(autouse=True)
def english_afterwards():
    """Every test leaves coursekit speaking English, whatever it switched to or raised."""
    yield
    use_language("en")


def placeholders(text: str) -> Counter:
    """The replacement fields of a format string, ``{name!r:.2f}`` as (name, conversion, spec)."""
    return Counter((name, conversion, spec)
                   for _, name, spec, conversion in string.Formatter().parse(text)
                   if name is not None)


def wrong_sign_sigmoid(z):
    return 1.0 / (1.0 + np.exp(np.asarray(z, dtype=float)))


def mse(y_true, y_pred):  # named as the exercise: the checks look its misconceptions up by name
    return float(np.sum((np.asarray(y_true, float) - np.asarray(y_pred, float)) ** 2))


def failure(student, reference, case) -> str:
    with pytest.raises(AssertionError) as raised:
        check_function(student, reference, [case])
    return str(raised.value)


def test_the_template_is_not_empty():
    ids = {m.id for m in TEMPLATE}
    assert len(ids) > 400
    assert {"expected", "got", "hint", "why"} <= ids  # the labels of every failing check


@pytest.mark.parametrize("message", TEMPLATE, ids=lambda m: m.id[:60])
def test_every_message_has_a_spanish_translation(message):
    entry = SPANISH.get(message.id)
    assert entry is not None, "not in locale/es.po: run nn-course translations --language es"
    assert entry.string and entry.string.strip(), "not translated"
    assert not entry.fuzzy, "fuzzy: the English changed after it was translated"


@pytest.mark.parametrize("message", TEMPLATE, ids=lambda m: m.id[:60])
def test_every_translation_keeps_the_placeholders(message):
    entry = SPANISH.get(message.id)
    assert entry is not None and entry.string
    assert placeholders(entry.string) == placeholders(message.id)


def test_a_failing_check_speaks_spanish_and_names_the_misconception():
    says = next(m.says for m in CATALOGUE["mse"] if m.name == "sum_not_mean")
    spanish_says = SPANISH[says].string
    assert spanish_says and spanish_says != says
    use_language("es")
    message = failure(mse, losses.mse, (np.array([20.0, 3.0, 1.0]),
                                               np.array([10.0, 8.0, 6.0])))
    assert "esperado:" in message and "obtenido:" in message and "por qué:" in message
    assert spanish_says in message and says not in message
    message = failure(wrong_sign_sigmoid, activations.sigmoid, CASE)
    assert "esperado" in message and "obtenido" in message
    assert "expected" not in message and "got" not in message


def test_use_language_en_restores_english():
    use_language("es")
    failure(wrong_sign_sigmoid, activations.sigmoid, CASE)
    use_language("en")
    message = failure(wrong_sign_sigmoid, activations.sigmoid, CASE)
    assert "expected:" in message and "got:" in message
    assert "esperado" not in message and "obtenido" not in message
    says = next(m.says for m in CATALOGUE["mse"] if m.name == "sum_not_mean")
    message = failure(mse, losses.mse, (np.array([20.0, 3.0, 1.0]),
                                               np.array([10.0, 8.0, 6.0])))
    assert f"why: {says}" in message


def test_an_explorer_is_built_in_the_language_in_use():
    from coursekit.explorers import backprop_stepper

    use_language("es")
    spanish = backprop_stepper()
    assert spanish.step_button.description == "Paso"
    assert "etapa 0/8" in spanish.readout.value
    use_language("en")
    english = backprop_stepper()
    assert english.step_button.description == "Step"
    assert "stage 0/8" in english.readout.value


def test_an_unknown_language_is_refused_and_says_which_exist():
    with pytest.raises(ValueError) as raised:
        use_language("fr")
    assert "'fr'" in str(raised.value)
    assert all(language in str(raised.value) for language in LANGUAGES)
    assert LANGUAGES == ("en", "es")
