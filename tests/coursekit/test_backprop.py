"""coursekit.backprop: chain rule, output and hidden deltas, the tanh example, Mazur's step."""

import numpy as np
import pytest

from coursekit import backprop, network, slides
from coursekit.activations import ACTIVATIONS, softmax_jacobian
from coursekit.gradcheck import numerical_gradient, relative_error
from coursekit.losses import LOSSES

RNG = np.random.default_rng(5)


def test_chain_rule_example_matches_the_slide_and_numerical_derivatives():
    r = backprop.chain_rule_example(1.0, 2.0, -3.0)
    assert r == {"L": -15.0, "dL_da": -3.0, "dL_db": -6.0, "dL_dc": 5.0}
    for a, b, c in [(0.3, -1.7, 2.2), (-4.0, 0.5, 0.0)]:
        r = backprop.chain_rule_example(a, b, c)
        numeric = numerical_gradient(lambda v: v[2] * (v[0] + 2 * v[1]), np.array([a, b, c]))
        np.testing.assert_allclose([r["dL_da"], r["dL_db"], r["dL_dc"]], numeric, atol=1e-8)
        graph = slides.chain_rule_graph(a, b, c)
        assert r["dL_db"] == pytest.approx(graph["dL_db"].printed)


def test_chain_rule_example_on_arrays():
    a, b, c = np.array([1.0, 2.0]), np.array([0.0, 1.0]), np.array([3.0, -1.0])
    r = backprop.chain_rule_example(a, b, c)
    np.testing.assert_array_equal(r["L"], [3.0, -4.0])
    np.testing.assert_array_equal(r["dL_db"], [6.0, -2.0])
    np.testing.assert_array_equal(r["dL_dc"], [1.0, 4.0])


CASES = [("sigmoid", "half_sse"), ("identity", "half_sse"), ("tanh", "mse"), ("relu", "mse"),
         ("sigmoid", "bce"), ("softmax", "cce"), ("softmax", "mse"), ("elu", "mae"),
         ("identity", "bce_with_logits"), ("softplus", "half_sse")]


def _targets(loss, shape):
    if loss == "cce":
        return np.eye(shape[1])[RNG.integers(0, shape[1], size=shape[0])]
    if loss in ("bce", "bce_with_logits"):
        return RNG.integers(0, 2, size=shape).astype(float)
    return RNG.normal(size=shape)


@pytest.mark.parametrize(("activation", "loss"), CASES)
def test_output_delta_is_the_numerical_gradient_of_the_loss_wrt_z(activation, loss):
    z = RNG.normal(size=(4, 3))
    y = _targets(loss, z.shape)
    f = ACTIVATIONS[activation]
    delta = backprop.output_delta(y, f(z), z, activation, loss)
    numeric = numerical_gradient(lambda v: LOSSES[loss](y, f(v)), z.copy())
    assert relative_error(delta, numeric) < 1e-7


def test_output_delta_slide_formula_and_shortcuts():
    o, t = np.array([[0.7, 0.2]]), np.array([[1.0, 0.0]])
    z = np.log(o / (1 - o))
    np.testing.assert_allclose(backprop.output_delta(t, o, z, "sigmoid", "half_sse"),
                               (o - t) * o * (1 - o))  # BP's (o1 − t1)·o1(1 − o1)
    np.testing.assert_allclose(backprop.output_delta(t, o, z, "sigmoid", "bce"), (o - t) / 2)
    p = np.array([[0.2, 0.8], [0.6, 0.4]])
    y = np.array([[0.0, 1.0], [0.0, 1.0]])
    np.testing.assert_allclose(backprop.output_delta(y, p, np.log(p), "softmax", "cce"),
                               (p - y) / 2)


def test_output_delta_is_stable_when_saturated():
    z = np.array([[1000.0, -1000.0]])
    delta = backprop.output_delta([[0.0, 1.0]], ACTIVATIONS["sigmoid"](z), z, "sigmoid", "bce")
    np.testing.assert_allclose(delta, [[0.5, -0.5]])


def test_softmax_branch_is_the_jacobian_product():
    z = RNG.normal(size=(3, 4))
    d_a = RNG.normal(size=(3, 4))
    expected = np.einsum("nk,nkj->nj", d_a, softmax_jacobian(z))
    np.testing.assert_allclose(backprop.activation_backward(d_a, z, "softmax"), expected)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "identity", "softmax"])
def test_hidden_delta_matches_the_chain_rule_numerically(activation):
    z = RNG.normal(size=(5, 3))
    W = RNG.normal(size=(3, 2))
    delta_next = RNG.normal(size=(5, 2))
    f = ACTIVATIONS[activation]
    delta = backprop.hidden_delta(delta_next, W, z, activation)
    # the linear function Σ delta_next ⊙ (f(z) W) has exactly this gradient w.r.t. z
    numeric = numerical_gradient(lambda v: float(np.sum(delta_next * (f(v) @ W))), z.copy())
    assert relative_error(delta, numeric) < 1e-7


def test_hidden_delta_bp_example_2():
    r = slides.sigmoid_434_gradients(rng=1)
    o6 = r["o"][6]
    out = np.array([[r["o"][k] for k in range(1, 5)]])
    z_out = np.log(out / (1 - out))
    delta_out = backprop.output_delta(r["t"], out, z_out, "sigmoid", "half_sse")
    z_hidden = np.log(o6 / (1 - o6))
    delta6 = backprop.hidden_delta(delta_out, r["params"][1]["W"][1:2], [[z_hidden]], "sigmoid")
    assert delta6[0, 0] * r["o"][8] == pytest.approx(r["dE_dW86"].exact, rel=1e-9)


def test_bad_shapes_and_names_have_clear_errors():
    with pytest.raises(ValueError, match="W_next must have shape"):
        backprop.hidden_delta(np.ones((2, 3)), np.ones((3, 4)), np.ones((2, 4)), "tanh")
    with pytest.raises(ValueError, match="the same rows"):
        backprop.hidden_delta(np.ones((2, 3)), np.ones((4, 3)), np.ones((5, 4)), "tanh")
    with pytest.raises(ValueError, match="y and output must have the same shape"):
        backprop.output_delta(np.ones((2, 1)), np.ones((2, 2)), np.ones((2, 2)), "tanh", "mse")
    with pytest.raises(ValueError, match="unknown loss 'hinge'"):
        backprop.output_delta(np.ones((1, 1)), np.ones((1, 1)), np.ones((1, 1)), "tanh", "hinge")
    with pytest.raises(ValueError, match="unknown activation"):
        backprop.activation_backward(np.ones((1, 1)), np.ones((1, 1)), "swish")
    with pytest.raises(ValueError, match="six weights w1…w6"):
        backprop.tanh_example_gradients([2.0, 3.0], 1.0, [0.1, 0.2])
    with pytest.raises(ValueError, match="two inputs"):
        backprop.tanh_example_gradients([2.0, 3.0, 4.0], 1.0, np.ones(6))
    with pytest.raises(ValueError, match="two layers"):
        backprop.mazur_step([[0.0, 0.0]], [[0.0]], [{"W": np.ones((2, 1)), "b": np.zeros(1)}])


def test_tanh_example_gradients_match_the_slide_network_and_numerical_gradient():
    r = slides.tanh_regression()
    w = [0.1, 0.2, 0.3, 0.1, 0.5, 0.8]
    grads = backprop.tanh_example_gradients([2.0, 3.0], 1.0, w)
    np.testing.assert_allclose(grads, r["gradients"], rtol=1e-12)
    for k in range(6):
        assert grads[k] == pytest.approx(r[f"dE_dw{k + 1}"].exact, rel=1e-12)
    for _ in range(3):
        x, y, w = RNG.normal(size=2), float(RNG.normal()), RNG.normal(size=6)

        def error(v, x=x, y=y):
            return 0.5 * (backprop.tanh_example_forward(x, v)["y_hat"] - y) ** 2

        numeric = numerical_gradient(error, w.copy())
        assert relative_error(backprop.tanh_example_gradients(x, y, w), numeric) < 1e-7


def test_tanh_example_forward_slide_values():
    f = backprop.tanh_example_forward([2.0, 3.0], [0.1, 0.2, 0.3, 0.1, 0.5, 0.8])
    assert (round(f["h1"], 2), round(f["h2"], 2), round(f["y_hat"], 2)) == (0.66, 0.72, 0.91)


def test_mazur_step_reproduces_mazur_and_network_backward():
    m = slides.mazur_222()
    new = backprop.mazur_step(m["x"], m["t"], m["params"], 0.5)
    for layer_new, layer_ref, layer_old in zip(new, m["new_params"], m["params"], strict=True):
        np.testing.assert_allclose(layer_new["W"], layer_ref["W"], rtol=1e-13)
        np.testing.assert_array_equal(layer_new["b"], layer_old["b"])
        assert layer_new["b"] is not layer_old["b"]
    published = [m[f"w{k}"].printed for k in range(1, 9)]
    ours = [new[0]["W"][0, 0], new[0]["W"][1, 0], new[0]["W"][0, 1], new[0]["W"][1, 1],
            new[1]["W"][0, 0], new[1]["W"][1, 0], new[1]["W"][0, 1], new[1]["W"][1, 1]]
    np.testing.assert_allclose(ours, published, atol=5e-9)
    assert m["params"][0]["W"][0, 0] == 0.15  # input untouched


def test_mazur_step_on_a_batch_equals_network_gradients():
    params = network.init_params([3, 4, 2], rng=2)
    X, T = RNG.normal(size=(6, 3)), RNG.uniform(size=(6, 2))
    _, grads = network.loss_and_gradients(X, T, params, ["sigmoid", "sigmoid"], "half_sse")
    new = backprop.mazur_step(X, T, params, 0.1)
    for p, g, q in zip(params, grads, new, strict=True):
        np.testing.assert_allclose(q["W"], p["W"] - 0.1 * g["W"], rtol=1e-12)


def test_network_backward_uses_the_same_deltas():
    params = network.init_params([2, 3, 2], rng=4)
    X, y = RNG.normal(size=(4, 2)), np.eye(2)[[0, 1, 1, 0]]
    out, cache = network.forward(X, params, ["tanh", "softmax"])
    grads = network.backward(y, cache, params, ["tanh", "softmax"], "cce")
    d2 = backprop.output_delta(y, out, cache["Z"][1], "softmax", "cce")
    d1 = backprop.hidden_delta(d2, params[1]["W"], cache["Z"][0], "tanh")
    np.testing.assert_allclose(grads[1]["W"], cache["A"][0].T @ d2)
    np.testing.assert_allclose(grads[0]["W"], X.T @ d1)
    np.testing.assert_allclose(grads[0]["b"], d1.sum(axis=0))
