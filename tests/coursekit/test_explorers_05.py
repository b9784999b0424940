"""Explorers of 05_backprop, headless: the backprop stepper and the tangent explorer.

Each control change must change the readout, the PNG and the artists' data, and the data must be
mathematically right; a student's function passed in must be the one used.
"""

import re

import numpy as np
import pytest
from explorer_checks import change, content_fraction

from coursekit.backprop import tanh_example_gradients
from coursekit.explorers.backprop_stepper import STAGES, backprop_stepper, stage_values
from coursekit.explorers.tangent_explorer import error_curve, error_of, tangent_explorer
from coursekit.gradcheck import numerical_gradient

SLIDE_W = [0.1, 0.2, 0.3, 0.1, 0.5, 0.8]


def number(readout: str, label: str) -> float:
    found = re.search(re.escape(label) + r" = (-?[0-9.]+)", readout)
    assert found, readout
    return float(found[1])


# --- backprop_stepper -------------------------------------------------------------------------


def test_stepper_walks_forward_then_backward_with_the_slide_numbers():
    explorer = backprop_stepper()
    assert "stage 0/8" in explorer.readout.value and content_fraction(explorer) > 0.05
    pngs = {explorer.view.image.value}
    for stage in range(1, len(STAGES)):
        explorer.step_button.click()
        assert explorer.stage == stage and f"stage {stage}/8" in explorer.readout.value
        pngs.add(explorer.view.image.value)
    assert len(pngs) == len(STAGES)  # every stage draws something new
    text = explorer.readout.value
    assert "a = [0.8000, 0.9000]" in text and "h = [0.6640, 0.7163]" in text
    assert number(text, "ŷ") == 0.9051 and number(text, "E") == pytest.approx(0.004507)
    assert "∂E/∂w5 = -0.0630, ∂E/∂w6 = -0.0680" in text
    assert "∂E/∂w1…w4 = [-0.0531, -0.0796, -0.0740, -0.1110]" in text
    widths = [line.get_linewidth() for line in explorer.artists["edges"]]
    np.testing.assert_allclose(widths, 1.0 + 40.0 * np.minimum(
        np.abs(tanh_example_gradients([2.0, 3.0], 1.0, SLIDE_W)), 0.2))
    explorer.step_button.click()  # stays at the last stage
    assert explorer.stage == 8
    explorer.back_button.click()
    assert explorer.stage == 7 and "∂E/∂w1…w4" not in explorer.readout.value
    assert explorer.artists["edges"][0].get_linewidth() == 3.0  # ∂E/∂w1 not known yet
    explorer.reset_button.click()
    assert explorer.stage == 0 and explorer.artists["node_labels"][2].get_text() == "h1"


def test_stepper_sliders_recompute_everything_shown():
    explorer = backprop_stepper()
    for _ in range(8):
        explorer.step_button.click()
    for name, value in [("x1", -1.0), ("x2", 0.5), ("y", -0.4)]:
        (text0, png0), (text1, png1) = change(explorer, name, value)
        assert text1 != text0 and png1 != png0
    x, y = np.array([-1.0, 0.5]), -0.4
    expected = stage_values(x, y, SLIDE_W)
    np.testing.assert_allclose(expected["grads"], tanh_example_gradients(x, y, SLIDE_W))
    assert explorer.latest["y_hat"] == pytest.approx(expected["y_hat"])
    np.testing.assert_allclose(explorer.latest["grads"], expected["grads"])
    assert number(explorer.readout.value, "E") == pytest.approx(expected["E"], abs=1e-6)
    h1 = np.tanh(0.1 * -1.0 + 0.2 * 0.5)
    assert explorer.latest["delta1"] == pytest.approx((expected["y_hat"] - y) * 0.5 * (1 - h1**2))
    assert explorer.artists["node_labels"][0].get_text() == "x1 = -1.00"


def test_stepper_weight_slider_sets_the_chosen_weight():
    explorer = backprop_stepper()
    assert explorer.values["which"] == "w6" and explorer.values["value"] == 0.8
    for _ in range(6):
        explorer.step_button.click()
    (text0, png0), (text1, png1) = change(explorer, "value", 0.4)  # the forward slide's 0.4
    assert text1 != text0 and png1 != png0
    assert explorer.w[5] == 0.4 and number(text1, "ŷ") == pytest.approx(0.5 * np.tanh(0.8)
                                                                          + 0.4 * np.tanh(0.9),
                                                                          abs=1e-4)
    png = explorer.view.image.value
    explorer.controls["which"].value = "w1"
    assert explorer.controls["value"].value == pytest.approx(0.1)
    assert explorer.view.image.value != png  # the bold name moved
    assert [n.get_fontweight() for n in explorer.artists["names"]][:2] == ["bold", "normal"]
    explorer.controls["value"].value = -0.5
    np.testing.assert_allclose(explorer.w, [-0.5, 0.2, 0.3, 0.1, 0.5, 0.4])
    widths = [line.get_linewidth() for line in explorer.artists["edges"]]
    assert widths[:4] == [3.0] * 4 and widths[4] != 3.0  # only ∂E/∂w5, ∂E/∂w6 known at stage 6


def test_stepper_uses_the_given_gradients():
    calls = []

    def my_gradients(x, y, w):
        calls.append(1)
        return np.arange(6.0) / 100

    explorer = backprop_stepper(gradients=my_gradients)
    for _ in range(8):
        explorer.step_button.click()
    assert calls and "∂E/∂w1…w4 = [0.0000, 0.0100, 0.0200, 0.0300]" in explorer.readout.value
    with pytest.raises(ValueError, match="six weights"):
        backprop_stepper(w=[1.0, 2.0])


# --- tangent_explorer ---------------------------------------------------------------------------


def test_tangent_starts_at_w5_with_matching_slopes():
    explorer = tangent_explorer()
    text = explorer.readout.value
    assert "w5 = 0.50" in text and "(agree)" in text
    backprop, numeric = explorer.slopes
    assert backprop == pytest.approx(-0.0630458, abs=1e-7)
    assert numeric == pytest.approx(backprop, rel=1e-6)
    assert content_fraction(explorer) > 0.05
    x, y = explorer.artists["point"].get_data()
    assert x[0] == 0.5 and y[0] == pytest.approx(error_of([2.0, 3.0], 1.0, SLIDE_W))


def test_tangent_slider_moves_point_and_tangent_with_the_right_slope():
    explorer = tangent_explorer()
    curve0 = explorer.artists["curve"].get_ydata().copy()
    (text0, png0), (text1, png1) = change(explorer, "value", 1.25)
    assert text1 != text0 and png1 != png0
    w = np.array(SLIDE_W)
    w[4] = 1.25
    E = error_of([2.0, 3.0], 1.0, w)
    slope = tanh_example_gradients([2.0, 3.0], 1.0, w)[4]
    xs, ys = explorer.artists["tangent"].get_data()
    np.testing.assert_allclose(xs, [0.75, 1.75])
    np.testing.assert_allclose(ys, [E - 0.5 * slope, E + 0.5 * slope])
    # the tangent touches the curve: E(w ± h) ≈ E + slope·h for small h
    h = 1e-4
    w[4] = 1.25 + h
    assert error_of([2.0, 3.0], 1.0, w) == pytest.approx(E + slope * h, abs=1e-8)
    np.testing.assert_array_equal(explorer.artists["curve"].get_ydata(), curve0)  # same weight


def test_tangent_weight_menu_changes_the_curve_and_resets():
    explorer = tangent_explorer()
    explorer.controls["value"].value = 2.0
    png = explorer.view.image.value
    explorer.controls["which"].value = "w1"
    assert explorer.controls["value"].value == pytest.approx(0.1)
    np.testing.assert_allclose(explorer.w, SLIDE_W)  # w5 reset
    assert explorer.view.image.value != png and "w1 = 0.10" in explorer.readout.value
    grid = explorer.artists["curve"].get_xdata()
    np.testing.assert_allclose(explorer.artists["curve"].get_ydata(),
                               error_curve([2.0, 3.0], 1.0, SLIDE_W, 0, grid))


def test_tangent_agrees_where_tanh_saturates_and_the_slope_is_almost_zero():
    explorer = tangent_explorer(which="w4")
    change(explorer, "value", 2.4)  # slope ≈ 2e-7: relative error ≈ 2e-5, difference ≈ 5e-12
    backprop, numerical = explorer.slopes
    assert abs(backprop) < 1e-6 and abs(backprop - numerical) < 1e-9
    assert "agree up to rounding" in explorer.readout.value
    assert "DISAGREE" not in explorer.readout.value


def test_tangent_uses_the_given_functions_and_flags_a_wrong_gradient():
    used = {"grad": 0, "num": 0}

    def wrong_gradients(x, y, w):
        used["grad"] += 1
        return -tanh_example_gradients(x, y, w)  # a sign slip

    def my_numerical(f, x, eps=1e-6):
        used["num"] += 1
        return numerical_gradient(f, x, eps)

    explorer = tangent_explorer(gradients=wrong_gradients, numerical_gradient=my_numerical)
    assert used["grad"] and used["num"] and "DISAGREE" in explorer.readout.value
    with pytest.raises(ValueError, match="which must be one of"):
        tangent_explorer(which="w9")
