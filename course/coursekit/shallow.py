"""INTRO's shallow network (one hidden layer) and the collapse of a network with linear activations.

Follows INTRO ("Redes Neuronales: Shallow", "Redes Neuronales: Quiz!", "Redes Neuronales: Función
de Activación"): with two inputs and three hidden units

.. math::

    y = \\omega_{14} f(x_1\\omega_{11} + x_2\\omega_{21} + b_1)
      + \\omega_{24} f(x_1\\omega_{12} + x_2\\omega_{22} + b_2)
      + \\omega_{34} f(x_1\\omega_{13} + x_2\\omega_{23} + b_3) + b_4 .

=============  ==============================================================================
``x``          inputs, shape ``(n_samples,)`` (one input, :math:`s = 1`) or ``(n_samples, s)``
``W``          hidden weights, shape ``(s, n_hidden)``; ``W[i, k]`` is :math:`\\omega_{ik}`
``b``          hidden biases :math:`b_k`, shape ``(n_hidden,)``
``w_out``      output weights :math:`\\omega_{k4}`, shape ``(n_hidden,)`` (or ``(n_hidden, m)``)
``b_out``      output bias :math:`b_4` (a float, or shape ``(m,)``)
``f``          hidden activation; :func:`collapse_linear` takes :math:`f(u) = a u + c`
=============  ==============================================================================
"""

from __future__ import annotations

import numpy as np

from coursekit._validate import as_float_array
from coursekit.activations import get_activation
from coursekit.network import dense


def _check_hidden(W, b, n_inputs: int | None = None):
    W = as_float_array(W, "W", ndim=2)
    b = as_float_array(b, "b", ndim=1)
    if n_inputs is not None and W.shape[0] != n_inputs:
        raise ValueError(f"W must have shape ({n_inputs}, n_hidden) for {n_inputs} input(s), "
                         f"got {W.shape}")
    if b.shape != (W.shape[1],):
        raise ValueError(f"b must have shape ({W.shape[1]},) to match W {W.shape}, got {b.shape}")
    return W, b


def shallow_net(x, W, b, w_out, b_out, activation="relu"):
    """Output of a shallow network (INTRO, "Redes Neuronales: Shallow"),
    :math:`y = \\sum_k \\omega_{k4} f(\\sum_i x_i \\omega_{ik} + b_k) + b_4`.

    Parameters
    ----------
    x : array_like, shape (n_samples,) or (n_samples, s)
        One input per sample (a 1-D array: :math:`s = 1`), or one row of ``s`` inputs per sample.
    W : array_like, shape (s, n_hidden)
        Hidden weights; ``W[i, k]`` joins input i to hidden unit k (:math:`\\omega_{ik}`).
    b : array_like, shape (n_hidden,)
        Hidden biases :math:`b_k`.
    w_out : array_like, shape (n_hidden,) or (n_hidden, m)
        Output weights :math:`\\omega_{k4}`.
    b_out : float or array_like of shape (m,)
        Output bias :math:`b_4`.
    activation : str or callable
        Hidden activation: a name of :mod:`coursekit.activations` (``"relu"``, ``"sigmoid"``, ...)
        or a function of the pre-activation.

    Returns
    -------
    ndarray, shape (n_samples,) or (n_samples, m)
        One output per sample (``(n_samples, m)`` when ``w_out`` is 2-D).

    Examples
    --------
    The ReLU network of INTRO ("Redes Neuronales: Función de Activación"):

    >>> shallow_net([-3.0, 0.0, 3.0], [[1.5, 1.0, 2.0]], [3.0, -1.2, -4.0],
    ...             [-0.6, 1.7, -1.2], -0.5).round(6)
    array([-0.5 , -2.3 , -4.34])
    """
    x = as_float_array(x, "x")
    if x.ndim not in (1, 2):
        raise ValueError(f"x must have shape (n_samples,) or (n_samples, s), got {x.shape}")
    X = x[:, None] if x.ndim == 1 else x
    W, b = _check_hidden(W, b, X.shape[1])
    w_out = as_float_array(w_out, "w_out")
    if w_out.ndim not in (1, 2) or w_out.shape[0] != W.shape[1]:
        raise ValueError(f"w_out must have shape ({W.shape[1]},) or ({W.shape[1]}, m) to match "
                         f"W {W.shape}, got {w_out.shape}")
    b_out = as_float_array(b_out, "b_out")
    expected_b = () if w_out.ndim == 1 else (w_out.shape[1],)
    if b_out.shape != expected_b and not (w_out.ndim == 2 and b_out.ndim == 0):
        raise ValueError(f"b_out must have shape {expected_b} to match w_out {w_out.shape}, "
                         f"got {b_out.shape}")
    f = activation if callable(activation) else get_activation(activation)
    return np.asarray(f(dense(X, W, b)), dtype=np.float64) @ w_out + b_out


def collapse_linear(W, b, w_out, b_out, a: float, c: float) -> tuple:
    """Coefficients of a shallow network whose activation is linear, :math:`f(u) = a u + c`:
    it is one linear function :math:`y = c_1 x_1 + c_2 x_2 + c_3` (INTRO, "Redes Neuronales:
    Shallow", "Qué pasa si la función de activación es lineal?").

    Each unit gives :math:`\\omega_{k4} f(u_k) = a\\,\\omega_{k4} u_k + c\\,\\omega_{k4}`, so

    .. math::

        c_i = a \\sum_k \\omega_{ik}\\,\\omega_{k4}, \\qquad
        c_{s+1} = a \\sum_k b_k\\,\\omega_{k4} + c \\sum_k \\omega_{k4} + b_4 .

    (The slide writes :math:`3c` for the second term, i.e. forgets the :math:`\\omega_{k4}`.)

    Parameters
    ----------
    W : array_like, shape (s, n_hidden)
        Hidden weights :math:`\\omega_{ik}`; the slide has ``s = 2`` inputs and 3 hidden units.
    b : array_like, shape (n_hidden,)
        Hidden biases :math:`b_k`.
    w_out : array_like, shape (n_hidden,)
        Output weights :math:`\\omega_{k4}`.
    b_out : float
        Output bias :math:`b_4`.
    a, c : float
        Slope and intercept of the activation :math:`f(u) = a u + c` (the slide's ``a`` and ``b``).

    Returns
    -------
    tuple of float, length s + 1
        :math:`(c_1, \\ldots, c_s, c_{s+1})`: ``(c1, c2, c3)`` for two inputs.

    Examples
    --------
    >>> collapse_linear([[1.0, 0.0], [0.0, 1.0]], [0.0, 1.0], [1.0, 2.0], 0.5, a=2.0, c=1.0)
    (2.0, 4.0, 7.5)
    """
    W, b = _check_hidden(W, b)
    w_out = as_float_array(w_out, "w_out", ndim=1)
    if w_out.shape != (W.shape[1],):
        raise ValueError(f"w_out must have shape ({W.shape[1]},) to match W {W.shape}, "
                         f"got {w_out.shape}")
    b_out = float(as_float_array(b_out, "b_out", ndim=0))
    a = float(as_float_array(a, "a", ndim=0))
    c = float(as_float_array(c, "c", ndim=0))
    slopes = a * (W @ w_out)
    constant = a * float(b @ w_out) + c * float(w_out.sum()) + b_out
    return (*(float(v) for v in slopes), constant)
