"""03_forward_pass: MADC's dogs-vs-cats forward pass and its ReLU XOR network."""

from __future__ import annotations

import numpy as np

from coursekit.forward_pass import xor_network_params
from coursekit.language import tr
from coursekit.losses import bce
from coursekit.network import forward
from coursekit.slides._values import MADC, SlideValue
from coursekit.slides.likelihood import bce_log10_vs_ln


def dogs_vs_cats() -> dict:
    """MADC "Propagación hacia delante": x = [8, 12] (ear length cm, weight kg), ReLU hidden layer
    of 3, softmax output [gato, perro].

    z = [3.3, 7.4, 11.5], output scores [5.36, 12.12], p(perro) = 0.99884. The output scores and
    probabilities are not in the slide text (figure); the loss slide later uses p = 0.9986.
    """
    x = np.array([[8.0, 12.0]])
    params = [  # the slides print Wᵀ: transpose to our (n_in, n_out)
        {"W": np.array([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]).T, "b": np.array([0.1, 0.2, 0.3])},
        {"W": np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]).T, "b": np.array([0.1, 0.2])},
    ]
    p, cache = forward(x, params, ["relu", "softmax"])
    z, h, scores, p_dog = cache["Z"][0][0], cache["A"][0][0], cache["Z"][1][0], p[0, 1]
    slide_loss = "Ejemplo de cálculo para una red neuronal"
    slide_p = bce_log10_vs_ln(1, 0.9986)
    loss = bce([1.0], [p_dog])
    return {
        "x": x, "params": params, "h": h, "p": p[0],
        "z1": SlideValue("dogs_vs_cats.z1", MADC,
                         "Descomposición de red neuronal: 1) Parte lineal", 3.3, z[0], decimals=1,
                         label=tr("z1, hidden unit 1 of the dog")),
        "relu_z1": SlideValue("dogs_vs_cats.relu_z1", MADC,
                              "Descomposición de red neuronal: 2) Funciones de activación",
                              3.3, h[0], decimals=1, label=tr("ReLU(z1) of the dog")),
        "z_hidden": SlideValue("dogs_vs_cats.z_hidden", MADC,
                               "Descomposición de red neuronal: 2) Una capa",
                               [3.3, 7.4, 11.5], z, decimals=1,
                               label=tr("hidden z of the dog (3 units)")),
        "scores": SlideValue("dogs_vs_cats.scores", MADC, "Con más capas", None, scores,
                             label=tr("output scores of the dog [gato, perro]")),
        "p_dog": SlideValue(
            "dogs_vs_cats.p_dog", MADC, slide_loss, 0.9986, p_dog,
            tr("The slide uses p(perro) = 0.9986, but the printed weights give softmax([5.36, "
               "12.12]) = [{p_cat:.5f}, {p_dog:.5f}], so p(perro) = {p_dog:.5f} (0.9988 to 4 "
               "decimals); the figure 0.9986 was read from is missing.").format(
                p_cat=p[0, 0], p_dog=p_dog),
            decimals=4, label=tr("p(perro) of the dog")),
        "bce_dog": SlideValue(
            "dogs_vs_cats.bce_dog", MADC, slide_loss, 0.00061, loss,
            tr("The slide's log(0.9986) = 0.00061 is −log10(0.9986) = {log10:.6f} (base-10 log, "
               "and the minus sign dropped: log(0.9986) < 0). Cross-entropy uses ln: "
               "−ln(0.9986) = {ln:.5f}; with the network's p = {p_dog:.5f} it is {loss:.5f}."
               ).format(log10=slide_p["log10"], ln=slide_p["ln"], p_dog=p_dog, loss=loss),
            decimals=5, label=tr("cross-entropy of the dog")),
        "bce_dog_slide_p": slide_p,
    }


def xor_relu_tables() -> dict:
    """MADC XOR with ReLU units: C = relu(x1 + x2), D = relu(x1 + x2 − 1), Y = relu(C − 2D).

    Rows x = (0,0), (0,1), (1,0), (1,1); the slides' tables give C = 0,1,1,2, D = 0,0,0,1,
    Y = 0,1,1,0 = XOR ("Resultado deseado").
    """
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    params = xor_network_params()
    Y, cache = forward(X, params, ["relu", "relu"])
    C, D = cache["A"][0].T
    xor = np.logical_xor(X[:, 0], X[:, 1])
    slide_d = ("Resultado de D – solo parte (x1 y x2) – la negación se resuelve con los pesos en "
               "el siguiente paso")
    return {
        "X": X, "params": params,
        "C": SlideValue("xor_relu_tables.C", MADC, "Resultado de C", [0, 1, 1, 2], C, decimals=0,
                        label=tr("hidden unit {unit} on the 4 inputs (XOR network)").format(
                            unit="C")),
        "D": SlideValue("xor_relu_tables.D", MADC, slide_d, [0, 0, 0, 1], D, decimals=0,
                        label=tr("hidden unit {unit} on the 4 inputs (XOR network)").format(
                            unit="D")),
        "Y": SlideValue("xor_relu_tables.Y", MADC, "Resultado de Y", [0, 1, 1, 0], Y[:, 0],
                        decimals=0, label=tr("output Y on the 4 inputs (XOR network)")),
        "target": SlideValue("xor_relu_tables.target", MADC, "Resultado deseado", [0, 1, 1, 0],
                             xor, decimals=0, label=tr("XOR of the 4 inputs (the target)")),
    }
