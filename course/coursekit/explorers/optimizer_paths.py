"""Optimizer paths: gradient descent, SGD, momentum and Adam on the contours of a 2-D
non-convex loss, all from the same start with the same learning rate.

Follows MADC "Descenso del gradiente vs descenso del gradiente estocástico (SGD)" and "Para redes
neuronales, las funciones son no convexas" (*"SGD con momento, tasas de aprendizaje adaptativo
(Adam, RMSprop)"*), INTRO "Mañana" (*"Estocasticidad para Funciones de Pérdida no Convexas",
"Aprendizaje Adaptativo"*).

==========  ====================================================================
``w``       the point (w1, w2); ``E(w)`` the loss (default :func:`loss_2d`)
GD          :math:`w \\leftarrow w - \\eta \\nabla E(w)`
SGD         the same with a noisy gradient :math:`\\nabla E(w) + \\sigma \\xi`, ξ ~ N(0, I)
            (fixed draws, so the path only changes with the sliders)
momentum    :math:`v \\leftarrow \\beta v - \\eta \\nabla E`, :math:`w \\leftarrow w + v`
Adam        :class:`coursekit.optim.Adam` with the same η
==========  ====================================================================
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from coursekit import optim
from coursekit._validate import RngLike, as_rng
from coursekit.descent import gradient_descent as reference_gradient_descent
from coursekit.descent import loss_2d, loss_2d_gradient
from coursekit.descent import momentum_step as reference_momentum_step
from coursekit.explorers._base import BlitView, Explorer, int_slider, slider
from coursekit.language import mark, tr

BOX = ((-3.5, 3.5), (-2.0, 2.0))
MAX_STEPS = 100
MINIMA = {"global": np.array([-2.3732, 0.0]), "local": np.array([2.0675, 0.0])}  # of loss_2d
COLORS = {"GD": "#2f6fb0", "SGD": "#e8853a", "momentum": "#2e8b57", "Adam": "#8e44ad"}
SHOWN = {"GD": "GD", "SGD": "SGD", "momentum": mark("momentum"), "Adam": "Adam"}  # tr to show
AT_MINIMUM = {"global": mark("at the global minimum"), "local": mark("at the local minimum")}


def optimizer_paths_data(eta: float, steps: int, start, gradient: Callable = loss_2d_gradient,
                         gradient_descent: Callable = reference_gradient_descent,
                         momentum_step: Callable = reference_momentum_step, beta: float = 0.9,
                         noise=None) -> dict:
    """The four paths, each an array of shape (steps + 1, 2) starting at ``start``.

    ``noise`` (shape (≥ steps, 2)) is added to the gradient of step τ for SGD; ``None`` gives
    SGD = GD.

    >>> paths = optimizer_paths_data(0.1, 5, [3.0, 1.0])
    >>> sorted(paths), paths["GD"].shape
    (['Adam', 'GD', 'SGD', 'momentum'], (6, 2))
    """
    start = np.asarray(start, dtype=np.float64)
    calls = iter(np.zeros((steps, 2)) if noise is None else np.asarray(noise)[:steps])

    def noisy_gradient(w):
        return np.asarray(gradient(w), dtype=np.float64) + next(calls, 0.0)

    with np.errstate(all="ignore"):
        paths = {"GD": gradient_descent(gradient, start, eta, steps),
                 "SGD": gradient_descent(noisy_gradient, start, eta, steps)}
        w, v, momentum = start, np.zeros(2), [start]
        for _ in range(steps):
            w, v = momentum_step(w, v, np.asarray(gradient(w), dtype=np.float64), eta, beta)
            momentum.append(np.asarray(w, dtype=np.float64))
        paths["momentum"] = np.array(momentum)
        paths["Adam"] = optim.descend(gradient, start, optim.Adam(lr=eta), steps)
    return {name: np.asarray(path, dtype=np.float64).reshape(steps + 1, 2)
            for name, path in paths.items()}


def _where(point) -> str:
    if not np.all(np.isfinite(point)) or np.abs(point).max() > 20.0:
        return tr("diverged")
    for name, minimum in MINIMA.items():
        if np.hypot(*(point - minimum)) < 0.25:
            return tr(AT_MINIMUM[name])
    return tr("on the way")


def optimizer_paths(loss: Callable = loss_2d, gradient: Callable = loss_2d_gradient,
                    gradient_descent: Callable = reference_gradient_descent,
                    momentum_step: Callable = reference_momentum_step, eta: float = 0.1,
                    steps: int = 60, start=(3.2, 1.5), beta: float = 0.9, sgd_noise: float = 1.5,
                    rng: RngLike = 0) -> Explorer:
    """Sliders ``eta`` and ``steps``: four optimizers' paths on the contours of a 2-D loss.

    The default loss is :func:`coursekit.descent.loss_2d`: a ravine with a global minimum at
    (−2.37, 0) and a local one at (2.07, 0), separated by a ridge. The readout lists where each
    path ends: its point, its loss, and "at the global minimum" or "at the local minimum"
    (within 0.25 of the default loss's minima), "on the way" or "diverged" (beyond 20).

    Parameters
    ----------
    loss, gradient : callable
        ``loss(w)`` for points of shape (..., 2) (drawn as contours) and its gradient.
    gradient_descent : callable
        ``gradient_descent(gradient, w0, eta, steps) -> (steps + 1, 2)``, used for GD and SGD.
    momentum_step : callable
        ``momentum_step(w, velocity, grad, eta, beta) -> (w, velocity)``, iterated from v = 0.
    eta, steps : initial slider values (η in [0.01, 0.45], steps in [1, 100]).
    start : (w1, w2)
    beta : float
        Momentum β.
    sgd_noise : float
        Standard deviation σ of SGD's gradient noise (one fixed draw per step, from ``rng``).
    rng : numpy Generator, int seed or None

    Returns
    -------
    Explorer
        Controls ``"eta"``, ``"steps"``; ``explorer.state["paths"]``; ``explorer.artists``:
        one line per optimizer, by name.

    >>> "global minimum" in optimizer_paths().readout.value
    True
    """
    noise = sgd_noise * as_rng(rng).normal(size=(MAX_STEPS, 2))
    view = BlitView(figsize=(6.4, 3.6))
    ax = view.figure.add_subplot()
    g1, g2 = np.meshgrid(np.linspace(*BOX[0], 160), np.linspace(*BOX[1], 100))
    surface = np.asarray(loss(np.stack([g1, g2], axis=-1)), dtype=np.float64)
    ax.contourf(g1, g2, surface, levels=np.linspace(0, 12, 25), cmap="Greys_r", alpha=0.55,
                extend="max")
    ax.contour(g1, g2, surface, levels=np.linspace(0, 12, 25), colors="0.4", linewidths=0.4)
    ax.plot(*np.asarray(start, dtype=float), "ko", ms=7, mfc="white", zorder=4)
    lines = {name: ax.plot([], [], "o-", color=color, ms=2.5, lw=1.3, label=tr(SHOWN[name]),
                           zorder=3)[0]
             for name, color in COLORS.items()}
    ax.legend(loc="lower right", fontsize=8, ncol=4, framealpha=0.9)
    ax.set(xlim=BOX[0], ylim=BOX[1], xlabel="$w_1$", ylabel="$w_2$")
    view.animate(*lines.values())
    state = {}

    def draw(eta: float, steps: int) -> str:
        paths = optimizer_paths_data(eta, int(steps), start, gradient, gradient_descent,
                                     momentum_step, beta, noise)
        state["paths"] = paths
        rows = []
        for name, path in paths.items():
            lines[name].set_data(path[:, 0], path[:, 1])
            end = path[-1]
            with np.errstate(all="ignore"):
                value = float(np.asarray(loss(end)))
            rows.append(f"<tr><td style='color:{COLORS[name]}'><b>{tr(SHOWN[name])}</b></td>"
                        f"<td>({end[0]:.3g}, {end[1]:.3g})</td><td>{value:.4g}</td>"
                        f"<td>{_where(end)}</td></tr>")
        head = "".join(f"<th>{h}</th>" for h in (tr("optimizer"), tr("end point"), "E",
                                                 tr("where")))
        return (tr("η = {eta:.2f}, {steps} steps from ({w1:g}, {w2:g}):").format(
            eta=eta, steps=int(steps), w1=start[0], w2=start[1])
                + f"<table><tr>{head}</tr>" + "".join(rows) + "</table>")

    controls = {"eta": slider("η", eta, 0.01, 0.45, 0.01),
                "steps": int_slider(tr("steps"), steps, 1, MAX_STEPS)}
    explorer = Explorer(controls, draw, view)
    explorer.state = state
    explorer.artists = dict(lines)
    return explorer


__all__ = ["optimizer_paths", "optimizer_paths_data"]
