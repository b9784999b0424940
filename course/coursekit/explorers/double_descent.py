"""Double-descent explorer: the test-error curve of random-ReLU-feature regression, computed once,
with a width slider that marks the current width and shows that width's fitted surface.

Follows INTRO "Redes Neuronales: Double Descent" (figure from *Understanding Deep Learning*,
ch. 8). The model (:mod:`coursekit.bias_variance`): 2 inputs, ``width`` random ReLU hidden
units, the output layer fitted by minimum-norm least squares on 30 noisy samples of
:func:`coursekit.bias_variance.bump_target`. At width ≈ 30 (the interpolation threshold) the
fit passes through every sample and the test error peaks; wider models interpolate more
smoothly and the test error falls again.

=============  ===================================================================================
``curve``      ``curve(widths, data) -> dict`` with ``test_error``/``train_error`` per width
               (default :func:`coursekit.bias_variance.double_descent_curve`)
``fit``        ``fit(X_train, y_train, X_eval, layer) -> predictions`` (default
               :func:`coursekit.bias_variance.fit_predict`)
=============  ===================================================================================
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib import colormaps
from matplotlib.ticker import NullLocator

from coursekit import bias_variance as reference
from coursekit.explorers._base import BlitView, Explorer
from coursekit.language import mark, tr

WIDTHS = (1, 2, 3, 5, 8, 10, 15, 20, 25, 28, 30, 32, 35, 40, 50, 70, 100, 200, 500, 1000)
GRID = 40
INTERPOLATES = 1e-20  # a training MSE below this is 0 up to rounding: the fit interpolates
WHERE = {"below": mark("below the interpolation threshold"),
         "above": mark("above the interpolation threshold"),
         "at": mark("at the interpolation threshold")}  # a width's place, shown with tr


def double_descent_explorer(widths=WIDTHS, data=None, curve=None, fit=None, seed: int = 100,
                            result: dict | None = None) -> Explorer:
    """A width slider over the precomputed double-descent curve.

    Left: median test error and mean training error against the width (log–log), the
    interpolation threshold (width = number of training samples) dashed, the current width
    marked; the readout says how many random draws of that width interpolate (when the curve
    gives ``train_errors``: a draw can leave 4 samples in one linear piece, see
    :func:`coursekit.bias_variance.double_descent_curve`). Right: the fitted surface of the
    current width (first random draw, ``seed``) over [-1, 1]², with the training samples;
    colours clipped to [-1.5, 1.5].

    Parameters
    ----------
    widths : sequence of int
    data : dict, optional
        :func:`coursekit.bias_variance.double_descent_data` (the default).
    curve, fit : callable, optional
        See the module docstring.
    seed : int
        The random layer drawn for the surface.
    result : dict, optional
        An already computed ``curve(widths, data)`` (skips the computation).

    Returns
    -------
    Explorer
        Control ``"width"`` (a selection slider over ``widths``); ``explorer.curve`` (the
        precomputed dict); ``explorer.surfaces`` (cache: width -> fitted grid);
        ``explorer.artists`` (``"marker"``, ``"surface"``).
    """
    data = reference.double_descent_data() if data is None else data
    curve = reference.double_descent_curve if curve is None else curve
    fit = reference.fit_predict if fit is None else fit
    result = curve(list(widths), data) if result is None else result
    widths = [int(w) for w in widths]
    n_train = data["X"].shape[0]
    axis = np.linspace(-1.0, 1.0, GRID)
    grid = np.column_stack([g.ravel() for g in np.meshgrid(axis, axis)])
    surfaces = {}

    view = BlitView(figsize=(7.6, 3.2))
    ax_curve, ax_fit = view.figure.subplots(1, 2)
    ax_curve.plot(widths, result["test_error"], "o-", color="#d62728", ms=3, label=tr("test"))
    ax_curve.plot(widths, np.maximum(result["train_error"], 1e-6), "o-", color="#2f6fb0", ms=3,
                  label=tr("training"))
    ax_curve.axvline(n_train, color="0.4", linestyle="--", lw=1)
    ax_curve.text(n_train * 1.1, 10.0, tr("{count} samples").format(count=n_train), fontsize=7,
                  color="0.3")
    (marker,) = ax_curve.plot([1], [1], "s", color="black", ms=8, mfc="none", mew=2)
    ax_curve.set(xscale="log", yscale="log", ylim=(1e-6, 1e2), xlabel=tr("width (hidden units)"),
                 ylabel="MSE", yticks=[1e-6, 1e-4, 1e-2, 1.0, 1e2])
    ax_curve.yaxis.set_minor_locator(NullLocator())
    ax_curve.xaxis.set_minor_locator(NullLocator())
    ax_curve.legend(fontsize=7, loc="lower left")
    surface = ax_fit.imshow(np.zeros((GRID, GRID)), origin="lower", extent=(-1, 1, -1, 1),
                            cmap="RdBu_r", vmin=-1.5, vmax=1.5, interpolation="nearest")
    colors = colormaps["RdBu_r"]((np.clip(data["y"], -1.5, 1.5) + 1.5) / 3.0)
    points = ax_fit.scatter(data["X"][:, 0], data["X"][:, 1], color=colors, edgecolors="black",
                            s=22, zorder=3)
    ax_fit.set(xlabel="$x_1$", ylabel="$x_2$", xticks=[-1, 0, 1], yticks=[-1, 0, 1])
    ax_fit.set_title(tr("fit of the marked width (dots: training data)"), fontsize=8)
    view.animate(marker, surface, points)  # the points stay on top of the surface

    def draw(width) -> str:
        k = widths.index(int(width))
        if width not in surfaces:
            layer = reference.random_relu_layer(2, int(width), rng=seed)
            surfaces[width] = fit(data["X"], data["y"], grid, layer).reshape(GRID, GRID)
        marker.set_data([width], [result["test_error"][k]])
        surface.set_data(surfaces[width])
        where = ("below" if width < n_train else "above" if width > n_train else "at")
        draws = result.get("train_errors")
        fitting = ("" if draws is None else " " + tr(
            "({count} of {draws} random draws pass through every sample)").format(
            count=int(np.sum(draws[k] < INTERPOLATES)), draws=len(draws[k])))
        setting = tr("width <b>{width}</b> ({weights} fitted weights for {n_train} samples: "
                     "{where})").format(width=width, weights=width + 1, n_train=n_train,
                                        where=tr(WHERE[where]))
        errors = tr("mean training MSE {train:.2e}{fitting} · test MSE {test:.3g} (median over "
                    "random draws) · lowest test MSE {lowest:.3g} at width {best}").format(
            train=result["train_error"][k], fitting=fitting, test=result["test_error"][k],
            lowest=np.min(result["test_error"]),
            best=widths[int(np.argmin(result["test_error"]))])
        return f"{setting}<br>{errors}"

    control = widgets.SelectionSlider(options=widths, value=10 if 10 in widths else widths[0],
                                      description=tr("width"), continuous_update=True,
                                      layout=widgets.Layout(width="320px"))
    explorer = Explorer({"width": control}, draw, view)
    explorer.curve = result
    explorer.surfaces = surfaces
    explorer.artists = {"marker": marker, "surface": surface}
    return explorer


__all__ = ["WIDTHS", "double_descent_explorer"]
