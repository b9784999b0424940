"""Tests for coursekit.slides: every slide number pinned, every erratum a checked fact."""

import html
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from coursekit import slides
from coursekit.slides import SlideValue

ERRATA = {
    "linear_collapse.c3",
    "dogs_vs_cats.p_dog",
    "dogs_vs_cats.bce_dog",
    "bce_examples.y0_p0.8",
    "bce_examples.y0_p0.2",
    "bce_examples.y1_p0.8",
    "bce_examples.y1_p0.2",
    "log_likelihood_example.log_likelihood",
    "sigmoid_434_gradients.dE_dO",
    "tanh_regression.w6_forward",
    "tanh_regression.E",
    "mazur_222.E_after",
}
NITS = {"tanh_regression.dE_dw3"}  # consistent with the slide's own numbers (cut, not rounded)

# The check state of every value: ✓ exact, ≈ consistent with the slide's own rounding, ✗ wrong,
# — unchecked (the slide prints no number).
CONSISTENT = {f"tanh_regression.dE_dw{k}" for k in range(1, 7)} | {
    f"update_table.w{k}" for k in range(1, 7)}
UNCHECKED = {"relu_shallow_net.joints", "relu_shallow_net.slopes", "relu_shallow_net.y_at_joints",
             "dogs_vs_cats.scores", "r2_cases.worse", "gravitational_waves.precision",
             "gravitational_waves.recall"}


def expected_state(name):
    if name in ERRATA:
        return "wrong"
    if name in CONSISTENT:
        return "consistent"
    return "unchecked" if name in UNCHECKED else "exact"


@pytest.fixture(scope="module")
def examples():
    return slides.all_examples()


def values_of(examples):
    return [v for result in examples.values() for v in slides.slide_values(result)]


def check(value, printed, exact, as_slide=None, rel=1e-9, abs_=1e-12):
    """Pin a SlideValue's printed, exact and (optional) slide-arithmetic values."""
    if printed is None:
        assert value.printed is None
    else:
        assert value.printed == pytest.approx(printed, rel=1e-12, abs=1e-15)
    assert value.exact == pytest.approx(exact, rel=rel, abs=abs_)
    if as_slide is None:
        assert value.as_slide is None
    else:
        assert value.as_slide == pytest.approx(as_slide, rel=1e-9, abs=1e-15)


# --- the catalogue as a whole ----------------------------------------------------------------

def test_all_examples_runs_every_example(examples):
    assert list(examples) == [f.__name__ for f in slides.EXAMPLES]


def test_names_are_unique_and_prefixed_by_their_example(examples):
    names = []
    for example, result in examples.items():
        for key, value in result.items():
            if isinstance(value, SlideValue):
                assert value.name == f"{example}.{key}"
                assert value.deck in {"BP", "INTRO", "MADC", "PERC", "Mazur 2015"}
                assert value.slide
                names.append(value.name)
    assert len(names) == len(set(names))


def test_every_value_has_its_state(examples):
    values = values_of(examples)
    assert len(values) == 79
    states = {}
    for value in values:
        assert value.state == expected_state(value.name), value.name
        assert value.symbol == {"exact": "✓", "consistent": "≈", "wrong": "✗",
                                "unchecked": "—"}[value.state]
        states[value.state] = states.get(value.state, 0) + 1
    assert states == {"exact": 48, "consistent": 12, "wrong": 12, "unchecked": 7}
    assert CONSISTENT | UNCHECKED | ERRATA <= {v.name for v in values}


def test_matches_is_false_exactly_for_the_errata(examples):
    for value in values_of(examples):
        assert value.matches == (value.name not in ERRATA), value.name


def test_every_erratum_and_nit_has_a_note_and_no_other_value_has_one(examples):
    for value in values_of(examples):
        assert bool(value.note) == (value.name in ERRATA | NITS), value.name
    assert slides.tanh_regression()["dE_dw3"].note.startswith("A nit:")


def test_every_value_has_a_readable_label_unique_in_the_course(examples):
    labels = []
    for value in values_of(examples):
        label = value.label
        assert label and label == value.row_label, value.name
        assert value.name not in label and "_" not in label.replace("out_", "").replace(
            "net_", ""), label  # Mazur's own names (net_h1, out_o1) are kept
        assert len(label) <= 80, label
        labels.append(label)
    assert len(labels) == len(set(labels))
    assert slides.tanh_regression()["dE_dw3"].label == "∂E/∂w3 (MADC's tanh example)"
    assert slides.bce_examples()["y0_p0.8"].label == "BCE for y = 0, p = 0.8"
    assert slides.parameter_count(4, 5, 2)["n_parameters"].label == (
        "parameters of a 4-5-2 shallow network")


def test_errata_lists_exactly_the_known_errata():
    found = slides.errata()
    assert {v.name for v in found} == ERRATA
    assert len(found) == len(ERRATA)
    assert all(not v.matches and v.note for v in found)


def test_examples_are_deterministic():
    a, b = slides.sigmoid_434_gradients(), slides.sigmoid_434_gradients()
    assert a["dE_dW61"].exact == b["dE_dW61"].exact


# --- SlideValue ------------------------------------------------------------------------------

def test_state_exact_consistent_wrong_and_unchecked():
    def value(printed, exact, decimals=4, as_slide=None):
        return SlideValue("t.x", "MADC", "s", printed, exact, decimals=decimals,
                          as_slide=as_slide)

    assert value(0.66, 0.6640367703, 2).state == "exact"
    # the slide's own rounded arithmetic, rounded ...
    assert value(-0.0508, -0.0530786, as_slide=-0.050796).state == "consistent"
    # ... or cut to the printed decimals
    assert value(-0.0693, -0.0739673, as_slide=-0.0693504).state == "consistent"
    # the exact value cut (not rounded) is consistent too, not exact
    assert value(0.698, 0.69897, 3).state == "consistent"
    assert value(0.699, 0.69897, 3).state == "exact"
    # one digit off both the exact value and the slide's own arithmetic
    assert value(-0.0692, -0.0739673, as_slide=-0.0693504).state == "wrong"
    assert value(0.00045, 0.0045071, 5, as_slide=0.00405).state == "wrong"
    # a formula evaluated as written (no decimals): exact within 1e-7, else wrong
    assert SlideValue("t.x", "BP", "s", 2.0, 2.0 + 1e-9).state == "exact"
    assert SlideValue("t.x", "BP", "s", 2.0, 2.5).state == "wrong"
    assert SlideValue("t.x", "BP", "s", 2.0, 2.5, as_slide=2.0).state == "consistent"
    assert SlideValue("t.x", "BP", "s", None, 2.5).state == "unchecked"
    # arrays: every element must agree
    assert value([3.3, 7.4], [3.3, 7.4000001], 1).state == "exact"
    assert value([3.3, 7.4], [3.3, 7.5], 1).state == "wrong"
    for printed, state in ((0.66, "exact"), (0.70, "wrong"), (None, "unchecked")):
        assert value(printed, 0.6640367703, 2).matches == (state != "wrong")


def test_matches_rounds_to_the_printed_decimals():
    def value(printed, exact, decimals):
        return SlideValue("t.x", "MADC", "s", printed, exact, decimals=decimals)

    assert value(0.66, 0.6640367703, 2).matches
    assert value(0.66, 0.6651, 2).matches and value(0.66, 0.6651, 2).state == "consistent"  # cut
    assert not value(0.66, 0.6711, 2).matches
    assert value(0.3346, 0.33465, 4).matches  # a printed tie rounded either way is fine
    assert value(-0.0693, -0.0693504, 4).matches  # cut, not rounded: consistent
    assert not value(-0.0694, -0.0695504, 4).matches
    assert value([3.3, 7.4], [3.3, 7.4000001], 1).matches
    assert not value([3.3, 7.4], [3.3, 7.5], 1).matches


def test_matches_without_decimals_uses_relative_tolerance_and_none_always_matches():
    assert SlideValue("t.x", "BP", "s", 1.0, 1.0 + 1e-9, ).matches
    assert not SlideValue("t.x", "BP", "s", 1.0, 1.0 + 1e-5).matches
    assert SlideValue("t.x", "BP", "s", None, 123.0).matches


def test_matches_compares_against_the_slides_own_arithmetic_when_given():
    value = SlideValue("t.x", "MADC", "s", -0.0594, -0.0630458547, decimals=4, as_slide=-0.0594)
    assert value.matches
    assert not SlideValue("t.x", "MADC", "s", -0.0594, -0.0630458547, decimals=4).matches


def test_values_are_float64():
    value = SlideValue("t.x", "PERC", "s", [1, 2], np.array([1, 2]), decimals=0)
    assert value.printed.dtype == np.float64 and value.exact.dtype == np.float64
    assert isinstance(SlideValue("t.x", "PERC", "s", 1, np.float32(1.0)).exact, float)


def test_str_and_html_show_slide_value_exact_and_note():
    erratum = slides.tanh_regression()["E"]
    text = str(erratum)
    assert "0.00045" in text and "0.00405" in text and "✗ wrong" in text and erratum.note in text
    assert erratum.label in text and erratum.name in text
    assert "✓ exact" in str(slides.mse_table()["mse"])
    assert "≈ consistent" in str(slides.tanh_regression()["dE_dw1"])
    page = erratum._repr_html_()
    assert page.startswith("<table>") and "0.00045" in page and "✗" in page
    table = slides.table_html(slides.mse_table())
    assert table.count("<tr>") == 1 + 4 and "✓" in table


LEGEND_TEXT = ("✓ exact: the slide&#x27;s value equals the exact value at the slide&#x27;s "
               "precision · ≈ consistent with the slide&#x27;s own rounding")


@pytest.mark.parametrize("example", slides.EXAMPLES, ids=lambda f: f.__name__)
def test_every_table_has_the_legend_under_it_and_labelled_rows(example):
    result = example()
    table = slides.table_html(result)
    body, legend = table.split("</table>")
    assert body.startswith("<table>") and legend.startswith('<p class="slide-check-legend">')
    assert LEGEND_TEXT in legend and "✗ wrong" in legend and legend.count("\n") == 0
    values = slides.slide_values(result)
    assert ("— the slide prints no number here" in legend) == any(
        v.state == "unchecked" for v in values)
    for v in values:  # the label is shown, the internal name only on hover
        assert f'<td title="{v.name}">' in body
        assert f">{v.label.replace('&', '&amp;').replace(chr(39), '&#x27;')}</td>" in body
        assert f"<td>{v.symbol}" in body


def test_table_check_column_shows_the_three_states():
    tanh = slides.tanh_regression()
    table = slides.table_html([tanh["h1"], tanh["dE_dw1"], tanh["E"]])
    assert "<td>✓</td>" in table and "<td>≈</td>" in table and "<td>✗ The slide prints" in table
    assert "∂E/∂w1 (MADC&#x27;s tanh example)" in table
    assert "<th>value</th>" in table and html.escape(slides.LEGEND) in table


def test_bce_log10_vs_ln():
    values = slides.bce_log10_vs_ln(0, 0.8)
    assert values["ln"] == pytest.approx(-math.log(0.2))
    assert values["log10"] == pytest.approx(-math.log10(0.2))


# --- PERC ------------------------------------------------------------------------------------

def test_mse_table():
    r = slides.mse_table()
    check(r["errors"], [-10, 5, 5], [-10, 5, 5])
    check(r["squared"], [100, 25, 25], [100, 25, 25])
    check(r["total"], 150, 150)
    check(r["mse"], 50, 50)
    assert r["mse"].slide == "Funciones de costo" and r["mse"].deck == "PERC"


# --- INTRO -----------------------------------------------------------------------------------

def test_parameter_count():
    check(slides.parameter_count()["n_parameters"], 13, 13)
    value = slides.parameter_count(s=4, n=5, m=2)["n_parameters"]
    check(value, 4 * 5 + 5 + 5 * 2 + 2, 37)


def test_linear_collapse_is_linear_and_the_slides_c3_drops_the_output_weights():
    r = slides.linear_collapse()
    W, b_hidden, w_out, b4, a, b = (r[k] for k in ("W", "b_hidden", "w_out", "b4", "a", "b"))
    c1, c2, c3 = (r[k].exact for k in ("c1", "c2", "c3"))
    X = np.random.default_rng(1).normal(size=(20, 2))
    network = (a * (X @ W + b_hidden) + b) @ w_out + b4
    np.testing.assert_allclose(network, c1 * X[:, 0] + c2 * X[:, 1] + c3, rtol=1e-12, atol=1e-12)
    assert c3 == pytest.approx(a * b_hidden @ w_out + b * w_out.sum() + b4, rel=1e-12)
    assert r["c3"].printed == pytest.approx(a * b_hidden @ w_out + 3 * b + b4, rel=1e-12)
    assert r["c3"].printed - c3 == pytest.approx(b * (3 - w_out.sum()), rel=1e-9)
    assert r["c1"].matches and r["c2"].matches and not r["c3"].matches
    # the slide's constant is right only when b = 0
    assert slides.linear_collapse(b=0.0)["c3"].matches


def test_relu_shallow_net():
    r = slides.relu_shallow_net()
    check(r["joints"], None, [-2.0, 1.2, 2.0])
    check(r["slopes"], None, [0.0, -0.9, 0.8, -1.6])
    check(r["y_at_joints"], None, [-0.5, -3.38, -2.74])
    x = r["x"]
    expected = (-0.6 * np.maximum(1.5 * x + 3, 0) + 1.7 * np.maximum(x - 1.2, 0)
                - 1.2 * np.maximum(2 * x - 4, 0) - 0.5)
    np.testing.assert_allclose(r["y"], expected, atol=1e-12)
    np.testing.assert_allclose(r["contributions"].sum(axis=1) - 0.5, r["y"], atol=1e-12)


def test_relu_shallow_net_at_given_points():
    r = slides.relu_shallow_net([0.0, 3.0])
    np.testing.assert_allclose(r["y"], [-2.3, -4.34], atol=1e-12)


def test_log_likelihood_is_a_sum_of_logs_not_a_log_of_a_sum():
    r = slides.log_likelihood_example()
    check(r["log_likelihood"], math.log(2.0), math.log(0.2 * 0.8 * 0.8 * 0.2), rel=1e-12)
    assert r["likelihood"] == pytest.approx(0.0256)
    assert r["bce_mean"] == pytest.approx(-r["log_likelihood"].exact / 4, rel=1e-12)


def test_r2_cases():
    r = slides.r2_cases()
    check(r["perfect"], 1.0, 1.0)
    check(r["mean"], 0.0, 0.0)
    check(r["worse"], None, -3.0)
    assert r["worse"].exact < 0


def test_gravitational_waves_table_puts_positives_first():
    r = slides.gravitational_waves()
    np.testing.assert_array_equal(r["slide_table"], [[3, 1], [2, 4]])  # [[TP, FN], [FP, TN]]
    np.testing.assert_array_equal(r["confusion_matrix"], [[4, 2], [1, 3]])
    check(r["precision"], None, 3 / (3 + 2))
    check(r["recall"], None, 3 / (3 + 1))


def test_gravitational_waves_with_given_labels():
    r = slides.gravitational_waves([1, 0, 1, 1], [1, 0, 0, 1])
    np.testing.assert_array_equal(r["slide_table"], [[2, 1], [0, 1]])
    assert r["precision"].exact == 1.0 and r["recall"].exact == pytest.approx(2 / 3)


# --- MADC: forward pass and XOR --------------------------------------------------------------

def test_dogs_vs_cats_forward_pass():
    r = slides.dogs_vs_cats()
    check(r["z1"], 3.3, 0.1 + 0.1 * 8 + 0.2 * 12)
    check(r["relu_z1"], 3.3, 3.3)
    check(r["z_hidden"], [3.3, 7.4, 11.5], [3.3, 7.4, 11.5])
    check(r["scores"], None, [5.36, 12.12])
    assert r["p"] == pytest.approx([1 / (1 + math.exp(6.76)), 1 / (1 + math.exp(-6.76))])
    assert r["p"].sum() == pytest.approx(1.0)
    # transposing the slide's Wᵀ gives our (n_in, n_out) layout
    assert r["params"][0]["W"].shape == (2, 3) and r["params"][1]["W"].shape == (3, 2)


def test_dogs_vs_cats_probability_and_loss_errata():
    r = slides.dogs_vs_cats()
    p_dog = 1 / (1 + math.exp(-6.76))
    check(r["p_dog"], 0.9986, p_dog)
    assert round(p_dog, 5) == 0.99884 and round(p_dog, 4) == 0.9988 != 0.9986
    check(r["bce_dog"], 0.00061, -math.log(p_dog))
    assert r["bce_dog"].exact == pytest.approx(0.0011586, rel=1e-4)
    # the slide's 0.00061 is -log10(0.9986), rounded; with ln it is 0.00140
    assert round(-math.log10(0.9986), 5) == 0.00061
    assert r["bce_dog_slide_p"]["log10"] == pytest.approx(-math.log10(0.9986))
    assert r["bce_dog_slide_p"]["ln"] == pytest.approx(0.0014010, rel=1e-4)
    assert math.log(0.9986) < 0
    for text in ("0.9986", "0.99884", "0.000608", "0.00140", "0.00116"):
        assert text in r["p_dog"].note + r["bce_dog"].note


def test_xor_relu_tables():
    r = slides.xor_relu_tables()
    check(r["C"], [0, 1, 1, 2], [0, 1, 1, 2])
    check(r["D"], [0, 0, 0, 1], [0, 0, 0, 1])
    check(r["Y"], [0, 1, 1, 0], [0, 1, 1, 0])
    check(r["target"], [0, 1, 1, 0], [0, 1, 1, 0])
    X = r["X"]
    C = np.maximum(X.sum(axis=1), 0)
    D = np.maximum(X.sum(axis=1) - 1, 0)
    np.testing.assert_array_equal(np.maximum(C - 2 * D, 0), [0, 1, 1, 0])


# --- MADC: binary cross-entropy --------------------------------------------------------------

@pytest.mark.parametrize("y, p, printed", [(0, 0.8, 0.698), (0, 0.2, 0.096),
                                           (1, 0.8, 0.096), (1, 0.2, 0.698)])
def test_bce_examples_print_truncated_log10_values(y, p, printed):
    value = slides.bce_examples()[f"y{y}_p{p}"]
    q = p if y else 1 - p
    check(value, printed, -math.log(q), rel=1e-12)
    # the slide's number is -log10 cut (not rounded) to 3 decimals
    assert math.floor(-math.log10(q) * 1000) / 1000 == printed
    assert round(-math.log10(q), 3) == pytest.approx(printed + 0.001)
    assert f"{-math.log(q):.3f}" in value.note and f"{-math.log10(q):.5f}" in value.note


def test_bce_examples_natural_log_values():
    r = slides.bce_examples()
    assert [round(r[k].exact, 3) for k in ("y0_p0.8", "y0_p0.2", "y1_p0.8", "y1_p0.2")] == [
        1.609, 0.223, 0.223, 1.609]
    np.testing.assert_array_equal(r["cases"], [[0, 0.8], [0, 0.2], [1, 0.8], [1, 0.2]])


# --- MADC and BP: backpropagation ------------------------------------------------------------

def test_chain_rule_graph():
    r = slides.chain_rule_graph()
    assert (r["d"], r["e"], r["L"]) == (4.0, 5.0, -15.0)
    check(r["dL_da"], -3.0, -3.0)
    check(r["dL_db"], -6.0, -6.0)
    check(r["dL_dc"], 5.0, 5.0)
    r = slides.chain_rule_graph(a=0.3, b=-1.7, c=2.2)
    check(r["dL_da"], 2.2, 2.2, rel=1e-7)
    check(r["dL_db"], 4.4, 4.4, rel=1e-7)
    check(r["dL_dc"], 0.3 - 3.4, 0.3 - 3.4, rel=1e-7)


def _half_sse_434(x, t, params):
    """E = ½Σ(t − o)² of the 4-3-4 sigmoid network, written out independently of coursekit."""
    h = 1 / (1 + np.exp(-(x @ params[0]["W"])))
    o = 1 / (1 + np.exp(-(h @ params[1]["W"])))
    return 0.5 * float(np.sum((t - o) ** 2))


def _central_difference(x, t, params, layer, index, eps=1e-5):
    W = params[layer]["W"]
    original = W[index]
    W[index] = original + eps
    plus = _half_sse_434(x, t, params)
    W[index] = original - eps
    minus = _half_sse_434(x, t, params)
    W[index] = original
    return (plus - minus) / (2 * eps)


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_434_hand_formulas_agree_with_central_differences(seed):
    r = slides.sigmoid_434_gradients(rng=seed)
    x, t, params = r["x"], r["t"], r["params"]
    assert r["E"] == pytest.approx(_half_sse_434(x, t, params), rel=1e-12)
    numeric_61 = _central_difference(x, t, params, 1, (1, 0))  # W61: o6 -> o1
    numeric_86 = _central_difference(x, t, params, 0, (0, 1))  # W86: o8 -> o6
    for value, numeric in ((r["dE_dW61"], numeric_61), (r["dE_dW86"], numeric_86)):
        assert abs(value.printed - numeric) / abs(numeric) < 1e-7
        assert abs(value.exact - numeric) / abs(numeric) < 1e-7
        assert value.matches


def test_434_unit_numbering():
    r = slides.sigmoid_434_gradients(rng=0)
    o, x, params = r["o"], r["x"], r["params"]
    assert sorted(o) == list(range(1, 12))
    assert [o[i] for i in range(8, 12)] == list(x[0])
    hidden = 1 / (1 + np.exp(-(x @ params[0]["W"])))[0]
    np.testing.assert_allclose([o[5], o[6], o[7]], hidden, rtol=1e-12)
    dE_do6 = sum((o[k] - r["t"][0, k - 1]) * o[k] * (1 - o[k]) * params[1]["W"][1, k - 1]
                 for k in range(1, 5))
    assert r["dE_do6"] == pytest.approx(dE_do6, rel=1e-12)


@pytest.mark.parametrize("seed", [0, 7])
def test_434_sign_erratum(seed):
    r = slides.sigmoid_434_gradients(rng=seed)
    out = np.array([r["o"][k] for k in range(1, 5)])
    value = r["dE_dO"]
    np.testing.assert_allclose(value.printed, r["t"][0] - out, rtol=1e-12)  # the deck's (y − O)
    np.testing.assert_allclose(value.exact, out - r["t"][0], rtol=1e-12)
    # the derivative of E is (O − t): check o1's entry numerically
    eps = 1e-6
    e = lambda o1: 0.5 * ((r["t"][0, 0] - o1) ** 2)  # noqa: E731
    numeric = (e(out[0] + eps) - e(out[0] - eps)) / (2 * eps)
    assert numeric == pytest.approx(value.exact[0], rel=1e-6)
    assert numeric == pytest.approx(-value.printed[0], rel=1e-6)
    assert not value.matches


# --- MADC: the tanh regression example -------------------------------------------------------

H1, H2 = math.tanh(0.8), math.tanh(0.9)
Y_HAT = 0.5 * H1 + 0.8 * H2
FULL_GRADIENTS = [(Y_HAT - 1) * 0.5 * (1 - H1**2) * 2, (Y_HAT - 1) * 0.5 * (1 - H1**2) * 3,
                  (Y_HAT - 1) * 0.8 * (1 - H2**2) * 2, (Y_HAT - 1) * 0.8 * (1 - H2**2) * 3,
                  (Y_HAT - 1) * H1, (Y_HAT - 1) * H2]
SLIDE_GRADIENTS = [-0.09 * 0.5 * (1 - 0.66**2) * 2, -0.09 * 0.5 * (1 - 0.66**2) * 3,
                   -0.09 * 0.8 * (1 - 0.72**2) * 2, -0.09 * 0.8 * (1 - 0.72**2) * 3,
                   -0.09 * 0.66, -0.09 * 0.72]
PRINTED_GRADIENTS = [-0.0508, -0.0762, -0.0693, -0.1040, -0.0594, -0.0648]


def test_tanh_forward_pass():
    r = slides.tanh_regression()
    check(r["a1"], 0.8, 2 * 0.1 + 3 * 0.2)
    check(r["a2"], 0.9, 2 * 0.3 + 3 * 0.1)
    check(r["h1"], 0.66, H1)
    check(r["h2"], 0.72, H2)
    assert H1 == pytest.approx(0.6640367703) and H2 == pytest.approx(0.7162978702)
    check(r["y_hat"], 0.91, Y_HAT, as_slide=0.906)
    assert Y_HAT == pytest.approx(0.9050566813)
    check(r["y_hat_minus_y"], -0.09, Y_HAT - 1, as_slide=-0.09)


def test_tanh_forward_line_typo():
    value = slides.tanh_regression()["w6_forward"]
    check(value, 0.4, 0.8)
    assert 0.5 * 0.66 + 0.4 * 0.72 == pytest.approx(0.618)
    assert round(0.5 * 0.66 + 0.4 * 0.72, 2) != 0.91
    assert round(0.5 * 0.66 + 0.8 * 0.72, 2) == 0.91
    assert "0.618" in value.note


def test_tanh_error_value():
    value = slides.tanh_regression()["E"]
    check(value, 0.00045, 0.5 * (Y_HAT - 1) ** 2, as_slide=0.00405)
    assert 0.5 * (0.91 - 1) ** 2 == pytest.approx(0.00405)
    assert value.exact == pytest.approx(0.0045071169)
    assert "0.00405" in value.note and "0.00451" in value.note


@pytest.mark.parametrize("k", range(6))
def test_tanh_gradients(k):
    value = slides.tanh_regression()[f"dE_dw{k + 1}"]
    check(value, PRINTED_GRADIENTS[k], FULL_GRADIENTS[k], as_slide=SLIDE_GRADIENTS[k])
    assert value.state == "consistent" and value.matches  # ≈: the slide rounded ŷ − y to −0.09
    assert bool(value.note) == (k == 2)  # −0.0693 is −0.06935 cut, not rounded: a nit


def test_tanh_gradient_values():
    r = slides.tanh_regression()
    np.testing.assert_allclose(r["gradients"], [-0.053078553, -0.0796178294, -0.0739672803,
                                                -0.1109509205, -0.0630458547, -0.068007697],
                               rtol=1e-8)
    np.testing.assert_allclose([r[f"dE_dw{k}"].as_slide for k in range(1, 7)],
                               [-0.050796, -0.076194, -0.0693504, -0.1040256, -0.0594, -0.0648],
                               rtol=1e-9)


def test_tanh_w3_gradient_is_cut_not_rounded():
    as_slide = -0.09 * 0.8 * (1 - 0.72**2) * 2
    assert as_slide == pytest.approx(-0.0693504)
    assert round(as_slide, 4) == -0.0694
    assert math.trunc(as_slide * 1e4) / 1e4 == -0.0693
    assert "-0.0693504" in slides.tanh_regression()["dE_dw3"].note


def test_tanh_gradients_match_central_differences():
    r = slides.tanh_regression()
    w = np.array([0.1, 0.2, 0.3, 0.1, 0.5, 0.8])

    def error(w):
        h1, h2 = np.tanh(2 * w[0] + 3 * w[1]), np.tanh(2 * w[2] + 3 * w[3])
        return 0.5 * (w[4] * h1 + w[5] * h2 - 1) ** 2

    eps = 1e-6
    numeric = [(error(w + eps * e) - error(w - eps * e)) / (2 * eps) for e in np.eye(6)]
    np.testing.assert_allclose(r["gradients"], numeric, rtol=1e-7)


def test_update_table():
    r = slides.update_table()
    printed = [0.1254, 0.2381, 0.3346, 0.1520, 0.5297, 0.8324]
    w = [0.1, 0.2, 0.3, 0.1, 0.5, 0.8]
    for k in range(6):
        check(r[f"w{k + 1}"], printed[k], w[k] - 0.5 * FULL_GRADIENTS[k],
              as_slide=w[k] - 0.5 * PRINTED_GRADIENTS[k])
    # the slide used its printed 4-decimal gradients: 0.3 + 0.5·0.0693 = 0.33465 -> 0.3346
    assert r["w3"].as_slide == pytest.approx(0.33465)
    np.testing.assert_allclose([r[f"w{k}"].exact for k in range(1, 7)],
                               [0.1265392765, 0.2398089147, 0.3369836402, 0.1554754602,
                                0.5315229274, 0.8340038485], rtol=1e-9)
    assert r["E_before"] == pytest.approx(0.0045071169)
    assert r["E_after"] < r["E_before"]


# --- Mazur 2015 ------------------------------------------------------------------------------

MAZUR_PUBLISHED = {
    "net_h1": 0.3775, "out_h1": 0.593269992, "out_h2": 0.596884378, "net_o1": 1.105905967,
    "out_o1": 0.75136507, "out_o2": 0.772928465, "E_total": 0.298371109,
    "w1": 0.149780716, "w2": 0.19956143, "w3": 0.24975114, "w4": 0.29950229,
    "w5": 0.35891648, "w6": 0.408666186, "w7": 0.511301270, "w8": 0.561370121,
}


@pytest.mark.parametrize("key", MAZUR_PUBLISHED)
def test_mazur_reproduces_the_published_values(key):
    value = slides.mazur_222()[key]
    published = MAZUR_PUBLISHED[key]
    decimals = len(f"{published:.9f}".rstrip("0").split(".")[1])
    assert value.printed == published
    assert value.exact == pytest.approx(published, abs=0.5 * 10.0**-decimals)
    assert value.matches and value.deck == "Mazur 2015"


def test_mazur_first_step_error():
    r = slides.mazur_222()
    value = r["E_after"]
    check(value, 0.291027924, 0.2910277737, rel=1e-9)
    assert round(value.exact, 9) == 0.291027774
    # the published 0.291027924 comes from hidden gradients through the updated w5…w8
    assert round(r["E_after_late_hidden"], 9) == 0.291027924
    assert "0.291027774" in value.note and "0.291027924" in value.note


def test_mazur_biases_are_not_updated():
    r = slides.mazur_222()
    for old, new in zip(r["params"], r["new_params"], strict=True):
        np.testing.assert_array_equal(old["b"], new["b"])
    np.testing.assert_allclose(r["grads"][1]["W"][0, 0], 0.082167041, atol=5e-10)  # ∂E/∂w5


# --- MADC: gradient descent ------------------------------------------------------------------

def test_convexity_example():
    r = slides.convexity_example()
    check(r["lhs"], 2.25, 2.25)
    check(r["rhs"], 2.5, 2.5)
    assert r["holds"]


def test_epoch_batch_example():
    r = slides.epoch_batch_example()
    check(r["iterations"], 10, 10)
    check(r["times_seen"], 5, 5)
    assert r["updates"] == 50
    np.testing.assert_array_equal(r["seen"], np.full(1000, 5))


# --- MADC: the regularised cost (07) ---------------------------------------------------------

def test_regularized_cost_example():
    r = slides.regularized_cost_example()
    # weights 0.5, -0.2, 0.4, 0.6, -0.7, 0.9: Σ w² = 2.11; λ/(2m) = 1/8 (biases not penalised)
    check(r["penalty"], 0.26375, 0.26375)
    assert r["penalty_with_biases"] == pytest.approx(2.25 / 8)
    check(r["cost"], r["data_term"] + 0.26375, r["data_term"] + 0.26375)
    assert r["data_term"] == pytest.approx(0.7177409304341638, rel=1e-12)
    assert slides.regularized_cost_example(lambda_=0.0)["cost"].exact == pytest.approx(
        r["data_term"])
    assert r["cost"].slide == "Para redes neuronales, las funciones son no convexas"


def test_slide_titles_are_the_decks_spanish_titles():
    assert slides.tanh_regression()["E"].slide == "Ejemplo con red neuronal"
    assert slides.update_table()["w1"].slide == "Ejemplo de cálculo"
    assert slides.dogs_vs_cats()["p_dog"].slide == "Ejemplo de cálculo para una red neuronal"
    assert slides.epoch_batch_example()["iterations"].slide == (
        "Conceptos importantes: Epoch y batch")
    assert slides.sigmoid_434_gradients()["dE_dO"].slide == "How does it actually work?"


# --- course/ERRATA.md: the errata in one place -------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
ERRATA_MD = ROOT / "course" / "ERRATA.md"


def errata_sections():
    """``{section title: [table rows as lists of cells]}`` of ERRATA.md's numbered sections."""
    sections, current = {}, None
    for line in ERRATA_MD.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = sections.setdefault(line[3:], [])
        elif current is not None and line.startswith("| ") and not line.startswith("| ---"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if cells[0] not in ("slide", "deck", "section"):  # not a header row
                current.append(cells)
    return sections


def notebook_headings(folder):
    """Markdown headings of a course notebook, without their "N · " numbers."""
    cells = json.loads((ROOT / "course" / folder / f"{folder}.ipynb").read_text("utf-8"))["cells"]
    return {re.sub(r"^#+\s+(\d+ · )?", "", line).strip()
            for cell in cells if cell["cell_type"] == "markdown"
            for line in "".join(cell["source"]).splitlines() if line.startswith("#")}


def test_errata_md_lists_every_wrong_value_by_slide_and_key(examples):
    text = ERRATA_MD.read_text(encoding="utf-8")
    for value in values_of(examples):
        if value.state == "wrong":
            example = value.name.split(".")[0]
            assert f"`slides.{value.name}`" in text or f"`slides.{example}`" in text, value.name
            assert value.slide in text, value.slide


def test_errata_md_counts_its_rows_and_the_states(examples):
    sections = errata_sections()
    errors, nits, conventions = (rows for title, rows in sections.items() if title[0] in "123")
    per_deck = {}
    text = ERRATA_MD.read_text(encoding="utf-8")
    for deck, rows in zip(("INTRO", "MADC", "BP", "Mazur"), _deck_tables()):
        per_deck[deck] = len(rows)
    assert sum(per_deck.values()) == len(errors)
    summary = (f"**errors** ({len(errors)}: INTRO {per_deck['INTRO']}, PERC 0, MADC "
               f"{per_deck['MADC']}, BP {per_deck['BP']}, Mazur {per_deck['Mazur']}), **nits**")
    assert summary in text
    assert f"spelling: {len(nits)})" in text and f"(not errors: {len(conventions)})" in text
    counts = {s: sum(v.state == s for v in values_of(examples))
              for s in ("exact", "consistent", "wrong", "unchecked")}
    assert (f"Of the {sum(counts.values())} values that `coursekit.slides` recomputes, "
            f"{counts['exact']} are ✓, "
            f"{counts['consistent']} ≈") in text
    assert f"{counts['wrong']} ✗" in text and f"and {counts['unchecked']} —" in text


def _deck_tables():
    """The errors' tables, one per deck with errors (### headings of section 1), in order."""
    tables, current, in_errors = [], None, False
    for line in ERRATA_MD.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_errors = line.startswith("## 1")
        elif in_errors and line.startswith("### "):
            current = []
            tables.append(current)
        elif in_errors and current is not None and line.startswith("| ") and not (
                line.startswith("| ---") or line.startswith("| slide |")
                or line.startswith("| section |")):
            current.append(line)
    return [t for t in tables if t]


def test_errata_md_links_name_existing_notebook_sections():
    text = ERRATA_MD.read_text(encoding="utf-8")
    links = re.findall(r"\[(0[1-7]) › ([^\]]+)\]\((0[1-7]_\w+)/(0[1-7]_\w+)\.ipynb\)", text)
    assert len(links) >= 30
    for number, heading, folder, name in links:
        assert folder == name and folder.startswith(number), folder
        assert heading in notebook_headings(folder), (folder, heading)
    for name in ("NOTATION.md", "GLOSSARY.md"):
        assert f"]({name})" in text and (ROOT / "course" / name).exists()
