"""Explorers of 03_forward_pass, headless: the dogs-vs-cats network diagram and the XOR network.

Each control change must change the readout, the PNG and the artists' data, and the data must be
mathematically right; a student's function passed in must be the one used.
"""

import re

import numpy as np
import pytest
from explorer_checks import change, content_fraction

from coursekit.activations import softmax
from coursekit.explorers._plane import grid_points
from coursekit.explorers.dogs_cats_network import dogs_cats_network_explorer, weight_names
from coursekit.explorers.xor_network import WEIGHTS, xor_network_explorer, xor_verdict
from coursekit.forward_pass import mlp_forward, xor_network_params
from coursekit.network import forward
from coursekit.slides import dogs_vs_cats


def p_dog(readout: str) -> float:
    found = re.search(r"p\(perro\) = ([0-9.]+)", readout)
    assert found, readout
    return float(found[1])


def expected_dog(params, ear, weight):
    x = np.array([[ear, weight]])
    z = x @ params[0]["W"] + params[0]["b"]
    h = np.maximum(z, 0.0)
    scores = h @ params[1]["W"] + params[1]["b"]
    return z[0], h[0], scores[0], softmax(scores)[0]


# --- dogs_cats_network_explorer ---------------------------------------------------------------


def test_dogs_cats_starts_at_the_slide_values():
    explorer = dogs_cats_network_explorer()
    assert explorer.values == {"ear": 8.0, "weight": 12.0, "which": "W1 ear→h1", "value": 0.1}
    text = explorer.readout.value
    assert "z = [3.30, 7.40, 11.50]" in text and "scores [5.36, 12.12]" in text
    assert p_dog(text) == pytest.approx(0.99884, abs=1e-5)
    labels = [t.get_text() for t in explorer.artists["labels"]]
    assert labels[2] == "3.30 → 3.30"
    assert labels[6] == "perro: 12.12 → 0.99884"
    assert content_fraction(explorer) > 0.05


def test_dogs_cats_input_sliders_move_values_readout_and_picture():
    explorer = dogs_cats_network_explorer()
    (text0, png0), (text1, png1) = change(explorer, "ear", 4.0)
    assert text1 != text0 and png1 != png0
    (_, _), (text2, png2) = change(explorer, "weight", 3.0)
    assert png2 != png1
    z, h, scores, p = expected_dog(dogs_vs_cats()["params"], 4.0, 3.0)
    assert p_dog(text2) == pytest.approx(p[1], abs=1e-5)
    assert f"z = [{z[0]:.2f}, {z[1]:.2f}, {z[2]:.2f}]" in text2
    labels = [t.get_text() for t in explorer.artists["labels"]]
    assert labels[0] == "4.0 cm" and labels[1] == "3.0 kg"
    assert labels[5] == f"gato: {scores[0]:.2f} → {p[0]:.5f}"


def test_dogs_cats_weight_slider_changes_that_weight_only_and_relu_switches_off():
    explorer = dogs_cats_network_explorer()
    original = dogs_vs_cats()["params"]
    explorer.controls["which"].value = "W1 kg→h1"
    assert explorer.controls["value"].value == pytest.approx(0.2)  # synced to the weight
    (text0, png0), (text1, png1) = change(explorer, "value", -0.6)
    assert text1 != text0 and png1 != png0
    params = explorer.params
    assert params[0]["W"][1, 0] == -0.6
    changed = params[0]["W"] != original[0]["W"]
    assert changed.sum() == 1
    np.testing.assert_array_equal(params[1]["W"], original[1]["W"])
    z, h, scores, p = expected_dog(params, 8.0, 12.0)
    assert z[0] == pytest.approx(0.1 + 0.8 - 7.2) and h[0] == 0.0
    assert p_dog(text1) == pytest.approx(p[1], abs=1e-5)
    assert explorer.artists["labels"][2].get_text() == "-6.30 → 0.00"
    colors = explorer.artists["nodes"].get_facecolors()
    assert tuple(np.round(colors[2][:3], 3)) != tuple(np.round(colors[3][:3], 3))  # h1 off
    widths = explorer.artists["edges"].get_linewidths()
    assert widths[3] == pytest.approx(0.4 + 3.0 * 0.6)  # edge kg→h1 (index 1 * 3 + 0)
    x, y = explorer.artists["chosen"].get_data()
    np.testing.assert_allclose(np.column_stack([x, y]), [[0.0, 0.3], [1.0, 0.85]])
    png = explorer.view.image.value
    explorer.controls["which"].value = "b2 perro"
    assert explorer.controls["value"].value == pytest.approx(0.2)
    assert explorer.view.image.value != png  # the outline moved to the bias
    x, y = explorer.artists["chosen"].get_data()
    np.testing.assert_allclose(y, [0.3, 0.3])
    assert "b2 perro = 0.20" in explorer.readout.value
    png = explorer.view.image.value
    explorer.controls["which"].value = "b1 h2"  # also 0.2: the slider stays, the picture moves
    assert "b1 h2 = 0.20" in explorer.readout.value and explorer.view.image.value != png
    assert explorer.params[0]["W"][1, 0] == -0.6  # switching the menu keeps the change


def test_dogs_cats_uses_the_given_forward_and_copies_params():
    calls = []

    def my_forward(X, params, activations):  # called with activation functions, as students
        calls.append([f.__name__ for f in activations])  # write their mlp_forward
        return mlp_forward(X, params, activations)

    params = dogs_vs_cats()["params"]
    explorer = dogs_cats_network_explorer(params=params, forward=my_forward)
    assert ["relu", "softmax"] in calls and ["relu"] in calls
    explorer.controls["value"].value = 0.9
    assert params[0]["W"][0, 0] == pytest.approx(0.1)  # the caller's arrays are untouched
    assert len(weight_names()) == 17


def test_dogs_cats_rejects_a_wrong_shape():
    with pytest.raises(ValueError, match="2-3-2"):
        dogs_cats_network_explorer(params=[{"W": np.ones((2, 2)), "b": np.zeros(2)},
                                           {"W": np.ones((2, 2)), "b": np.zeros(2)}])


# --- xor_network_explorer ---------------------------------------------------------------------


def test_xor_starts_at_madc_network_and_computes_xor():
    explorer = xor_network_explorer()
    assert explorer.values == {"w1C": 1.0, "w2C": 1.0, "bC": 0.0, "w1D": 1.0, "w2D": 1.0,
                               "bD": -1.0, "wC": 1.0, "wD": -2.0, "bY": 0.0}
    assert "computes XOR exactly" in explorer.readout.value
    assert "<td>2.00</td><td>1.00</td><td><b>0.00</b></td>" in explorer.readout.value  # (1, 1)
    regions = explorer.artists["regions"].get_array()
    grid = grid_points((-0.5, 1.5), (-0.5, 1.5))
    Y = forward(grid, xor_network_params(), ["relu", "relu"])[0].reshape(regions.shape)
    np.testing.assert_array_equal(regions, (Y >= 0.5).astype(float))
    assert explorer.artists["wrong"].get_offsets().shape[0] == 0
    assert [t.get_text() for t in explorer.artists["values"]] == ["Y=0.00", "Y=1.00", "Y=1.00",
                                                                   "Y=0.00"]
    assert content_fraction(explorer) > 0.3


def test_xor_weight_slider_breaks_and_restores_xor():
    explorer = xor_network_explorer()
    (text0, png0), (text1, png1) = change(explorer, "wD", -1.0)
    assert text1 != text0 and png1 != png0
    assert "does not compute XOR (1 of 4 wrong)" in text1
    np.testing.assert_array_equal(explorer.artists["wrong"].get_offsets(), [[1.0, 1.0]])
    assert explorer.artists["values"][3].get_text() == "Y=1.00"
    assert explorer.params[1]["W"][1, 0] == -1.0
    (_, _), (text2, _) = change(explorer, "bD", -0.5)
    # D = relu(x1 + x2 - 0.5): (0,1) -> C - D = 0.5, (1,1) -> 2 - 1.5 = 0.5: still wrong at (1,1)
    assert "Y</th>" in text2 and "<b>0.50</b>" in text2
    explorer.controls["wD"].value = -2.0
    explorer.controls["bD"].value = -1.0
    assert "computes XOR exactly" in explorer.readout.value


def test_xor_every_slider_sets_its_parameter():
    explorer = xor_network_explorer()
    for name, (layer, kind, index) in WEIGHTS.items():
        before = explorer.view.image.value
        explorer.controls[name].value = 2.5
        assert explorer.params[layer][kind][index] == 2.5
        assert explorer.view.image.value != before or "exactly" not in explorer.readout.value


def test_xor_uses_the_given_forward_and_params():
    calls = []

    def my_forward(X, params, activations):
        calls.append(len(params))
        return mlp_forward(X, params, activations)

    abs_params = [{"W": np.array([[1.0, -1.0], [-1.0, 1.0]]), "b": np.zeros(2)},
                  {"W": np.array([[1.0], [1.0]]), "b": np.zeros(1)}]
    explorer = xor_network_explorer(params=abs_params, forward=my_forward)
    assert 1 in calls and 2 in calls
    assert explorer.values["w2C"] == -1.0
    assert "computes XOR exactly" in explorer.readout.value
    with pytest.raises(ValueError, match="2-2-1"):
        xor_network_explorer(params=[{"W": np.ones((2, 1)), "b": np.zeros(1)}])


def test_xor_verdict_cases():
    assert xor_verdict([0, 1, 1, 0], [0, 1, 1, 0]) == "computes XOR exactly"
    assert xor_verdict([0.4, 0.5, 3.0, 0.0], [0, 1, 1, 0]).endswith("thresholding at 0.5")
    assert xor_verdict([1, 0, 0, 1], [0, 1, 1, 0]) == "does not compute XOR (4 of 4 wrong)"


# --- what the notebook's revealed explanations say ---------------------------------------------


def test_no_single_weight_makes_the_small_cat_a_gato_and_keeps_the_dog_a_perro():
    explorer = dogs_cats_network_explorer()
    explorer.controls["ear"].value, explorer.controls["weight"].value = 4.0, 3.0
    assert "p(perro) = 0.91983</b> → perro" in explorer.readout.value
    explorer.controls["which"].value = "W2 h3→perro"
    explorer.controls["value"].value = 0.0
    assert "p(perro) = 0.49500</b> → gato" in explorer.readout.value
    explorer.controls["ear"].value, explorer.controls["weight"].value = 8.0, 12.0
    assert "p(perro) = 0.46506</b> → gato" in explorer.readout.value
    animals = np.array([[4.0, 3.0], [8.0, 12.0]])
    base = dogs_vs_cats()["params"]
    for _, layer, kind, index in weight_names():
        for value in np.round(np.arange(-1.0, 1.0001, 0.05), 2):
            params = [{k: a.copy() for k, a in p.items()} for p in base]
            params[layer][kind][index] = value
            cat, dog = forward(animals, params, ["relu", "softmax"])[0][:, 1]
            assert not (cat < 0.5 <= dog), (layer, kind, index, value)


def test_xor_experiments_of_the_task():
    explorer = xor_network_explorer()
    explorer.controls["wD"].value = -1.0
    assert "1 of 4 wrong" in explorer.readout.value
    explorer.controls["wD"].value = -2.0
    explorer.controls["bD"].value = -0.5
    assert "2 of 4 wrong" in explorer.readout.value
