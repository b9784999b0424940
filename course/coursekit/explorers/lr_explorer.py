"""Learning-rate explorer: gradient descent on a 1-D non-convex loss, with sliders for the
learning rate η, the number of steps and the starting point — watch it crawl, converge,
oscillate, fall into the local minimum or diverge.

Follows MADC "Tasa de aprendizaje" (*"Si es muy alta, el error aumenta o no mejora muy rápido;
si es muy bajo, el error decrece muy lentamente"*) and PERC's steps of "Descenso por gradiente".

=========  ===============================================================
``w``      the one parameter; ``E(w)`` the loss (default :func:`loss_1d`)
``path``   ``w(0), …, w(steps)`` from ``gradient_descent``, shape (steps+1, 1)
=========  ===============================================================
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from coursekit.descent import gradient_descent as reference_gradient_descent
from coursekit.descent import loss_1d, loss_1d_gradient
from coursekit.explorers._base import PANEL_COLOR, BlitView, Explorer, int_slider, slider
from coursekit.language import tr

W_RANGE = (-4.5, 4.5)
E_TOP = 5.0  # top of both panels; the right one draws higher losses at the top edge
BLOW_UP = 1e3  # |w| beyond this counts as diverged



def describe_path(path, loss: Callable, w_range=W_RANGE) -> str:
    """One phrase for where a 1-D gradient-descent path ended.

    "diverged at step k" (|w| > 1000 or not finite), "converged to the global/a local minimum"
    (last step shorter than 1e-4 and the lowest loss on ``w_range`` within 1e-3 or not),
    "oscillating" (the last steps alternate in sign) or "still moving".

    >>> describe_path(np.array([[1.0], [2.0], [np.inf]]), lambda w: w**2)
    'diverged at step 2'
    >>> describe_path(np.array([[1.0], [1e-6], [1e-7]]), lambda w: w**2)
    'converged to the global minimum'
    """
    w = np.asarray(path, dtype=np.float64).reshape(-1)
    bad = ~np.isfinite(w) | (np.abs(w) > BLOW_UP)
    if bad.any():
        return tr("diverged at step {step}").format(step=int(np.argmax(bad)))
    steps = np.diff(w)
    if steps.size == 0:
        return tr("not started (0 steps)")
    if abs(steps[-1]) < 1e-4:
        lowest = float(np.min(loss(np.linspace(*w_range, 2001))))
        if float(loss(w[-1])) <= lowest + 1e-3:
            return tr("converged to the global minimum")
        return tr("converged to a local minimum")
    if steps.size >= 3 and np.all(steps[-3:-1] * steps[-2:] < 0):
        return tr("oscillating")
    return tr("still moving")


def lr_explorer(loss: Callable = loss_1d, gradient: Callable = loss_1d_gradient,
                gradient_descent: Callable = reference_gradient_descent, eta: float = 0.1,
                steps: int = 20, start: float = 3.5) -> Explorer:
    """Sliders ``eta``, ``steps`` and ``start`` for gradient descent on a 1-D loss.

    Left: the loss curve :math:`E(w)` with the path :math:`w(0), w(1), \\dots` (dots joined in
    order, the start hollow, the end red). Right: :math:`E(w(\\tau))` against the step τ. The
    readout gives the last point, its loss and whether the path converged (to the global or a
    local minimum), oscillates, still moves or diverged.

    Parameters
    ----------
    loss, gradient : callable
        Vectorised :math:`E(w)` and :math:`E'(w)` (default :func:`coursekit.descent.loss_1d`).
    gradient_descent : callable
        ``gradient_descent(gradient, w0, eta, steps) -> path (steps + 1, 1)``; pass your own.
    eta, steps, start : initial slider values (η in [0.01, 2], steps in [0, 60], start in
        [-4, 4]).

    Returns
    -------
    Explorer
        Controls ``"eta"``, ``"steps"``, ``"start"``; ``explorer.state["path"]`` the last path,
        shape (steps + 1,);
        ``explorer.artists``: ``"path"``, ``"start"``, ``"end"`` (left), ``"history"`` (right).

    >>> "still moving" in lr_explorer(eta=0.01).readout.value
    True
    """
    view = BlitView(figsize=(7.6, 3.2))
    left, right = view.figure.subplots(1, 2, width_ratios=(1.3, 1.0))
    left.set_facecolor(PANEL_COLOR)
    right.set_facecolor(PANEL_COLOR)
    w_grid = np.linspace(*W_RANGE, 400)
    left.plot(w_grid, loss(w_grid), color="0.35", lw=1.5, label="E(w)")
    path_line, = left.plot([], [], "o-", color="#2f6fb0", ms=4, lw=1, label=tr("path"))
    start_dot, = left.plot([], [], "o", ms=9, mfc="none", mec="black", mew=1.5)
    end_dot, = left.plot([], [], "o", ms=7, color="#c0392b")
    left.set(xlim=W_RANGE, ylim=(0.0, E_TOP), xlabel="w", ylabel="E(w)")
    left.legend(loc="upper center", fontsize=8, frameon=False)
    history, = right.plot([], [], "o-", color="#2f6fb0", ms=3, lw=1)
    right.set(xlim=(0, 60), ylim=(0.0, E_TOP), xlabel=tr("step τ"), ylabel="E(w(τ))")
    right.set_title(tr("loss along the path (clipped at the top)"), fontsize=9)
    view.animate(path_line, start_dot, end_dot, history)

    explorer_state = {}  # the last path, for tests and curious students

    def draw(eta: float, steps: int, start: float) -> str:
        with np.errstate(all="ignore"):
            path = np.asarray(gradient_descent(gradient, np.array([start]), eta, int(steps)),
                              dtype=np.float64).reshape(-1)
            values = np.asarray(loss(path), dtype=np.float64)
        explorer_state["path"] = path
        shown = np.where(np.isfinite(path), path, np.nan)
        path_line.set_data(shown, values)
        start_dot.set_data(shown[:1], values[:1])
        end_dot.set_data(shown[-1:], values[-1:])
        history.set_data(np.arange(path.size), np.clip(np.nan_to_num(values, nan=E_TOP), 0.0,
                                                       E_TOP))
        verdict = describe_path(path[:, None], loss)
        with np.errstate(all="ignore"):
            last = f"w({path.size - 1}) = {path[-1]:.4g}, E = {values[-1]:.4g}"
        return (tr("η = {eta:.2f}, {steps} steps from w(0) = {start:.2f}: {last}").format(
            eta=eta, steps=int(steps), start=start, last=last) + f" — <b>{verdict}</b>")

    controls = {"eta": slider("η", eta, 0.01, 2.0, 0.01),
                "steps": int_slider(tr("steps"), steps, 0, 60),
                "start": slider(tr("start w(0)"), start, -4.0, 4.0, 0.1)}
    explorer = Explorer(controls, draw, view)
    explorer.state = explorer_state
    explorer.artists = {"path": path_line, "start": start_dot, "end": end_dot,
                        "history": history}
    return explorer


__all__ = ["describe_path", "lr_explorer"]
