"""Bias and variance measured empirically, and double descent with random ReLU features.

Follows INTRO's slides "Redes Neuronales: Bias-Varianza", "Reducir la Varianza", "Reducir el
Bias", "Trade Off Bias-Variance" and "Double Descent" (figures from Prince, *Understanding Deep
Learning*, ch. 8). As in that book, the models are shallow ReLU networks whose hidden layer is
fixed (joints evenly spaced, or random) and whose output layer is fitted by least squares, so a
"training" is one ``lstsq`` call and hundreds of fits cost milliseconds. With more parameters
than samples ``lstsq`` returns the minimum-norm solution among those that interpolate.

================  =============================================================================
``layer``         the fixed hidden layer ``{"W": (n_in, n_hidden), "b": (n_hidden,)}``
``H``             hidden activations ``relu(X @ W + b)``, shape ``(n_samples, n_hidden)``
``predictions``   one fitted model per row: shape ``(n_fits, n_points)``
``f_true``        the noiseless target at the same points, shape ``(n_points,)``
``bias2``         :math:`\\overline{(\\bar f(x) - f(x))^2}`, ``variance``
                  :math:`\\overline{\\mathrm{Var}_D[f_D(x)]}` (averaged over the points ``x``),
                  estimated without bias from a finite number of fits (:func:`bias_variance`)
================  =============================================================================
"""

from __future__ import annotations

import numpy as np

from coursekit._validate import RngLike, as_float_array, as_rng, check_count
from coursekit.activations import relu
from coursekit.datasets import noisy_regression, sine_target
from coursekit.language import tr
from coursekit.network import dense


def even_relu_layer(n_hidden: int, low: float = 0.0, high: float = 1.0) -> dict:
    """A 1-input ReLU layer whose joints are evenly spaced over [low, high] (the book's model).

    Unit k is :math:`\\mathrm{relu}(x - c_k)` with :math:`c_k = low + (k + ½)(high - low)/n`.

    >>> even_relu_layer(2)["b"].tolist()
    [-0.25, -0.75]
    """
    n_hidden = check_count("n_hidden", n_hidden)
    joints = low + (np.arange(n_hidden) + 0.5) * (high - low) / n_hidden
    return {"W": np.ones((1, n_hidden)), "b": -joints}


def random_relu_layer(n_in: int, n_hidden: int, rng: RngLike = None, scale: float = 2.0) -> dict:
    """Random ReLU features: :math:`W \\sim \\mathcal N(0, \\text{scale}^2)`, :math:`b \\sim
    \\mathcal N(0, 1)`, shapes ``(n_in, n_hidden)`` and ``(n_hidden,)``."""
    rng = as_rng(rng)
    W = rng.normal(0.0, scale, (check_count("n_in", n_in), check_count("n_hidden", n_hidden)))
    return {"W": W, "b": rng.normal(0.0, 1.0, n_hidden)}


def hidden_features(X, layer: dict) -> np.ndarray:
    """Hidden activations :math:`H = \\mathrm{relu}(X W + b)`, shape ``(n_samples, n_hidden)``."""
    return relu(dense(X, layer["W"], layer["b"]))


def fit_predict(X_train, y_train, X_eval, layer: dict) -> np.ndarray:
    """Fit the output layer (weights and bias) by minimum-norm least squares, then predict.

    Solves :math:`\\min \\|[H, 1]\\,\\beta - y\\|^2` (smallest :math:`\\|\\beta\\|` among the
    minimisers) with ``numpy.linalg.lstsq`` and returns :math:`[H_{eval}, 1]\\,\\beta`.

    Parameters
    ----------
    X_train : array_like, shape (n_samples, n_in)
    y_train : array_like, shape (n_samples,)
    X_eval : array_like, shape (n_points, n_in)
    layer : dict
        The fixed hidden layer.

    Returns
    -------
    ndarray, shape (n_points,)
    """
    y_train = as_float_array(y_train, "y_train", ndim=1)
    H = hidden_features(X_train, layer)
    if H.shape[0] != y_train.shape[0]:
        raise ValueError(tr("y_train must have one value per row of X_train ({rows}), got shape "
                            "{shape}").format(rows=H.shape[0], shape=y_train.shape))
    design = np.column_stack([H, np.ones(H.shape[0])])
    beta = np.linalg.lstsq(design, y_train, rcond=None)[0]
    H_eval = hidden_features(X_eval, layer)
    return H_eval @ beta[:-1] + beta[-1]


def bias_variance(predictions, f_true):
    """Empirical bias² and variance of many fits of the same model on resampled data sets,
    both unbiased estimates.

    With :math:`f_D(x)` the fit on data set :math:`D`, :math:`n` the number of fits (rows of
    ``predictions``) and :math:`\\hat f(x)` their mean:

    - :math:`\\text{variance} = \\operatorname{mean}_x \\frac{1}{n-1} \\sum_D (f_D(x) - \\hat
      f(x))^2` (the sample variance, ``ddof=1``: the fits are compared with their own mean,
      which lies closer to them than the true mean fit :math:`\\bar f` does);
    - :math:`\\text{bias}^2 = \\operatorname{mean}_x (\\hat f(x) - f(x))^2 -
      \\text{variance} / n`. The mean of :math:`n` fits is itself off :math:`\\bar f` by a
      random amount whose square averages variance / n, which would otherwise count as bias.

    So bias² + variance is exactly the mean squared error of the fits,
    :math:`\\operatorname{mean}_{D,x} (f_D(x) - f(x))^2`. The bias² estimate can come out
    slightly below 0 when the true bias² is about 0.

    Parameters
    ----------
    predictions : array_like, shape (n_fits, n_points)
        Row d: the model fitted on data set d, evaluated at the points x; at least 2 rows.
    f_true : array_like, shape (n_points,)
        The noiseless target f(x) at the same points.

    Returns
    -------
    bias2 : float
    variance : float

    Examples
    --------
    >>> bias_variance([[1.0, 2.0], [3.0, 2.0]], [1.0, 1.0])
    (0.5, 1.0)
    """
    predictions = as_float_array(predictions, "predictions", ndim=2)
    f_true = as_float_array(f_true, "f_true", ndim=1)
    if f_true.shape[0] != predictions.shape[1]:
        raise ValueError(tr("f_true must have one value per column of predictions ({columns}), "
                            "got shape {shape}").format(columns=predictions.shape[1],
                                                        shape=f_true.shape))
    n_fits = predictions.shape[0]
    if n_fits < 2:
        raise ValueError(tr("predictions must have at least 2 rows (fits) to estimate a "
                            "variance, got shape {shape}").format(shape=predictions.shape))
    mean_fit = predictions.mean(axis=0)
    variance = float(np.mean(np.var(predictions, axis=0, ddof=1)))
    bias2 = float(np.mean((mean_fit - f_true) ** 2) - variance / n_fits)
    return bias2, variance


def resampled_fits(n_hidden: int, n_samples: int, n_fits: int = 40, noise: float = 0.3,
                   x_eval=None, rng: RngLike = None, fit=fit_predict) -> np.ndarray:
    """Fit the evenly-jointed ReLU model to ``n_fits`` fresh noisy data sets of
    :func:`coursekit.datasets.noisy_regression` and evaluate every fit at ``x_eval``.

    Returns
    -------
    ndarray, shape (n_fits, n_points)
        ``x_eval`` defaults to 101 points on [0, 1].
    """
    x_eval = np.linspace(0.0, 1.0, 101) if x_eval is None else as_float_array(x_eval, "x_eval")
    rng, layer = as_rng(rng), even_relu_layer(n_hidden)
    rows = []
    for _ in range(check_count("n_fits", n_fits)):
        X, y = noisy_regression(n_samples, noise, rng)
        rows.append(fit(X, y, x_eval.reshape(-1, 1), layer))
    return np.array(rows)


def decomposition(n_hidden: int, n_samples: int, n_fits: int = 40, noise: float = 0.3,
                  rng: RngLike = None, estimator=bias_variance, fit=fit_predict) -> dict:
    """Bias², variance, noise² and the expected test error of the ReLU model on the sine.

    The test error is measured directly (each fit against a fresh noisy target) and should be
    close to :math:`\\text{bias}^2 + \\text{variance} + \\sigma^2`. ``estimator`` and ``fit``
    default to :func:`bias_variance` and :func:`fit_predict`.

    Returns
    -------
    dict
        ``x`` (101 points on [0, 1]), ``f_true``, ``predictions`` ``(n_fits, 101)``, ``bias2``,
        ``variance``, ``noise2`` and ``test_error`` (floats).
    """
    rng = as_rng(rng)
    x_eval = np.linspace(0.0, 1.0, 101)
    predictions = resampled_fits(n_hidden, n_samples, n_fits, noise, x_eval, rng, fit)
    f_true = sine_target(x_eval)
    bias2, variance = estimator(predictions, f_true)
    y_test = f_true + rng.normal(0.0, noise, predictions.shape)
    return {"x": x_eval, "f_true": f_true, "predictions": predictions, "bias2": float(bias2),
            "variance": float(variance), "noise2": noise**2,
            "test_error": float(np.mean((predictions - y_test) ** 2))}


def bump_target(X) -> np.ndarray:
    """The 2-D target of the double-descent demo, :math:`\\sin(\\pi x_1)\\cos(\\pi x_2 / 2)`."""
    X = as_float_array(X, "X", ndim=2)
    return np.sin(np.pi * X[:, 0]) * np.cos(0.5 * np.pi * X[:, 1])


def double_descent_data(n_train: int = 30, n_test: int = 500, noise: float = 0.1,
                        rng: RngLike = 1) -> dict:
    """Noisy training samples and noiseless test points of :func:`bump_target` on [-1, 1]²."""
    rng = as_rng(rng)
    X = rng.uniform(-1.0, 1.0, (check_count("n_train", n_train), 2))
    X_test = rng.uniform(-1.0, 1.0, (check_count("n_test", n_test), 2))
    return {"X": X, "y": bump_target(X) + rng.normal(0.0, noise, n_train),
            "X_test": X_test, "f_test": bump_target(X_test)}


def double_descent_curve(widths, data: dict | None = None, n_repeats: int = 10,
                         seed: int = 100, fit=fit_predict) -> dict:
    """Test and training error of random-ReLU-feature regression as the width grows.

    For each width and each repeat r, draw ``random_relu_layer(2, width, rng=seed + r)``, fit the
    output layer by minimum-norm least squares on ``data`` and measure the mean squared error
    on the noiseless test points and on the training samples. Past the *interpolation
    threshold* (width ≈ number of training samples) the training error is 0; the test error
    peaks there and falls again: double descent.

    A draw can fail to interpolate even well past the threshold. The network is linear in x on
    each region where its units' on/off pattern is fixed (3 numbers in 2-D: a plane), so when 4
    or more training samples share a region, the features ``[H, 1]`` have rank below the
    number of samples and the fit cannot pass through them all (noisy targets do not lie on
    one plane; with the default
    data: 2 of the 10 draws at width 50, rank 29 for 30 samples). This is exact rank
    deficiency, not rounding: those singular values are about 1e-15 of the largest.

    Returns
    -------
    dict
        ``widths`` (int array), ``test_error`` (median over repeats), ``train_error`` (mean),
        shapes ``(n_widths,)``; ``test_errors`` and ``train_errors``, every repeat, shape
        ``(n_widths, n_repeats)``; ``data``.
    """
    data = double_descent_data() if data is None else data
    widths = np.array([check_count("width", int(w)) for w in widths])
    both = np.vstack([data["X"], data["X_test"]])
    n_train = data["X"].shape[0]
    errors = np.empty((len(widths), check_count("n_repeats", n_repeats), 2))
    for k, width in enumerate(widths):
        for r in range(n_repeats):
            layer = random_relu_layer(2, int(width), rng=seed + r)
            out = fit(data["X"], data["y"], both, layer)
            errors[k, r] = (np.mean((out[n_train:] - data["f_test"]) ** 2),
                            np.mean((out[:n_train] - data["y"]) ** 2))
    return {"widths": widths, "test_error": np.median(errors[:, :, 0], axis=1),
            "train_error": errors[:, :, 1].mean(axis=1), "test_errors": errors[:, :, 0],
            "train_errors": errors[:, :, 1], "data": data}


__all__ = ["bias_variance", "bump_target", "decomposition", "double_descent_curve",
           "double_descent_data", "even_relu_layer", "fit_predict", "hidden_features",
           "random_relu_layer", "resampled_fits"]
