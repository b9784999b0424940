"""Tangent explorer: the error of MADC's tanh example as a function of one weight, E(w), and its
tangent, whose slope is the backprop gradient; the readout checks it with central differences.

Follows MADC "Ejemplo con red neuronal" (inputs 2 and 3, target 1, tanh hidden layer, linear
output, :math:`E = \\tfrac12(\\hat y - y)^2`, weights w1…w6 = 0.1, 0.2, 0.3, 0.1, 0.5, 0.8).

===========  ==================================================================================
``which``    the weight that moves (w1…w6); the other five keep their initial values
``value``    its current value
slope        :math:`\\partial E/\\partial w` from ``gradients`` (backprop); numerical slope from
             ``numerical_gradient`` (central differences)
===========  ==================================================================================
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator

from coursekit.backprop import tanh_example_forward, tanh_example_gradients
from coursekit.explorers._base import Explorer, FigureView, follow_choice, slider
from coursekit.explorers.backprop_stepper import SLIDE_W, WEIGHTS
from coursekit.gradcheck import numerical_gradient as central_difference_gradient
from coursekit.gradcheck import relative_error
from coursekit.language import tr

RANGE = (-1.5, 2.5)
"""Range of the weight slider and of the curve E(w)."""
HALF_WIDTH = 0.5
"""The tangent is drawn over value ± HALF_WIDTH."""
ROUNDING = 1e-9
"""Slopes closer than this agree even when their relative error is large: where tanh saturates
the slope is about 1e-7, and central differences with ε = 1e-6 are only that exact."""


def error_of(x, y, w) -> float:
    """MADC's error :math:`E = \\tfrac12(\\hat y - y)^2` for inputs ``x``, target ``y``, weights
    ``w`` (shape (6,)).

    >>> round(error_of([2.0, 3.0], 1.0, SLIDE_W), 6)
    0.004507
    """
    return 0.5 * (tanh_example_forward(x, w)["y_hat"] - y) ** 2


def error_curve(x, y, w, k: int, grid) -> np.ndarray:
    """:math:`E` with weight ``k`` (0-based) set to each value of ``grid``, the others as in ``w``.

    Returns
    -------
    ndarray, shape (len(grid),)
    """
    w = np.array(w, dtype=float)
    values = np.empty(len(grid))
    for i, value in enumerate(grid):
        w[k] = value
        values[i] = error_of(x, y, w)
    return values


def tangent_explorer(x=(2.0, 3.0), y: float = 1.0, w=SLIDE_W, which: str = "w5",
                     gradients=None, numerical_gradient=None) -> Explorer:
    """One weight on a slider: the curve :math:`E(w)`, the current point and its tangent line.

    The tangent's slope is the backprop gradient :math:`\\partial E/\\partial w` from
    ``gradients``; the readout puts it beside the central-difference slope from
    ``numerical_gradient`` and their relative error. Where the tangent is flat, :math:`E` is at a
    minimum along that weight; gradient descent moves against the slope.

    Parameters
    ----------
    x : sequence of two floats
        Inputs (the slide's 2 and 3).
    y : float
        Target (the slide's 1).
    w : sequence of six floats
        w1…w6 (the slide's values); the ones not on the slider stay fixed.
    which : str
        The weight on the slider first, ``"w1"`` … ``"w6"``.
    gradients : callable, optional
        ``gradients(x, y, w) -> ndarray (6,)``; default
        :func:`coursekit.backprop.tanh_example_gradients`. Pass your own.
    numerical_gradient : callable, optional
        ``numerical_gradient(f, x, eps=1e-6)``; default
        :func:`coursekit.gradcheck.numerical_gradient`. Pass your own.

    Returns
    -------
    Explorer
        Controls ``"value"`` (the weight's value) and ``"which"`` (Dropdown w1…w6; choosing
        one resets the weights to ``w``); ``explorer.w`` the current weights,
        ``explorer.slopes`` ``(backprop, numerical)`` of the last draw and ``explorer.artists``
        (``"curve"``, ``"tangent"``, ``"point"``).

    >>> explorer = tangent_explorer()
    >>> "∂E/∂w5 = -0.063046" in explorer.readout.value
    True
    """
    gradients = tanh_example_gradients if gradients is None else gradients
    numeric = central_difference_gradient if numerical_gradient is None else numerical_gradient
    if which not in WEIGHTS:
        raise ValueError(tr("which must be one of {valid}, got {which!r}").format(
            valid=", ".join(WEIGHTS), which=which))
    w0 = np.array(w, dtype=float).reshape(-1)
    if w0.shape != (6,):
        raise ValueError(tr("w must hold six weights w1…w6, got shape {shape}").format(
            shape=w0.shape))
    x = np.array(x, dtype=float).reshape(-1)
    current = w0.copy()
    grid = np.linspace(*RANGE, 161)
    curves: dict = {}
    slopes = [0.0, 0.0]

    view = FigureView(figsize=(4.8, 3.2))
    ax = view.figure.add_subplot()
    (curve,) = ax.plot(grid, np.zeros_like(grid), color="#2f6fb0", linewidth=2.0, label="E(w)")
    (tangent,) = ax.plot([], [], color="#d6604d", linewidth=1.8,
                         label=tr("tangent, slope ∂E/∂w"))
    (point,) = ax.plot([], [], "o", color="black", markersize=6, zorder=3)
    ax.set(xlim=RANGE, xlabel=tr("weight value"), ylabel="E", xticks=[-1, 0, 1, 2])
    ax.yaxis.set_major_locator(MaxNLocator(4))  # few tick labels: text is the costly part
    ax.legend(fontsize=7, loc="upper center")
    ax.grid(alpha=0.3)

    def draw(value: float, which: str) -> str:
        k = WEIGHTS.index(which)
        if k not in curves:
            curves[k] = error_curve(x, y, w0, k, grid)
        E_curve = curves[k]
        current[:] = w0
        current[k] = value
        E = error_of(x, y, current)
        slope = float(np.asarray(gradients(x, float(y), current.copy()), dtype=float)
                      .reshape(6)[k])
        probe = current.copy()
        numeric_slope = float(np.asarray(numeric(lambda v: error_of(x, y, v), probe))[k])
        slopes[:] = [slope, numeric_slope]
        curve.set_ydata(E_curve)
        top = float(E_curve.max())
        ax.set_ylim(-0.05 * top, 1.1 * top)
        xs = np.array([value - HALF_WIDTH, value + HALF_WIDTH])
        tangent.set_data(xs, E + slope * (xs - value))
        point.set_data([value], [E])
        ax.set_xlabel(tr("{which}  (the other weights fixed)").format(which=which))
        error = relative_error([slope], [numeric_slope])
        if error < 1e-6:
            verdict = tr("agree")
        elif abs(slope - numeric_slope) < ROUNDING:  # both ≈ 0: central differences' rounding
            verdict = tr("agree up to rounding, the slope is almost 0")
        else:
            verdict = tr("<b>DISAGREE</b>: check the gradient")
        return " &nbsp;·&nbsp; ".join([
            f"{which} = {value:.2f}", f"E = {E:.6f}",
            tr("backprop ∂E/∂{which} = {slope:.6f}").format(which=which, slope=slope),
            tr("numerical slope = {slope:.6f}").format(slope=numeric_slope),
            tr("relative error {error:.1e} ({verdict})").format(error=error, verdict=verdict)])

    controls = {
        "value": slider(tr("value"), float(w0[WEIGHTS.index(which)]), *RANGE, 0.05),
        "which": widgets.Dropdown(options=list(WEIGHTS), value=which, description=tr("weight"),
                                  layout=widgets.Layout(width="160px")),
    }
    explorer = Explorer(controls, draw, view)

    # reset the weights: the chosen one starts at the slide's value
    follow_choice(explorer, "which", "value", lambda name: float(w0[WEIGHTS.index(name)]))
    explorer.w, explorer.slopes = current, slopes
    explorer.artists = {"curve": curve, "tangent": tangent, "point": point}
    return explorer


__all__ = ["error_curve", "error_of", "tangent_explorer"]
