"""Explorers of 01_perceptron, headless: boundary sliders, Rosenblatt stepper, logistic neuron.

Each control change must change the readout, the PNG and the artists' data, and the data must be
mathematically right; a student's function passed in must be the one used.
"""

import math
import re

import numpy as np
import pytest
from explorer_checks import content_fraction

from coursekit.explorers import boundary_explorer, logistic_explorer, rosenblatt_explorer
from coursekit.explorers._plane import TRUTH_TABLE, boundary_segment, grid_points
from coursekit.explorers.logistic import default_data
from coursekit.explorers.rosenblatt import AND_TARGETS, replay
from coursekit.losses import bce
from coursekit.metrics import accuracy
from coursekit.perceptron import logistic_neuron, perceptron_predict, train_perceptron

BOX = ((-0.5, 1.5), (-0.5, 1.5))
OR_TARGETS = np.array([0.0, 1.0, 1.0, 1.0])


def misclassified(readout: str) -> tuple[int, int]:
    found = re.search(r"misclassified: (\d+) of (\d+)", readout)
    assert found, readout
    return int(found[1]), int(found[2])


def change(explorer, action):
    """Apply ``action`` and return (readout, png) before and after."""
    before = explorer.readout.value, explorer.view.image.value
    action()
    return before, (explorer.readout.value, explorer.view.image.value)


def assert_on_line(x1, x2, w, b):
    assert len(x1) == len(x2) == 2
    np.testing.assert_allclose(w[0] * np.asarray(x1) + w[1] * np.asarray(x2) + b, 0.0,
                               atol=1e-12)


def assert_on_box_border(x1, x2, box=BOX):
    (xlo, xhi), (ylo, yhi) = box
    for u, v in zip(x1, x2):
        assert xlo - 1e-12 <= u <= xhi + 1e-12 and ylo - 1e-12 <= v <= yhi + 1e-12
        assert min(abs(u - xlo), abs(u - xhi), abs(v - ylo), abs(v - yhi)) < 1e-12


# --- boundary_segment ------------------------------------------------------------------------


def test_segment_lies_on_the_line_and_ends_on_the_box():
    rng = np.random.default_rng(0)
    for w1, w2, b in rng.uniform(-2.0, 2.0, (200, 3)):
        x1, x2 = boundary_segment(w1, w2, b, *BOX)
        if x1.size:  # else the line misses the box: both corners' sides agree
            assert_on_line(x1, x2, (w1, w2), b)
            assert_on_box_border(x1, x2)
        else:
            corners = np.array([[-0.5, -0.5], [-0.5, 1.5], [1.5, -0.5], [1.5, 1.5]])
            z = corners @ [w1, w2] + b
            assert (z > 0).all() or (z < 0).all()


def test_segment_special_cases():
    x1, x2 = boundary_segment(2.0, 0.0, -1.0, *BOX)  # vertical: x1 = 0.5
    np.testing.assert_allclose(x1, [0.5, 0.5])
    np.testing.assert_allclose(sorted(x2), [-0.5, 1.5])
    x1, x2 = boundary_segment(0.0, 0.0, -1.0, *BOX)  # no line
    assert x1.size == x2.size == 0
    x1, x2 = boundary_segment(1e-10, 1.0, -1.0, *BOX)  # almost horizontal: x2 = 1
    np.testing.assert_allclose(x2, [1.0, 1.0])


# --- boundary_explorer -----------------------------------------------------------------------


def test_boundary_and_with_the_slide_weights_has_no_mistakes():
    explorer = boundary_explorer()
    assert explorer.values == {"problem": "AND", "w1": 1.0, "w2": 1.0, "b": -1.5}
    assert misclassified(explorer.readout.value) == (0, 4)
    regions = explorer.artists["regions"].get_array()
    expected = perceptron_predict(grid_points(*BOX), [1.0, 1.0], -1.5).reshape(regions.shape)
    np.testing.assert_array_equal(regions, expected)
    x1, x2 = explorer.artists["line"].get_data()
    assert_on_line(x1, x2, (1.0, 1.0), -1.5)
    assert_on_box_border(x1, x2)
    np.testing.assert_allclose(sorted(x1), [0.0, 1.5])  # x1 + x2 = 1.5 across the box
    assert explorer.artists["wrong"].get_offsets().shape[0] == 0


def test_boundary_slider_moves_the_line_the_regions_and_the_readout():
    explorer = boundary_explorer()
    (text0, png0), (text1, png1) = change(
        explorer, lambda: setattr(explorer.controls["b"], "value", -0.5))
    assert text1 != text0 and png1 != png0
    assert "b = -0.50" in text1
    assert misclassified(text1) == (2, 4)  # x1 + x2 >= 0.5: (0,1) and (1,0) now predicted 1
    x1, x2 = explorer.artists["line"].get_data()
    assert_on_line(x1, x2, (1.0, 1.0), -0.5)
    np.testing.assert_array_equal(explorer.artists["wrong"].get_offsets(), [[0, 1], [1, 0]])
    regions = explorer.artists["regions"].get_array()
    np.testing.assert_array_equal(
        regions, perceptron_predict(grid_points(*BOX), [1.0, 1.0], -0.5).reshape(regions.shape))


def test_boundary_vertical_line_and_no_line():
    explorer = boundary_explorer()
    explorer.controls["w1"].value = 2.0
    explorer.controls["w2"].value = 0.0
    explorer.controls["b"].value = -1.0
    x1, x2 = explorer.artists["line"].get_data()
    np.testing.assert_allclose(x1, [0.5, 0.5])
    np.testing.assert_allclose(sorted(x2), [-0.5, 1.5])
    png = explorer.view.image.value
    explorer.controls["w1"].value = 0.0  # w = 0: z = b < 0 everywhere, no line
    x1, x2 = explorer.artists["line"].get_data()
    assert len(x1) == len(x2) == 0
    assert misclassified(explorer.readout.value) == (1, 4)  # only (1, 1) is a 1
    assert not explorer.artists["regions"].get_array().any()
    assert explorer.view.image.value != png


def test_boundary_dropdown_switches_problem():
    explorer = boundary_explorer()
    assert explorer.controls["problem"].options == ("AND", "OR", "XOR")
    (text0, png0), (text1, png1) = change(
        explorer, lambda: setattr(explorer.controls["problem"], "value", "XOR"))
    assert text1 != text0 and png1 != png0
    assert misclassified(text1) == (3, 4)
    assert "not linearly separable" in text1
    np.testing.assert_array_equal(explorer.artists["points"].get_array(), [0, 1, 1, 0])
    explorer.controls["problem"].value = "OR"
    explorer.controls["b"].value = -0.5
    assert misclassified(explorer.readout.value) == (0, 4)
    assert "not linearly separable" not in explorer.readout.value


def test_boundary_xor_never_reaches_zero_mistakes():
    explorer = boundary_explorer()
    explorer.controls["problem"].value = "XOR"
    counts = []
    grid = [-2.0, -1.0, 0.0, 1.0, 2.0]
    for w1 in grid:
        explorer.controls["w1"].value = w1
        for w2 in grid:
            explorer.controls["w2"].value = w2
            for b in grid:
                explorer.controls["b"].value = b
                assert explorer.values == {"problem": "XOR", "w1": w1, "w2": w2, "b": b}
                counts.append(misclassified(explorer.readout.value)[0])
    assert min(counts) == 1  # the best a line can do


def test_boundary_uses_the_students_predict():
    calls = []

    def always_one(X, w, b):
        calls.append(np.shape(X))
        return np.ones(len(X))

    explorer = boundary_explorer(predict=always_one)
    assert calls and (4, 2) in calls
    assert explorer.artists["regions"].get_array().all()
    assert misclassified(explorer.readout.value) == (3, 4)  # AND has three zeros
    explorer.controls["problem"].value = "OR"
    assert misclassified(explorer.readout.value) == (1, 4)


def test_boundary_custom_problems_and_bad_input():
    X = np.array([[0.0, 0.0], [2.0, 2.0]])
    explorer = boundary_explorer({"two": (X, [0, 1])}, w1=1.0, w2=1.0, b=-2.0)
    assert misclassified(explorer.readout.value) == (0, 2)
    assert explorer.artists["regions"].get_extent() == [-0.5, 2.5, -0.5, 2.5]
    with pytest.raises(ValueError, match=r"\(n_samples, 2\)"):
        boundary_explorer({"bad": (np.zeros((4, 3)), np.zeros(4))})
    with pytest.raises(ValueError, match="one target per row"):
        boundary_explorer({"bad": (np.zeros((4, 2)), np.zeros(3))})
    with pytest.raises(ValueError, match="empty"):
        boundary_explorer({})


def test_boundary_figure_has_content():
    assert content_fraction(boundary_explorer()) > 0.35


# --- rosenblatt_explorer ---------------------------------------------------------------------


def test_rosenblatt_starts_at_zero():
    explorer = rosenblatt_explorer()
    state = explorer.state
    assert state.k == 0 and state.b == 0.0 and not state.w.any()
    assert explorer.readout.value.startswith("step 0 of 40")
    assert len(explorer.artists["line"].get_xdata()) == 0  # w = 0: no line
    assert explorer.artists["last"].get_offsets().shape[0] == 0
    assert not explorer.artists["z"].get_array().any()


def test_rosenblatt_step_applies_the_rule_to_the_next_example():
    explorer = rosenblatt_explorer(lr=0.5)
    (text0, png0), (text1, png1) = change(explorer, explorer.step_button.click)
    assert text1 != text0 and png1 != png0
    # example 0 = (0, 0), target 0: z = 0 -> step 1 -> mistake, b -= lr
    assert explorer.state.k == 1 and explorer.state.mistake
    np.testing.assert_array_equal(explorer.state.w, [0.0, 0.0])
    assert explorer.state.b == -0.5
    assert "step 1 of 40" in text1 and "epoch 1, example 0" in text1 and "b = -0.50" in text1
    np.testing.assert_array_equal(explorer.artists["last"].get_offsets(), [[0.0, 0.0]])
    np.testing.assert_allclose(explorer.artists["z"].get_array(), -0.5)
    for _ in range(3):
        explorer.step_button.click()
    state = explorer.state
    assert (state.k, state.epoch, state.index, state.epoch_mistakes) == (4, 1, 3, 2)
    np.testing.assert_array_equal(explorer.artists["last"].get_offsets(), [[1.0, 1.0]])
    x1, x2 = explorer.artists["line"].get_data()
    assert_on_line(x1, x2, state.w, state.b)
    z = explorer.artists["z"].get_array()
    np.testing.assert_allclose(z, (grid_points(*BOX) @ state.w + state.b).reshape(z.shape))


def test_rosenblatt_converges_to_train_perceptrons_result():
    explorer = rosenblatt_explorer(lr=0.5)
    for _ in range(45):  # the button stops at max_steps = 40
        explorer.step_button.click()
    state = explorer.state
    assert state.k == 40 and explorer.step_button.disabled
    assert state.converged_epoch is not None and "converged" in explorer.readout.value
    w, b, history = train_perceptron(TRUTH_TABLE, AND_TARGETS, lr=0.5)
    assert history.converged and len(history.errors) == state.converged_epoch
    np.testing.assert_array_equal(state.w, w)
    assert state.b == b
    np.testing.assert_array_equal(perceptron_predict(TRUTH_TABLE, state.w, state.b), AND_TARGETS)
    x1, x2 = explorer.artists["line"].get_data()
    assert_on_line(x1, x2, w, b)


@pytest.mark.parametrize("lr", [0.05, 0.1, 0.3, 0.5, 1.0, 2.0])
@pytest.mark.parametrize("targets", [AND_TARGETS, OR_TARGETS], ids=["AND", "OR"])
def test_replay_matches_train_perceptron(lr, targets):
    w, b, history = train_perceptron(TRUTH_TABLE, targets, lr=lr)
    state = replay(TRUTH_TABLE, targets, len(history.weights) - 1 + 8, lr)
    assert state.converged_epoch == len(history.errors)
    np.testing.assert_array_equal(state.w, w)
    assert state.b == b


def test_rosenblatt_lr_slider_replays_the_same_steps():
    explorer = rosenblatt_explorer(lr=0.5)
    for _ in range(7):
        explorer.step_button.click()
    w_half, b_half = explorer.state.w, explorer.state.b
    (text0, png0), (text1, png1) = change(
        explorer, lambda: setattr(explorer.controls["lr"], "value", 1.0))
    assert text1 != text0 and png1 != png0
    assert explorer.state.k == 7  # same steps, new rate
    # from w = 0 every update is a multiple of lr (exact for powers of two)
    np.testing.assert_array_equal(explorer.state.w, 2 * w_half)
    assert explorer.state.b == 2 * b_half
    expected = replay(TRUTH_TABLE, AND_TARGETS, 7, 1.0)
    np.testing.assert_array_equal(explorer.state.w, expected.w)
    z = explorer.artists["z"].get_array()
    np.testing.assert_allclose(z, (grid_points(*BOX) @ expected.w + expected.b).reshape(z.shape))


def test_rosenblatt_reset():
    explorer = rosenblatt_explorer()
    for _ in range(5):
        explorer.step_button.click()
    (_, png0), (text1, png1) = change(explorer, explorer.reset_button.click)
    assert explorer.state.k == 0 and text1.startswith("step 0 of 40") and png1 != png0
    explorer.step_button.click()
    assert explorer.state.k == 1


def test_rosenblatt_uses_the_students_update():
    calls = []

    def frozen(x, y, w, b, lr):  # never learns
        calls.append((tuple(x), y, lr))
        return w, b

    explorer = rosenblatt_explorer(update=frozen, lr=1.0, max_steps=8)
    for _ in range(8):
        explorer.step_button.click()
    assert calls[-4:] == [((0.0, 0.0), 0.0, 1.0), ((0.0, 1.0), 0.0, 1.0),
                          ((1.0, 0.0), 0.0, 1.0), ((1.0, 1.0), 1.0, 1.0)]
    assert explorer.state.b == 0.0 and not explorer.state.w.any()
    assert explorer.state.converged_epoch is None
    assert "mistakes in epoch 2 so far: 3" in explorer.readout.value  # all predicted 1


def test_rosenblatt_bad_input():
    with pytest.raises(ValueError, match="both X and y"):
        rosenblatt_explorer(X=TRUTH_TABLE)
    with pytest.raises(ValueError, match="lr must be in"):
        rosenblatt_explorer(lr=5.0)
    with pytest.raises(ValueError, match="max_steps"):
        rosenblatt_explorer(max_steps=0)


def test_rosenblatt_figure_has_content():
    explorer = rosenblatt_explorer()
    for _ in range(3):
        explorer.step_button.click()
    assert content_fraction(explorer) > 0.35


# --- logistic_explorer -----------------------------------------------------------------------


def test_logistic_initial_curve_and_threshold():
    explorer = logistic_explorer()
    curve = explorer.artists["curve"]
    np.testing.assert_allclose(curve.get_ydata(), logistic_neuron(curve.get_xdata(), -5.0, 1.0))
    assert explorer.artists["threshold"].get_visible()
    np.testing.assert_allclose(explorer.artists["threshold"].get_xdata(), [5.0, 5.0])
    assert "threshold x* = -w0/w1 = 5.00" in explorer.readout.value


@pytest.mark.parametrize(("w0", "w1"), [(-10.0, 1.5), (7.0, -1.0), (-3.2, 0.5)])
def test_logistic_sliders_move_curve_threshold_and_readout(w0, w1):
    explorer = logistic_explorer()
    (text0, png0), (text1, png1) = change(
        explorer, lambda: setattr(explorer.controls["w0"], "value", w0))
    assert text1 != text0 and png1 != png0
    explorer.controls["w1"].value = w1
    x_star = -w0 / w1
    np.testing.assert_allclose(explorer.artists["threshold"].get_xdata(), [x_star, x_star])
    assert f"threshold x* = -w0/w1 = {x_star:.2f}" in explorer.readout.value
    curve = explorer.artists["curve"]
    np.testing.assert_allclose(curve.get_ydata(), logistic_neuron(curve.get_xdata(), w0, w1))
    # the curve crosses 0.5 at the threshold
    np.testing.assert_allclose(np.interp(x_star, curve.get_xdata(), curve.get_ydata()), 0.5,
                               atol=0.02)
    x, y = default_data()
    p = logistic_neuron(x, w0, w1)
    assert f"mean BCE = {bce(y, p):.3f}" in explorer.readout.value
    assert f"accuracy (p ≥ 0.5) = {accuracy(y, (p >= 0.5).astype(float)):.2f}" in (
        explorer.readout.value)
    shading = explorer.artists["class1"].get_array()[0]
    np.testing.assert_array_equal(shading, curve.get_ydata() >= 0.5)


def test_logistic_good_weights_separate_dogs_from_cats():
    explorer = logistic_explorer(w0=-10.0, w1=1.5)
    found = re.search(r"accuracy \(p ≥ 0.5\) = ([\d.]+)", explorer.readout.value)
    assert float(found[1]) >= 0.8


def test_logistic_threshold_hidden_when_w1_is_zero():
    explorer = logistic_explorer(w0=0.0)
    explorer.controls["w1"].value = 0.0
    assert not explorer.artists["threshold"].get_visible()
    assert "none (w1 = 0" in explorer.readout.value
    np.testing.assert_allclose(explorer.artists["curve"].get_ydata(), 0.5)


def test_logistic_uses_the_students_neuron():
    def half(x, w0, w1):
        return np.full(np.shape(x), 0.5)

    explorer = logistic_explorer(neuron=half, w0=3.0, w1=2.0)
    np.testing.assert_allclose(explorer.artists["curve"].get_ydata(), 0.5)
    assert f"mean BCE = {math.log(2):.3f}" in explorer.readout.value
    assert explorer.artists["class1"].get_array().all()  # 0.5 >= 0.5 everywhere


def test_logistic_custom_data_and_bad_input():
    x = np.array([[0.0], [1.0], [2.0], [3.0]])
    explorer = logistic_explorer(x, [0, 0, 1, 1], w0=-1.5, w1=1.0)
    assert "accuracy (p ≥ 0.5) = 1.00" in explorer.readout.value
    assert "mean BCE" in explorer.readout.value
    with pytest.raises(ValueError, match="both x and y"):
        logistic_explorer(x=x)
    with pytest.raises(ValueError, match="one label per sample"):
        logistic_explorer(x, [0, 1])
    with pytest.raises(ValueError, match="labels 0 and 1"):
        logistic_explorer(x, [0, 1, 2, 1])


def test_logistic_figure_has_content():
    assert content_fraction(logistic_explorer()) > 0.35


# --- what the notebook's revealed explanations say ---------------------------------------------


def test_boundary_intervals_of_b_for_and_and_or():
    explorer = boundary_explorer()
    for problem, wrong_at in (("AND", {-2.0: 0, -1.5: 0, -1.05: 0, -1.0: 2}),
                              ("OR", {-1.05: 2, -1.0: 0, -0.05: 0, 0.0: 1})):
        explorer.controls["problem"].value = problem
        for b, wrong in wrong_at.items():
            explorer.controls["b"].value = b
            assert misclassified(explorer.readout.value) == (wrong, 4), (problem, b)


def test_rosenblatt_rate_only_rescales_from_zero_except_at_a_rounded_tie():
    for lr in (0.5, 1.0, 2.0):
        state = replay(TRUTH_TABLE, AND_TARGETS, 40, lr)
        assert state.converged_epoch == 6
        np.testing.assert_allclose([*state.w, state.b], [2.0 * lr, lr, -3.0 * lr])
    state = replay(TRUTH_TABLE, AND_TARGETS, 40, 0.1)  # (1, 0) on the line in exact arithmetic
    assert state.converged_epoch == 4
    np.testing.assert_allclose([*state.w, state.b], [0.2, 0.1, -0.2])
    assert state.b < -0.2 and np.asarray([1.0, 0.0]) @ state.w + state.b < 0


def test_training_and_from_a_non_zero_start_depends_on_the_rate():
    start = np.array([1.0, 1.0])
    w, b, history = train_perceptron(TRUTH_TABLE, AND_TARGETS, lr=2.0, w=start, b=0.0)
    assert history.errors == [1, 0] and b == -2.0
    w, b, history = train_perceptron(TRUTH_TABLE, AND_TARGETS, lr=0.1, w=start, b=0.0)
    assert len(history.errors) == 5 and sum(history.errors) == 8
    np.testing.assert_allclose([*w, b], [0.7, 0.6, -0.8])


def test_logistic_best_accuracy_and_best_cross_entropy_on_the_sliders():
    x, y = default_data()
    w0 = np.round(np.arange(-10.0, 10.0001, 0.1), 2)[:, None, None]
    w1 = np.round(np.arange(-5.0, 5.0001, 0.05), 2)[None, :, None]
    p = 1.0 / (1.0 + np.exp(-(w0 + w1 * x[None, None, :])))
    accuracies = ((p >= 0.5) == y).mean(axis=-1)
    assert accuracies.max() == pytest.approx(0.925)
    p = np.clip(p, 1e-15, 1 - 1e-15)
    losses = -(y * np.log(p) + (1 - y) * np.log(1 - p)).mean(axis=-1)
    i, j = np.unravel_index(losses.argmin(), losses.shape)
    assert (w0[i, 0, 0], w1[0, j, 0]) == (-9.9, 1.45)
    assert losses[i, j] == pytest.approx(0.288, abs=5e-4) and accuracies[i, j] == 0.9
    explorer = logistic_explorer()
    explorer.controls["w0"].value, explorer.controls["w1"].value = -10.0, 1.4
    assert "mean BCE = 0.300" in explorer.readout.value
    assert "accuracy (p ≥ 0.5) = 0.93" in explorer.readout.value
