"""Explorers of 07_overfitting, headless: capacity (training in the callback), bias–variance and
double descent.

Each control change must change the readout, the PNG and the artists' data, and the data must be
mathematically right; a student's function passed in must be the one used.
"""


import numpy as np
import pytest
from explorer_checks import changed, content_fraction

from coursekit import bias_variance as bv
from coursekit.explorers.bias_variance_explorer import bias_variance_explorer
from coursekit.explorers.capacity_explorer import ACTIVATIONS, capacity_explorer
from coursekit.explorers.double_descent import double_descent_explorer
from coursekit.model_selection import train_val_split
from coursekit.network import forward
from coursekit.training import train

SMALL_WIDTHS = (2, 10, 30, 100, 300)


# --- capacity_explorer ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def capacity():
    return capacity_explorer(epochs=60)


@pytest.mark.parametrize("name, value", [("hidden", 3), ("lambda_", 0.5), ("dropout", 0.2)])
def test_capacity_controls_change_readout_picture_and_curves(capacity, name, value):
    fit_before = capacity.artists["fit"].get_ydata().copy()
    val_before = capacity.artists["val"].get_ydata().copy()
    changed(capacity, name, value)
    assert not np.allclose(capacity.artists["fit"].get_ydata(), fit_before)
    assert not np.allclose(capacity.artists["val"].get_ydata(), val_before)
    assert content_fraction(capacity) > 0.05


def test_capacity_curves_are_the_training_history_and_the_fit_is_the_network(capacity):
    values = capacity.values
    key = (values["hidden"], round(values["lambda_"], 6), round(values["dropout"], 6))
    result = capacity.results[key]
    np.testing.assert_allclose(capacity.artists["train"].get_ydata(), result["history"].loss)
    np.testing.assert_allclose(capacity.artists["val"].get_ydata(), result["history"].val_loss)
    x = np.linspace(0, 1, 121)[:, None]
    expected = forward(3 * (2 * x - 1), result["params"], ACTIVATIONS)[0][:, 0]
    np.testing.assert_allclose(capacity.artists["fit"].get_ydata(), expected)
    k = int(np.argmin(result["history"].val_loss))
    assert capacity.artists["best"].get_xdata()[0] == k + 1
    assert f"at epoch {k + 1}" in capacity.readout.value
    assert len(result["history"].loss) == 60


def test_capacity_caches_and_reuses_each_setting(capacity):
    capacity.controls["hidden"].value = 5
    n = len(capacity.results)
    capacity.controls["hidden"].value = 6
    capacity.controls["hidden"].value = 5
    assert len(capacity.results) == n + 1


def test_capacity_big_unregularised_network_overfits_and_l2_shrinks_the_weights():
    explorer = capacity_explorer()
    explorer.controls["hidden"].value = 8
    plain = explorer.results[(8, 0.0, 0.0)]
    assert plain["history"].loss[-1] < 0.5 * plain["history"].val_loss[-1]  # overfits
    explorer.controls["lambda_"].value = 1.0
    shrunk = explorer.results[(8, 1.0, 0.0)]
    norm = [sum(float(np.sum(p["W"] ** 2)) for p in r["params"]) for r in (plain, shrunk)]
    assert norm[1] < norm[0] / 2


def test_capacity_runs_behave_as_the_notebook_says():
    """NB07's revealed explanation of the capacity explorer quotes these runs (defaults)."""
    explorer = capacity_explorer()
    final = {}
    for hidden, lambda_, dropout in [(8, 0.0, 0.0), (1, 0.0, 0.0), (2, 0.0, 0.0), (3, 0.0, 0.0),
                                     (4, 0.0, 0.0), (8, 1.0, 0.0), (8, 0.0, 0.2)]:
        explorer.controls["hidden"].value = hidden
        explorer.controls["lambda_"].value = lambda_
        explorer.controls["dropout"].value = dropout
        history = explorer.results[(hidden, lambda_, dropout)]["history"]
        final[hidden, lambda_, dropout] = (history.loss[-1], history.val_loss[-1])
        if (hidden, lambda_, dropout) == (8, 0.0, 0.0):
            k = int(np.argmin(history.val_loss))
            assert k + 1 == 28 and history.val_loss[k] == pytest.approx(0.085, abs=5e-4)
        explorer.controls["lambda_"].value = 0.0
        explorer.controls["dropout"].value = 0.0
    assert final[8, 0.0, 0.0][0] < 0.09 / 4 and final[8, 0.0, 0.0][1] > 0.29  # overfits
    assert final[1, 0.0, 0.0][0] > 0.18  # one unit underfits...
    assert final[1, 0.0, 0.0][1] < min(final[3, 0.0, 0.0][1], final[4, 0.0, 0.0][1])  # ...yet
    assert final[8, 1.0, 0.0][1] - final[8, 1.0, 0.0][0] < 0.02  # λ = 1 closes the gap
    assert final[8, 0.0, 0.2][0] > final[8, 0.0, 0.2][1]  # dropout: training above validation


def test_capacity_uses_the_given_split_and_train():
    calls = {"split": 0, "train": 0}

    def my_split(X, y, fraction, rng):
        calls["split"] += 1
        return train_val_split(X, y, fraction, rng)

    def my_train(*args, **kwargs):
        calls["train"] += 1
        return train(*args, **kwargs)

    explorer = capacity_explorer(split=my_split, train=my_train, epochs=20)
    explorer.controls["dropout"].value = 0.1
    assert calls == {"split": 1, "train": 2}
    assert len(explorer.split[0]) == 10 and len(explorer.split[2]) == 30


# --- bias_variance_explorer -------------------------------------------------------------------


@pytest.mark.parametrize("name, value", [("hidden", 1), ("n_samples", 40)])
def test_bias_variance_controls_change_everything(name, value):
    explorer = bias_variance_explorer()
    segments = [s.copy() for s in explorer.artists["fits"].get_segments()]
    heights = [b.get_height() for b in explorer.artists["bars"]]
    changed(explorer, name, value)
    after = explorer.artists["fits"].get_segments()
    assert not all(np.allclose(a, b) for a, b in zip(segments, after))
    assert heights != [b.get_height() for b in explorer.artists["bars"]]
    assert content_fraction(explorer) > 0.05


def test_bias_variance_drawing_matches_the_decomposition():
    explorer = bias_variance_explorer(n_fits=20)
    explorer.controls["hidden"].value = 4
    expected = bv.decomposition(4, 15, 20, 0.3, rng=0)
    np.testing.assert_allclose(explorer.state["last"]["predictions"], expected["predictions"])
    segments = explorer.artists["fits"].get_segments()
    assert len(segments) == 20
    np.testing.assert_allclose(segments[3][:, 1], expected["predictions"][3])
    np.testing.assert_allclose(explorer.artists["mean"].get_ydata(),
                               expected["predictions"].mean(axis=0))
    bias2, variance = bv.bias_variance(expected["predictions"], expected["f_true"])
    assert explorer.artists["bars"][0].get_height() == pytest.approx(bias2 - 1e-3)
    assert explorer.artists["bars"][1].get_height() == pytest.approx(variance - 1e-3)
    assert f"bias² = {bias2:.4f}" in explorer.readout.value


def test_bias_variance_more_data_means_less_variance():
    explorer = bias_variance_explorer()
    explorer.controls["n_samples"].value = 10
    small = explorer.state["last"]["variance"]
    explorer.controls["n_samples"].value = 60
    assert explorer.state["last"]["variance"] < small / 3


def test_bias_variance_readings_at_the_defaults_are_the_ones_the_notebook_quotes():
    """At 15 points bias² falls with the units until the variance explodes past 7 units; there
    the corrected bias² reading is noisy. At 60 points it falls (except at 3 units)."""
    explorer = bias_variance_explorer()
    readings = {}
    for n_samples in (15, 60):
        explorer.controls["n_samples"].value = n_samples
        for hidden in range(1, 11):
            explorer.controls["hidden"].value = hidden
            last = explorer.state["last"]
            readings[hidden, n_samples] = (last["bias2"], last["variance"], last["test_error"])
    assert readings[1, 15][0] == pytest.approx(0.27, abs=0.01)
    assert readings[5, 15][0] < 0.012 and readings[6, 15][0] < 0.012
    assert readings[3, 15][0] > readings[2, 15][0]
    assert readings[7, 15][1] < 1.2 and readings[8, 15][1] > 30  # the variance explodes
    assert readings[8, 15][0] > readings[9, 15][0] < readings[10, 15][0]  # a noisy bias² there
    bias_60 = [readings[h, 60][0] for h in range(1, 11)]
    assert bias_60[2] > bias_60[1] and all(np.diff(bias_60[2:]) < 0) and bias_60[-1] < 1e-3
    assert max(readings[h, 60][1] for h in range(1, 11)) < 0.09
    assert min(range(1, 11), key=lambda h: readings[h, 60][2]) == 7
    # the graded question's settings: 6 units at 15 points; 60 points lowers the test error most
    moves = {"a": readings[10, 15][2], "b": readings[2, 15][2], "c": readings[6, 60][2],
             "d": readings[10, 60][2]}
    assert min(moves, key=moves.get) == "c" and max(moves.values()) < 60
    assert readings[6, 15][2] > moves["b"] > moves["d"] > moves["c"]
    assert "bias² corrected by variance / 30" in explorer.readout.value


def test_bias_variance_uses_the_given_estimator():
    explorer = bias_variance_explorer(estimator=lambda predictions, f_true: (0.125, 0.25))
    assert "bias² = 0.1250 · variance = 0.2500" in explorer.readout.value


# --- double_descent_explorer ------------------------------------------------------------------


@pytest.fixture(scope="module")
def descent():
    return double_descent_explorer(widths=SMALL_WIDTHS)


def test_double_descent_width_moves_marker_surface_and_readout(descent):
    surface = descent.artists["surface"].get_array().copy()
    changed(descent, "width", 100)
    curve = descent.curve
    assert descent.artists["marker"].get_xdata()[0] == 100
    assert descent.artists["marker"].get_ydata()[0] == curve["test_error"][3]
    assert not np.allclose(descent.artists["surface"].get_array(), surface)
    assert "above the interpolation threshold" in descent.readout.value
    changed(descent, "width", 30)
    assert "at the interpolation threshold" in descent.readout.value
    assert content_fraction(descent) > 0.05


def test_double_descent_surface_is_the_fit_of_that_width(descent):
    descent.controls["width"].value = 10
    data = descent.curve["data"]
    axis = np.linspace(-1, 1, 40)
    grid = np.column_stack([g.ravel() for g in np.meshgrid(axis, axis)])
    expected = bv.fit_predict(data["X"], data["y"], grid, bv.random_relu_layer(2, 10, rng=100))
    np.testing.assert_allclose(descent.artists["surface"].get_array(), expected.reshape(40, 40))


def test_double_descent_readout_counts_the_draws_that_interpolate():
    explorer = double_descent_explorer()
    counts = {}
    for width in (30, 40, 50, 1000):
        explorer.controls["width"].value = width
        counts[width] = explorer.readout.value.split(" random draws")[0].split("(")[-1]
    assert counts == {30: "3 of 10", 40: "10 of 10", 50: "8 of 10", 1000: "10 of 10"}


def test_double_descent_curve_is_computed_once_with_the_given_function():
    calls = []

    def curve(widths, data):
        calls.append(list(widths))
        return bv.double_descent_curve(widths, data, n_repeats=2)

    explorer = double_descent_explorer(widths=SMALL_WIDTHS, curve=curve)
    for width in (30, 100, 2, 30):
        explorer.controls["width"].value = width
    assert calls == [list(SMALL_WIDTHS)]
    assert set(explorer.surfaces) == {10, 30, 100, 2}
