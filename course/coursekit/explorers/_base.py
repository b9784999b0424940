"""The explorer base: sliders and buttons that redraw a matplotlib figure in place.

Rendering choice. Measured in a kernel on the 2-core machine, one slider change of a 5x3.5 in
plot with a line and 40 points: ``interact`` with inline plots rebuilds the figure every time
(median 70 ms, p95 100 ms); ipympl moves the artists and draws (30 ms, p95 34 ms, plus the PNG
it encodes when the front end asks for it); a pyplot-free ``Figure`` shown as PNG bytes in an
``ipywidgets.Image`` moves the artists, draws and sends the PNG (34 ms, p95 44 ms). We use the
last: as fast as ipympl, it touches no pyplot global state from widget callbacks, needs no
front-end extension, and renders the same in JupyterLab, Notebook 7, VS Code and nbclient; its
PNG is also what headless tests check. Per-explorer figures: ``benchmarks/bench_explorers.py``.

Comm handlers still run on a kernel subshell thread under JupyterLab's default
``commsOverSubshells``; the course installs a Lab settings override that disables it
(``share/jupyter/lab/settings/overrides.d/nn-course.json``).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping

import ipywidgets as widgets
import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

PANEL_COLOR = "#e9eff6"  # a light panel background (line plots alone leave the PNG mostly white)


class FigureView:
    """A matplotlib figure shown as a PNG ``ipywidgets.Image``, re-rendered by :meth:`refresh`.

    Parameters
    ----------
    figsize : tuple of float
        Width and height in inches.
    dpi : int
    """

    def __init__(self, figsize=(5.0, 3.5), dpi: int = 90):
        self.figure = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        FigureCanvasAgg(self.figure)
        self.image = widgets.Image(format="png")

    def refresh(self) -> None:
        """Render the figure and send the PNG to the front end.

        The first render lays the figure out (constrained layout); later ones keep that layout,
        which halves their cost: explorers move data, not axes decorations.
        """
        self._freeze_layout()
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png")
        self.image.value = buffer.getvalue()

    def _freeze_layout(self) -> None:
        """Lay the figure out once (constrained layout), then keep that layout."""
        if self.figure.get_layout_engine() is not None:
            self.figure.draw_without_rendering()
            with mpl.rc_context({"figure.autolayout": False,
                                 "figure.constrained_layout.use": False}):
                self.figure.set_layout_engine(None)


class BlitView(FigureView):
    """A :class:`FigureView` that renders the static parts (axes, ticks, labels, fixed curves)
    once and then redraws only the artists registered with :meth:`animate` over that background.

    Text layout dominates a full redraw of a two-panel figure (about 100 ms on the 2-core
    machine); blitting leaves the moving artists and the PNG encoding (zlib level 1), about
    10 ms. Axis limits must stay fixed.
    """

    def __init__(self, figsize=(5.0, 3.5), dpi: int = 90):
        super().__init__(figsize, dpi)
        self.animated: list = []
        self._background = None

    def animate(self, *artists) -> None:
        """Mark artists as moving: left out of the background, drawn at every refresh, in the
        order given (later ones on top)."""
        for artist in artists:
            artist.set_animated(True)
        self.animated.extend(artists)

    def refresh(self) -> None:
        """Restore the background, draw the moving artists, send the PNG."""
        canvas = self.figure.canvas
        if self._background is None:
            self._freeze_layout()
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.figure.bbox)
        else:
            canvas.restore_region(self._background)
        for artist in self.animated:
            self.figure.draw_artist(artist)
        buffer = io.BytesIO()
        Image.fromarray(np.asarray(canvas.buffer_rgba())).save(buffer, format="png",
                                                                compress_level=1)
        self.image.value = buffer.getvalue()


class Explorer(widgets.VBox):
    """Controls, a readout line and a figure; any control change calls ``update`` and redraws.

    Parameters
    ----------
    controls : mapping of str to ipywidgets.ValueWidget
        Named sliders/dropdowns; their current values are passed to ``update`` by name.
    update : callable
        ``update(**values) -> str``: move the artists for these values and return the readout
        text (HTML allowed).
    view : FigureView
        Where ``update`` draws.
    buttons : sequence of ipywidgets.Button, optional
        Extra buttons; their handlers should call :meth:`redraw` when they change state.

    Attributes
    ----------
    controls, view, readout (ipywidgets.HTML)
    """

    def __init__(self, controls: Mapping[str, widgets.ValueWidget], update: Callable[..., str],
                 view: FigureView, buttons=()):
        self.controls = dict(controls)
        self.view = view
        self.readout = widgets.HTML()
        self._update = update
        for control in self.controls.values():
            control.observe(self.redraw, names="value")
        control_box = widgets.HBox([*self.controls.values(), *buttons],
                                   layout=widgets.Layout(flex_flow="row wrap"))
        super().__init__([control_box, self.readout, view.image])
        self.redraw()

    @property
    def values(self) -> dict:
        """Current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def redraw(self, _change=None) -> None:
        """Call ``update`` with the current values, then show the readout and the figure."""
        self.readout.value = self._update(**self.values)
        self.view.refresh()


def slider(description: str, value: float, low: float, high: float, step: float = 0.05,
           ) -> widgets.FloatSlider:
    """A float slider that updates while dragging, with the course's layout."""
    return widgets.FloatSlider(value=value, min=low, max=high, step=step,
                               description=description, continuous_update=True,
                               readout_format=".2f", layout=widgets.Layout(width="300px"))


def int_slider(description: str, value: int, low: int, high: int) -> widgets.IntSlider:
    """An integer slider with the course's layout (updates while dragging)."""
    return widgets.IntSlider(value=value, min=low, max=high, step=1, description=description,
                             continuous_update=True, layout=widgets.Layout(width="300px"))


def follow_choice(explorer: Explorer, chooser: str, value: str, value_of: Callable) -> None:
    """When the control ``chooser`` (e.g. which weight) changes, move the slider ``value`` to
    ``value_of(choice)``, redrawing once (directly when the slider already shows that value)."""
    def on_choice(change) -> None:
        target = value_of(change["new"])
        if explorer.controls[value].value != target:
            explorer.controls[value].value = target
        else:
            explorer.redraw()

    explorer.controls[chooser].unobserve(explorer.redraw, names="value")
    explorer.controls[chooser].observe(on_choice, names="value")
