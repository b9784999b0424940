"""Explorers of 04_bce_derivation, headless: likelihood over w, BCE vs MSE curves, threshold.

Each control change must change the readout, the PNG and the artists' data, and the data must be
mathematically right; a student's function passed in must be the one used.
"""

import re

import numpy as np
import pytest
from explorer_checks import changed, content_fraction

from coursekit.activations import sigmoid
from coursekit.explorers.bce_curves import P_CURVE, Z_CURVE, bce_curves_explorer
from coursekit.explorers.likelihood_explorer import W_GRID, likelihood_explorer, nll_curve
from coursekit.explorers.logistic import default_data
from coursekit.explorers.threshold_explorer import default_scores, slide_table, threshold_explorer
from coursekit.likelihood import log_likelihood
from coursekit.losses import bce, bce_with_logits
from coursekit.metrics import precision, recall


def number(readout: str, label: str) -> float:
    found = re.search(re.escape(label) + r" = ([-+0-9.e]+)", readout)
    assert found, (label, readout)
    return float(found[1])


# --- likelihood_explorer ---------------------------------------------------------------------


def test_likelihood_readout_matches_the_reference():
    explorer = likelihood_explorer()
    x, y = default_data()
    p = sigmoid(1.0 * x - 7.0)
    text = explorer.readout.value
    assert number(text, "ln L") == pytest.approx(log_likelihood(y, p), abs=1e-3)
    assert number(text, "−ln L / n") == pytest.approx(bce(y, p), abs=1e-4)
    assert number(text, "L") == pytest.approx(np.exp(log_likelihood(y, p)), rel=1e-2)
    assert content_fraction(explorer) > 0.05


def test_likelihood_w_slider_moves_the_curve_and_the_markers():
    explorer = likelihood_explorer()
    x, y = default_data()
    text = changed(explorer, "w", 1.5)
    assert "w = 1.50" in text
    curve = explorer.artists["curve"]
    np.testing.assert_allclose(curve.get_ydata(), sigmoid(1.5 * curve.get_xdata() - 7.0))
    marker_w, marker_nll = explorer.artists["nll_marker"].get_data()
    assert marker_w[0] == 1.5
    assert marker_nll[0] == pytest.approx(min(-log_likelihood(y, sigmoid(1.5 * x - 7.0)), 80.0))
    np.testing.assert_allclose(explorer.artists["nll"].get_ydata(), nll_curve(x, y, -7.0))


def test_likelihood_b_slider_recomputes_the_curves_over_w():
    explorer = likelihood_explorer()
    x, y = default_data()
    before = np.array(explorer.artists["nll"].get_ydata())
    changed(explorer, "b", -10.0)
    nll = np.asarray(explorer.artists["nll"].get_ydata())
    assert not np.allclose(nll, before)
    np.testing.assert_allclose(nll, [-log_likelihood(y, sigmoid(w * x - 10.0)) for w in W_GRID])
    scaled = np.asarray(explorer.artists["likelihood"].get_ydata())
    assert scaled.max() == pytest.approx(80.0)  # L / max L = 1 at the top of the axes
    assert W_GRID[np.argmax(scaled)] == W_GRID[np.argmin(nll)]  # max L where min −ln L


def test_likelihood_uses_the_students_function():
    calls = []

    def student(y, p):
        calls.append(1)
        return log_likelihood(y, p) - 1.0

    explorer = likelihood_explorer(x=[1.0, 2.0, 3.0, 4.0], y=[0, 0, 1, 1], log_likelihood=student)
    assert calls
    p = sigmoid(1.0 * np.array([1.0, 2.0, 3.0, 4.0]) - 7.0)
    assert number(explorer.readout.value, "ln L") == pytest.approx(
        log_likelihood([0, 0, 1, 1], p) - 1.0, abs=1e-3)


def test_likelihood_rejects_half_the_data():
    with pytest.raises(ValueError, match="both"):
        likelihood_explorer(x=[1.0, 2.0])


# --- bce_curves_explorer ---------------------------------------------------------------------


def test_bce_curves_readout_and_markers_follow_z():
    explorer = bce_curves_explorer()
    assert content_fraction(explorer) > 0.05
    text = changed(explorer, "z", 2.0)
    p = float(sigmoid(2.0))
    assert number(text, "p = σ(z)") == pytest.approx(p, abs=1e-3)
    assert number(text, "BCE") == pytest.approx(-np.log(p), abs=1e-3)
    assert number(text, "MSE") == pytest.approx((p - 1) ** 2, abs=1e-3)
    assert number(text, "σ(z) − y") == pytest.approx(p - 1, abs=1e-4)
    assert number(text, "2(σ(z) − y)σ'(z)") == pytest.approx(2 * (p - 1) * p * (1 - p), abs=1e-4)
    np.testing.assert_allclose(explorer.artists["bce_marker"].get_data(), [[p], [-np.log(p)]])
    np.testing.assert_allclose(explorer.artists["mse_gradient_marker"].get_data(),
                               [[2.0], [2 * (p - 1) * p * (1 - p)]])


def test_bce_curves_confidently_wrong_gradients():
    explorer = bce_curves_explorer(z=-6.0, y=1)
    text = explorer.readout.value
    assert number(text, "σ(z) − y") < -0.99
    assert abs(number(text, "2(σ(z) − y)σ'(z)")) < 0.01


def test_bce_curves_label_toggle_swaps_the_curves():
    explorer = bce_curves_explorer()
    changed(explorer, "y", 0)
    np.testing.assert_allclose(explorer.artists["bce"].get_ydata(), -np.log1p(-P_CURVE))
    np.testing.assert_allclose(explorer.artists["mse"].get_ydata(), P_CURVE**2)
    np.testing.assert_allclose(explorer.artists["bce_gradient"].get_ydata(), sigmoid(Z_CURVE))


def test_bce_curves_use_the_students_functions():
    used = {"loss": 0, "gradient": 0}

    def loss(y, z):
        used["loss"] += 1
        return bce_with_logits(y, z) + 10.0

    def gradient(y, z):
        used["gradient"] += 1
        return np.zeros_like(np.asarray(z, dtype=float)) + 0.125

    explorer = bce_curves_explorer(loss=loss, gradient=gradient, z=0.0)
    assert used["loss"] and used["gradient"]
    assert number(explorer.readout.value, "BCE") == pytest.approx(np.log(2) + 10.0, abs=1e-3)
    assert number(explorer.readout.value, "σ(z) − y") == 0.125


# --- threshold_explorer ----------------------------------------------------------------------


def counts(readout):
    return {k: int(number(readout, k)) for k in ("TP", "FP", "FN", "TN")}


def test_threshold_matrix_and_metrics_follow_the_slider():
    explorer = threshold_explorer()
    assert content_fraction(explorer) > 0.05
    scores, y = default_scores()
    for t in (0.3, 0.8):
        text = changed(explorer, "threshold", t)
        y_pred = (scores >= t).astype(float)
        table = slide_table(y, scores, t)
        np.testing.assert_array_equal(explorer.artists["matrix"].get_array(), table)
        assert counts(text) == {"TP": table[0, 0], "FN": table[0, 1], "FP": table[1, 0],
                                "TN": table[1, 1]}
        assert number(text, "TP/(TP+FP)") == pytest.approx(precision(y, y_pred), abs=1e-3)
        assert number(text, "TP/(TP+FN)") == pytest.approx(recall(y, y_pred), abs=1e-3)
        assert explorer.artists["counts"][0][0].get_text() == f"TP\n{table[0, 0]}"
        assert explorer.artists["line"].get_xdata()[0] == t


def test_threshold_extremes():
    explorer = threshold_explorer(threshold=0.0)
    c = counts(explorer.readout.value)
    assert c["FN"] == c["TN"] == 0 and number(explorer.readout.value, "TP/(TP+FN)") == 1.0
    explorer.controls["threshold"].value = 1.0
    c = counts(explorer.readout.value)
    assert c["TP"] + c["FP"] <= 1  # only a score of exactly 1.0 is predicted positive


def test_threshold_uses_the_students_functions():
    explorer = threshold_explorer(scores=[0.9, 0.4, 0.6, 0.1], y=[1, 1, 0, 0],
                                  precision=lambda y, p: 0.123, recall=lambda y, p: 0.456)
    assert number(explorer.readout.value, "TP/(TP+FP)") == 0.123
    assert number(explorer.readout.value, "TP/(TP+FN)") == 0.456
    assert counts(explorer.readout.value) == {"TP": 1, "FN": 1, "FP": 1, "TN": 1}


def test_threshold_rejects_bad_labels():
    with pytest.raises(ValueError, match="label"):
        threshold_explorer(scores=[0.2, 0.8], y=[0, 2])


# --- what the notebook's revealed explanations say ---------------------------------------------


def test_likelihood_baseline_and_best_on_the_sliders():
    explorer = likelihood_explorer()
    explorer.controls["w"].value, explorer.controls["b"].value = 0.0, 0.0
    assert number(explorer.readout.value, "−ln L / n") == pytest.approx(np.log(2.0), abs=1e-4)
    x, y = default_data()
    ws = np.round(np.arange(-1.0, 3.0001, 0.05), 2)
    at_minus_7 = [-log_likelihood(y, sigmoid(w * x - 7.0)) for w in ws]
    assert ws[int(np.argmin(at_minus_7))] == 1.05
    best = min((-log_likelihood(y, sigmoid(w * x + b)) / x.size, w, b) for w in ws
               for b in np.round(np.arange(-20.0, 10.0001, 0.1), 1))
    assert best[1:] == (1.7, -11.5) and best[0] == pytest.approx(0.2854, abs=1e-4)


def test_bce_and_mse_gradients_for_a_cat():
    explorer = bce_curves_explorer(z=4.0, y=0)
    assert number(explorer.readout.value, "σ(z) − y") == pytest.approx(0.9820, abs=1e-4)
    assert number(explorer.readout.value, "2(σ(z) − y)σ'(z)") == pytest.approx(0.0347, abs=1e-4)
    explorer.controls["z"].value = 8.0
    assert "BCE = 8.000, MSE = 0.999" in explorer.readout.value


def test_threshold_points_of_the_task():
    scores, y = default_scores()
    at = {t: (precision(y, (scores >= t).astype(float)), recall(y, (scores >= t).astype(float)))
          for t in np.round(np.arange(0.0, 1.0001, 0.01), 2)}
    assert at[0.0] == (0.5, 1.0) and at[1.0] == (0.0, 0.0)
    assert min(t for t, (p, _) in at.items() if p == 1.0) == 0.79 and at[0.79][1] == 0.67
    assert at[0.34] == pytest.approx((0.93, 0.93)) and at[0.35][0] < at[0.34][0]
