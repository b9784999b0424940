"""Gradient checking: compare backpropagated gradients with central finite differences.

Follows MADC/BP's backpropagation slides; the check itself is the standard one used to debug
backprop.

=======  =======================================================================
``f``    scalar function of an array ``x``
``eps``  finite-difference step ``ε``
=======  =======================================================================
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from coursekit._validate import as_float_array
from coursekit.language import tr
from coursekit.network import compute_loss, loss_and_gradients


def numerical_gradient(f: Callable[[np.ndarray], float], x, eps: float = 1e-6) -> np.ndarray:
    """Central-difference gradient: ∂f/∂x_i ≈ (f(x + ε e_i) − f(x − ε e_i)) / (2ε) for every
    entry i of ``x`` (e_i is 1 at entry i, 0 elsewhere).

    The error is O(ε²); the one-sided (f(x + ε e_i) − f(x)) / ε has error O(ε). ``x`` is
    perturbed in place one entry at a time and restored, so ``f`` may read it through a
    closure (e.g. a weight matrix inside ``params``).

    Parameters
    ----------
    f : callable
        ``f(x) -> float``.
    x : ndarray of float64, any shape
    eps : float

    Returns
    -------
    ndarray, same shape as ``x``

    >>> numerical_gradient(lambda v: float(np.sum(v ** 2)), np.array([1.0, -2.0])).round(6)
    array([ 2., -4.])
    """
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise TypeError(tr("x must be a float64 numpy array (it is perturbed in place), got "
                           "{x!r}").format(x=x))
    grad = np.empty_like(x)
    flat_x, flat_grad = x.reshape(-1), grad.reshape(-1)
    if not np.shares_memory(flat_x, x):
        raise ValueError(tr("x must be contiguous so it can be perturbed in place"))
    for i in range(flat_x.size):
        original = flat_x[i]
        flat_x[i] = original + eps
        f_plus = f(x)
        flat_x[i] = original - eps
        f_minus = f(x)
        flat_x[i] = original
        flat_grad[i] = (f_plus - f_minus) / (2.0 * eps)
    return grad


def relative_error(a, b) -> float:
    """Relative error ‖a − b‖ / (‖a‖ + ‖b‖), 0 when both are 0.

    Below about 1e-7 the two gradients agree; above 1e-3 there is almost surely a bug.

    >>> relative_error([1.0, 2.0], [1.0, 2.0])
    0.0
    """
    a = as_float_array(a, "a")
    b = as_float_array(b, "b")
    if a.shape != b.shape:
        raise ValueError(tr("{name_a} and {name_b} must have the same shape, got {name_a} "
                            "{shape_a} and {name_b} {shape_b}").format(
            name_a="a", name_b="b", shape_a=a.shape, shape_b=b.shape))
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    if denominator == 0.0:
        return 0.0
    return float(np.linalg.norm(a - b) / max(denominator, np.finfo(np.float64).tiny))


def network_gradient_errors(X, y, params, activations, loss: str, eps: float = 1e-6):
    """Relative error between backprop and numerical gradients for every weight and bias.

    Returns
    -------
    list of dict
        ``errors[l]["W"]`` and ``errors[l]["b"]``: :func:`relative_error` for that array.
    """
    _, grads = loss_and_gradients(X, y, params, activations, loss)
    errors = []
    for layer, grads_l in zip(params, grads):
        errors.append({})
        for key in ("W", "b"):
            numeric = numerical_gradient(
                lambda _: compute_loss(X, y, params, activations, loss), layer[key], eps
            )
            errors[-1][key] = relative_error(grads_l[key], numeric)
    return errors
