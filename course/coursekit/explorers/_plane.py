"""Helpers shared by the explorers drawn on the (x1, x2) plane: colours, the plot box, a grid of
the plane, few ticks and the clipped decision line.

=========  ==============================================================
``X``      inputs, shape ``(n_samples, 2)``; ``y`` targets 0/1, ``(n_samples,)``
boundary   the line :math:`w_1 x_1 + w_2 x_2 + b = 0`
=========  ==============================================================
"""

from __future__ import annotations

import numpy as np

from coursekit._validate import as_float_array
from coursekit.language import tr

TRUTH_TABLE = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
CLASS_COLORS = ("#e8853a", "#2f6fb0")  # target 0, target 1 (points)
REGION_COLORS = ("#fbe3cf", "#d6e5f5")  # predicted 0, predicted 1 (shading)
GRID_SIZE = 80
EPS = 1e-9


def check_problem(X, y, name: str = "X"):
    """Return ``X`` (n, 2) and ``y`` (n,) as float arrays, or raise a ``ValueError`` naming them."""
    X = as_float_array(X, name, ndim=2)
    y = as_float_array(y, tr("y of {name}").format(name=name), ndim=1)
    if X.shape[1] != 2:
        raise ValueError(tr("{name} must have shape (n_samples, 2) to be plotted, got {shape}")
                         .format(name=name, shape=X.shape))
    if y.shape[0] != X.shape[0]:
        raise ValueError(tr("y of {name} must have one target per row ({rows}), got {shape}")
                         .format(name=name, rows=X.shape[0], shape=y.shape))
    return X, y


def plot_box(arrays, margin: float = 0.5):
    """Axis limits ``(xlim, ylim)`` that hold every point of ``arrays`` with ``margin`` around.

    >>> plot_box([TRUTH_TABLE])
    ((-0.5, 1.5), (-0.5, 1.5))
    """
    points = np.vstack(arrays)
    low, high = points.min(axis=0) - margin, points.max(axis=0) + margin
    return (float(low[0]), float(high[0])), (float(low[1]), float(high[1]))


def tick_values(values, lim, most: int = 4) -> np.ndarray:
    """Few ticks (tick labels are the slowest part of a redraw): the distinct coordinates of the
    data when there are at most ``most`` (0 and 1 for truth tables), else three across ``lim``.

    >>> tick_values(TRUTH_TABLE[:, 0], (-0.5, 1.5))
    array([0., 1.])
    """
    distinct = np.unique(values)
    return distinct if distinct.size <= most else np.linspace(*lim, 3)


def grid_points(xlim, ylim, size: int = GRID_SIZE):
    """Centres of a ``size`` x ``size`` grid of cells over the box, shape ``(size * size, 2)``.

    Row ``i * size + j`` is the cell in image row ``i`` (``x2``) and column ``j`` (``x1``), so
    ``values.reshape(size, size)`` is ready for ``imshow(..., origin="lower", extent=box)``.
    """
    x1 = xlim[0] + (np.arange(size) + 0.5) * (xlim[1] - xlim[0]) / size
    x2 = ylim[0] + (np.arange(size) + 0.5) * (ylim[1] - ylim[0]) / size
    g1, g2 = np.meshgrid(x1, x2)
    return np.column_stack([g1.ravel(), g2.ravel()])


def boundary_segment(w1: float, w2: float, b: float, xlim, ylim):
    """The part of the line :math:`w_1 x_1 + w_2 x_2 + b = 0` inside the box ``xlim`` x ``ylim``.

    Parameters
    ----------
    w1, w2, b : float
    xlim, ylim : pair of float
        The box, ``(low, high)`` along ``x1`` and ``x2``.

    Returns
    -------
    x1, x2 : ndarray, shape (2,) or (0,)
        End points of the segment; empty when ``w1 ≈ w2 ≈ 0`` (no line) or the line misses the
        box. ``w2 ≈ 0`` gives a vertical line :math:`x_1 = -b / w_1`.

    >>> boundary_segment(1.0, 1.0, -1.5, (-0.5, 1.5), (-0.5, 1.5))
    (array([0. , 1.5]), array([1.5, 0. ]))
    >>> boundary_segment(2.0, 0.0, -1.0, (-0.5, 1.5), (-0.5, 1.5))
    (array([0.5, 0.5]), array([-0.5,  1.5]))
    """
    w1, w2, b = float(w1), float(w2), float(b)
    if max(abs(w1), abs(w2)) < EPS:
        return np.empty(0), np.empty(0)
    # Solve for the coordinate with the larger coefficient: the slope stays bounded by 1.
    if abs(w2) >= abs(w1):
        x1 = np.array(xlim, dtype=float)
        start, end = np.column_stack([x1, -(w1 * x1 + b) / w2])
    else:
        x2 = np.array(ylim, dtype=float)
        start, end = np.column_stack([-(w2 * x2 + b) / w1, x2])
    # Liang-Barsky: keep the parameters t in [0, 1] of start + t (end - start) inside the box.
    delta = end - start
    t_low, t_high = 0.0, 1.0
    for p, q in ((-delta[0], start[0] - xlim[0]), (delta[0], xlim[1] - start[0]),
                 (-delta[1], start[1] - ylim[0]), (delta[1], ylim[1] - start[1])):
        if p == 0.0:
            if q < 0.0:
                return np.empty(0), np.empty(0)
        elif p < 0.0:
            t_low = max(t_low, q / p)
        else:
            t_high = min(t_high, q / p)
    if t_low > t_high:
        return np.empty(0), np.empty(0)
    ends = np.vstack([start + t_low * delta, start + t_high * delta]) + 0.0  # no -0.0
    return ends[:, 0], ends[:, 1]


def fmt(value: float) -> str:
    """A number with two decimals and no negative zero."""
    return f"{float(value) + 0.0:.2f}"
