"""Dogs-vs-cats network explorer: MADC's 2-3-2 network as a diagram with live neuron values.

Follows MADC ("Propagación hacia delante", "Descomposición de red neuronal", "Con más capas"): the
inputs x = [ear length cm, weight kg], a ReLU hidden layer of 3 units, a softmax output over
[gato, perro].

==========  ===================================================================
``x``       one animal, shape ``(1, 2)``
``params``  ``[{"W": (2, 3), "b": (3,)}, {"W": (3, 2), "b": (2,)}]`` (``W`` = slide's ``Wᵀ``.T)
``z``       hidden pre-activations ``x @ W1 + b1``; ``h = relu(z)``
scores      output pre-activations ``h @ W2 + b2``; ``p = softmax(scores)``
==========  ===================================================================
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import LineCollection

from coursekit._validate import as_float_array
from coursekit.activations import identity, relu, softmax
from coursekit.explorers._base import Explorer, FigureView, slider
from coursekit.explorers._plane import fmt
from coursekit.forward_pass import mlp_forward
from coursekit.language import mark, tr
from coursekit.slides.forward import dogs_vs_cats

INPUTS = (mark("ear"), "kg")  # names in weight labels; the dropdown shows them translated
HIDDEN = ("h1", "h2", "h3")
OUTPUTS = ("gato", "perro")
# Node positions on the diagram: inputs, hidden, outputs (x = column, y = height).
POSITIONS = np.array([[0.0, 0.7], [0.0, 0.3], [1.0, 0.85], [1.0, 0.5], [1.0, 0.15],
                      [2.0, 0.7], [2.0, 0.3]])
POS_COLOR, NEG_COLOR, OFF_COLOR = "#2f6fb0", "#c8553d", "#d9d9d9"


def weight_names() -> list[tuple[str, int, str, tuple]]:
    """Every weight and bias of the 2-3-2 network: ``(label, layer, "W" or "b", index)``.

    >>> weight_names()[0], len(weight_names())
    (('W1 ear→h1', 0, 'W', (0, 0)), 17)
    """
    names = [(f"W1 {INPUTS[i]}→{HIDDEN[j]}", 0, "W", (i, j)) for i in range(2) for j in range(3)]
    names += [(f"b1 {HIDDEN[j]}", 0, "b", (j,)) for j in range(3)]
    names += [(f"W2 {HIDDEN[i]}→{OUTPUTS[j]}", 1, "W", (i, j)) for i in range(3) for j in range(2)]
    names += [(f"b2 {OUTPUTS[j]}", 1, "b", (j,)) for j in range(2)]
    return names


def _shown_names() -> list[str]:
    """The labels of :func:`weight_names` as the dropdown shows them (in the current language).

    >>> _shown_names()[0]
    'W1 ear→h1'
    """
    inputs = [tr(name) for name in INPUTS]
    return ([f"W1 {inputs[i]}→{HIDDEN[j]}" for i in range(2) for j in range(3)]
            + [label for label, *_ in weight_names()[6:]])


def _check_params(params) -> list[dict]:
    params = [{"W": as_float_array(p["W"], f"params[{k}]['W']", ndim=2).copy(),
               "b": as_float_array(p["b"], f"params[{k}]['b']", ndim=1).copy()}
              for k, p in enumerate(params)]
    shapes = [(p["W"].shape, p["b"].shape) for p in params]
    if shapes != [((2, 3), (3,)), ((3, 2), (2,))]:
        raise ValueError(tr("params must be a 2-3-2 network: W shapes (2, 3) and (3, 2), b "
                            "shapes (3,) and (2,), got {shapes}").format(shapes=shapes))
    return params


def _edges() -> np.ndarray:
    """Segments of the 6 + 6 connections, in the order of ``W1.ravel()`` then ``W2.ravel()``."""
    first = [(POSITIONS[i], POSITIONS[2 + j]) for i in range(2) for j in range(3)]
    second = [(POSITIONS[2 + i], POSITIONS[5 + j]) for i in range(3) for j in range(2)]
    return np.array(first + second)


def dogs_cats_network_explorer(params=None, forward=None, ear: float = 8.0,
                               weight: float = 12.0) -> Explorer:
    """Sliders for the animal (ear length, weight) and for one chosen weight of MADC's network.

    The diagram shows every node's value: inputs; hidden :math:`z \\to \\mathrm{relu}(z)` (grey
    when the unit is off); output score :math:`\\to` softmax probability. Edge width is
    :math:`|W_{ij}|` (blue positive, red negative); the chosen weight's edge is outlined. The
    readout gives the values and :math:`p(\\text{perro})`.

    Parameters
    ----------
    params : list of dict, optional
        A 2-3-2 network, ``[{"W": (2, 3), "b": (3,)}, {"W": (3, 2), "b": (2,)}]``; default the
        slide's weights (:func:`coursekit.slides.dogs_vs_cats`). Copied: the explorer's changes
        never touch the caller's arrays.
    forward : callable, optional
        ``forward(X, params, activations) -> output (n_samples, n_out)``, called with one activation
        function per layer (``relu``, ``softmax``...), default
        :func:`coursekit.forward_pass.mlp_forward`; pass your own ``mlp_forward`` to see it at work.
        It also gives the hidden values (run on the first layer only) and the scores (with the
        last activation ``identity``).
    ear, weight : float
        The initial animal, ``x = [ear, weight]`` (the slide's dog: 8 cm, 12 kg).

    Returns
    -------
    Explorer
        Controls ``"ear"``, ``"weight"``, ``"which"`` (Dropdown of :func:`weight_names` labels)
        and ``"value"`` (the chosen weight); ``explorer.params`` the current network;
        ``explorer.artists``: ``"edges"`` (LineCollection), ``"nodes"`` (scatter),
        ``"labels"`` (7 texts), ``"chosen"`` (the outlined edge).

    >>> explorer = dogs_cats_network_explorer()
    >>> "p(perro) = 0.99884" in explorer.readout.value
    True
    """
    params = _check_params(dogs_vs_cats()["params"] if params is None else params)
    forward = mlp_forward if forward is None else forward
    names = weight_names()
    by_label = {label: (layer, kind, index) for label, layer, kind, index in names}
    segments = _edges()

    view = FigureView(figsize=(4.6, 3.3))
    ax = view.figure.add_subplot()
    ax.set(xlim=(-0.6, 3.05), ylim=(-0.05, 1.05))
    ax.set_axis_off()
    edges = LineCollection(segments, zorder=1)
    ax.add_collection(edges)
    (chosen,) = ax.plot([], [], color="black", linewidth=1.0, linestyle="--", zorder=2)
    nodes = ax.scatter(POSITIONS[:, 0], POSITIONS[:, 1], s=380, zorder=3, edgecolors="black",
                       linewidths=0.8)
    offsets = [(-0.14, "right")] * 2 + [(0.0, "center")] * 3 + [(0.14, "left")] * 2
    labels = [ax.text(px + dx, py + (0.085 if 2 <= k < 5 else 0.0), "", ha=ha,
                      va="bottom" if 2 <= k < 5 else "center", fontsize=7, zorder=4)
              for k, ((px, py), (dx, ha)) in enumerate(zip(POSITIONS, offsets))]
    for k, name in enumerate(("x1", "x2", "", "", "", "", "")):
        if name:
            ax.text(*POSITIONS[k], name, ha="center", va="center", fontsize=7, zorder=5)
    ax.set_title(tr("x → z → relu(z) → score → softmax"), fontsize=9)

    def values(x):
        def run(p, acts):
            return np.asarray(forward(x, p, acts), dtype=float).reshape(-1)
        z = run(params[:1], [identity])
        h = run(params[:1], [relu])
        scores = run(params, [relu, identity])
        p = run(params, [relu, softmax])
        return z, h, scores, p

    def draw(ear: float, weight: float, which: str, value: float) -> str:
        layer, kind, index = by_label[which]
        params[layer][kind][index] = value
        x = np.array([[ear, weight]])
        z, h, scores, p = values(x)
        w_all = np.concatenate([params[0]["W"].ravel(), params[1]["W"].ravel()])
        edges.set_linewidths(0.4 + 3.0 * np.minimum(np.abs(w_all), 1.0))
        edges.set_color([POS_COLOR if w >= 0 else NEG_COLOR for w in w_all])
        if kind == "W":
            chosen.set_data(*segments[(0 if layer == 0 else 6) + index[0] * (3 - layer)
                                      + index[1]].T)
        else:
            node = POSITIONS[(2 if layer == 0 else 5) + index[0]]
            chosen.set_data([node[0] - 0.12, node[0] + 0.12], [node[1], node[1]])
        colors = ["#f2f2f2", "#f2f2f2"]
        colors += [POS_COLOR if a > 0 else OFF_COLOR for a in h]
        colors += [(0.18, 0.44, 0.69, 0.15 + 0.85 * float(q)) for q in p]
        nodes.set_facecolors(colors)
        texts = [f"{ear:.1f} cm", f"{weight:.1f} kg"]  # one line each: text is the costly part
        texts += [f"{z[j]:.2f} → {h[j]:.2f}" for j in range(3)]
        texts += [f"{OUTPUTS[k]}: {scores[k]:.2f} → {p[k]:.5f}" for k in range(2)]
        for text, label in zip(texts, labels):
            label.set_text(text)
        verdict = "perro" if p[1] >= p[0] else "gato"
        shown_scores = tr("scores [{scores}]").format(scores=", ".join(fmt(v) for v in scores))
        return (f"x = [{ear:.1f}, {weight:.1f}] &nbsp;·&nbsp; z = [{', '.join(fmt(v) for v in z)}]"
                f" &nbsp;·&nbsp; {shown_scores} &nbsp;·&nbsp; "
                f"<b>p(perro) = {p[1]:.5f}</b> → {verdict} &nbsp;·&nbsp; {shown[which]} = "
                f"{fmt(value)}")

    first = names[0]
    shown = dict(zip([n[0] for n in names], _shown_names()))  # label -> as the dropdown shows it
    controls = {
        "ear": slider(tr("ear (cm)"), ear, 0.0, 16.0, 0.5),
        "weight": slider(tr("weight (kg)"), weight, 0.0, 40.0, 0.5),
        "which": widgets.Dropdown(options=[(shown[n[0]], n[0]) for n in names], value=first[0],
                                  description=tr("weight"), layout=widgets.Layout(width="220px")),
        "value": slider(tr("value"), float(params[first[1]][first[2]][first[3]]), -1.0, 1.0,
                        0.05),
    }

    explorer = Explorer(controls, draw, view)

    def sync_value(change):  # show the chosen weight on the slider, redrawing once
        layer, kind, index = by_label[change["new"]]
        current = float(params[layer][kind][index])
        if controls["value"].value != current:
            controls["value"].value = current  # its observer redraws
        else:
            explorer.redraw()

    controls["which"].unobserve(explorer.redraw, names="value")
    controls["which"].observe(sync_value, names="value")
    explorer.params = params
    explorer.artists = {"edges": edges, "nodes": nodes, "labels": labels, "chosen": chosen}
    return explorer


__all__ = ["dogs_cats_network_explorer", "weight_names"]
