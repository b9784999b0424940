"""Logistic-neuron explorer: slide w0 and w1 of PERC's one-variable sigmoid perceptron.

Follows PERC (the one-variable perceptron with a sigmoid outputs probabilities) and MADC ("casos
particulares": with a sigmoid the unit is logistic regression).

=========  ==============================================================
``x``      one input per sample, shape ``(n_samples,)``; ``y`` 0/1 labels, ``(n_samples,)``
``w0``     bias; ``w1`` weight
``p``      :math:`y(x) = \\sigma(w_0 + w_1 x) = 1 / (1 + e^{-(w_0 + w_1 x)})`
``x*``     threshold :math:`x^* = -w_0 / w_1`, where :math:`p = 0.5`
=========  ==============================================================
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.ticker import MaxNLocator

from coursekit._validate import as_float_array
from coursekit.datasets import dogs_vs_cats
from coursekit.explorers._base import Explorer, FigureView, slider
from coursekit.explorers._plane import CLASS_COLORS, EPS, REGION_COLORS, fmt
from coursekit.language import tr
from coursekit.losses import bce
from coursekit.metrics import accuracy
from coursekit.perceptron import logistic_neuron

CURVE_POINTS = 200


def default_data(n_samples: int = 40, rng=0):
    """A synthetic dogs-and-cats data set generated after MADC's example
    (:func:`coursekit.datasets.dogs_vs_cats`; MADC gives one dog), reduced to one feature: ear
    length (cm) → dog (1) or cat (0).

    Returns
    -------
    x : ndarray, shape (n_samples,)
    y : ndarray, shape (n_samples,)

    >>> x, y = default_data()
    >>> x.shape, int(y.sum())
    ((40,), 20)
    """
    X, y = dogs_vs_cats(n_samples, rng=rng)
    return X[:, 0], y


def _check_data(x, y):
    x = as_float_array(x, "x")
    if x.ndim == 2 and x.shape[1] == 1:
        x = x[:, 0]
    if x.ndim != 1 or x.size < 1:
        raise ValueError(tr("x must have shape (n_samples,) or (n_samples, 1), got {shape}")
                         .format(shape=x.shape))
    y = as_float_array(y, "y", ndim=1)
    if y.shape != x.shape:
        raise ValueError(tr("y must have one label per sample {expected}, got {shape}").format(
            expected=x.shape, shape=y.shape))
    if not np.isin(y, (0.0, 1.0)).all():
        raise ValueError(tr("y must hold labels 0 and 1, got {labels}").format(
            labels=np.unique(y)))
    return x, y


def threshold(w0: float, w1: float) -> float | None:
    """Where the sigmoid neuron crosses 0.5, :math:`x^* = -w_0 / w_1`; None when ``w1 ≈ 0``.

    >>> threshold(-14.0, 2.0)
    7.0
    """
    return None if abs(w1) < EPS else -float(w0) / float(w1) + 0.0


def logistic_explorer(x=None, y=None, neuron=None, w0: float = -5.0, w1: float = 1.0) -> Explorer:
    """Sliders for :math:`w_0, w_1` of the sigmoid neuron :math:`y(x) = 1/(1 + e^{-(w_0 + w_1 x)})`.

    Shows the data at height 0 or 1 (its label), the probability curve, the 0.5 level, the
    threshold :math:`x^* = -w_0 / w_1` (hidden when :math:`w_1 ≈ 0`) and, shaded, where the
    neuron predicts class 1 (:math:`p \\ge 0.5`). The readout gives the threshold, the mean
    binary cross-entropy :math:`-\\frac1n \\sum [y \\ln p + (1 - y) \\ln (1 - p)]` and the
    accuracy of predicting 1 when :math:`p \\ge 0.5`.

    Parameters
    ----------
    x : array_like, shape (n_samples,) or (n_samples, 1), optional
        Inputs; default the ear lengths of :func:`default_data` (synthetic dogs and cats).
    y : array_like, shape (n_samples,), optional
        0/1 labels. Pass both ``x`` and ``y`` or neither.
    neuron : callable, optional
        ``neuron(x, w0, w1) -> p`` with ``p`` of the shape of ``x``; default
        :func:`coursekit.perceptron.logistic_neuron`. Pass your own implementation.
    w0 : float
        Initial bias, in [-10, 10].
    w1 : float
        Initial weight, in [-5, 5].

    Returns
    -------
    Explorer
        Controls ``"w0"``, ``"w1"``; ``explorer.artists`` holds ``"curve"``, ``"threshold"``,
        ``"points"`` and ``"class1"`` (the shading image, 1 where :math:`p \\ge 0.5`).

    >>> explorer = logistic_explorer()
    >>> explorer.controls["w0"].value = -10.0
    >>> explorer.controls["w1"].value = 1.5
    >>> "threshold x* = -w0/w1 = 6.67" in explorer.readout.value
    True
    """
    if (x is None) != (y is None):
        raise ValueError(tr("pass both x and y, or neither (ear length → dog)"))
    default = x is None
    x, y = _check_data(*(default_data() if default else (x, y)))
    neuron = logistic_neuron if neuron is None else neuron
    low, high = float(x.min()), float(x.max())
    pad = max(1.0, 0.05 * (high - low))
    xlim = (np.floor(low - pad), np.ceil(high + pad))
    ylim = (-0.1, 1.1)
    x_curve = np.linspace(*xlim, CURVE_POINTS)

    view = FigureView(figsize=(4.6, 3.2))
    ax = view.figure.add_subplot()
    class1 = ax.imshow(np.zeros((1, CURVE_POINTS)), extent=(*xlim, *ylim), aspect="auto",
                       cmap=ListedColormap(REGION_COLORS), vmin=0.0, vmax=1.0,
                       interpolation="nearest")
    ax.axhline(0.5, color="0.45", linestyle="--", linewidth=1.0)
    points = ax.scatter(x, y, c=y, s=36, alpha=0.8, zorder=3, cmap=ListedColormap(CLASS_COLORS),
                        vmin=0.0, vmax=1.0, edgecolors="black", linewidths=0.5)
    (curve,) = ax.plot(x_curve, np.zeros_like(x_curve), color="black", linewidth=2.0)
    threshold_line = ax.axvline(0.0, color="#d62728", linestyle=":", linewidth=2.0)
    # fixed, few ticks: tick labels are the slowest part of a redraw
    xticks = MaxNLocator(nbins=4, integer=True).tick_values(*xlim)
    ax.set(xlim=xlim, ylim=ylim, yticks=[0.0, 0.5, 1.0],
           xticks=xticks[(xticks >= xlim[0]) & (xticks <= xlim[1])],
           xlabel=tr("ear length (cm)") if default else "x",
           ylabel=tr("p = P(dog)") if default else "p = P(y = 1)")
    ax.set_title(tr("shaded: p ≥ 0.5 · dotted: x*"))

    def probabilities(values, w0: float, w1: float):
        p = np.asarray(neuron(values, w0, w1), dtype=float)
        if p.shape != values.shape:
            raise ValueError(tr("neuron must return one probability per input {expected}, got "
                                "shape {shape}").format(expected=values.shape, shape=p.shape))
        return p

    def draw(w0: float, w1: float) -> str:
        curve.set_ydata(probabilities(x_curve, w0, w1))
        class1.set_data((curve.get_ydata() >= 0.5)[None, :].astype(float))
        x_star = threshold(w0, w1)
        threshold_line.set_visible(x_star is not None)
        if x_star is not None:
            threshold_line.set_xdata([x_star, x_star])
        p = probabilities(x, w0, w1)
        try:
            loss = f"{bce(y, p):.3f}"
        except ValueError:
            loss = tr("n/a (p outside [0, 1])")
        where = tr("none (w1 = 0: p = σ(w0) everywhere)") if x_star is None else f"{x_star:.2f}"
        return " &nbsp;·&nbsp; ".join([
            f"w0 = {fmt(w0)}, w1 = {fmt(w1)}",
            tr("threshold x* = -w0/w1 = {where}").format(where=where),
            tr("mean BCE = {loss}").format(loss=loss),
            tr("accuracy (p ≥ 0.5) = {accuracy:.2f}").format(
                accuracy=accuracy(y, (p >= 0.5).astype(float)))])

    controls = {"w0": slider("w0", w0, -10.0, 10.0, 0.1), "w1": slider("w1", w1, -5.0, 5.0)}
    explorer = Explorer(controls, draw, view)
    explorer.artists = {"curve": curve, "threshold": threshold_line, "points": points,
                        "class1": class1}
    return explorer
