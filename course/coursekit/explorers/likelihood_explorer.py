"""Likelihood explorer: slide the weight w (and bias b) of a logistic model and watch the
likelihood and the negative log-likelihood as functions of w.

Follows INTRO "Redes Neuronales: Función Pérdida" (Likelihood, Log Likelihood, Función de
Pérdida) and MADC "Entropía Cruzada Binaria (Binary cross-entropy)".

=========  ======================================================================
``x``      one input per sample, shape ``(n_samples,)``; ``y`` 0/1 labels, same shape
``p``      :math:`p_i = \\sigma(w x_i + b)`
``L``      :math:`L(w) = \\prod_i p_i^{y_i}(1 - p_i)^{1 - y_i}`; NLL :math:`= -\\ln L`
``BCE``    mean binary cross-entropy :math:`= -\\ln L / n`
=========  ======================================================================
"""

from __future__ import annotations

import numpy as np

from coursekit.activations import sigmoid
from coursekit.explorers._base import Explorer, FigureView, slider
from coursekit.explorers._plane import CLASS_COLORS
from coursekit.explorers.logistic import _check_data, default_data
from coursekit.language import tr
from coursekit.likelihood import log_likelihood as ref_log_likelihood

W_RANGE = (-1.0, 3.0)
B_RANGE = (-20.0, 10.0)
W_GRID = np.linspace(*W_RANGE, 121)
CURVE_POINTS = 150


def nll_curve(x, y, b: float, log_likelihood=ref_log_likelihood, w_grid=W_GRID) -> np.ndarray:
    """Negative log-likelihood :math:`-\\ln L(w)` of ``p = σ(w x + b)`` at every ``w`` of
    ``w_grid`` (``b`` fixed).

    >>> x, y = np.array([-1.0, 1.0]), np.array([0.0, 1.0])
    >>> nll_curve(x, y, 0.0, w_grid=np.array([0.0])).round(4)
    array([1.3863])
    """
    return np.array([-float(log_likelihood(y, sigmoid(w * x + b))) for w in w_grid])


def likelihood_explorer(x=None, y=None, log_likelihood=None, w: float = 1.0,
                        b: float = -7.0) -> Explorer:
    """Sliders for ``w`` and ``b`` of :math:`p = \\sigma(w x + b)` on 1-D labelled data.

    Left: the data (at height 0 or 1) and the curve :math:`p(x)`. Right: the negative
    log-likelihood :math:`-\\ln L(w)` over ``w`` at the current ``b`` (black) and the likelihood
    :math:`L(w)` relative to its largest value on the grid (blue, scaled so that 1 is the top),
    with the current ``w`` marked. The readout gives :math:`L`, :math:`\\ln L` and the mean BCE
    :math:`-\\ln L / n`.

    Parameters
    ----------
    x, y : array_like, shape (n_samples,), optional
        Inputs and 0/1 labels; default the ear lengths of
        :func:`coursekit.explorers.logistic.default_data` (synthetic dogs and cats, dog = 1).
        Pass both or neither.
    log_likelihood : callable, optional
        ``log_likelihood(y, p) -> float``; default :func:`coursekit.likelihood.log_likelihood`.
        Pass your own.
    w, b : float
        Initial weight (in [-1, 3]) and bias (in [-20, 10]).

    Returns
    -------
    Explorer
        Controls ``"w"``, ``"b"``; ``explorer.artists`` holds ``"curve"``, ``"nll"``,
        ``"likelihood"``, ``"nll_marker"``, ``"likelihood_marker"``.

    >>> explorer = likelihood_explorer()
    >>> explorer.controls["w"].value = 2.0
    >>> "w = 2.00" in explorer.readout.value
    True
    """
    if (x is None) != (y is None):
        raise ValueError(tr("pass both x and y, or neither (ear length → dog)"))
    default = x is None
    x, y = _check_data(*(default_data() if default else (x, y)))
    log_likelihood = ref_log_likelihood if log_likelihood is None else log_likelihood
    n = x.size
    pad = max(1.0, 0.05 * float(np.ptp(x)))
    xlim = (np.floor(x.min() - pad), np.ceil(x.max() + pad))
    x_curve = np.linspace(*xlim, CURVE_POINTS)

    view = FigureView(figsize=(6.0, 2.8), dpi=80)
    ax_data, ax_nll = view.figure.subplots(1, 2)
    for label, color in enumerate(CLASS_COLORS):  # markers of a Line2D draw faster than scatter
        ax_data.plot(x[y == label], y[y == label], "o", color=color, alpha=0.8, markersize=5,
                     markeredgecolor="black", markeredgewidth=0.5, zorder=3)
    (curve,) = ax_data.plot(x_curve, np.zeros_like(x_curve), color="black", linewidth=2.0)
    ax_data.set(xlim=xlim, ylim=(-0.1, 1.1), yticks=[0.0, 0.5, 1.0],
                xticks=np.linspace(*xlim, 3).round(1),
                xlabel=tr("ear length (cm)") if default else "x",
                ylabel="p = σ(w·x + b)")
    nll_top = 2.0 * n  # mean BCE of 2 at the top of the plot
    (nll_line,) = ax_nll.plot(W_GRID, np.zeros_like(W_GRID), color="black", linewidth=1.8)
    (nll_marker,) = ax_nll.plot([w], [0.0], "o", color="black", markersize=6, clip_on=False)
    ax_nll.set(xlim=W_RANGE, ylim=(0.0, nll_top), xticks=[-1, 0, 1, 2, 3],
               yticks=[0, n, 2 * n], xlabel="w",
               ylabel=tr("−ln L(w) (black) · L / max L (blue)"))
    # the likelihood on the same axes, scaled: L / max L = 1 at the top (one axes draws faster)
    (l_line,) = ax_nll.plot(W_GRID, np.zeros_like(W_GRID), color="#2f6fb0", linewidth=1.5)
    (l_marker,) = ax_nll.plot([w], [0.0], "o", color="#2f6fb0", markersize=6)
    current_b = [None]
    cached = {}

    def update(w: float, b: float) -> str:
        if current_b[0] != b:  # the curves over w only change with b
            nll = nll_curve(x, y, b, log_likelihood)
            cached["nll"], cached["best"] = nll, float(nll.min())
            nll_line.set_ydata(nll)
            l_line.set_ydata(nll_top * np.exp(cached["best"] - nll))
            current_b[0] = b
        p_curve = sigmoid(w * x_curve + b)
        curve.set_ydata(p_curve)
        log_l = float(log_likelihood(y, sigmoid(w * x + b)))
        nll_marker.set_data([w], [min(-log_l, nll_top)])
        l_marker.set_data([w], [nll_top * np.exp(cached["best"] + log_l)])
        return (f"w = {w:.2f}, b = {b:.2f} &nbsp;·&nbsp; L = {np.exp(log_l):.3g} &nbsp;·&nbsp; "
                f"ln L = {log_l:.3f} &nbsp;·&nbsp; "
                + tr("mean BCE = −ln L / n = {bce:.4f} (n = {n})").format(bce=-log_l / n, n=n))

    controls = {"w": slider("w", w, *W_RANGE, 0.05), "b": slider("b", b, *B_RANGE, 0.1)}
    explorer = Explorer(controls, update, view)
    explorer.artists = {"curve": curve, "nll": nll_line, "likelihood": l_line,
                        "nll_marker": nll_marker, "likelihood_marker": l_marker}
    return explorer
