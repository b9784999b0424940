"""Backpropagation piece by piece: the chain rule on a graph, output and hidden deltas (the delta
rule), MADC's tanh example by hand and one training step of Mazur's 2-2-2 network.

Follows MADC ("Regla de la cadena para derivadas", "Ejemplo con red neuronal", the softmax
derivative, "Tarea moral" = Mazur 2015), BP ("How does it actually work?", "Example", "Example
2") and PERC ("Propagation"). :func:`coursekit.network.backward` uses
:func:`output_delta` and :func:`activation_backward`.

==========  ====================================================================================
``z``       pre-activations of a layer (the slides' ``net_j``), shape ``(n_samples, n_units)``
``a``       activations ``f(z)`` (the slides' ``O_j``); ``W[i, j]`` joins unit i to unit j
``delta``   ``∂loss/∂z`` of a layer (the slides' ``∂E/∂O_j · ∂O_j/∂net_j``)
``y``/``t`` targets; ``E = ½ Σ_k (o_k − t_k)²``, summed over outputs, mean over samples
==========  ====================================================================================

MADC's tanh example writes ``a1``, ``a2`` for the hidden PRE-activations (our ``z``) and
``h1 = tanh(a1)`` for the outputs; :func:`tanh_example_forward` keeps MADC's names as its keys.
"""

from __future__ import annotations

import numpy as np

from coursekit._validate import as_float_array, check_same_shape, lookup
from coursekit.activations import ACTIVATIONS, DERIVATIVES, sigmoid
from coursekit.language import tr
from coursekit.losses import LOSS_GRADIENTS, LOSSES

# f'(z) written with the output a = f(z): same values as DERIVATIVES, without recomputing f.
_DERIVATIVE_FROM_OUTPUT = {"sigmoid": lambda a: a * (1.0 - a), "tanh": lambda a: 1.0 - a * a}

# Output activation + loss whose delta is (output − y)/N, N = elements (BCE) or rows (CCE): stable.
FUSED_DELTA = {("sigmoid", "bce"): "elements", ("softmax", "cce"): "rows"}


def chain_rule_example(a, b, c) -> dict:
    """MADC's chain-rule graph, d = 2b, e = a + d, L = c·e, and the derivatives of L.

    By the chain rule ∂L/∂a = ∂L/∂e · ∂e/∂a = c, ∂L/∂b = ∂L/∂e · ∂e/∂d · ∂d/∂b = 2c and
    ∂L/∂c = e. Works element-wise on arrays.

    Parameters
    ----------
    a, b, c : float or array_like (same shape)

    Returns
    -------
    dict
        ``"L"``, ``"dL_da"``, ``"dL_db"``, ``"dL_dc"``: floats, or arrays for array inputs.

    Examples
    --------
    >>> chain_rule_example(1.0, 2.0, -3.0)
    {'L': -15.0, 'dL_da': -3.0, 'dL_db': -6.0, 'dL_dc': 5.0}
    """
    a, b, c = np.broadcast_arrays(*(as_float_array(v, n) for v, n in zip((a, b, c), "abc")))
    e = a + 2.0 * b  # d = 2b
    out = {"L": c * e, "dL_da": c * 1.0, "dL_db": 2.0 * c, "dL_dc": e}
    return {k: float(v) if v.ndim == 0 else v for k, v in out.items()}


def activation_backward(d_a, z, activation: str, a=None) -> np.ndarray:
    """``∂loss/∂z`` from ``d_a = ∂loss/∂a`` through the activation, ``d_a ⊙ f'(z)``; for the
    softmax the vector–Jacobian product with MADC's ∂p_k/∂z_j = p_k(δ_kj − p_j), row by row:
    ``p ⊙ (d_a − Σ_k d_a,k p_k)``. ``d_a``, ``z`` (and ``a = f(z)``, optional: it saves
    recomputing f) have shape (n_samples, n_units); ``activation`` names an ACTIVATIONS entry.

    >>> activation_backward(np.array([[1.0]]), np.array([[0.0]]), "sigmoid")
    array([[0.25]])
    """
    function = lookup(ACTIVATIONS, activation, "activation")
    if activation == "softmax" or activation in _DERIVATIVE_FROM_OUTPUT:
        a = function(z) if a is None else a
        if activation == "softmax":
            return a * (d_a - np.sum(d_a * a, axis=-1, keepdims=True))
        return d_a * _DERIVATIVE_FROM_OUTPUT[activation](a)
    return d_a * DERIVATIVES[activation](z)


def output_delta(y, output, z, activation: str, loss: str) -> np.ndarray:
    """Delta of the output layer, δ_L = ∂loss/∂Z_L = ∂loss/∂A_L ⊙ f'(Z_L).

    ∂loss/∂A_L is ``coursekit.losses.LOSS_GRADIENTS[loss](y, output)``, which already holds
    the loss's mean, and f' is ``coursekit.activations.DERIVATIVES[activation](z)``, taken at
    the pre-activation z. BP's sigmoid unit with E = ½ Σ (o − t)² (``"half_sse"``) gives
    (o − t)·o(1 − o) / n_samples.

    Every loss is a mean: ``"half_sse"`` and ``"cce"`` sum over the outputs and average over
    the n_samples rows; ``"mse"``, ``"mae"`` and ``"bce"`` average over all y.size elements.
    The two shortcuts divide by the same count (they are exact, and stable when the output
    saturates): sigmoid + ``"bce"`` gives (p − y) / y.size; softmax + ``"cce"`` gives
    (p − y) / n_samples. A softmax output is used with ``"cce"`` only.

    Parameters
    ----------
    y : array_like, shape (n_samples, n_outputs)
        Targets (one-hot rows for ``"cce"``).
    output, z : array_like, same shape
        The network's output A_L = f(Z_L) and the output layer's pre-activations Z_L.
    activation : str
        An element-wise activation (a name in ``coursekit.activations.DERIVATIVES``), or
        ``"softmax"`` with the loss ``"cce"``.
    loss : str
        A name in ``coursekit.losses.LOSS_GRADIENTS``: ``"half_sse"``, ``"mse"``, ``"mae"``,
        ``"bce"`` or ``"cce"``.

    Returns
    -------
    ndarray, shape (n_samples, n_outputs)

    Examples
    --------
    >>> output_delta([[0.0, 1.0]], [[0.2, 0.8]], [[0.0, np.log(4.0)]], "softmax", "cce")
    array([[ 0.2, -0.2]])
    """
    y, output, z = (as_float_array(v, n) for v, n in ((y, "y"), (output, "output"), (z, "z")))
    check_same_shape(y, output, "y", "output")
    check_same_shape(z, output, "z", "output")
    lookup(ACTIVATIONS, activation, "activation"), lookup(LOSSES, loss, "loss")
    fused = FUSED_DELTA.get((activation, loss))
    if fused:
        return (output - y) / (y.size if fused == "elements" else y.shape[0])
    return activation_backward(LOSS_GRADIENTS[loss](y, output), z, activation, a=output)


def hidden_delta(delta_next, W_next, z, activation: str) -> np.ndarray:
    """Delta of a hidden layer from the next one's (delta rule): δ_l = (δ_{l+1}W_{l+1}ᵀ) ⊙ f'(Z_l).

    BP's "Example 2" for one unit: ∂E/∂o_6 = Σ_k δ_k W_6k, then times o_6(1 − o_6).
    f' is ``coursekit.activations.DERIVATIVES[activation](z)``, taken at this layer's
    pre-activation z (not at its output f(z)).

    Parameters
    ----------
    delta_next : array_like, shape (n_samples, n_next)
        δ_{l+1} = ∂loss/∂Z_{l+1}.
    W_next : array_like, shape (n_units, n_next)
        The weights from this layer to the next.
    z : array_like, shape (n_samples, n_units)
        This layer's pre-activations Z_l.
    activation : str
        This layer's activation, an element-wise one (a name in
        ``coursekit.activations.DERIVATIVES``; hidden layers here never use the softmax).

    Returns
    -------
    ndarray, shape (n_samples, n_units)

    >>> hidden_delta([[0.5, -1.0]], [[1.0, 2.0], [0.0, 1.0]], [[0.0, 0.0]], "tanh")
    array([[-1.5, -1. ]])
    """
    delta_next, W_next, z = (as_float_array(v, n, ndim=2) for v, n in
                             ((delta_next, "delta_next"), (W_next, "W_next"), (z, "z")))
    if W_next.shape != (z.shape[1], delta_next.shape[1]) or z.shape[0] != delta_next.shape[0]:
        raise ValueError(tr("W_next must have shape (n_units, n_next), z and delta_next the "
                            "same rows: got z {z}, W_next {W_next}, delta {delta}").format(
            z=z.shape, W_next=W_next.shape, delta=delta_next.shape))
    return activation_backward(delta_next @ W_next.T, z, activation)


def _tanh_inputs(x, w):
    x, w = as_float_array(x, "x"), as_float_array(w, "w")
    if x.shape != (2,) or w.shape != (6,):
        raise ValueError(tr("x must hold two inputs x1, x2 and w six weights w1…w6: shapes "
                            "(2,) and (6,), got {x} and {w}").format(x=x.shape, w=w.shape))
    return x, w


def tanh_example_forward(x, w) -> dict:
    """Forward pass of MADC's example, a dict of floats: ``a1 = w1·x1 + w2·x2``, ``a2 = w3·x1 +
    w4·x2``, ``h1 = tanh(a1)``, ``h2 = tanh(a2)``, ``y_hat = w5·h1 + w6·h2`` (no biases).

    Notation: the keys keep MADC's names, so ``a1``, ``a2`` are the PRE-activations (our z),
    not activation outputs; the hidden outputs (our a, the slides' h) are ``h1``, ``h2``.

    >>> round(tanh_example_forward([2.0, 3.0], [0.1, 0.2, 0.3, 0.1, 0.5, 0.8])["y_hat"], 4)
    0.9051
    """
    x, w = _tanh_inputs(x, w)
    a1, a2 = w[0] * x[0] + w[1] * x[1], w[2] * x[0] + w[3] * x[1]
    h1, h2 = np.tanh(a1), np.tanh(a2)
    return {"a1": float(a1), "a2": float(a2), "h1": float(h1), "h2": float(h2),
            "y_hat": float(w[4] * h1 + w[5] * h2)}


def tanh_example_gradients(x, y, w) -> np.ndarray:
    """Gradients of E = ½(ŷ − y)² for MADC's tanh network, by the chain rule.

    h1 = tanh(w1·x1 + w2·x2), h2 = tanh(w3·x1 + w4·x2), ŷ = w5·h1 + w6·h2 (no biases);
    ∂E/∂w5 = (ŷ − y)·h1, ∂E/∂w1 = (ŷ − y)·w5·(1 − h1²)·x1, and so on.

    Parameters
    ----------
    x : array_like, shape (2,)
        The inputs x1, x2 (the slide's 2 and 3).
    y : float
        The target (the slide's 1).
    w : array_like, shape (6,)
        w1…w6: w1, w2 from x1, x2 into h1; w3, w4 into h2; w5, w6 from h1, h2 to the output.

    Returns
    -------
    ndarray, shape (6,)
        ∂E/∂w1, …, ∂E/∂w6.

    Examples
    --------
    >>> tanh_example_gradients([2.0, 3.0], 1.0, [0.1, 0.2, 0.3, 0.1, 0.5, 0.8]).round(4)
    array([-0.0531, -0.0796, -0.074 , -0.111 , -0.063 , -0.068 ])
    """
    x, w = _tanh_inputs(x, w)
    f = tanh_example_forward(x, w)
    error = f["y_hat"] - float(as_float_array(y, "y"))
    d1, d2 = error * w[4] * (1.0 - f["h1"] ** 2), error * w[5] * (1.0 - f["h2"] ** 2)
    return np.array([d1 * x[0], d1 * x[1], d2 * x[0], d2 * x[1], error * f["h1"], error * f["h2"]])


def mazur_step(x, t, params, eta: float = 0.5) -> list[dict]:
    """One gradient-descent step of a two-layer sigmoid network on E = ½ Σ_k (o_k − t_k)²
    (mean over samples), updating the weights only, as in Mazur (2015).

    Forward h = σ(x W1 + b1), o = σ(h W2 + b2); deltas δ2 = (o − t)·o(1 − o)/n and
    δ1 = (δ2 W2ᵀ)·h(1 − h), both with the weights BEFORE the step; then
    W2 ← W2 − η hᵀδ2 and W1 ← W1 − η xᵀδ1. Biases are not updated.

    Parameters
    ----------
    x : array_like, shape (n_samples, n_inputs)
    t : array_like, shape (n_samples, n_outputs)
        Targets.
    params : list of two dict
        ``[{"W": (n_inputs, n_hidden), "b": (n_hidden,)}, {"W": (n_hidden, n_outputs),
        "b": (n_outputs,)}]``; not modified.
    eta : float
        Learning rate η.

    Returns
    -------
    list of two dict
        New arrays: updated ``"W"``, the same ``"b"`` values.

    >>> params = [{"W": np.array([[0.15, 0.25], [0.20, 0.30]]), "b": np.array([0.35, 0.35])},
    ...           {"W": np.array([[0.40, 0.50], [0.45, 0.55]]), "b": np.array([0.60, 0.60])}]
    >>> new = mazur_step([[0.05, 0.10]], [[0.01, 0.99]], params, 0.5)
    >>> new[1]["W"].round(8)
    array([[0.35891648, 0.51130127],
           [0.40866619, 0.56137012]])
    """
    if len(params) != 2:
        raise ValueError(tr("params must hold two layers (hidden, output), got {count}").format(
            count=len(params)))
    x, t = as_float_array(x, "x", ndim=2), as_float_array(t, "t", ndim=2)
    (W1, b1), (W2, b2) = ((as_float_array(p["W"], f"params[{k}]['W']", ndim=2),
                           as_float_array(p["b"], f"params[{k}]['b']", ndim=1))
                          for k, p in enumerate(params))
    z1 = x @ W1 + b1
    h = sigmoid(z1)
    z2 = h @ W2 + b2
    delta2 = output_delta(t, sigmoid(z2), z2, "sigmoid", "half_sse")
    delta1 = hidden_delta(delta2, W2, z1, "sigmoid")  # with W2 before the step
    return [{"W": W1 - eta * x.T @ delta1, "b": b1.copy()},
            {"W": W2 - eta * h.T @ delta2, "b": b2.copy()}]
