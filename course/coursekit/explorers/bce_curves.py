"""BCE-vs-probability explorer: binary cross-entropy and MSE of a sigmoid output, and their
gradients with respect to the logit — why classification uses BCE.

Follows MADC "Entropía Cruzada Binaria (Binary cross-entropy)" ("Ejemplo de por qué esta función
es ideal"), INTRO "Redes Neuronales: Función Pérdida" and BP "Escenario 1: Clasificación Binaria".

=========  ====================================================================================
``z``      logit; ``p = σ(z)`` the predicted probability of class 1; ``y`` the label, 0 or 1
BCE        :math:`-[y \\ln p + (1 - y)\\ln(1 - p)]`, gradient :math:`\\partial/\\partial z = p - y`
MSE        :math:`(p - y)^2`, gradient :math:`\\partial/\\partial z = 2 (p - y)\\,\\sigma'(z)`
=========  ====================================================================================
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from coursekit.activations import sigmoid, sigmoid_derivative
from coursekit.explorers._base import Explorer, FigureView, slider
from coursekit.language import tr
from coursekit.likelihood import bce_logit_gradient
from coursekit.losses import bce_with_logits

Z_RANGE = (-8.0, 8.0)
P_CURVE = np.linspace(0.002, 0.998, 200)
Z_CURVE = np.linspace(*Z_RANGE, 200)
BCE_COLOR, MSE_COLOR = "#2f6fb0", "#d62728"


def mse_logit_gradient(y, z):
    """Gradient of the squared error of a sigmoid output w.r.t. the logit,
    :math:`\\partial (\\sigma(z) - y)^2 / \\partial z = 2 (\\sigma(z) - y)\\,\\sigma'(z)`.

    >>> float(mse_logit_gradient(1.0, 0.0))
    -0.25
    """
    z = np.asarray(z, dtype=float)
    return 2.0 * (sigmoid(z) - np.asarray(y, dtype=float)) * sigmoid_derivative(z)


def bce_curves_explorer(loss=None, gradient=None, z: float = -4.0, y: int = 1) -> Explorer:
    """A slider for the logit ``z`` (and a label ``y``) of one prediction ``p = σ(z)``.

    Left: BCE (blue) and MSE (red) against ``p`` for the chosen label, with the current ``p``
    marked. Right: their gradients with respect to ``z`` against ``z``: BCE's :math:`p - y` keeps
    its size when the prediction is confidently wrong; MSE's :math:`2(p - y)\\sigma'(z)` goes flat.
    The readout gives ``p``, both losses and both gradients.

    Parameters
    ----------
    loss : callable, optional
        ``loss(y_true, z) -> float``, the BCE of logits; default
        :func:`coursekit.losses.bce_with_logits`. Pass your own.
    gradient : callable, optional
        ``gradient(y, z)``, per-sample :math:`\\sigma(z) - y`; default
        :func:`coursekit.likelihood.bce_logit_gradient`. Pass your own.
    z : float
        Initial logit, in [-8, 8].
    y : int
        Initial label, 0 or 1.

    Returns
    -------
    Explorer
        Controls ``"z"``, ``"y"``; ``explorer.artists`` holds ``"bce"``, ``"mse"``,
        ``"bce_marker"``, ``"mse_marker"``, ``"bce_gradient"``, ``"mse_gradient"``,
        ``"bce_gradient_marker"``, ``"mse_gradient_marker"``.

    >>> explorer = bce_curves_explorer()
    >>> explorer.controls["z"].value = 0.0
    >>> "p = σ(z) = 0.500" in explorer.readout.value
    True
    """
    loss = bce_with_logits if loss is None else loss
    gradient = bce_logit_gradient if gradient is None else gradient
    view = FigureView(figsize=(6.0, 2.8), dpi=80)
    ax_loss, ax_grad = view.figure.subplots(1, 2)
    (bce_line,) = ax_loss.plot(P_CURVE, P_CURVE, color=BCE_COLOR, linewidth=2.0, label="BCE")
    (mse_line,) = ax_loss.plot(P_CURVE, P_CURVE, color=MSE_COLOR, linewidth=2.0, label="MSE")
    (bce_dot,) = ax_loss.plot([0.5], [0.0], "o", color=BCE_COLOR, markersize=7, clip_on=False)
    (mse_dot,) = ax_loss.plot([0.5], [0.0], "o", color=MSE_COLOR, markersize=7)
    ax_loss.set(xlim=(0.0, 1.0), ylim=(0.0, 5.0), xticks=[0.0, 0.5, 1.0], yticks=[0, 2.5, 5],
                xlabel="p = σ(z)", ylabel=tr("loss"))
    ax_loss.legend(loc="upper center", fontsize=8, frameon=False)
    (bce_grad,) = ax_grad.plot(Z_CURVE, Z_CURVE, color=BCE_COLOR, linewidth=2.0)
    (mse_grad,) = ax_grad.plot(Z_CURVE, Z_CURVE, color=MSE_COLOR, linewidth=2.0)
    (bce_gdot,) = ax_grad.plot([0.0], [0.0], "o", color=BCE_COLOR, markersize=7)
    (mse_gdot,) = ax_grad.plot([0.0], [0.0], "o", color=MSE_COLOR, markersize=7)
    ax_grad.axhline(0.0, color="0.6", linewidth=0.8)
    ax_grad.set(xlim=Z_RANGE, ylim=(-1.05, 1.05), xticks=[-8, 0, 8], yticks=[-1, 0, 1],
                xlabel="z", ylabel=tr("∂loss/∂z"))
    current_y = [None]

    def update(z: float, y: int) -> str:
        y = float(y)
        if current_y[0] != y:
            bce_line.set_ydata(-(y * np.log(P_CURVE) + (1 - y) * np.log1p(-P_CURVE)))
            mse_line.set_ydata((P_CURVE - y) ** 2)
            bce_grad.set_ydata(sigmoid(Z_CURVE) - y)
            mse_grad.set_ydata(mse_logit_gradient(y, Z_CURVE))
            current_y[0] = y
        p = float(sigmoid(z))
        bce_value = float(loss(np.array([y]), np.array([z])))
        mse_value = (p - y) ** 2
        g_bce = float(np.asarray(gradient(np.array([y]), np.array([z]))).reshape(-1)[0])
        g_mse = float(mse_logit_gradient(y, z))
        bce_dot.set_data([p], [min(bce_value, 5.0)])
        mse_dot.set_data([p], [mse_value])
        bce_gdot.set_data([z], [g_bce])
        mse_gdot.set_data([z], [g_mse])
        return (f"y = {y:.0f}, z = {z:.2f}, p = σ(z) = {p:.3f} &nbsp;·&nbsp; BCE = {bce_value:.3f},"
                f" MSE = {mse_value:.3f} &nbsp;·&nbsp; ∂BCE/∂z = σ(z) − y = {g_bce:+.4f}, "
                f"∂MSE/∂z = 2(σ(z) − y)σ'(z) = {g_mse:+.4f}")

    controls = {"z": slider("z", z, *Z_RANGE, 0.1),
                "y": widgets.ToggleButtons(options=[0, 1], value=int(y), description=tr("label y"),
                                           style={"button_width": "40px"})}
    explorer = Explorer(controls, update, view)
    explorer.artists = {"bce": bce_line, "mse": mse_line, "bce_marker": bce_dot,
                        "mse_marker": mse_dot, "bce_gradient": bce_grad, "mse_gradient": mse_grad,
                        "bce_gradient_marker": bce_gdot, "mse_gradient_marker": mse_gdot}
    return explorer
