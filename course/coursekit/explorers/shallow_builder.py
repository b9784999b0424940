"""Shallow-network builder: INTRO's 1-3-1 ReLU network with its ten parameters on sliders.

Follows INTRO ("Redes Neuronales: Función de Activación", ReLU): hidden units
:math:`a(\\omega_{1k} x + b_k)`, output :math:`y = \\sum_k \\omega_{k4}\\, a(\\omega_{1k} x + b_k)
+ b_4`, a piecewise-linear curve with a joint where each unit switches on.

=============  ==============================================================
``w1k, bk``    hidden weight and bias of unit k (k = 1, 2, 3)
``wk4``        output weight of unit k; ``b4`` output bias
contribution   :math:`\\omega_{k4}\\, a(\\omega_{1k} x + b_k)`, one dashed curve per unit
joint          :math:`x = -b_k / \\omega_{1k}`, where unit k's input crosses 0
slope          of y on each piece between joints (left to right); with ReLU each unit that is
               on adds :math:`\\omega_{k4}\\,\\omega_{1k}` to it
=============  ==============================================================
"""

from __future__ import annotations

import numpy as np

from coursekit.explorers._base import Explorer, FigureView, slider
from coursekit.language import tr
from coursekit.network import count_parameters
from coursekit.shallow import shallow_net

# INTRO's values: a(1.5x + 3), a(x − 1.2), a(2x − 4); ω14 = −0.6, ω24 = 1.7, ω34 = −1.2; b4 = −0.5
SLIDE_PARAMS = {"w11": 1.5, "w12": 1.0, "w13": 2.0, "b1": 3.0, "b2": -1.2, "b3": -4.0,
                "w14": -0.6, "w24": 1.7, "w34": -1.2, "b4": -0.5}
X_RANGE = (-4.0, 4.0)
Y_RANGE = (-8.0, 8.0)
CURVE_POINTS = 201
COLORS = ("#1f77b4", "#2ca02c", "#ff7f0e")
EPS = 1e-12


def joints(w1, b) -> list:
    """Where each hidden unit switches on, :math:`x_k = -b_k / \\omega_{1k}` (None if
    :math:`\\omega_{1k} = 0`).

    >>> joints([1.5, 1.0, 2.0], [3.0, -1.2, -4.0])
    [-2.0, 1.2, 2.0]
    """
    return [None if abs(w) < EPS else -float(bk) / float(w) + 0.0 for w, bk in zip(w1, b)]


def piece_points(where) -> np.ndarray:
    """One point inside each piece between the joints ``where`` (``None`` entries ignored), left
    to right: 1 left of the first joint, the midpoints, 1 right of the last (0 if no joint).

    >>> piece_points([-2.0, 1.2, 2.0, None]).tolist()
    [-3.0, -0.4, 1.6, 3.0]
    """
    cuts = sorted({j for j in where if j is not None})
    if not cuts:
        return np.array([0.0])
    return np.array([cuts[0] - 1.0, *((a + b) / 2 for a, b in zip(cuts, cuts[1:])),
                     cuts[-1] + 1.0])


def piece_slopes(f, where) -> np.ndarray:
    """Slope of ``f`` (a function of an array of x) inside each piece between the joints
    ``where``, by a central difference at :func:`piece_points` with a step far below the
    narrowest piece; exact (to rounding) for a piecewise-linear ``f``.

    >>> piece_slopes(lambda x: np.abs(x - 1.0), [1.0]).round(6).tolist()
    [-1.0, 1.0]
    """
    points = piece_points(where)
    cuts = sorted({j for j in where if j is not None})
    gaps = np.diff(cuts)
    h = min(1e-4, float(gaps[gaps > 0].min()) / 4) if np.any(gaps > 0) else 1e-4
    y = np.asarray(f(np.concatenate([points - h, points + h])), dtype=float).reshape(-1)
    return (y[len(points):] - y[:len(points)]) / (2 * h)


def shallow_builder(x=None, net=None, activation="relu", **params) -> Explorer:
    """Ten sliders for the 1-3-1 network :math:`y = \\sum_k \\omega_{k4}\\, a(\\omega_{1k} x + b_k)
    + b_4`, starting at INTRO's ReLU example.

    Draws each hidden unit's contribution :math:`\\omega_{k4}\\, a(\\omega_{1k} x + b_k)` (dashed,
    one colour per unit), their sum plus :math:`b_4` (black) and the joints
    :math:`x = -b_k / \\omega_{1k}` (dotted verticals). The readout lists the joints, the slope
    of y on each piece between them (left to right; with another activation than ReLU, the
    slope in the middle of each piece) and the parameter count (10 = 1·3 + 3 + 3·1 + 1).

    Parameters
    ----------
    x : array_like, shape (n_points,), optional
        Where to draw; default 201 points on [-4, 4].
    net : callable, optional
        ``net(x, W, b, w_out, b_out, activation) -> y`` with ``x`` of shape ``(n,)``, ``W`` of
        shape ``(1, 3)``, ``b`` and ``w_out`` of shape ``(3,)``; default
        :func:`coursekit.shallow.shallow_net`. Pass your own ``shallow_net``. It is also used for
        each unit's contribution (one hidden unit, output bias 0).
    activation : str or callable
        Hidden activation passed to ``net``; default ``"relu"`` as on the slide.
    **params : float
        Initial slider values overriding INTRO's: ``w11, w12, w13, b1, b2, b3, w14, w24, w34,
        b4``.

    Returns
    -------
    Explorer
        Controls named like ``params``; ``explorer.artists`` holds ``"total"``,
        ``"contributions"`` (three lines) and ``"joints"`` (three vertical lines).

    >>> explorer = shallow_builder()
    >>> "joints x = -b_k/ω_1k: -2.00, 1.20, 2.00" in explorer.readout.value
    True
    >>> "slopes left to right: 0.00, -0.90, 0.80, -1.60" in explorer.readout.value
    True
    """
    unknown = set(params) - set(SLIDE_PARAMS)
    if unknown:
        raise ValueError(tr("unknown parameters {unknown}; valid names are: {valid}").format(
            unknown=sorted(unknown), valid=", ".join(SLIDE_PARAMS)))
    values = {**SLIDE_PARAMS, **params}
    x = np.linspace(*X_RANGE, CURVE_POINTS) if x is None else np.asarray(x, dtype=float)
    if x.ndim != 1 or x.size < 2:
        raise ValueError(tr("x must have shape (n_points,) with at least 2 points, got {shape}")
                         .format(shape=x.shape))
    net = shallow_net if net is None else net
    xlim = (float(x.min()), float(x.max()))

    view = FigureView(figsize=(4.5, 3.3))
    ax = view.figure.add_subplot()
    contributions = [ax.plot(x, np.zeros_like(x), color=color, linestyle="--", linewidth=1.3,
                             label=tr("unit {number}").format(number=k + 1))[0]
                     for k, color in enumerate(COLORS)]
    (total,) = ax.plot(x, np.zeros_like(x), color="black", linewidth=2.2, label="y")
    joint_lines = [ax.axvline(0.0, color=color, linestyle=":", linewidth=1.0)
                   for color in COLORS]
    ax.axhline(0.0, color="0.6", linewidth=0.6)
    ax.set(xlim=xlim, ylim=Y_RANGE, xticks=np.linspace(*xlim, 5), yticks=[-8, -4, 0, 4, 8],
           xlabel="x", ylabel="y")
    ax.legend(loc="upper left", fontsize=7, ncol=4, frameon=False)

    def evaluate(W, b, w_out, b_out) -> np.ndarray:
        y = np.asarray(net(x, W, b, w_out, b_out, activation), dtype=float).reshape(-1)
        if y.shape != x.shape:
            raise ValueError(tr("net must return one output per x {expected}, got shape {shape}")
                             .format(expected=x.shape, shape=y.shape))
        return y

    def draw(w11, w12, w13, b1, b2, b3, w14, w24, w34, b4) -> str:
        w1, b, w_out = np.array([w11, w12, w13]), np.array([b1, b2, b3]), np.array([w14, w24, w34])
        for k, line in enumerate(contributions):
            line.set_ydata(evaluate(w1[None, [k]], b[[k]], w_out[[k]], 0.0))
        total.set_ydata(evaluate(w1[None, :], b, w_out, b4))
        where = joints(w1, b)
        for line, joint in zip(joint_lines, where):
            line.set_visible(joint is not None)
            if joint is not None:
                line.set_xdata([joint, joint])
        shown = ", ".join(tr("none") if j is None else f"{j:.2f}" for j in where)
        slopes = piece_slopes(lambda at: net(at, w1[None, :], b, w_out, b4, activation), where)
        slopes_shown = ", ".join(f"{round(float(v), 2) + 0.0:.2f}" for v in slopes)
        return (f"y = {w14:.2f}·a({w11:.2f}x {b1:+.2f}) {w24:+.2f}·a({w12:.2f}x {b2:+.2f}) "
                f"{w34:+.2f}·a({w13:.2f}x {b3:+.2f}) {b4:+.2f} &nbsp;·&nbsp; "
                + tr("joints x = -b_k/ω_1k: {joints}").format(joints=shown) + " &nbsp;·&nbsp; "
                + tr("slopes left to right: {slopes}").format(slopes=slopes_shown)
                + " &nbsp;·&nbsp; " + tr("parameters: {count} (1·3 + 3 + 3·1 + 1)").format(
                    count=count_parameters([1, 3, 1])))

    controls = {}
    for key, value in values.items():
        low, high = (-5.0, 5.0) if key.startswith("b") else (-3.0, 3.0)
        controls[key] = slider(f"ω{key[1:]}" if key.startswith("w") else key, value, low, high,
                               0.1)
    explorer = Explorer(controls, draw, view)
    explorer.artists = {"total": total, "contributions": contributions, "joints": joint_lines}
    return explorer
