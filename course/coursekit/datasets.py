"""Small data sets for the course, generated offline from a seed (nothing is downloaded).

Every function returns ``(X, y)`` with ``X`` of shape ``(n_samples, n_features)`` in float64 and
``y`` of shape ``(n_samples,)``: labels 0/1 for classification, real values for regression.
Randomness comes only from the ``rng`` argument (Generator, int seed or None).

The slides' figures (INTRO's curve fit, BP's overfitting plots) are not in the text we have, so
``curve_target`` and ``sine_target`` are smooth stand-ins of the same kind.
"""

from __future__ import annotations

import numpy as np

from coursekit._validate import RngLike, as_float_array, as_rng, check_count
from coursekit.language import tr


def _check_noise(noise: float) -> None:
    if not noise >= 0:  # also rejects NaN
        raise ValueError(tr("noise must be >= 0, got {noise}").format(noise=noise))


def xor(n_per_corner: int = 1, noise: float = 0.0, rng: RngLike = None):
    """The XOR problem: label 1 when exactly one of the two inputs is 1.

    With the defaults it is the four-row truth table (BP, MADC); more points per corner with
    Gaussian ``noise`` give a cloud around each corner.

    >>> X, y = xor()
    >>> X.tolist(), y.tolist()
    ([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [0.0, 1.0, 1.0, 0.0])
    """
    check_count("n_per_corner", n_per_corner)
    _check_noise(noise)
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    X = np.repeat(corners, n_per_corner, axis=0)
    if noise:
        X = X + as_rng(rng).normal(0.0, noise, X.shape)
    y = np.repeat(np.array([0.0, 1.0, 1.0, 0.0]), n_per_corner)
    return X, y


def dogs_vs_cats(n_samples: int = 200, rng: RngLike = None):
    """A synthetic dogs-and-cats data set, generated after MADC's example: features (ear length
    in cm, weight in kg), label 1 = dog.

    MADC ("Propagación hacia delante") gives one dog, ``x = [8, 12]``, and says that dogs tend to
    be heavier and to have longer ears; it has no data set. These animals are invented to fit that
    description (call them synthetic, not "MADC's dogs and cats"). Normal draws (mean ± standard
    deviation): dogs 9 ± 2 cm and 15 ± 5 kg, cats 5 ± 1 cm and 4.5 ± 1.2 kg; half dogs (one more
    cat when ``n_samples`` is odd); values clipped at 0.5; rows shuffled.

    >>> X, y = dogs_vs_cats(10, rng=0)
    >>> X.shape, int(y.sum())
    ((10, 2), 5)
    """
    check_count("n_samples", n_samples, 2)
    rng = as_rng(rng)
    n_dogs = n_samples // 2
    n_cats = n_samples - n_dogs
    dogs = np.column_stack([rng.normal(9.0, 2.0, n_dogs), rng.normal(15.0, 5.0, n_dogs)])
    cats = np.column_stack([rng.normal(5.0, 1.0, n_cats), rng.normal(4.5, 1.2, n_cats)])
    X = np.clip(np.vstack([dogs, cats]), 0.5, None)
    y = np.concatenate([np.ones(n_dogs), np.zeros(n_cats)])
    order = rng.permutation(n_samples)
    return X[order], y[order]


def curve_target(x):
    """The smooth 1-D curve behind :func:`curve_1d`, :math:`f(x) = \\sin(3x) / 2 + x/4`."""
    x = as_float_array(x, "x")
    return 0.5 * np.sin(3.0 * x) + 0.25 * x


def curve_1d(n_samples: int = 50, noise: float = 0.05, rng: RngLike = None):
    """INTRO's curve-fitting data ("Ajuste"): noisy samples of :func:`curve_target` on
    [-2, 2], sorted by ``x``, to be fitted by a shallow network.

    >>> X, y = curve_1d(5, noise=0.0, rng=0)
    >>> bool(np.allclose(y, curve_target(X[:, 0])))
    True
    """
    check_count("n_samples", n_samples)
    _check_noise(noise)
    rng = as_rng(rng)
    x = np.sort(rng.uniform(-2.0, 2.0, n_samples))
    return x[:, None], curve_target(x) + rng.normal(0.0, noise, n_samples)


def moons(n_samples: int = 200, noise: float = 0.1, rng: RngLike = None):
    """Two interleaving half circles (labels 0 and 1), a non-linear classification problem.

    >>> X, y = moons(6, noise=0.0, rng=0)
    >>> X.shape, y.tolist().count(1.0)
    ((6, 2), 3)
    """
    check_count("n_samples", n_samples, 2)
    _check_noise(noise)
    rng = as_rng(rng)
    n_upper = n_samples // 2
    n_lower = n_samples - n_upper
    t_upper = np.linspace(0.0, np.pi, n_upper)
    t_lower = np.linspace(0.0, np.pi, n_lower)
    upper = np.column_stack([np.cos(t_upper), np.sin(t_upper)])
    lower = np.column_stack([1.0 - np.cos(t_lower), 0.5 - np.sin(t_lower)])
    X = np.vstack([upper, lower]) + rng.normal(0.0, noise, (n_samples, 2))
    y = np.concatenate([np.zeros(n_upper), np.ones(n_lower)])
    order = rng.permutation(n_samples)
    return X[order], y[order]


def circles(n_samples: int = 200, noise: float = 0.05, factor: float = 0.5, rng: RngLike = None):
    """A small circle (label 1) inside a large one (label 0); ``factor`` is the radius ratio.

    >>> X, y = circles(8, noise=0.0, rng=0)
    >>> sorted(set(np.round(np.hypot(X[:, 0], X[:, 1]), 6).tolist()))
    [0.5, 1.0]
    """
    check_count("n_samples", n_samples, 2)
    _check_noise(noise)
    if not 0 < factor < 1:
        raise ValueError(tr("factor must be in (0, 1), got {factor}").format(factor=factor))
    rng = as_rng(rng)
    n_outer = n_samples // 2
    n_inner = n_samples - n_outer
    angles = np.concatenate([
        np.linspace(0, 2 * np.pi, n_outer, endpoint=False),
        np.linspace(0, 2 * np.pi, n_inner, endpoint=False),
    ])
    radii = np.concatenate([np.ones(n_outer), np.full(n_inner, factor)])
    X = np.column_stack([radii * np.cos(angles), radii * np.sin(angles)])
    X = X + rng.normal(0.0, noise, X.shape)
    y = np.concatenate([np.zeros(n_outer), np.ones(n_inner)])
    order = rng.permutation(n_samples)
    return X[order], y[order]


def sine_target(x):
    """The true function behind :func:`noisy_regression`, :math:`f(x) = \\sin(2\\pi x)`."""
    return np.sin(2.0 * np.pi * as_float_array(x, "x"))


def noisy_regression(n_samples: int = 20, noise: float = 0.3, rng: RngLike = None):
    """Few noisy samples of :func:`sine_target` on [0, 1]: the classic setting for under- and
    over-fitting, bias–variance and double descent (BP, INTRO).

    >>> X, y = noisy_regression(20, rng=0)
    >>> X.shape, y.shape
    ((20, 1), (20,))
    """
    check_count("n_samples", n_samples)
    _check_noise(noise)
    rng = as_rng(rng)
    x = rng.uniform(0.0, 1.0, n_samples)
    return x[:, None], sine_target(x) + rng.normal(0.0, noise, n_samples)
