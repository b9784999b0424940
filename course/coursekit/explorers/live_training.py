"""Live training: the 1-5-1 network of BP's Keras slide (5 sigmoid units, a linear output)
trained with mini-batch SGD on INTRO's curve-fitting data, with sliders for the learning rate,
the batch size and the number of epochs.

Follows MADC "Conceptos importantes: Epoch y batch", "Tasa de aprendizaje" and "Descenso del
gradiente vs descenso del gradiente estocástico (SGD)"; INTRO "Redes Neuronales: Ajuste".

Training happens in the callback, so it is cached: for each (η, batch size) the parameters after
every epoch are kept, and asking for more epochs continues from the last one with the same
random generator (exactly what one longer run would have done).

=============  ==============================================================
``X, y``       curve data, shapes (n, 1) and (n, 1) (default ``curve_1d(24)``)
``train``      ``train(X, y, params, activations, loss, eta, epochs, batch_size, rng)
               -> (params, losses)``, default :func:`coursekit.descent.sgd_train`
=============  ==============================================================
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from coursekit.datasets import curve_1d, curve_target
from coursekit.descent import sgd_train
from coursekit.explorers._base import PANEL_COLOR, BlitView, Explorer, int_slider, slider
from coursekit.language import tr
from coursekit.network import forward, init_params
from coursekit.optim import iterations_per_epoch

ACTIVATIONS = ["sigmoid", "identity"]
MAX_EPOCHS = 300
LOSS_RANGE = (1e-3, 10.0)


class TrainingCache:
    """Parameters and training loss after every epoch, per (η, batch size), grown on demand.

    Parameters
    ----------
    X, y : arrays (n, 1)
    params0 : list of dict
        Initial parameters, shared by every run.
    train : callable
        See the module docstring; called one epoch at a time.
    seed : int
        Each run's shuffles come from ``np.random.default_rng(seed)``.
    """

    def __init__(self, X, y, params0, train: Callable, seed: int = 0):
        self.X, self.y, self.params0, self.train, self.seed = X, y, params0, train, seed
        self.runs: dict = {}

    def get(self, eta: float, batch_size: int, epochs: int):
        """``(params after `epochs` epochs, losses of epochs 1..epochs)`` for this run."""
        key = (round(float(eta), 6), int(batch_size))
        run = self.runs.setdefault(key, {"params": [self.params0], "losses": [],
                                         "rng": np.random.default_rng(self.seed)})
        while len(run["losses"]) < epochs:
            params = run["params"][-1]
            if not _finite(params):  # diverged: nothing more to learn
                run["params"].append(params)
                run["losses"].append(float("nan"))
                continue
            with np.errstate(all="ignore"):
                params, losses = self.train(self.X, self.y, params, ACTIVATIONS, "mse", eta, 1,
                                            int(batch_size), run["rng"])
            run["params"].append(params)
            run["losses"].append(float(losses[-1]))
        return run["params"][epochs], run["losses"][:epochs]


def _finite(params) -> bool:
    return all(np.all(np.isfinite(p[k])) for p in params for k in p)


def live_training(X=None, y=None, train: Callable = sgd_train, eta: float = 0.3,
                  batch_size: int = 6, epochs: int = 100, hidden: int = 5, seed: int = 2
                  ) -> Explorer:
    """Sliders ``eta``, ``batch_size`` and ``epochs``: the network's fit and its loss curve.

    Left: the data, the true curve (dashed) and the network's output after ``epochs`` epochs.
    Right: the training MSE after each epoch (log scale), the current epoch marked. The readout
    gives the updates per epoch (:math:`\\lceil n / B \\rceil`), the total number of updates and
    the loss.

    Parameters
    ----------
    X, y : array_like, shapes (n, 1) and (n,) or (n, 1), optional
        Default ``coursekit.datasets.curve_1d(24, rng=6)``.
    train : callable
        Your ``sgd_train`` can be passed here (same signature as the reference).
    eta, batch_size, epochs : initial slider values (η in [0.05, 1.5], batch size in [1, n],
        epochs in [1, 300]).
    hidden : int
        Hidden units (5 on the slide).
    seed : int
        Seed of the initial weights and of the shuffles.

    Returns
    -------
    Explorer
        Controls ``"eta"``, ``"batch_size"``, ``"epochs"``; ``explorer.cache`` (a
        :class:`TrainingCache`); ``explorer.state`` (``"params"``, ``"losses"``);
        ``explorer.artists``: ``"fit"``, ``"loss"``, ``"now"``.
    """
    if X is None:
        X, y = curve_1d(24, rng=6)
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64).reshape(-1, 1)
    if X.ndim != 2 or X.shape[1] != 1 or y.shape[0] != X.shape[0]:
        raise ValueError(tr("X must have shape (n, 1) and y n values, got X {X}, y {y}").format(
            X=X.shape, y=y.shape))
    cache = TrainingCache(X, y, init_params([1, hidden, 1], rng=seed), train, seed)
    n = X.shape[0]

    view = BlitView(figsize=(7.6, 3.2))
    left, right = view.figure.subplots(1, 2)
    left.set_facecolor(PANEL_COLOR)
    right.set_facecolor(PANEL_COLOR)
    x_line = np.linspace(X.min() - 0.1, X.max() + 0.1, 200)
    left.plot(X[:, 0], y[:, 0], "o", color="#e8853a", ms=4, label=tr("data"))
    left.plot(x_line, curve_target(x_line), "--", color="0.5", lw=1, label=tr("true curve"))
    fit, = left.plot([], [], color="#2f6fb0", lw=2, label=tr("network"))
    left.set(xlim=(x_line[0], x_line[-1]), ylim=(y.min() - 0.6, y.max() + 0.6), xlabel="x",
             ylabel="y")
    left.legend(loc="upper left", fontsize=8, frameon=False)
    loss_line, = right.plot([], [], color="#2f6fb0", lw=1.5)
    now, = right.plot([], [], "o", color="#c0392b", ms=6)
    right.set(xlim=(0, MAX_EPOCHS), ylim=LOSS_RANGE, yscale="log", xlabel=tr("epoch"),
              ylabel=tr("training MSE"))
    view.animate(fit, loss_line, now)
    state = {}

    def draw(eta: float, batch_size: int, epochs: int) -> str:
        params, losses = cache.get(eta, batch_size, int(epochs))
        state["params"], state["losses"] = params, losses
        with np.errstate(all="ignore"):
            fit.set_data(x_line, forward(x_line[:, None], params, ACTIVATIONS)[0][:, 0])
        shown = np.clip(np.nan_to_num(losses, nan=LOSS_RANGE[1], posinf=LOSS_RANGE[1]),
                        *LOSS_RANGE)
        epoch_axis = np.arange(1, len(losses) + 1)
        loss_line.set_data(epoch_axis, shown)
        now.set_data(epoch_axis[-1:], shown[-1:])
        per_epoch = iterations_per_epoch(n, int(batch_size))
        final = losses[-1]
        verdict = (tr("diverged") if not np.isfinite(final) or final > 1e3
                   else f"MSE = {final:.4f}")
        updates = tr("update") if per_epoch == 1 else tr("updates")
        return tr("η = {eta:.2f}, batch size {batch_size} → {per_epoch} {updates} per epoch; "
                  "{epochs} epochs = {total} updates: <b>{verdict}</b> (epoch 1: {first:.4g})"
                  ).format(eta=eta, batch_size=int(batch_size), per_epoch=per_epoch,
                           updates=updates, epochs=int(epochs), total=per_epoch * int(epochs),
                           verdict=verdict, first=losses[0])

    controls = {"eta": slider("η", eta, 0.05, 1.5, 0.05),
                "batch_size": int_slider(tr("batch size"), batch_size, 1, n),
                "epochs": int_slider(tr("epochs"), epochs, 1, MAX_EPOCHS)}
    explorer = Explorer(controls, draw, view)
    explorer.cache, explorer.state = cache, state
    explorer.artists = {"fit": fit, "loss": loss_line, "now": now}
    return explorer


__all__ = ["TrainingCache", "live_training"]
