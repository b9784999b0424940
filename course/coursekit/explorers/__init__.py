"""Live explorers: sliders that move weights and learning rates and redraw a figure in place.

One module per explorer; each is a function taking data (and the compute functions to use, so a
student's own implementation can be plugged in) and returning an :class:`Explorer` widget.
"""

from coursekit.explorers._base import BlitView, Explorer, FigureView, int_slider, slider
from coursekit.explorers.activation_viewer import activation_viewer
from coursekit.explorers.backprop_stepper import backprop_stepper
from coursekit.explorers.bce_curves import bce_curves_explorer
from coursekit.explorers.bias_variance_explorer import bias_variance_explorer
from coursekit.explorers.boundary import boundary_explorer
from coursekit.explorers.capacity_explorer import capacity_explorer
from coursekit.explorers.dogs_cats_network import dogs_cats_network_explorer
from coursekit.explorers.double_descent import double_descent_explorer
from coursekit.explorers.likelihood_explorer import likelihood_explorer
from coursekit.explorers.live_training import live_training
from coursekit.explorers.logistic import logistic_explorer
from coursekit.explorers.lr_explorer import lr_explorer
from coursekit.explorers.optimizer_paths import optimizer_paths
from coursekit.explorers.rosenblatt import rosenblatt_explorer
from coursekit.explorers.shallow_builder import shallow_builder
from coursekit.explorers.tangent_explorer import tangent_explorer
from coursekit.explorers.threshold_explorer import threshold_explorer
from coursekit.explorers.xor_network import xor_network_explorer

__all__ = ["BlitView", "Explorer", "FigureView", "activation_viewer", "backprop_stepper",
           "bce_curves_explorer", "bias_variance_explorer", "boundary_explorer",
           "capacity_explorer", "dogs_cats_network_explorer", "double_descent_explorer",
           "int_slider", "likelihood_explorer", "live_training", "logistic_explorer",
           "lr_explorer", "optimizer_paths", "rosenblatt_explorer", "shallow_builder", "slider",
           "tangent_explorer", "threshold_explorer", "xor_network_explorer"]
