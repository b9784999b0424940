"""XOR network explorer: the weights of MADC's 2-2-1 ReLU network on sliders, with its decision
regions over [-0.5, 1.5]² and the table of outputs on the four inputs.

Follows MADC's XOR slides: :math:`C = \\mathrm{relu}(x_1 + x_2)`,
:math:`D = \\mathrm{relu}(x_1 + x_2 - 1)`, :math:`Y = \\mathrm{relu}(C - 2D)`.

==========  ==================================================================
``X``       the truth table, shape ``(4, 2)``; ``y`` XOR targets ``(4,)``
``params``  ``[{"W": (2, 2), "b": (2,)}, {"W": (2, 1), "b": (1,)}]``; column 0 = C, 1 = D
``Y``       network output, ReLU in both layers; predicted class ``Y >= 0.5``
==========  ==================================================================
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import ListedColormap

from coursekit._validate import as_float_array
from coursekit.activations import relu
from coursekit.datasets import xor
from coursekit.explorers._base import Explorer, FigureView, slider
from coursekit.explorers._plane import CLASS_COLORS, GRID_SIZE, REGION_COLORS, fmt, grid_points
from coursekit.forward_pass import mlp_forward, xor_network_params
from coursekit.language import tr

BOX = ((-0.5, 1.5), (-0.5, 1.5))
# Slider name -> (layer, "W" or "b", index) and its label.
WEIGHTS = {
    "w1C": (0, "W", (0, 0)), "w2C": (0, "W", (1, 0)), "bC": (0, "b", (0,)),
    "w1D": (0, "W", (0, 1)), "w2D": (0, "W", (1, 1)), "bD": (0, "b", (1,)),
    "wC": (1, "W", (0, 0)), "wD": (1, "W", (1, 0)), "bY": (1, "b", (0,)),
}
LABELS = {"w1C": "x1→C", "w2C": "x2→C", "bC": "b C", "w1D": "x1→D", "w2D": "x2→D",
          "bD": "b D", "wC": "C→Y", "wD": "D→Y", "bY": "b Y"}


def _check_params(params) -> list[dict]:
    params = [{"W": as_float_array(p["W"], f"params[{k}]['W']", ndim=2).copy(),
               "b": as_float_array(p["b"], f"params[{k}]['b']", ndim=1).copy()}
              for k, p in enumerate(params)]
    shapes = [(p["W"].shape, p["b"].shape) for p in params]
    if shapes != [((2, 2), (2,)), ((2, 1), (1,))]:
        raise ValueError(tr("params must be a 2-2-1 network: W shapes (2, 2) and (2, 1), b "
                            "shapes (2,) and (1,), got {shapes}").format(shapes=shapes))
    return params


def xor_verdict(outputs, targets) -> str:
    """Whether outputs on the truth table compute XOR: exactly, after thresholding at 0.5, or not.

    >>> xor_verdict([0, 1, 1, 0], [0, 1, 1, 0])
    'computes XOR exactly'
    >>> xor_verdict([0.2, 0.9, 1.0, 0.4], [0, 1, 1, 0])
    'computes XOR after thresholding at 0.5'
    >>> xor_verdict([0, 1, 1, 1], [0, 1, 1, 0])
    'does not compute XOR (1 of 4 wrong)'
    """
    outputs, targets = np.asarray(outputs, float), np.asarray(targets, float)
    if np.allclose(outputs, targets, atol=1e-9):
        return tr("computes XOR exactly")
    wrong = int(np.sum((outputs >= 0.5) != (targets >= 0.5)))
    if wrong == 0:
        return tr("computes XOR after thresholding at 0.5")
    return tr("does not compute XOR ({wrong} of {total} wrong)").format(wrong=wrong,
                                                                        total=targets.size)


def xor_network_explorer(params=None, forward=None) -> Explorer:
    """Sliders for the 6 weights and 3 biases of a 2-2-1 ReLU network on the XOR truth table.

    The shading is the predicted class (:math:`Y \\ge 0.5`) on an 80 x 80 grid of
    :math:`[-0.5, 1.5]^2`, the dots the four inputs coloured by their XOR target (a black cross
    when predicted wrong) with their output :math:`Y` written beside. The readout is the table
    x1, x2, C, D, Y, XOR and whether the network computes XOR.

    Parameters
    ----------
    params : list of dict, optional
        Initial 2-2-1 network; default MADC's (:func:`coursekit.forward_pass.xor_network_params`).
        Copied.
    forward : callable, optional
        ``forward(X, params, activations) -> output (n_samples, n_out)``, called with one activation
        function per layer (``relu``, ``softmax``...), default
        :func:`coursekit.forward_pass.mlp_forward`; hidden values come from the first layer alone.

    Returns
    -------
    Explorer
        Controls named as in ``WEIGHTS`` (``"w1C"``, ..., ``"bY"``), each in [-3, 3];
        ``explorer.params``; ``explorer.artists``: ``"regions"``, ``"points"``, ``"wrong"``,
        ``"values"`` (4 texts).

    >>> explorer = xor_network_explorer()
    >>> "computes XOR exactly" in explorer.readout.value
    True
    """
    params = _check_params(xor_network_params() if params is None else params)
    forward = mlp_forward if forward is None else forward
    X, y = xor()
    grid = grid_points(*BOX)

    view = FigureView(figsize=(4.2, 3.4))
    ax = view.figure.add_subplot()
    regions = ax.imshow(np.zeros((GRID_SIZE, GRID_SIZE)), origin="lower",
                        extent=(*BOX[0], *BOX[1]), cmap=ListedColormap(REGION_COLORS),
                        vmin=0.0, vmax=1.0, interpolation="nearest")
    points = ax.scatter(X[:, 0], X[:, 1], c=y, s=90, zorder=3, cmap=ListedColormap(CLASS_COLORS),
                        vmin=0.0, vmax=1.0, edgecolors="black", linewidths=0.8)
    wrong = ax.scatter(np.empty(0), np.empty(0), marker="x", s=45, c="black", linewidths=1.8,
                       zorder=4)
    values = [ax.text(x1 + 0.08, x2 + 0.08, "", fontsize=8, zorder=5) for x1, x2 in X]
    ax.set(xlim=BOX[0], ylim=BOX[1], aspect="equal", xlabel="$x_1$", ylabel="$x_2$",
           xticks=[0, 1], yticks=[0, 1])
    ax.set_title(tr("shading: Y ≥ 0.5 (blue) · dots: XOR target"), fontsize=9)

    def outputs(inputs):
        hidden = np.asarray(forward(inputs, params[:1], [relu]), dtype=float)
        out = np.asarray(forward(inputs, params, [relu, relu]), dtype=float).reshape(-1)
        return hidden, out

    def draw(**weights) -> str:
        for name, value in weights.items():
            layer, kind, index = WEIGHTS[name]
            params[layer][kind][index] = value
        hidden, Y = outputs(X)
        _, on_grid = outputs(grid)
        regions.set_data((on_grid >= 0.5).astype(float).reshape(GRID_SIZE, GRID_SIZE))
        mistakes = (Y >= 0.5) != (y >= 0.5)
        wrong.set_offsets(X[mistakes] if mistakes.any() else np.empty((0, 2)))
        for text, value in zip(values, Y):
            text.set_text(f"Y={value:.2f}")
        rows = "".join(
            f"<tr><td>{a:.0f}</td><td>{b:.0f}</td><td>{fmt(c)}</td><td>{fmt(d)}</td>"
            f"<td><b>{fmt(v)}</b></td><td>{t:.0f}</td></tr>"
            for (a, b), (c, d), v, t in zip(X, hidden, Y, y))
        return ("<table><tr><th>x1</th><th>x2</th><th>C</th><th>D</th><th>Y</th><th>XOR</th>"
                f"</tr>{rows}</table>"
                + tr("the network {verdict}").format(verdict=xor_verdict(Y, y)))

    controls = {name: slider(LABELS[name], float(params[layer][kind][index]), -3.0, 3.0, 0.1)
                for name, (layer, kind, index) in WEIGHTS.items()}
    for control in controls.values():
        control.layout.width = "230px"
    explorer = Explorer(controls, draw, view)
    explorer.params = params
    explorer.artists = {"regions": regions, "points": points, "wrong": wrong, "values": values}
    return explorer


__all__ = ["xor_network_explorer", "xor_verdict"]
