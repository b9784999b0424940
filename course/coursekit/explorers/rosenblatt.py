"""Rosenblatt stepper: apply the perceptron rule one example at a time and watch the line move.

Follows BP (Rosenblatt's iterative rule: compare the output with the target, nudge the weights to
shrink the difference; it learns AND and OR) and PERC (the decision boundary as a line).

=========  ==============================================================
``X``      inputs, shape ``(n_samples, 2)``; ``y`` targets 0/1, ``(n_samples,)``
``w``      weights, shape ``(2,)``; ``b`` bias; both start at 0
``lr``     learning rate η
``k``      number of single-example steps taken; step ``k`` uses example ``(k - 1) mod n``
rule       :math:`\\hat y = \\text{step}(w \\cdot x + b)`,
           :math:`w \\leftarrow w + \\eta (y - \\hat y) x`,
           :math:`b \\leftarrow b + \\eta (y - \\hat y)`
=========  ==============================================================

From ``w = 0, b = 0`` every update is a multiple of η, so η rescales ``w`` and ``b`` (and the
shading of :math:`z`) but not, up to rounding at ties :math:`z = 0`, the line.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import ListedColormap, to_rgb

from coursekit.explorers._base import Explorer, FigureView, slider
from coursekit.explorers._plane import (
    CLASS_COLORS,
    GRID_SIZE,
    TRUTH_TABLE,
    boundary_segment,
    check_problem,
    fmt,
    grid_points,
    plot_box,
    tick_values,
)
from coursekit.language import tr
from coursekit.perceptron import perceptron_predict, perceptron_update

AND_TARGETS = np.array([0.0, 0.0, 0.0, 1.0])
Z_LIMIT = 3.0
"""|z| at which the shading saturates."""
LR_RANGE = (0.05, 2.0)


def _ramp(start: str, end: str, n: int) -> np.ndarray:
    return np.linspace(to_rgb(start), to_rgb(end), n)


# z < 0 (predicted 0): orange, palest near 0; z >= 0 (predicted 1): blue. step(0) = 1, and
# z = 0 maps to entry 128, the first blue one.
Z_CMAP = ListedColormap(np.vstack([_ramp("#f4b27e", "#fdefe4", 128),
                                   _ramp("#e4eef9", "#86aedb", 128)]))


@dataclass
class RosenblattState:
    """The perceptron after ``k`` single-example steps of Rosenblatt's rule from ``w = 0, b = 0``.

    Attributes
    ----------
    k : int
        Steps taken.
    w : ndarray, shape (n_features,)
    b : float
    epoch : int
        Epoch (1-based) of the last step; 0 before any step.
    index : int or None
        Example used at the last step (``(k - 1) mod n``); None before any step.
    mistake : bool
        Whether the last step's example was misclassified (so the weights moved).
    epoch_mistakes : int
        Mistakes in the current epoch so far.
    converged_epoch : int or None
        First complete epoch with no mistakes; from then on nothing changes.
    """

    k: int
    w: np.ndarray
    b: float
    epoch: int = 0
    index: int | None = None
    mistake: bool = False
    epoch_mistakes: int = 0
    converged_epoch: int | None = None


def replay(X, y, k: int, lr: float, update=None, predict=None) -> RosenblattState:
    """Run ``k`` single-example steps of Rosenblatt's rule from ``w = 0, b = 0``, cycling through
    the examples in order (as :func:`coursekit.perceptron.train_perceptron`).

    Parameters
    ----------
    X : ndarray, shape (n_samples, n_features)
    y : ndarray, shape (n_samples,)
    k : int
        Number of steps, >= 0.
    lr : float
        Learning rate η.
    update : callable, optional
        ``update(x, y, w, b, lr) -> (w, b)`` for one example ``x`` of shape ``(n_features,)``;
        default :func:`coursekit.perceptron.perceptron_update`.
    predict : callable, optional
        ``predict(X, w, b) -> (n,)``, used to count mistakes; default
        :func:`coursekit.perceptron.perceptron_predict`.

    Returns
    -------
    RosenblattState

    >>> state = replay(TRUTH_TABLE, AND_TARGETS, 4, lr=1.0)
    >>> state.w, state.b, state.epoch_mistakes
    (array([1., 1.]), 0.0, 2)
    """
    update = perceptron_update if update is None else update
    predict = perceptron_predict if predict is None else predict
    n = X.shape[0]
    state = RosenblattState(k=k, w=np.zeros(X.shape[1]), b=0.0)
    for step in range(k):
        i = step % n
        if i == 0:
            state.epoch_mistakes = 0
        output = np.asarray(predict(X[i:i + 1], state.w, state.b), dtype=float).reshape(-1)
        state.mistake = bool(output[0] != y[i])
        state.epoch_mistakes += state.mistake
        w, b = update(X[i], y[i], state.w, state.b, lr)
        state.w, state.b = np.asarray(w, dtype=float), float(b)
        state.epoch, state.index = step // n + 1, i
        if i == n - 1 and state.epoch_mistakes == 0 and state.converged_epoch is None:
            state.converged_epoch = state.epoch
    return state


class RosenblattExplorer(Explorer):
    """An :class:`Explorer` with Step and Reset buttons and the state it shows."""

    @property
    def state(self) -> RosenblattState:
        """The :class:`RosenblattState` currently drawn."""
        return self._latest["state"]


def _describe(state: RosenblattState, X, y, max_steps: int) -> str:
    weights = f"w = [{', '.join(fmt(v) for v in state.w)}], b = {fmt(state.b)}"
    step = tr("step {k} of {max_steps}").format(k=state.k, max_steps=max_steps)
    if state.k == 0:
        return " &nbsp;·&nbsp; ".join(
            [step, weights, tr("press <b>Step</b> to apply the rule to example 0")])
    x = ", ".join(f"{v:g}" for v in X[state.index])
    effect = tr("mistake → weights moved") if state.mistake else tr("correct → no change")
    if state.converged_epoch is not None:
        status = tr("<b>converged</b>: epoch {epoch} had no mistakes").format(
            epoch=state.converged_epoch)
    else:
        status = tr("mistakes in epoch {epoch} so far: {mistakes}").format(
            epoch=state.epoch, mistakes=state.epoch_mistakes)
    example = tr("epoch {epoch}, example {index} (x = [{x}], y = {y:g}): {effect}").format(
        epoch=state.epoch, index=state.index, x=x, y=y[state.index], effect=effect)
    return " &nbsp;·&nbsp; ".join([step, example, weights, status])


def rosenblatt_explorer(X=None, y=None, update=None, predict=None, lr: float = 0.5,
                        max_steps: int = 40) -> RosenblattExplorer:
    """Step through Rosenblatt's perceptron rule with a button and a learning-rate slider.

    The shown state is always :func:`replay` of ``k`` steps from ``w = 0, b = 0`` with the
    current ``lr``, so moving the slider replays the same ``k`` steps with the new rate. The
    figure shades :math:`z = w \\cdot x + b` over the plane (blue: :math:`\\hat y = 1`, orange:
    :math:`\\hat y = 0`, darker for larger :math:`|z|`), draws the line :math:`z = 0`, the points
    coloured by target, and rings the example used at the last step (red: it was a mistake).

    Parameters
    ----------
    X : array_like, shape (n_samples, 2), optional
        Inputs; default the AND truth table.
    y : array_like, shape (n_samples,), optional
        0/1 targets; default AND's. Pass both ``X`` and ``y`` or neither.
    update : callable, optional
        ``update(x, y, w, b, lr) -> (w, b)``; default
        :func:`coursekit.perceptron.perceptron_update`. Pass your own implementation.
    predict : callable, optional
        ``predict(X, w, b) -> (n,)`` used to count mistakes; default
        :func:`coursekit.perceptron.perceptron_predict`.
    lr : float
        Initial learning rate, in [0.05, 2].
    max_steps : int
        The Step button stops at this many steps.

    Returns
    -------
    RosenblattExplorer
        Control ``"lr"``; also ``explorer.step_button``, ``explorer.reset_button``,
        ``explorer.state`` (the current :class:`RosenblattState`) and ``explorer.artists``
        (``"z"``, ``"points"``, ``"line"``, ``"last"``).

    >>> explorer = rosenblatt_explorer(lr=1.0)
    >>> for _ in range(24):
    ...     explorer.step_button.click()
    >>> explorer.state.w, explorer.state.b, explorer.state.converged_epoch
    (array([2., 1.]), -3.0, 6)
    """
    if (X is None) != (y is None):
        raise ValueError(tr("pass both X and y, or neither (the AND truth table)"))
    if X is None:
        X, y = TRUTH_TABLE, AND_TARGETS
    X, y = check_problem(X, y, "X")
    if not LR_RANGE[0] <= lr <= LR_RANGE[1]:
        raise ValueError(tr("lr must be in [{low}, {high}], got {lr}").format(
            low=LR_RANGE[0], high=LR_RANGE[1], lr=lr))
    if not isinstance(max_steps, (int, np.integer)) or max_steps < 1:
        raise ValueError(tr("{name} must be {expected}, got {value!r}").format(
            name="max_steps", expected=tr("an integer >= {minimum}").format(minimum=1),
            value=max_steps))
    xlim, ylim = plot_box([X])
    grid = grid_points(xlim, ylim)

    view = FigureView(figsize=(4.4, 3.6))
    ax = view.figure.add_subplot()
    z_image = ax.imshow(np.zeros((GRID_SIZE, GRID_SIZE)), origin="lower", extent=(*xlim, *ylim),
                        cmap=Z_CMAP, vmin=-Z_LIMIT, vmax=Z_LIMIT, interpolation="nearest")
    points = ax.scatter(X[:, 0], X[:, 1], c=y, s=90, zorder=3, cmap=ListedColormap(CLASS_COLORS),
                        vmin=0.0, vmax=1.0, edgecolors="black", linewidths=0.8)
    last = ax.scatter(np.empty(0), np.empty(0), s=330, facecolors="none", linewidths=2.5,
                      zorder=4)
    (line,) = ax.plot([], [], color="black", linewidth=2.0)
    ax.set(xlim=xlim, ylim=ylim, aspect="equal", xlabel="$x_1$", ylabel="$x_2$")
    ax.set_xticks(tick_values(X[:, 0], xlim))
    ax.set_yticks(tick_values(X[:, 1], ylim))
    ax.set_title(tr("shading: z = w·x + b; ring: last example"))

    step_button = widgets.Button(description=tr("Step"), button_style="primary")
    reset_button = widgets.Button(description=tr("Reset"))
    steps = {"k": 0}
    latest: dict = {}

    def draw(lr: float) -> str:
        state = replay(X, y, steps["k"], lr, update, predict)
        latest["state"] = state
        z_image.set_data((grid @ state.w + state.b).reshape(GRID_SIZE, GRID_SIZE))
        line.set_data(*boundary_segment(*state.w, state.b, xlim, ylim))
        if state.index is None:
            last.set_offsets(np.empty((0, 2)))
        else:
            last.set_offsets(X[state.index:state.index + 1])
            last.set_edgecolors("#d62728" if state.mistake else "#2ca02c")
        step_button.disabled = steps["k"] >= max_steps
        return _describe(state, X, y, max_steps)

    explorer = RosenblattExplorer({"lr": slider("lr", lr, *LR_RANGE)}, draw, view,
                        buttons=(step_button, reset_button))

    def on_step(_button) -> None:
        if steps["k"] < max_steps:
            steps["k"] += 1
            explorer.redraw()

    def on_reset(_button) -> None:
        steps["k"] = 0
        explorer.redraw()

    step_button.on_click(on_step)
    reset_button.on_click(on_reset)
    explorer.step_button = step_button
    explorer.reset_button = reset_button
    explorer.artists = {"z": z_image, "points": points, "line": line, "last": last}
    explorer._latest = latest
    return explorer
