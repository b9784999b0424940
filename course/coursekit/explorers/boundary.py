"""Decision-boundary explorer: move w1, w2 and b and watch the perceptron's line on AND, OR, XOR.

Follows PERC (the step perceptron and its decision boundary as a line) and BP (AND and OR are
learnable, XOR is not: no line separates it).

=========  ==============================================================
``X``      inputs, shape ``(n_samples, 2)``; ``y`` targets 0/1, ``(n_samples,)``
``w``      weights ``(w1, w2)``; ``b`` bias
``z``      weighted sum :math:`z = w_1 x_1 + w_2 x_2 + b`; prediction ``step(z)``
boundary   the line :math:`w_1 x_1 + w_2 x_2 + b = 0` (``z = 0``)
=========  ==============================================================
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import ListedColormap

from coursekit.datasets import xor
from coursekit.explorers._base import Explorer, FigureView, slider
from coursekit.explorers._plane import (
    CLASS_COLORS,
    GRID_SIZE,
    REGION_COLORS,
    TRUTH_TABLE,
    boundary_segment,
    check_problem,
    fmt,
    grid_points,
    plot_box,
    tick_values,
)
from coursekit.language import tr
from coursekit.perceptron import perceptron_predict


def default_problems() -> dict:
    """The truth tables of AND, OR and XOR, each ``(X (4, 2), y (4,))``.

    >>> {name: y.tolist() for name, (X, y) in default_problems().items()}
    {'AND': [0.0, 0.0, 0.0, 1.0], 'OR': [0.0, 1.0, 1.0, 1.0], 'XOR': [0.0, 1.0, 1.0, 0.0]}
    """
    return {
        "AND": (TRUTH_TABLE.copy(), np.array([0.0, 0.0, 0.0, 1.0])),
        "OR": (TRUTH_TABLE.copy(), np.array([0.0, 1.0, 1.0, 1.0])),
        "XOR": xor(),
    }


def boundary_explorer(problems=None, predict=None, w1: float = 1.0, w2: float = 1.0,
                      b: float = -1.5) -> Explorer:
    """Sliders for :math:`w_1, w_2, b` of a step perceptron on a two-input problem.

    Shows the points coloured by target, the regions the perceptron predicts as 0 and 1
    (:math:`\\hat y = \\text{step}(w_1 x_1 + w_2 x_2 + b)`, on an 80 x 80 grid), and the boundary
    line :math:`w_1 x_1 + w_2 x_2 + b = 0`; misclassified points get a black cross. The readout
    counts the misclassified points.

    Parameters
    ----------
    problems : mapping of str to (X, y), optional
        ``X`` of shape ``(n_samples, 2)``, ``y`` of shape ``(n_samples,)`` with 0/1 targets.
        Default: the AND, OR and XOR truth tables (:func:`default_problems`).
    predict : callable, optional
        ``predict(X, w, b) -> ndarray (n_samples,)`` with ``X`` of shape ``(n, 2)``, ``w`` of
        shape ``(2,)``; default :func:`coursekit.perceptron.perceptron_predict`. Pass your own
        implementation to see it at work.
    w1, w2, b : float
        Initial slider values, in [-2, 2].

    Returns
    -------
    Explorer
        Controls ``"problem"`` (Dropdown), ``"w1"``, ``"w2"``, ``"b"``; ``explorer.artists``
        holds the matplotlib artists (``"regions"``, ``"points"``, ``"wrong"``, ``"line"``).

    >>> explorer = boundary_explorer()
    >>> explorer.readout.value.endswith("misclassified: 0 of 4")
    True
    >>> explorer.controls["problem"].value = "XOR"
    >>> "misclassified: 3 of 4" in explorer.readout.value
    True
    """
    problems = default_problems() if problems is None else dict(problems)
    if not problems:
        raise ValueError(tr("problems must map at least one name to (X, y), got an empty "
                            "mapping"))
    problems = {name: check_problem(X, y, tr("X of problem {name!r}").format(name=name))
                for name, (X, y) in problems.items()}
    predict = perceptron_predict if predict is None else predict
    xlim, ylim = plot_box([X for X, _ in problems.values()])
    grid = grid_points(xlim, ylim)

    view = FigureView(figsize=(4.4, 3.6))
    ax = view.figure.add_subplot()
    regions = ax.imshow(np.zeros((GRID_SIZE, GRID_SIZE)), origin="lower",
                        extent=(*xlim, *ylim), cmap=ListedColormap(REGION_COLORS),
                        vmin=0.0, vmax=1.0, interpolation="nearest")
    first_X, first_y = next(iter(problems.values()))
    points = ax.scatter(first_X[:, 0], first_X[:, 1], c=first_y, s=90, zorder=3,
                        cmap=ListedColormap(CLASS_COLORS), vmin=0.0, vmax=1.0,
                        edgecolors="black", linewidths=0.8)
    wrong = ax.scatter(np.empty(0), np.empty(0), marker="x", s=45, c="black", linewidths=1.8,
                       zorder=4)
    (line,) = ax.plot([], [], color="black", linewidth=2.0)
    ax.set(xlim=xlim, ylim=ylim, aspect="equal", xlabel="$x_1$", ylabel="$x_2$")
    all_points = np.vstack([X for X, _ in problems.values()])
    ax.set_xticks(tick_values(all_points[:, 0], xlim))
    ax.set_yticks(tick_values(all_points[:, 1], ylim))
    title = ax.set_title(" ")

    def draw(problem: str, w1: float, w2: float, b: float) -> str:
        X, y = problems[problem]
        w = np.array([w1, w2])
        on_grid = np.asarray(predict(grid, w, b), dtype=float).reshape(-1)
        on_points = np.asarray(predict(X, w, b), dtype=float).reshape(-1)
        if on_grid.shape != (grid.shape[0],) or on_points.shape != y.shape:
            raise ValueError(tr("predict must return one output per row of X: got {shape} for X "
                                "of shape {X}").format(shape=on_points.shape, X=X.shape))
        regions.set_data(on_grid.reshape(GRID_SIZE, GRID_SIZE))
        mistakes = on_points != y
        points.set_offsets(X)
        points.set_array(y)
        wrong.set_offsets(X[mistakes] if mistakes.any() else np.empty((0, 2)))
        line.set_data(*boundary_segment(w1, w2, b, xlim, ylim))
        title.set_text(tr("{problem}: shading = prediction, dots = target").format(
            problem=problem))
        readout = (f"w1 = {fmt(w1)}, w2 = {fmt(w2)}, b = {fmt(b)} &nbsp;·&nbsp; "
                   + tr("misclassified: {wrong} of {total}").format(wrong=int(mistakes.sum()),
                                                                   total=y.size))
        if problem.upper() == "XOR":
            best = " " + tr("(the best is 1 of 4)") if y.size == 4 else ""
            readout += (" &nbsp;·&nbsp; <i>" + tr("no line gets 0 on XOR: it is not linearly "
                                                  "separable{best}").format(best=best) + "</i>")
        return readout

    controls = {
        "problem": widgets.Dropdown(options=list(problems), description=tr("problem"),
                                    layout=widgets.Layout(width="220px")),
        "w1": slider("w1", w1, -2.0, 2.0),
        "w2": slider("w2", w2, -2.0, 2.0),
        "b": slider("b", b, -2.0, 2.0),
    }
    explorer = Explorer(controls, draw, view)
    explorer.artists = {"regions": regions, "points": points, "wrong": wrong, "line": line}
    return explorer
