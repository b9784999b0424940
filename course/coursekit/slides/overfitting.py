"""07_overfitting: MADC's regularised cost, :math:`\\frac{\\lambda}{2m}\\sum\\Theta^2` added to the
cross-entropy, evaluated as the slide writes it and with coursekit."""

from __future__ import annotations

import numpy as np

from coursekit.datasets import xor
from coursekit.language import tr
from coursekit.losses import bce
from coursekit.network import forward
from coursekit.regularization import l2_penalty
from coursekit.slides._values import MADC, SlideValue

# The slide's Θ^(l): one row per unit of layer l + 1, column 0 the bias, columns 1..s_l weights.
_THETA = (np.array([[-0.3, 0.5, -0.2], [0.1, 0.4, 0.6]]), np.array([[0.2, -0.7, 0.9]]))


def regularized_cost_example(lambda_: float = 1.0) -> dict:
    """MADC "Para redes neuronales, las funciones son no convexas": the cost of a network with
    :math:`K` sigmoid outputs on :math:`m` samples,

    :math:`E(\\Theta) = -\\frac1m \\sum_{i=1}^m \\sum_{k=1}^K [y_k^{(i)} \\ln h_\\Theta(x^{(i)})_k
    + (1 - y_k^{(i)}) \\ln(1 - h_\\Theta(x^{(i)})_k)] + \\frac{\\lambda}{2m} \\sum_{l=1}^{L-1}
    \\sum_{i=1}^{s_l} \\sum_{j=1}^{s_{l+1}} (\\Theta_{ji}^{(l)})^2`,

    on XOR (m = 4, K = 1) with a 2-2-1 sigmoid network. ``printed`` evaluates the formula with
    explicit loops over the slide's indices (``i`` from 1: the bias column 0 is not penalised);
    ``exact`` is ``coursekit.losses.bce`` plus ``coursekit.regularization.l2_penalty`` on
    ``W = Θ[:, 1:]ᵀ``, ``b = Θ[:, 0]``. ``penalty_with_biases`` is what summing from ``i = 0``
    would give.

    >>> r = regularized_cost_example()
    >>> r["cost"].matches and r["penalty"].matches
    True
    """
    X, y = xor()
    m = X.shape[0]
    params = [{"W": theta[:, 1:].T.copy(), "b": theta[:, 0].copy()} for theta in _THETA]
    h = forward(X, params, ["sigmoid", "sigmoid"])[0][:, 0]
    data_term = -sum(y[i] * np.log(h[i]) + (1 - y[i]) * np.log(1 - h[i]) for i in range(m)) / m
    slide_penalty = lambda_ / (2 * m) * sum(
        theta[j, i] ** 2 for theta in _THETA
        for i in range(1, theta.shape[1]) for j in range(theta.shape[0]))
    penalty = l2_penalty(params, lambda_, m)
    slide = "Para redes neuronales, las funciones son no convexas"
    return {
        "X": X, "y": y, "params": params, "output": h, "lambda_": lambda_, "m": m,
        "data_term": bce(y, h),
        "penalty_with_biases": lambda_ / (2 * m) * sum(float(np.sum(t**2)) for t in _THETA),
        "penalty": SlideValue("regularized_cost_example.penalty", MADC, slide, slide_penalty,
                              penalty, label=tr("L2 penalty λ/2m·ΣΘ² (2-2-1 network on XOR)")),
        "cost": SlideValue("regularized_cost_example.cost", MADC, slide,
                           data_term + slide_penalty, bce(y, h) + penalty,
                           label=tr("regularised cost E(Θ) (2-2-1 network on XOR)")),
    }
