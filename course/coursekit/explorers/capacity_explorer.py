"""Capacity explorer: hidden units, L2 strength λ and dropout rate on sliders; a small 1-H-1 tanh
network is trained on ten noisy points (thirty more for validation) and drawn with its training
and validation curves.

Follows BP's remedies for overfitting ("Hacer chico al modelo", "Hay que regularizar", "dropout")
and MADC's :math:`\\frac{\\lambda}{2m}\\sum\\Theta^2`. Training runs in the callback (full-batch
Adam, a few hundred epochs, seeded so a setting always gives the same network); every result is
cached per setting, so going back to a setting is instant.

=============  ===================================================================================
``X``, ``y``   the data, ``(n_samples, 1)`` and ``(n_samples,)``, x in [0, 1]; the network sees
               ``3(2x - 1)`` (sharper tanh units)
``split``      ``split(X, y, val_fraction, rng) -> X_train, y_train, X_val, y_val``
``train``      ``coursekit.training.train``-compatible: returns ``(params, history)``
=============  ===================================================================================
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import NullLocator

from coursekit.datasets import noisy_regression, sine_target
from coursekit.explorers._base import BlitView, Explorer, int_slider, slider
from coursekit.language import tr
from coursekit.model_selection import train_val_split
from coursekit.network import count_parameters, forward, init_params
from coursekit.optim import Adam
from coursekit.training import train as coursekit_train

ACTIVATIONS = ["tanh", "identity"]


def _scaled(x):
    """The network's input: x in [0, 1] mapped to [-3, 3]."""
    return 3.0 * (2.0 * x - 1.0)



def capacity_explorer(X=None, y=None, split=None, train=None, val_fraction: float = 0.75,
                      epochs: int = 300, lr: float = 0.05, seed: int = 0) -> Explorer:
    """Sliders for the hidden units, λ and the dropout rate of a 1-H-1 tanh regression network.

    Left: training points (filled), validation points (open), the true sine (dashed) and the
    trained network's curve. Right: training and validation MSE after each epoch (log scale),
    with the epoch of the lowest validation loss marked (where early stopping would keep the
    weights). The readout gives the parameter count, the final losses and that epoch.

    Parameters
    ----------
    X, y : array_like, optional
        Default ``coursekit.datasets.noisy_regression(40, 0.3, rng=3)``.
    split : callable, optional
        Default :func:`coursekit.model_selection.train_val_split`, called as
        ``split(X, y, val_fraction, seed)``.
    train : callable, optional
        Default :func:`coursekit.training.train`.
    val_fraction : float
        Share of the samples held out (default 0.75: 10 training points, easy to overfit).
    epochs, lr : int, float
        Full-batch Adam.
    seed : int
        Seeds the split, the initial weights and the dropout masks.

    Returns
    -------
    Explorer
        Controls ``"hidden"`` (1–32), ``"lambda_"`` (0–2), ``"dropout"`` (0–0.5);
        ``explorer.results`` (the cache: setting -> dict with ``params``, ``history``,
        ``fit``); ``explorer.split`` (the four arrays); ``explorer.artists``.
    """
    if X is None:
        X, y = noisy_regression(40, 0.3, rng=3)
    split = train_val_split if split is None else split
    train = coursekit_train if train is None else train
    X_train, y_train, X_val, y_val = split(np.asarray(X, float), np.asarray(y, float),
                                           val_fraction, seed)
    x_line = np.linspace(0.0, 1.0, 121)[:, None]
    results = {}

    def run(hidden: int, lambda_: float, rate: float) -> dict:
        key = (int(hidden), round(float(lambda_), 6), round(float(rate), 6))
        if key not in results:
            params, history = train(_scaled(X_train), y_train, init_params([1, key[0], 1], seed),
                                    ACTIVATIONS, "mse", optimizer=Adam(lr=lr), epochs=epochs,
                                    validation_data=(_scaled(X_val), y_val), lambda_=key[1],
                                    dropout=key[2], rng=seed)
            fit = forward(_scaled(x_line), params, ACTIVATIONS)[0][:, 0]
            results[key] = {"params": params, "history": history, "fit": fit}
        return results[key]

    view = BlitView(figsize=(7.6, 3.2))
    ax_fit, ax_loss = view.figure.subplots(1, 2)
    ax_fit.plot(x_line[:, 0], sine_target(x_line[:, 0]), "--", color="0.4", lw=1,
                label=tr("true"))
    ax_fit.scatter(X_train[:, 0], y_train, s=28, color="#2f6fb0", zorder=3, label=tr("training"))
    ax_fit.scatter(X_val[:, 0], y_val, s=22, facecolors="none", edgecolors="#d62728",
                   zorder=3, label=tr("validation"))
    (fit_line,) = ax_fit.plot([], [], color="#2f6fb0", lw=2, label=tr("network"))
    ax_fit.set(xlim=(0, 1), ylim=(-2.0, 2.0), xlabel="x", ylabel="y")
    ax_fit.legend(fontsize=7, loc="lower left")
    epochs_axis = np.arange(1, epochs + 1)
    (train_line,) = ax_loss.plot(epochs_axis, np.ones(epochs), color="#2f6fb0",
                                 label=tr("training"))
    (val_line,) = ax_loss.plot(epochs_axis, np.ones(epochs), color="#d62728",
                               label=tr("validation"))
    (best,) = ax_loss.plot([1], [1], "o", color="#d62728", ms=6)
    ax_loss.set(yscale="log", ylim=(3e-3, 3.0), xlim=(0, epochs), xlabel=tr("epoch"), ylabel="MSE",
                yticks=[0.01, 0.1, 1.0], yticklabels=["0.01", "0.1", "1"])
    ax_loss.yaxis.set_minor_locator(NullLocator())  # fewer tick texts: a faster redraw
    ax_loss.legend(fontsize=7, loc="upper right")
    ax_loss.set_title(tr("dot: lowest validation loss"), fontsize=8)
    view.animate(fit_line, train_line, val_line, best)

    def draw(hidden, lambda_, dropout) -> str:
        result = run(hidden, lambda_, dropout)
        history = result["history"]
        fit_line.set_data(x_line[:, 0], result["fit"])
        n = len(history.loss)
        train_line.set_data(epochs_axis[:n], history.loss)
        val_line.set_data(epochs_axis[:n], history.val_loss)
        k = int(np.argmin(history.val_loss))
        best.set_data([k + 1], [history.val_loss[k]])
        setting = tr("<b>{hidden}</b> hidden units ({parameters} parameters) for {n_train} "
                     "training points · λ = {lambda_:.2f} · dropout {dropout:.2f}").format(
            hidden=int(hidden), parameters=count_parameters([1, int(hidden), 1]),
            n_train=len(y_train), lambda_=lambda_, dropout=dropout)
        losses = tr("final training MSE {train:.4f}, validation MSE {val:.4f}; lowest validation "
                    "MSE {lowest:.4f} at epoch {epoch}").format(
            train=history.loss[-1], val=history.val_loss[-1], lowest=history.val_loss[k],
            epoch=k + 1)
        return f"{setting}<br>{losses}"

    controls = {"hidden": int_slider(tr("hidden units"), 8, 1, 32),
                "lambda_": slider("λ (L2)", 0.0, 0.0, 2.0, 0.05),
                "dropout": slider(tr("dropout"), 0.0, 0.0, 0.5, 0.05)}
    explorer = Explorer(controls, draw, view)
    explorer.results = results
    explorer.split = (X_train, y_train, X_val, y_val)
    explorer.artists = {"fit": fit_line, "train": train_line, "val": val_line, "best": best}
    return explorer


__all__ = ["capacity_explorer"]
