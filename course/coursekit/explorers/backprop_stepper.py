"""Backprop stepper: MADC's tanh network as a diagram, forward pass then backward pass, one stage
per click, with every node's value and every weight's gradient.

Follows MADC "Ejemplo con red neuronal" (inputs 2 and 3, target 1, tanh hidden layer, linear
output, no biases, :math:`E = \\tfrac12(\\hat y - y)^2`) and BP "How does it actually work?".

=========  =========================================================================
``x``      the inputs x1, x2; ``y`` the target
``w``      w1…w6: w1, w2 into h1; w3, w4 into h2; w5, w6 from h1, h2 to ŷ
``a``      hidden pre-activations a1 = w1·x1 + w2·x2, a2 = w3·x1 + w4·x2; h = tanh(a)
``δ``      ∂E/∂a of a hidden unit, (ŷ − y)·w·(1 − h²)
=========  =========================================================================

Notation: the stepper keeps MADC's letters, so ``a1``, ``a2`` are PRE-activations (the course's
z), not activation outputs; the hidden outputs are ``h1``, ``h2``.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from coursekit.backprop import tanh_example_forward, tanh_example_gradients
from coursekit.explorers._base import Explorer, FigureView, follow_choice, slider
from coursekit.language import mark, tr

WEIGHTS = ("w1", "w2", "w3", "w4", "w5", "w6")
SLIDE_W = (0.1, 0.2, 0.3, 0.1, 0.5, 0.8)
STAGES = (  # shown translated (tr)
    mark("start: press <b>Step</b> to run the forward pass"),
    mark("forward 1: pre-activations (MADC's a, our z) a1 = w1·x1 + w2·x2, a2 = w3·x1 + w4·x2"),
    mark("forward 2: hidden outputs h = tanh(a)"),
    mark("forward 3: output ŷ = w5·h1 + w6·h2 (linear)"),
    mark("forward 4: error E = ½(ŷ − y)²"),
    mark("backward 1: ∂E/∂ŷ = ŷ − y"),
    mark("backward 2: ∂E/∂w5 = (ŷ − y)·h1, ∂E/∂w6 = (ŷ − y)·h2"),
    mark("backward 3: ∂E/∂h = (ŷ − y)·w and δ = ∂E/∂a = ∂E/∂h·(1 − h²)"),
    mark("backward 4: ∂E/∂w1 = δ1·x1, ∂E/∂w2 = δ1·x2, ∂E/∂w3 = δ2·x1, ∂E/∂w4 = δ2·x2"),
)
# nodes x1, x2, h1, h2, ŷ, E
POSITIONS = np.array([[0.0, 0.72], [0.0, 0.28], [1.2, 0.72], [1.2, 0.28], [2.2, 0.5],
                      [2.9, 0.5]])
EDGES = ((0, 2), (1, 2), (0, 3), (1, 3), (2, 4), (3, 4))  # w1…w6
FORWARD_COLOR, BACKWARD_COLOR, IDLE_COLOR = "#9ec3e6", "#f4a582", "#e6e6e6"
IDLE_WIDTH = 3.0


def stage_values(x, y, w, gradients=None) -> dict:
    """Every quantity the stepper shows, forward then backward.

    Parameters
    ----------
    x : array_like, shape (2,)
    y : float
    w : array_like, shape (6,)
    gradients : callable, optional
        ``gradients(x, y, w) -> (6,)``, default :func:`coursekit.backprop.tanh_example_gradients`.

    Returns
    -------
    dict
        ``a1, a2, h1, h2, y_hat, E, dE_dy_hat, dE_dh1, dE_dh2, delta1, delta2`` (floats) and
        ``grads`` (ndarray (6,), from ``gradients``); ``a1``, ``a2`` are MADC's
        pre-activations (our z).

    >>> round(stage_values([2.0, 3.0], 1.0, SLIDE_W)["E"], 5)
    0.00451
    """
    gradients = tanh_example_gradients if gradients is None else gradients
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    v = tanh_example_forward(x, w)
    error = v["y_hat"] - y
    v.update(E=0.5 * error**2, dE_dy_hat=error, dE_dh1=error * w[4], dE_dh2=error * w[5])
    v.update(delta1=v["dE_dh1"] * (1 - v["h1"] ** 2), delta2=v["dE_dh2"] * (1 - v["h2"] ** 2))
    v["grads"] = np.asarray(gradients(x, float(y), w.copy()), dtype=float).reshape(6)
    return v


def _node_texts(v: dict, x, y, stage: int) -> list[str]:
    """Short labels (text is the costly part of a redraw): the latest value of each node."""
    texts = [f"x1 = {x[0]:.2f}", f"x2 = {x[1]:.2f}", "h1", "h2", "ŷ", f"E, y = {y:.2f}"]
    for k, unit in ((2, "1"), (3, "2")):
        if stage == 1:
            texts[k] = f"a{unit} = {v['a' + unit]:.3f}"
        elif stage >= 2:
            texts[k] = f"h{unit} = {v['h' + unit]:.3f}"
        if stage >= 7:
            texts[k] += f"\nδ{unit} = {v['delta' + unit]:.4f}"
    if stage >= 3:
        texts[4] = f"ŷ = {v['y_hat']:.3f}"
    if stage >= 5:
        texts[4] += f"\n∂E/∂ŷ = {v['dE_dy_hat']:.4f}"
    if stage >= 4:
        texts[5] = f"E = {v['E']:.5f}"
    return texts


def _readout(v: dict, w, stage: int) -> str:
    parts = [tr("<b>stage {stage}/{last}</b>").format(stage=stage, last=len(STAGES) - 1)
             + f" — {tr(STAGES[stage])}"]
    shown = []
    if stage >= 1:
        shown.append(f"a = [{v['a1']:.4f}, {v['a2']:.4f}]")
    if stage >= 2:
        shown.append(f"h = [{v['h1']:.4f}, {v['h2']:.4f}]")
    if stage >= 3:
        shown.append(f"ŷ = {v['y_hat']:.4f}")
    if stage >= 4:
        shown.append(f"E = {v['E']:.6f}")
    if stage >= 5:
        shown.append(f"∂E/∂ŷ = {v['dE_dy_hat']:.4f}")
    if stage >= 6:
        shown.append(f"∂E/∂w5 = {v['grads'][4]:.4f}, ∂E/∂w6 = {v['grads'][5]:.4f}")
    if stage >= 7:
        shown.append(f"δ = [{v['delta1']:.4f}, {v['delta2']:.4f}]")
    if stage >= 8:
        shown.append("∂E/∂w1…w4 = [" + ", ".join(f"{g:.4f}" for g in v["grads"][:4]) + "]")
    weights = "w = [" + ", ".join(f"{value:.2f}" for value in w) + "]"
    return " &nbsp;·&nbsp; ".join(parts + shown + [weights])


def backprop_stepper(x=(2.0, 3.0), y: float = 1.0, w=SLIDE_W, gradients=None) -> Explorer:
    """Step through the forward and then the backward pass of MADC's tanh example.

    **Step** reveals one stage (net inputs, hidden outputs, ŷ, E, then ∂E/∂ŷ, ∂E/∂w5 and
    ∂E/∂w6, the hidden deltas, ∂E/∂w1…w4); **Back** and **Reset** go back. The sliders change
    the inputs, the target and any one weight; everything shown so far is recomputed. Edges are
    red once their gradient is known (width ∝ |gradient|); the readout lists the numbers.

    Parameters
    ----------
    x : sequence of two floats
        Initial inputs (the slide's 2 and 3).
    y : float
        Initial target (the slide's 1).
    w : sequence of six floats
        Initial w1…w6 (the slide's 0.1, 0.2, 0.3, 0.1, 0.5, 0.8).
    gradients : callable, optional
        ``gradients(x, y, w) -> ndarray (6,)``; default
        :func:`coursekit.backprop.tanh_example_gradients`. Pass your own to see it at work.

    Returns
    -------
    Explorer
        Controls ``"x1"``, ``"x2"``, ``"y"``, ``"which"`` (Dropdown w1…w6) and ``"value"``;
        ``explorer.step_button``, ``back_button``, ``reset_button``, ``explorer.stage`` (int),
        ``explorer.w`` (current weights), ``explorer.latest`` (:func:`stage_values` of the
        last draw) and ``explorer.artists`` (``"edges"`` in the order w1…w6, ``"nodes"``,
        ``"node_labels"``, ``"names"``: the weights' names, the chosen one in bold).

    >>> explorer = backprop_stepper()
    >>> for _ in range(8):
    ...     explorer.step_button.click()
    >>> "∂E/∂w1…w4 = [-0.0531, -0.0796, -0.0740, -0.1110]" in explorer.readout.value
    True
    """
    w = np.array(w, dtype=float).reshape(-1)
    if w.shape != (6,):
        raise ValueError(tr("w must hold six weights w1…w6, got shape {shape}").format(
            shape=w.shape))
    x = np.array(x, dtype=float).reshape(-1)
    if x.shape != (2,):
        raise ValueError(tr("x must hold two inputs, got shape {shape}").format(shape=x.shape))
    state = {"stage": 0}
    latest: dict = {}

    view = FigureView(figsize=(4.6, 3.0), dpi=90)
    ax = view.figure.add_subplot()
    ax.set(xlim=(-0.35, 3.25), ylim=(-0.12, 1.0))
    ax.set_axis_off()
    segments = [np.array([POSITIONS[i], POSITIONS[j]]) for i, j in EDGES]
    edges = [ax.plot(*seg.T, color="0.6", linewidth=IDLE_WIDTH, zorder=1)[0] for seg in segments]
    ax.plot(*np.array([POSITIONS[4], POSITIONS[5]]).T, color="0.6", linestyle="--", zorder=1)
    names = [ax.text(*(seg[0] + f * (seg[1] - seg[0])), WEIGHTS[k], fontsize=7, ha="center",
                     va="bottom", color="0.25", zorder=4)
             for k, (seg, f) in enumerate(zip(segments, (0.5, 0.22, 0.22, 0.5, 0.5, 0.5)))]
    nodes = ax.scatter(POSITIONS[:, 0], POSITIONS[:, 1], s=320, zorder=3, edgecolors="black",
                       linewidths=0.8)
    node_labels = [ax.text(px, py + (0.075 if k in (0, 2) else -0.075), "", fontsize=6.5,
                           ha="center", va="bottom" if k in (0, 2) else "top", zorder=5)
                   for k, (px, py) in enumerate(POSITIONS)]
    ax.set_title(tr("forward (blue), backward (orange)"), fontsize=8)

    def draw(x1: float, x2: float, y: float, which: str, value: float) -> str:
        w[WEIGHTS.index(which)] = value
        stage = state["stage"]
        xs = np.array([x1, x2])
        v = stage_values(xs, y, w, gradients)
        latest.update(v)
        for text, label in zip(_node_texts(v, xs, y, stage), node_labels):
            label.set_text(text)
        colors = [FORWARD_COLOR] * 2 + [IDLE_COLOR] * 4
        if stage >= 2:
            colors[2:4] = [FORWARD_COLOR] * 2
        if stage >= 3:
            colors[4] = FORWARD_COLOR
        if stage >= 4:
            colors[5] = FORWARD_COLOR
        if stage >= 5:
            colors[4] = BACKWARD_COLOR
        if stage >= 7:
            colors[2:4] = [BACKWARD_COLOR] * 2
        nodes.set_facecolors(colors)
        known = [stage >= 8] * 4 + [stage >= 6] * 2
        for k, line in enumerate(edges):
            names[k].set_fontweight("bold" if WEIGHTS[k] == which else "normal")
            line.set_color("#d6604d" if known[k] else "0.6")
            line.set_linewidth(1.0 + 40.0 * min(abs(v["grads"][k]), 0.2) if known[k]
                               else IDLE_WIDTH)
        return _readout(v, w, stage)

    controls = {
        "x1": slider("x1", float(x[0]), -4.0, 4.0, 0.1),
        "x2": slider("x2", float(x[1]), -4.0, 4.0, 0.1),
        "y": slider(tr("target y"), float(y), -2.0, 2.0, 0.05),
        "which": widgets.Dropdown(options=list(WEIGHTS), value="w6", description=tr("weight"),
                                  layout=widgets.Layout(width="160px")),
        "value": slider(tr("value"), float(w[5]), -2.0, 2.0, 0.05),
    }
    step_button = widgets.Button(description=tr("Step"), button_style="primary")
    back_button = widgets.Button(description=tr("Back"))
    reset_button = widgets.Button(description=tr("Reset"))
    explorer = Explorer(controls, draw, view, buttons=(step_button, back_button, reset_button))

    def move(delta: int):
        def handler(_button) -> None:
            state["stage"] = 0 if delta == 0 else min(max(state["stage"] + delta, 0),
                                                      len(STAGES) - 1)
            explorer.stage = state["stage"]
            explorer.redraw()
        return handler

    # show the chosen weight's current value on the slider
    follow_choice(explorer, "which", "value", lambda name: float(w[WEIGHTS.index(name)]))
    step_button.on_click(move(1))
    back_button.on_click(move(-1))
    reset_button.on_click(move(0))
    explorer.step_button, explorer.back_button = step_button, back_button
    explorer.reset_button, explorer.stage, explorer.w = reset_button, 0, w
    explorer.latest = latest
    explorer.artists = {"edges": edges, "nodes": nodes, "node_labels": node_labels,
                        "names": names}
    return explorer


__all__ = ["backprop_stepper", "stage_values", "STAGES", "WEIGHTS"]
