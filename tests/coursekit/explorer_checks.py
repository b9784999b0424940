"""Helpers shared by the headless explorer tests (``test_explorers_NN.py``)."""

import io

import numpy as np
from matplotlib.image import imread


def content_fraction(explorer) -> float:
    """Fraction of the PNG's pixels that differ visibly from the white background."""
    image = imread(io.BytesIO(explorer.view.image.value))[..., :3]
    return float((np.abs(image - 1.0).max(axis=-1) > 0.05).mean())


def change(explorer, name, value):
    """Set the control ``name`` to ``value``; return (readout, png) before and after."""
    before = explorer.readout.value, explorer.view.image.value
    explorer.controls[name].value = value
    return before, (explorer.readout.value, explorer.view.image.value)


def changed(explorer, name, value) -> str:
    """Set a control, assert that the readout and the picture both changed; return the new
    readout."""
    (text0, png0), (text1, png1) = change(explorer, name, value)
    assert text1 != text0 and png1 != png0, f"{name} = {value!r} changed nothing"
    return text1
