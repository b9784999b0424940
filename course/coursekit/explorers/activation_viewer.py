"""Activation viewer: pick an activation, move a point z0, read f(z0), f'(z0) and the tangent.

Follows MADC ("Derivadas de funciones de activación comunes": the table of activations and their
derivatives; "ReLU ... evita problemas de saturación") and INTRO/PERC's sigmoid, tanh and ReLU.

=========  ==============================================================
``z``      pre-activation, on the plotted range [-6, 6]
``f``      the activation; ``df`` its derivative :math:`f'(z)`
``z0``     the chosen point; tangent :math:`t(z) = f(z_0) + f'(z_0)(z - z_0)`
saturated  :math:`|f'(z_0)| < 0.01`: a gradient through this unit almost vanishes
=========  ==============================================================
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator

from coursekit.activations import ACTIVATIONS, DERIVATIVES
from coursekit.explorers._base import Explorer, FigureView, slider
from coursekit.language import tr

NAMES = ("identity", "step", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "arctan")
SATURATION = 0.01
Z_RANGE = (-6.0, 6.0)
CURVE_POINTS = 241


def default_activations() -> dict:
    """``{name: (f, f')}`` for the nine element-wise activations of :mod:`coursekit.activations`.

    >>> list(default_activations())[:3]
    ['identity', 'step', 'sigmoid']
    """
    return {name: (ACTIVATIONS[name], DERIVATIVES[name]) for name in NAMES}


def _limits(values: np.ndarray) -> tuple[float, float]:
    low, high = float(values.min()), float(values.max())
    pad = max(0.15, 0.1 * (high - low))
    return low - pad, high + pad


def _ticks(limits: tuple[float, float], n: int) -> np.ndarray:
    ticks = MaxNLocator(nbins=n).tick_values(*limits)
    return ticks[(ticks >= limits[0]) & (ticks <= limits[1])]


def activation_viewer(activations: Mapping[str, tuple[Callable, Callable]] | None = None,
                      name: str = "sigmoid", z0: float = 1.0) -> Explorer:
    """Dropdown of activations and a slider for a point :math:`z_0`: the curve :math:`f(z)` with
    its tangent at :math:`z_0` (top) and the derivative :math:`f'(z)` (bottom).

    The readout gives :math:`f(z_0)` and :math:`f'(z_0)`, and says the unit is saturated when
    :math:`|f'(z_0)| < 0.01` (the gradient through it nearly vanishes).

    Parameters
    ----------
    activations : mapping of str to (callable, callable), optional
        ``{name: (f, df)}``, each a function of an array ``z`` returning an array of the same
        shape. Default :func:`default_activations` (identity, step, sigmoid, tanh, relu,
        leaky_relu, elu, softplus, arctan). Pass your own, e.g.
        ``{"sigmoid": (sigmoid, sigmoid_derivative)}``.
    name : str
        Initial activation.
    z0 : float
        Initial point, in [-6, 6].

    Returns
    -------
    Explorer
        Controls ``"name"`` (Dropdown) and ``"z0"``; ``explorer.artists`` holds ``"curve"``,
        ``"derivative"``, ``"tangent"``, ``"point"`` and ``"slope_point"``.

    >>> explorer = activation_viewer()
    >>> "f'(z0) = 0.1966" in explorer.readout.value
    True
    >>> explorer.controls["z0"].value = 6.0
    >>> "saturated" in explorer.readout.value
    True
    """
    activations = default_activations() if activations is None else dict(activations)
    if not activations:
        raise ValueError(tr("activations must map at least one name to (f, df), got nothing"))
    if name not in activations:
        raise ValueError(tr("unknown {kind} {name!r}; valid names are: {valid}").format(
            kind=tr("activation"), name=name, valid=", ".join(activations)))
    z = np.linspace(*Z_RANGE, CURVE_POINTS)

    def evaluate(function: Callable, values: np.ndarray, what: str) -> np.ndarray:
        out = np.asarray(function(values), dtype=float)
        if out.shape != values.shape:
            raise ValueError(tr("{what} must return one value per z {expected}, got shape "
                                "{shape}").format(what=what, expected=values.shape,
                                                  shape=out.shape))
        return out

    view = FigureView(figsize=(4.5, 3.6))
    ax_f, ax_d = view.figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    (curve,) = ax_f.plot(z, np.zeros_like(z), color="black", linewidth=2.0)
    (tangent,) = ax_f.plot(Z_RANGE, [0.0, 0.0], color="#d62728", linestyle="--", linewidth=1.3)
    (point,) = ax_f.plot([0.0], [0.0], "o", color="#d62728", markersize=6, zorder=3)
    (derivative,) = ax_d.plot(z, np.zeros_like(z), color="#1f77b4", linewidth=2.0)
    (slope_point,) = ax_d.plot([0.0], [0.0], "o", color="#d62728", markersize=6, zorder=3)
    ax_d.axhline(0.0, color="0.6", linewidth=0.6)
    ax_f.axhline(0.0, color="0.6", linewidth=0.6)
    ax_f.set(xlim=Z_RANGE, ylabel="f(z)")
    ax_d.set(xlim=Z_RANGE, xticks=[-6, -3, 0, 3, 6], xlabel="z", ylabel="f'(z)")
    title = ax_f.set_title(" ")
    cache: dict = {}

    def draw(name: str, z0: float) -> str:
        f, df = activations[name]
        if cache.get("name") != name:  # new activation: new curves and limits
            cache["name"] = name
            y, dy = evaluate(f, z, "f"), evaluate(df, z, "df")
            curve.set_ydata(y)
            derivative.set_ydata(dy)
            ylim_f, ylim_d = _limits(y), _limits(np.append(dy, 0.0))
            ax_f.set_ylim(ylim_f)
            ax_d.set_ylim(ylim_d)
            ax_f.set_yticks(_ticks(ylim_f, 4))
            ax_d.set_yticks(_ticks(ylim_d, 3))
            title.set_text(tr("{name}: f (top) and f' (bottom)").format(name=name))
        at = np.array([z0], dtype=float)
        f0 = float(evaluate(f, at, "f")[0])
        d0 = float(evaluate(df, at, "df")[0])
        point.set_data([z0], [f0])
        slope_point.set_data([z0], [d0])
        tangent.set_data(list(Z_RANGE), [f0 + d0 * (Z_RANGE[0] - z0), f0 + d0 * (Z_RANGE[1] - z0)])
        readout = (tr("{name} at z0 = {z0:.2f}: f(z0) = {f0:.4f}, f'(z0) = {d0:.4f}").format(
            name=name, z0=z0, f0=f0, d0=d0) + " &nbsp;·&nbsp; " + tr("tangent slope = f'(z0)"))
        if abs(d0) < SATURATION:
            readout += " &nbsp;·&nbsp; " + tr(
                "<b>saturated</b>: |f'(z0)| < {limit}, the gradient through this unit almost "
                "vanishes").format(limit=SATURATION)
        return readout

    controls = {
        "name": widgets.Dropdown(options=list(activations), value=name, description="f",
                                 layout=widgets.Layout(width="200px")),
        "z0": slider("z0", z0, *Z_RANGE, 0.1),
    }
    explorer = Explorer(controls, draw, view)
    explorer.artists = {"curve": curve, "derivative": derivative, "tangent": tangent,
                        "point": point, "slope_point": slope_point}
    return explorer
