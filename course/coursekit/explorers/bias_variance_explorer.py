"""Bias–variance explorer: capacity (hidden units) and data-size sliders; the same model is fitted
to many noisy resamples of the sine, all fits are overlaid with their mean, and bias², variance
and noise are read out and drawn as bars.

Follows INTRO "Redes Neuronales: Bias-Varianza", "Reducir la Varianza" (more data), "Reducir el
Bias" (more capacity) and "Trade Off Bias-Variance" (figures from *Understanding Deep
Learning*, ch. 8, whose model this is: a 1-H-1 ReLU network with evenly spaced joints and its
output layer fitted by least squares; :mod:`coursekit.bias_variance`).

==============  ================================================================================
``fit``         ``fit(X_train, y_train, X_eval, layer) -> predictions`` (default
                :func:`coursekit.bias_variance.fit_predict`)
``estimator``   ``estimator(predictions, f_true) -> (bias2, variance)`` (default
                :func:`coursekit.bias_variance.bias_variance`)
==============  ================================================================================
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.ticker import NullLocator

from coursekit import bias_variance as reference
from coursekit.explorers._base import BlitView, Explorer, int_slider
from coursekit.language import mark, tr

BARS = (mark("bias²"), mark("variance"), mark("noise²"), mark("test error"))  # shown with tr


def bias_variance_explorer(n_fits: int = 30, noise: float = 0.3, fit=None, estimator=None,
                           seed: int = 0) -> Explorer:
    """Sliders for the hidden units (1–10) and the training-set size (5–60).

    Left: the ``n_fits`` fits (thin), their mean fit (thick) and the true sine (dashed).
    Right: bias², variance, noise² and the measured test error on a log scale; the test error is
    close to the sum of the other three. bias² and variance are the unbiased estimates of
    :func:`coursekit.bias_variance.bias_variance` (bias² corrected by variance / ``n_fits``);
    where the variance is large that correction is large too, and the bias² estimate is noisy
    (a reading below 0.001, the bottom of the axis, draws no bar). The same seed is used for
    every setting, so a change of the picture comes from the setting alone.

    Returns
    -------
    Explorer
        Controls ``"hidden"`` and ``"n_samples"``; ``explorer.state["last"]`` (the latest
        :func:`coursekit.bias_variance.decomposition` result); ``explorer.artists``
        (``"fits"``, ``"mean"``, ``"bars"``).
    """
    fit = reference.fit_predict if fit is None else fit
    estimator = reference.bias_variance if estimator is None else estimator
    x = np.linspace(0.0, 1.0, 101)
    f_true = np.sin(2 * np.pi * x)
    view = BlitView(figsize=(7.6, 3.2))
    ax_fit, ax_bar = view.figure.subplots(1, 2, width_ratios=[1.6, 1])
    fits = LineCollection([], colors="#2f6fb0", linewidths=0.6, alpha=0.35)
    ax_fit.add_collection(fits)
    ax_fit.plot(x, f_true, "--", color="black", lw=1.2, label=tr("true f(x)"))
    (mean_line,) = ax_fit.plot(x, np.zeros_like(x), color="#d62728", lw=2.2,
                               label=tr("mean fit"))
    ax_fit.set(xlim=(0, 1), ylim=(-2.0, 2.0), xlabel="x", ylabel="y")
    ax_fit.legend(fontsize=7, loc="lower left")
    bars = ax_bar.bar([tr(bar) for bar in BARS], np.ones(4),
                      color=["#d62728", "#2f6fb0", "0.6", "black"], bottom=1e-3)
    ax_bar.set(yscale="log", ylim=(1e-3, 1e3), yticks=[1e-3, 1e-1, 1e1, 1e3])
    ax_bar.yaxis.set_minor_locator(NullLocator())
    ax_bar.tick_params(axis="x", labelsize=7)
    view.animate(fits, mean_line, *bars)
    state = {}

    def draw(hidden, n_samples) -> str:
        result = reference.decomposition(int(hidden), int(n_samples), n_fits, noise, rng=seed,
                                         estimator=estimator, fit=fit)
        state["last"] = result
        fits.set_segments([np.column_stack([x, row]) for row in result["predictions"]])
        mean_line.set_ydata(result["predictions"].mean(axis=0))
        values = [result["bias2"], result["variance"], result["noise2"], result["test_error"]]
        for bar, value in zip(bars, values):
            bar.set_height(max(value, 1e-3) - 1e-3)
        setting = tr("<b>{hidden}</b> hidden units ({weights} fitted output weights), "
                     "<b>{n_samples}</b> training points, {n_fits} resampled data sets (bias² "
                     "corrected by variance / {n_fits})").format(
            hidden=int(hidden), weights=int(hidden) + 1, n_samples=int(n_samples), n_fits=n_fits)
        parts = tr("bias² = {bias2:.4f} · variance = {variance:.4f} · noise² = {noise2:.4f} · "
                   "sum = {total:.4f} · measured test error = {test_error:.4f}").format(
            bias2=result["bias2"], variance=result["variance"], noise2=result["noise2"],
            total=result["bias2"] + result["variance"] + result["noise2"],
            test_error=result["test_error"])
        return f"{setting}<br>{parts}"

    controls = {"hidden": int_slider(tr("hidden units"), 3, 1, 10),
                "n_samples": int_slider(tr("data points"), 15, 5, 60)}
    explorer = Explorer(controls, draw, view)
    explorer.state = state
    explorer.artists = {"fits": fits, "mean": mean_line, "bars": list(bars)}
    return explorer


__all__ = ["bias_variance_explorer"]
