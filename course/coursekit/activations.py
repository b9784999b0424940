"""Activation functions and their derivatives with respect to the pre-activation ``z``.

Follows the activation tables of MADC ("Funciones de activación") and INTRO, and PERC's sigmoid and
ReLU slides.

========  ==========================================================
``z``     pre-activation, ``z = x @ W + b`` (any shape)
``a``     activation, ``a = f(z)`` (same shape as ``z``)
``f'(z)`` derivative of ``f`` at ``z``, element by element
========  ==========================================================

Every function accepts scalars or arrays, computes in float64 and is stable for large ``|z|``
(no overflow warnings at ``|z| = 1000``); like all of coursekit, an element-wise function returns
a Python float for a scalar and an ndarray of the same shape for an array. ``softmax`` acts along
an axis, so its derivative is a Jacobian (:func:`softmax_jacobian`) rather than an element-wise
function.
"""

from __future__ import annotations

import numpy as np

from coursekit._validate import as_float_array, as_result, lookup


def identity(z):
    """Identity (linear) activation, :math:`f(z) = z`.

    >>> identity([-1.0, 2.0])
    array([-1.,  2.])
    """
    return as_result(as_float_array(z, "z").copy())


def identity_derivative(z):
    """Derivative of the identity, :math:`f'(z) = 1`."""
    return as_result(np.ones_like(as_float_array(z, "z")))


def step(z):
    """Binary step (Heaviside) used by the perceptron, :math:`f(z) = 1` if :math:`z \\ge 0` else 0.

    >>> step([-0.5, 0.0, 2.0])
    array([0., 1., 1.])
    """
    return as_result((as_float_array(z, "z") >= 0).astype(np.float64))


def step_derivative(z):
    """Derivative of the step: 0 everywhere (undefined at 0, taken as 0), which is why the
    perceptron cannot be trained by gradient descent."""
    return as_result(np.zeros_like(as_float_array(z, "z")))


def sigmoid(z):
    """Logistic sigmoid, :math:`\\sigma(z) = 1 / (1 + e^{-z})`, computed without overflow.

    Uses :math:`e^{-|z|}` so the exponential never exceeds 1.

    >>> sigmoid([0.0, 1000.0, -1000.0])
    array([0.5, 1. , 0. ])
    """
    z = as_float_array(z, "z")
    e = np.exp(-np.abs(z))
    return as_result(np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)))


def sigmoid_derivative(z):
    """Derivative of the sigmoid, :math:`\\sigma'(z) = \\sigma(z)(1 - \\sigma(z)) \\le 1/4`.

    >>> float(sigmoid_derivative(0.0))
    0.25
    """
    s = sigmoid(z)
    return as_result(s * (1.0 - s))


def tanh(z):
    """Hyperbolic tangent, :math:`\\tanh(z) = (e^z - e^{-z}) / (e^z + e^{-z})`, in (-1, 1)."""
    return as_result(np.tanh(as_float_array(z, "z")))


def tanh_derivative(z):
    """Derivative of tanh, :math:`1 - \\tanh^2(z)`.

    >>> float(tanh_derivative(0.0))
    1.0
    """
    t = np.tanh(as_float_array(z, "z"))
    return as_result(1.0 - t * t)


def relu(z):
    """Rectified linear unit, :math:`f(z) = \\max(0, z)`.

    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    return as_result(np.maximum(as_float_array(z, "z"), 0.0))


def relu_derivative(z):
    """Derivative of ReLU: 1 for :math:`z > 0`, else 0 (the value at 0 is taken as 0)."""
    return as_result((as_float_array(z, "z") > 0).astype(np.float64))


def leaky_relu(z, alpha: float = 0.01):
    """Leaky ReLU (PReLU with a fixed slope), :math:`f(z) = z` if :math:`z > 0` else
    :math:`\\alpha z`.

    >>> leaky_relu([-100.0, 5.0])
    array([-1.,  5.])
    """
    z = as_float_array(z, "z")
    return as_result(np.where(z > 0, z, alpha * z))


def leaky_relu_derivative(z, alpha: float = 0.01):
    """Derivative of leaky ReLU: 1 for :math:`z > 0`, else :math:`\\alpha`."""
    return as_result(np.where(as_float_array(z, "z") > 0, 1.0, alpha))


def elu(z, alpha: float = 1.0):
    """Exponential linear unit, :math:`f(z) = z` if :math:`z > 0` else
    :math:`\\alpha (e^z - 1)`."""
    z = as_float_array(z, "z")
    return as_result(np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0.0))))


def elu_derivative(z, alpha: float = 1.0):
    """Derivative of ELU: 1 for :math:`z > 0`, else :math:`\\alpha e^z`."""
    z = as_float_array(z, "z")
    return as_result(np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0.0))))


def softplus(z):
    """Softplus, :math:`f(z) = \\ln(1 + e^z)`, a smooth ReLU (stable via ``logaddexp``).

    >>> round(float(softplus(0.0)), 6)
    0.693147
    """
    return as_result(np.logaddexp(0.0, as_float_array(z, "z")))


def softplus_derivative(z):
    """Derivative of softplus, :math:`f'(z) = \\sigma(z)`."""
    return as_result(sigmoid(z))


def arctan(z):
    """Arctangent activation, :math:`f(z) = \\arctan(z)`, in :math:`(-\\pi/2, \\pi/2)`."""
    return as_result(np.arctan(as_float_array(z, "z")))


def arctan_derivative(z):
    """Derivative of arctan, :math:`f'(z) = 1 / (1 + z^2)`."""
    z = as_float_array(z, "z")
    return as_result(1.0 / (1.0 + z * z))


def softmax(z, axis: int = -1):
    """Softmax along ``axis``, :math:`s_k = e^{z_k} / \\sum_j e^{z_j}`.

    Subtracts the maximum first, which leaves the result unchanged (shift invariance) and
    prevents overflow.

    Parameters
    ----------
    z : array_like, shape (..., n_classes)
        Scores (logits); one row per sample.
    axis : int
        Axis holding the classes.

    Returns
    -------
    ndarray, same shape as ``z``
        Probabilities that sum to 1 along ``axis``.

    >>> softmax([5.36, 12.12]).round(5)
    array([0.00116, 0.99884])
    """
    z = as_float_array(z, "z")
    shifted = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return shifted / np.sum(shifted, axis=axis, keepdims=True)


def softmax_jacobian(z):
    """Jacobian of the softmax over the last axis, :math:`\\partial s_i / \\partial z_j =
    s_i(\\delta_{ij} - s_j)`.

    Parameters
    ----------
    z : array_like, shape (..., k)

    Returns
    -------
    ndarray, shape (..., k, k)
    """
    s = softmax(z)
    return s[..., :, None] * (np.eye(s.shape[-1]) - s[..., None, :])


ACTIVATIONS = {
    "identity": identity,
    "linear": identity,  # Keras' name for the identity
    "step": step,
    "sigmoid": sigmoid,
    "tanh": tanh,
    "relu": relu,
    "leaky_relu": leaky_relu,
    "elu": elu,
    "softplus": softplus,
    "arctan": arctan,
    "softmax": softmax,
}
"""Activation name -> function of ``z``."""

DERIVATIVES = {
    "identity": identity_derivative,
    "linear": identity_derivative,
    "step": step_derivative,
    "sigmoid": sigmoid_derivative,
    "tanh": tanh_derivative,
    "relu": relu_derivative,
    "leaky_relu": leaky_relu_derivative,
    "elu": elu_derivative,
    "softplus": softplus_derivative,
    "arctan": arctan_derivative,
    "softmax": softmax_jacobian,
}
"""Activation name -> derivative w.r.t. ``z`` (element-wise, except softmax's Jacobian)."""


def get_activation(name: str):
    """Return the activation function called ``name``; unknown names list the valid ones."""
    return lookup(ACTIVATIONS, name, "activation")
