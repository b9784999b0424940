"""02_activations: INTRO's shallow network, its parameter count, the linear collapse and the ReLU
network."""

from __future__ import annotations

import numpy as np

from coursekit._validate import RngLike, as_rng
from coursekit.activations import relu_derivative
from coursekit.language import tr
from coursekit.network import count_parameters, dense, forward
from coursekit.slides._values import INTRO, SlideValue


def parameter_count(s: int = 2, n: int = 3, m: int = 1) -> dict:
    """INTRO "Redes Neuronales: Quiz!": a shallow net with s inputs, n hidden units, m outputs has
    :math:`s n + n + n m + m` parameters (13 for the slides' 2-3-1 network).

    >>> parameter_count()["n_parameters"].exact
    13.0
    """
    return {"n_parameters": SlideValue(
        "parameter_count.n_parameters", INTRO, "Redes Neuronales: Quiz!",
        s * n + n + n * m + m, count_parameters([s, n, m]),
        label=tr("parameters of a {s}-{n}-{m} shallow network").format(s=s, n=n, m=m))}


def linear_collapse(a: float = 2.0, b: float = 0.5, rng: RngLike = 0) -> dict:
    """INTRO "Redes Neuronales: Shallow": with :math:`f(x) = a x + b` the 2-3-1 network is
    :math:`y = c_1 x_1 + c_2 x_2 + c_3`.

    Random network weights; ``exact`` reads the coefficients off the network itself
    (:math:`c_3 = y(0, 0)`, :math:`c_1 = y(1, 0) - c_3`, :math:`c_2 = y(0, 1) - c_3`).
    ``printed`` evaluates the slide's expressions: :math:`c_1 = a \\sum_k \\omega_{1k}\\omega_{k4}`,
    :math:`c_2 = a \\sum_k \\omega_{2k}\\omega_{k4}` (right) and
    :math:`c_3 = a \\sum_k b_k \\omega_{k4} + 3b + b_4` (wrong: see the note).
    """
    rng = as_rng(rng)
    W, b_hidden = rng.normal(size=(2, 3)), rng.normal(size=3)  # W[i, k] = ω_ik
    w_out, b4 = rng.normal(size=3), float(rng.normal())  # w_out[k] = ω_k4

    def network(X):
        return (a * dense(X, W, b_hidden) + b) @ w_out + b4

    c3 = float(network(np.zeros((1, 2)))[0])
    c1, c2 = network(np.eye(2)) - c3
    slide_c3 = a * b_hidden @ w_out + 3 * b + b4
    slide = "Redes Neuronales: Shallow"
    note = tr("The slide's c3 = a(b1·ω14 + b2·ω24 + b3·ω34) + 3b + b4 = {slide:.6f}; correct "
              "c3 = {exact:.6f}. It writes ω14·a(x1·ω11 + x2·ω21 + b1) + b, but ω14·f(u) = "
              "ω14·a·u + ω14·b, so the constant is b·(ω14 + ω24 + ω34), not 3b (they agree only "
              "if b = 0 or ω14 + ω24 + ω34 = 3). c1, c2 and the conclusion (still linear) are "
              "right.").format(slide=slide_c3, exact=c3)
    return {
        "W": W, "b_hidden": b_hidden, "w_out": w_out, "b4": b4, "a": a, "b": b,
        "c1": SlideValue("linear_collapse.c1", INTRO, slide, a * W[0] @ w_out, c1,
                         label=tr("{c}, coefficient of {x} (linear activations)").format(
                             c="c1", x="x1")),
        "c2": SlideValue("linear_collapse.c2", INTRO, slide, a * W[1] @ w_out, c2,
                         label=tr("{c}, coefficient of {x} (linear activations)").format(
                             c="c2", x="x2")),
        "c3": SlideValue("linear_collapse.c3", INTRO, slide, slide_c3, c3, note,
                         label=tr("c3, the constant (linear activations)")),
    }


def relu_shallow_net(x=None) -> dict:
    """INTRO "Redes Neuronales: Función de Activación" (ReLU): the 1-3-1 network
    :math:`y = -0.6\\,a(1.5x + 3) + 1.7\\,a(x - 1.2) - 1.2\\,a(2x - 4) - 0.5`.

    The slide prints the ten parameters (ω11 = 1.5, b1 = 3; ω12 = 1, b2 = −1.2; ω13 = 2,
    b3 = −4; ω14 = −0.6, ω24 = 1.7, ω34 = −1.2; b4 = −0.5); the resulting curve is a figure, so
    the joints (−2, 1.2, 2), slopes and values below have no printed counterpart.

    Parameters
    ----------
    x : array_like, shape (n,), optional
        Where to evaluate; default 401 points on [−4, 4].
    """
    x = np.linspace(-4.0, 4.0, 401) if x is None else np.asarray(x, dtype=np.float64)
    params = [{"W": np.array([[1.5, 1.0, 2.0]]), "b": np.array([3.0, -1.2, -4.0])},
              {"W": np.array([[-0.6], [1.7], [-1.2]]), "b": np.array([-0.5])}]
    activations = ["relu", "identity"]
    y, cache = forward(x[:, None], params, activations)
    joints = -params[0]["b"] / params[0]["W"][0]
    # slope on each piece: Σ_k ω_k4 · ω_1k · a'(ω_1k x + b_k) at a point inside the piece
    inside = np.array([joints[0] - 1.0, *(joints[:-1] + joints[1:]) / 2, joints[-1] + 1.0])
    slopes = relu_derivative(dense(inside[:, None], params[0]["W"], params[0]["b"])) @ (
        params[0]["W"][0] * params[1]["W"][:, 0])
    slide = "Redes Neuronales: Función de Activación"
    where = tr("(INTRO's ReLU network)")
    return {
        "x": x, "y": y[:, 0], "params": params, "activations": activations,
        "contributions": cache["A"][0] * params[1]["W"][:, 0],  # ω_k4 · a(ω_1k x + b_k)
        "joints": SlideValue("relu_shallow_net.joints", INTRO, slide, None, joints,
                             label=tr("joints x {where}").format(where=where)),
        "slopes": SlideValue("relu_shallow_net.slopes", INTRO, slide, None, slopes,
                             label=tr("slopes of the four pieces {where}").format(where=where)),
        "y_at_joints": SlideValue("relu_shallow_net.y_at_joints", INTRO, slide, None,
                                  forward(joints[:, None], params, activations)[0][:, 0],
                                  label=tr("y at the joints {where}").format(where=where)),
    }
