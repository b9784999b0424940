"""Live explorers: sliders that move weights and learning rates and redraw a figure in place.

One module per explorer; each is a function taking data (and the compute functions to use, so a
student's own implementation can be plugged in) and returning an :class:`Explorer` widget.
"""

from coursekit.explorers._base import Explorer, FigureView, slider
from coursekit.explorers.boundary import boundary_explorer
from coursekit.explorers.logistic import logistic_explorer
from coursekit.explorers.rosenblatt import rosenblatt_explorer

__all__ = ["Explorer", "FigureView", "boundary_explorer", "logistic_explorer",
           "rosenblatt_explorer", "slider"]
