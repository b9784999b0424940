"""Explorers of 02_activations, headless: activation viewer and shallow-network builder.

Each control change must change the readout, the PNG and the artists' data, and the data must be
mathematically right; a student's function passed in must be the one used.
"""


import numpy as np
import pytest
from explorer_checks import change, content_fraction

from coursekit import activations, slides
from coursekit.explorers.activation_viewer import NAMES, Z_RANGE, activation_viewer
from coursekit.explorers.shallow_builder import (
    SLIDE_PARAMS,
    joints,
    piece_points,
    piece_slopes,
    shallow_builder,
)
from coursekit.shallow import shallow_net

# --- activation_viewer -----------------------------------------------------------------------


def test_viewer_starts_on_the_sigmoid_with_its_values():
    explorer = activation_viewer()
    assert explorer.values == {"name": "sigmoid", "z0": 1.0}
    assert list(explorer.controls["name"].options) == list(NAMES)
    s = float(activations.sigmoid(1.0))
    assert f"f(z0) = {s:.4f}" in explorer.readout.value
    assert f"f'(z0) = {s * (1 - s):.4f}" in explorer.readout.value
    assert "saturated" not in explorer.readout.value
    z, y = explorer.artists["curve"].get_data()
    np.testing.assert_allclose(y, activations.sigmoid(z))
    np.testing.assert_allclose(explorer.artists["derivative"].get_ydata(),
                               activations.sigmoid_derivative(z))
    assert content_fraction(explorer) > 0.03


def test_viewer_point_slider_moves_point_tangent_and_readout():
    explorer = activation_viewer()
    (text0, png0), (text1, png1) = change(explorer, "z0", -2.0)
    assert text1 != text0 and png1 != png0
    f0, d0 = float(activations.sigmoid(-2.0)), float(activations.sigmoid_derivative(-2.0))
    np.testing.assert_allclose(explorer.artists["point"].get_data(), [[-2.0], [f0]])
    np.testing.assert_allclose(explorer.artists["slope_point"].get_data(), [[-2.0], [d0]])
    tz, ty = explorer.artists["tangent"].get_data()
    np.testing.assert_allclose(tz, Z_RANGE)
    np.testing.assert_allclose(ty, f0 + d0 * (np.array(Z_RANGE) + 2.0))  # t(z) through (z0, f0)


@pytest.mark.parametrize("name", NAMES)
def test_viewer_every_activation_draws_f_and_its_derivative(name):
    explorer = activation_viewer()
    explorer.controls["name"].value = name
    z, y = explorer.artists["curve"].get_data()
    np.testing.assert_allclose(y, activations.ACTIVATIONS[name](z))
    np.testing.assert_allclose(explorer.artists["derivative"].get_ydata(),
                               activations.DERIVATIVES[name](z))
    assert explorer.readout.value.startswith(f"{name} at z0")


def test_viewer_dropdown_changes_picture_and_readout():
    explorer = activation_viewer()
    (text0, png0), (text1, png1) = change(explorer, "name", "relu")
    assert text1 != text0 and png1 != png0
    assert "f(z0) = 1.0000, f'(z0) = 1.0000" in text1


@pytest.mark.parametrize("name, z0, saturated", [
    ("sigmoid", 6.0, True), ("sigmoid", -6.0, True), ("sigmoid", 0.0, False),
    ("tanh", 3.0, True), ("relu", -1.0, True), ("relu", 1.0, False), ("leaky_relu", -3.0, False),
    ("step", 2.0, True), ("softplus", -5.0, True), ("arctan", 6.0, False),
])
def test_viewer_saturation_message(name, z0, saturated):
    explorer = activation_viewer(name=name, z0=z0)
    assert ("saturated" in explorer.readout.value) is saturated
    d0 = float(activations.DERIVATIVES[name](z0))
    assert (abs(d0) < 0.01) is saturated


def test_viewer_uses_the_functions_passed_in():
    calls = []

    def my_sigmoid(z):
        calls.append("f")
        return 1.0 / (1.0 + np.exp(-z))

    def my_derivative(z):
        calls.append("df")
        return 0.25 * np.ones_like(z)  # wrong on purpose: the picture shows it

    explorer = activation_viewer({"mine": (my_sigmoid, my_derivative)}, name="mine", z0=2.0)
    assert "f" in calls and "df" in calls
    assert "f'(z0) = 0.2500" in explorer.readout.value
    np.testing.assert_allclose(explorer.artists["derivative"].get_ydata(), 0.25)


def test_viewer_errors():
    with pytest.raises(ValueError, match="valid names are"):
        activation_viewer(name="swish")
    with pytest.raises(ValueError, match="one value per z"):
        activation_viewer({"bad": (lambda z: np.zeros(3), np.ones_like)}, name="bad")


# --- shallow_builder -------------------------------------------------------------------------


def test_builder_starts_at_the_slide_network():
    explorer = shallow_builder()
    assert explorer.values == SLIDE_PARAMS
    r = slides.relu_shallow_net()
    x, y = explorer.artists["total"].get_data()
    np.testing.assert_allclose(x, r["x"][::2])  # 201 of the slide module's 401 points
    np.testing.assert_allclose(y, r["y"][::2], atol=1e-12)
    for k, line in enumerate(explorer.artists["contributions"]):
        np.testing.assert_allclose(line.get_ydata(), r["contributions"][::2, k], atol=1e-12)
    summed = sum(line.get_ydata() for line in explorer.artists["contributions"]) - 0.5
    np.testing.assert_allclose(summed, y, atol=1e-12)
    readout = explorer.readout.value
    assert "joints x = -b_k/ω_1k: -2.00, 1.20, 2.00" in readout
    assert "parameters: 10" in readout
    np.testing.assert_allclose([line.get_xdata()[0] for line in explorer.artists["joints"]],
                               [-2.0, 1.2, 2.0])
    assert content_fraction(explorer) > 0.03


@pytest.mark.parametrize("name, value", [("w11", -1.0), ("b2", 2.0), ("w24", 0.5), ("b4", 1.0)])
def test_builder_slider_changes_curves_and_readout(name, value):
    explorer = shallow_builder()
    before_y = explorer.artists["total"].get_ydata().copy()
    (text0, png0), (text1, png1) = change(explorer, name, value)
    assert text1 != text0 and png1 != png0
    p = explorer.values
    x, y = explorer.artists["total"].get_data()
    expected = shallow_net(x, [[p["w11"], p["w12"], p["w13"]]], [p["b1"], p["b2"], p["b3"]],
                           [p["w14"], p["w24"], p["w34"]], p["b4"])
    np.testing.assert_allclose(y, expected, atol=1e-12)
    assert not np.allclose(y, before_y)
    expected_joints = joints([p["w11"], p["w12"], p["w13"]], [p["b1"], p["b2"], p["b3"]])
    np.testing.assert_allclose([line.get_xdata()[0] for line in explorer.artists["joints"]],
                               expected_joints)


def test_builder_b4_shifts_only_the_sum():
    explorer = shallow_builder()
    y0 = explorer.artists["total"].get_ydata().copy()
    parts0 = [line.get_ydata().copy() for line in explorer.artists["contributions"]]
    explorer.controls["b4"].value = 1.5
    np.testing.assert_allclose(explorer.artists["total"].get_ydata(), y0 + 2.0, atol=1e-12)
    for line, part in zip(explorer.artists["contributions"], parts0):
        np.testing.assert_allclose(line.get_ydata(), part)


def test_builder_zero_weight_has_no_joint():
    explorer = shallow_builder()
    explorer.controls["w12"].value = 0.0
    assert "joints x = -b_k/ω_1k: -2.00, none, 2.00" in explorer.readout.value
    assert not explorer.artists["joints"][1].get_visible()
    explorer.controls["w12"].value = 1.0
    assert explorer.artists["joints"][1].get_visible()


def test_builder_uses_the_network_passed_in():
    calls = []

    def my_net(x, W, b, w_out, b_out, activation="relu"):
        calls.append(np.shape(W))
        return shallow_net(x, W, b, w_out, b_out, activation) * 0.0 + 1.0

    explorer = shallow_builder(net=my_net)
    assert (1, 3) in calls and (1, 1) in calls
    np.testing.assert_allclose(explorer.artists["total"].get_ydata(), 1.0)


def test_builder_errors():
    with pytest.raises(ValueError, match="unknown parameters"):
        shallow_builder(w99=1.0)
    with pytest.raises(ValueError, match="one output per x"):
        shallow_builder(net=lambda *args: np.zeros(3))


def test_builder_readout_gives_the_slope_of_each_piece():
    explorer = shallow_builder()
    assert "slopes left to right: 0.00, -0.90, 0.80, -1.60" in explorer.readout.value
    np.testing.assert_allclose(slides.relu_shallow_net()["slopes"].exact, [0.0, -0.9, 0.8, -1.6])
    explorer.controls["w12"].value = -1.0  # unit 2 now on for x < 1.2
    explorer.controls["b2"].value = 1.2
    assert "slopes left to right: -1.70, -2.60, -0.90, -3.30" in explorer.readout.value
    explorer.controls["w12"].value = 0.0  # no joint: unit 2 is the constant a(1.2)
    assert "joints x = -b_k/ω_1k: -2.00, none, 2.00" in explorer.readout.value
    assert "slopes left to right: 0.00, -0.90, -3.30" in explorer.readout.value


def test_builder_slopes_agree_with_the_drawn_curve():
    explorer = shallow_builder(w11=-1.3, b1=0.4, w24=2.2, b3=1.0)
    p = explorer.values
    where = joints([p["w11"], p["w12"], p["w13"]], [p["b1"], p["b2"], p["b3"]])
    x, y = explorer.artists["total"].get_data()
    shown = explorer.readout.value.split("slopes left to right: ")[1].split(" &nbsp;")[0]
    for point, slope in zip(piece_points(where), map(float, shown.split(", "))):
        i = int(np.clip(np.searchsorted(x, point), 1, len(x) - 2))
        if not any(x[i - 1] <= j <= x[i + 1] for j in where if j is not None):
            assert slope == pytest.approx((y[i + 1] - y[i - 1]) / (x[i + 1] - x[i - 1]), abs=0.01)


def test_piece_slopes_of_close_joints():
    np.testing.assert_allclose(piece_points([None, 0.5, 0.5]), [-0.5, 1.5])
    slopes = piece_slopes(lambda x: np.maximum(x, 0.0) - 2 * np.maximum(x - 1e-3, 0.0), [0.0, 1e-3])
    np.testing.assert_allclose(slopes, [0.0, 1.0, -1.0], atol=1e-6)
