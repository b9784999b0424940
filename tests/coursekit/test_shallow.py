"""Shallow network and linear collapse: hand-computed values, the slides' networks, errors."""

import numpy as np
import pytest

from coursekit import slides
from coursekit.activations import sigmoid
from coursekit.shallow import collapse_linear, shallow_net

# INTRO "Redes Neuronales: Función de Activación": a(1.5x + 3), a(x - 1.2), a(2x - 4);
# output weights -0.6, 1.7, -1.2; bias -0.5.
W_SLIDE = [[1.5, 1.0, 2.0]]
B_SLIDE = [3.0, -1.2, -4.0]
W_OUT_SLIDE = [-0.6, 1.7, -1.2]
B_OUT_SLIDE = -0.5


def test_relu_slide_net_by_hand():
    x = np.array([-3.0, -2.0, 0.0, 1.2, 2.0, 3.0])
    # x = -3: every unit off -> b4.  x = 0: -0.6·3 = -1.8 -> -2.3.  x = 1.2: -0.6·4.8 - 0.5.
    # x = 2: -0.6·6 + 1.7·0.8 - 0.5.  x = 3: -0.6·7.5 + 1.7·1.8 - 1.2·2 - 0.5.
    expected = [-0.5, -0.5, -2.3, -3.38, -2.74, -4.34]
    np.testing.assert_allclose(shallow_net(x, W_SLIDE, B_SLIDE, W_OUT_SLIDE, B_OUT_SLIDE),
                               expected, atol=1e-12)


def test_relu_slide_net_matches_slides_module_and_its_joints():
    r = slides.relu_shallow_net()
    y = shallow_net(r["x"], W_SLIDE, B_SLIDE, W_OUT_SLIDE, B_OUT_SLIDE, "relu")
    np.testing.assert_allclose(y, r["y"], atol=1e-12)
    joints = -np.array(B_SLIDE) / np.array(W_SLIDE[0])
    np.testing.assert_allclose(joints, [-2.0, 1.2, 2.0])
    np.testing.assert_allclose(joints, r["joints"].exact)
    # piecewise linear: slopes between the joints are the slides' sums of ω_k4·ω_1k
    h = 1e-4
    inside = np.array([-3.0, 0.0, 1.6, 3.0])
    slopes = (shallow_net(inside + h, W_SLIDE, B_SLIDE, W_OUT_SLIDE, B_OUT_SLIDE)
              - shallow_net(inside - h, W_SLIDE, B_SLIDE, W_OUT_SLIDE, B_OUT_SLIDE)) / (2 * h)
    np.testing.assert_allclose(slopes, [0.0, -0.9, 0.8, -1.6], atol=1e-9)
    np.testing.assert_allclose(slopes, r["slopes"].exact, atol=1e-9)


def test_two_inputs_other_activations_and_callables():
    W = [[1.0, -1.0], [2.0, 0.5]]
    b = [0.0, 1.0]
    x = [[1.0, 1.0], [0.0, 0.0]]
    # row 1: u = (3, 0.5); row 2: u = (0, 1)
    expected = 2.0 * sigmoid([3.0, 0.0]) - 1.0 * sigmoid([0.5, 1.0]) + 0.25
    np.testing.assert_allclose(shallow_net(x, W, b, [2.0, -1.0], 0.25, "sigmoid"), expected)
    np.testing.assert_allclose(shallow_net(x, W, b, [2.0, -1.0], 0.25, np.tanh),
                               2.0 * np.tanh([3.0, 0.0]) - np.tanh([0.5, 1.0]) + 0.25)
    out = shallow_net(x, W, b, [[1.0, 0.0, 2.0], [0.0, 1.0, 1.0]], [0.0, 0.0, 1.0])
    np.testing.assert_allclose(out, [[3.0, 0.5, 7.5], [0.0, 1.0, 2.0]])


def test_shallow_net_at_1000_is_finite():
    y = shallow_net([-1000.0, 1000.0], [[1.0]], [0.0], [1.0], 0.0, "sigmoid")
    np.testing.assert_array_equal(y, [0.0, 1.0])


@pytest.mark.parametrize("args, message", [
    (([[[1.0]]], [[1.0]], [0.0], [1.0], 0.0), "x must have shape"),
    (([1.0, 2.0], [[1.0], [1.0]], [0.0], [1.0], 0.0), r"W must have shape \(1, n_hidden\)"),
    (([1.0], [[1.0, 2.0]], [0.0], [1.0, 1.0], 0.0), r"b must have shape \(2,\)"),
    (([1.0], [[1.0, 2.0]], [0.0, 0.0], [1.0], 0.0), "w_out must have shape"),
    (([1.0], [[1.0]], [0.0], [1.0], [0.0, 1.0]), "b_out must have shape"),
])
def test_shallow_net_errors(args, message):
    with pytest.raises(ValueError, match=message):
        shallow_net(*args)


def test_shallow_net_unknown_activation_lists_the_valid_ones():
    with pytest.raises(ValueError, match="valid names are"):
        shallow_net([1.0], [[1.0]], [0.0], [1.0], 0.0, "swish")


def test_collapse_by_hand():
    # f(u) = 2u + 1: y = 1·(2x1 + 1) + 2·(2(x2 + 1) + 1) + 0.5 = 2x1 + 4x2 + 7.5
    assert collapse_linear([[1.0, 0.0], [0.0, 1.0]], [0.0, 1.0], [1.0, 2.0], 0.5, 2.0,
                           1.0) == (2.0, 4.0, 7.5)


@pytest.mark.parametrize("seed", range(5))
def test_collapse_coefficients_equal_the_network_outputs(seed):
    rng = np.random.default_rng(seed)
    W, b, w_out = rng.normal(size=(2, 3)), rng.normal(size=3), rng.normal(size=3)
    b_out, a, c = rng.normal(size=3)
    c1, c2, c3 = collapse_linear(W, b, w_out, b_out, a, c)
    X = rng.normal(size=(20, 2))
    y = shallow_net(X, W, b, w_out, b_out, lambda u: a * u + c)
    np.testing.assert_allclose(y, c1 * X[:, 0] + c2 * X[:, 1] + c3, atol=1e-12)
    assert all(isinstance(v, float) for v in (c1, c2, c3))


def test_collapse_matches_the_slides_check_and_not_the_slides_c3():
    r = slides.linear_collapse()
    c1, c2, c3 = collapse_linear(r["W"], r["b_hidden"], r["w_out"], r["b4"], r["a"], r["b"])
    assert c1 == pytest.approx(r["c1"].exact) and c1 == pytest.approx(r["c1"].printed)
    assert c2 == pytest.approx(r["c2"].exact)
    assert c3 == pytest.approx(r["c3"].exact)
    assert c3 != pytest.approx(r["c3"].printed)  # the slide's 3b instead of b·Σω_k4


def test_collapse_other_input_counts():
    coefficients = collapse_linear([[1.0, 2.0, 3.0]], [0.0, 0.0, 0.0], [1.0, 1.0, 1.0], 0.0, 1.0,
                                   0.0)
    assert coefficients == (6.0, 0.0)


@pytest.mark.parametrize("args, message", [
    (([1.0, 2.0], [0.0, 0.0], [1.0, 1.0], 0.0, 1.0, 0.0), "W must be a 2-D array"),
    (([[1.0, 2.0]], [0.0], [1.0, 1.0], 0.0, 1.0, 0.0), r"b must have shape \(2,\)"),
    (([[1.0, 2.0]], [0.0, 0.0], [1.0], 0.0, 1.0, 0.0), r"w_out must have shape \(2,\)"),
    (([[1.0, 2.0]], [0.0, 0.0], [1.0, 1.0], [0.0, 1.0], 1.0, 0.0), "b_out must be a scalar"),
    (([[1.0, 2.0]], [0.0, 0.0], [1.0, 1.0], 0.0, [1.0], 0.0), "a must be a scalar"),
])
def test_collapse_errors(args, message):
    with pytest.raises(ValueError, match=message):
        collapse_linear(*args)
