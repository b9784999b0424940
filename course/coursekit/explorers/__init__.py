"""Live explorers: sliders that move weights and learning rates and redraw a figure in place.

One module per explorer; each is a function taking data (and the compute functions to use, so a
student's own implementation can be plugged in) and returning an :class:`Explorer` widget.
"""

from coursekit.explorers._base import Explorer, FigureView, slider
from coursekit.explorers.activation_viewer import activation_viewer
from coursekit.explorers.bce_curves import bce_curves_explorer
from coursekit.explorers.boundary import boundary_explorer
from coursekit.explorers.dogs_cats_network import dogs_cats_network_explorer
from coursekit.explorers.likelihood_explorer import likelihood_explorer
from coursekit.explorers.logistic import logistic_explorer
from coursekit.explorers.rosenblatt import rosenblatt_explorer
from coursekit.explorers.shallow_builder import shallow_builder
from coursekit.explorers.threshold_explorer import threshold_explorer
from coursekit.explorers.xor_network import xor_network_explorer

__all__ = ["Explorer", "FigureView", "activation_viewer", "bce_curves_explorer",
           "boundary_explorer", "dogs_cats_network_explorer", "likelihood_explorer",
           "logistic_explorer", "rosenblatt_explorer", "shallow_builder", "slider",
           "threshold_explorer", "xor_network_explorer"]
