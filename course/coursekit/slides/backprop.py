"""05_backprop: the chain-rule graph, BP's 4-3-4 sigmoid network, MADC's tanh example and its
update table (shown again in 06), and Mazur's 2-2-2 homework."""

from __future__ import annotations

import numpy as np

from coursekit._validate import RngLike, as_rng
from coursekit.gradcheck import numerical_gradient
from coursekit.language import tr
from coursekit.losses import half_sse, half_sse_gradient
from coursekit.network import backward, forward
from coursekit.slides._values import BP, MADC, MAZUR, SlideValue


def chain_rule_graph(a: float = 1.0, b: float = 2.0, c: float = -3.0) -> dict:
    """MADC "Regla de la cadena para derivadas": d = 2b, e = a + d, L = c·e.

    The slide gives ∂L/∂a = c, ∂L/∂b = 2c, ∂L/∂c = e with no numbers (the graph is a figure);
    ``exact`` is a central-difference gradient at (a, b, c). (One slide asks for ∂L/∂h, a typo for
    ∂L/∂b.)
    """
    d = 2 * b
    e = a + d

    def loss(v):
        return v[2] * (v[0] + 2 * v[1])

    # a power-of-two step keeps the differences of this bilinear L exact for simple inputs
    grad = numerical_gradient(loss, np.array([a, b, c], dtype=np.float64), eps=2.0**-20)
    slide = "Regla de la cadena para derivadas"
    where = tr("(chain-rule graph)")
    return {
        "a": a, "b": b, "c": c, "d": d, "e": e, "L": c * e,
        "dL_da": SlideValue("chain_rule_graph.dL_da", MADC, slide, c, grad[0],
                            label=f"∂L/∂a = c {where}"),
        "dL_db": SlideValue("chain_rule_graph.dL_db", MADC, slide, 2 * c, grad[1],
                            label=f"∂L/∂b = 2c {where}"),
        "dL_dc": SlideValue("chain_rule_graph.dL_dc", MADC, slide, e, grad[2],
                            label=f"∂L/∂c = e {where}"),
    }


def sigmoid_434_gradients(rng: RngLike = 0) -> dict:
    """BP's 4-3-4 sigmoid network (inputs o8–o11, hidden o5–o7, outputs o1–o4, no biases),
    :math:`E = \\tfrac12 \\sum_k (t_k - o_k)^2`, on random weights, inputs and targets.

    The deck's hand formulas, evaluated as ``printed``:
    :math:`\\partial E/\\partial W_{61} = (o_1 - t_1)\\, o_1(1 - o_1)\\, o_6` ("Example") and
    :math:`\\partial E/\\partial W_{86} = \\partial E/\\partial o_6 \\cdot o_6(1 - o_6)\\, o_8` with
    :math:`\\partial E/\\partial o_6 = \\sum_k (o_k - t_k)\\, o_k(1 - o_k)\\, W_{6k}` ("Example 2";
    the deck writes :math:`W_{k6}` there, the other index order for the same weight). ``exact``
    is vectorised backprop (:func:`coursekit.network.backward`). Index map:
    ``params[1]["W"][i, k]`` joins o(5+i) to o(1+k) and ``params[0]["W"][i, j]`` joins o(8+i) to
    o(5+j), so W61 is ``params[1]["W"][1, 0]`` and W86 is ``params[0]["W"][0, 1]``; ``o`` maps
    the deck's unit numbers to their values.
    """
    rng = as_rng(rng)
    x, t = rng.uniform(size=(1, 4)), rng.uniform(size=(1, 4))
    params = [{"W": rng.normal(size=(4, 3)), "b": np.zeros(3)},
              {"W": rng.normal(size=(3, 4)), "b": np.zeros(4)}]
    activations = ["sigmoid", "sigmoid"]
    out, cache = forward(x, params, activations)
    grads = backward(t, cache, params, activations, "half_sse")
    o = {**{k + 1: out[0, k] for k in range(4)}, **{j + 5: cache["A"][0][0, j] for j in range(3)},
         **{i + 8: x[0, i] for i in range(4)}}
    tk = {k + 1: t[0, k] for k in range(4)}
    dE_do6 = sum((o[k] - tk[k]) * o[k] * (1 - o[k]) * params[1]["W"][1, k - 1] for k in range(1, 5))
    where = tr("(BP's 4-3-4 sigmoid network)")
    return {
        "x": x, "t": t, "params": params, "activations": activations, "o": o,
        "E": half_sse(t, out), "dE_do6": dE_do6,
        "dE_dW61": SlideValue("sigmoid_434_gradients.dE_dW61", BP, "Example",
                              (o[1] - tk[1]) * o[1] * (1 - o[1]) * o[6], grads[1]["W"][1, 0],
                              label=f"∂E/∂W61 {where}"),
        "dE_dW86": SlideValue("sigmoid_434_gradients.dE_dW86", BP, "Example 2",
                              dE_do6 * o[6] * (1 - o[6]) * o[8], grads[0]["W"][0, 1],
                              label=f"∂E/∂W86 {where}"),
        "dE_dO": SlideValue(
            "sigmoid_434_gradients.dE_dO", BP, "How does it actually work?", t[0] - out[0],
            half_sse_gradient(t, out)[0],
            tr("The deck writes ∂E/∂O_j = (y_j − O_j); for E = ½Σ(t − o)² it is (O_j − t_j), "
               "the sign its own examples use ((o1 − t1)…). With (y − O), ΔW = −η ∂E/∂W would "
               "climb the error."),
            label=tr("∂E/∂O of the 4 outputs {where}").format(where=where)),
    }


_TANH_WEIGHTS = {"w1": 0.1, "w2": 0.2, "w3": 0.3, "w4": 0.1, "w5": 0.5, "w6": 0.8}
_TANH_PRINTED_GRADIENTS = {"w1": -0.0508, "w2": -0.0762, "w3": -0.0693, "w4": -0.1040,
                           "w5": -0.0594, "w6": -0.0648}


def _tanh_params(w: dict) -> list[dict]:
    """The slide's weights as layers: w1, w2 into h1 and w3, w4 into h2 (from x1, x2)."""
    return [{"W": np.array([[w["w1"], w["w3"]], [w["w2"], w["w4"]]]), "b": np.zeros(2)},
            {"W": np.array([[w["w5"]], [w["w6"]]]), "b": np.zeros(1)}]


def _tanh_flat(layers: list[dict]) -> np.ndarray:
    """w1…w6 (or their gradients) from the layer arrays, in the slide's order."""
    (W1, W2) = (layer["W"] for layer in layers)
    return np.array([W1[0, 0], W1[1, 0], W1[0, 1], W1[1, 1], W2[0, 0], W2[1, 0]])


def tanh_regression() -> dict:
    """MADC "Ejemplo con red neuronal": inputs 2 and 3, target 1, tanh hidden layer, linear
    output, no biases, :math:`E = \\tfrac12(\\hat y - y)^2`.

    The slide rounds h1, h2 and ŷ to 2 decimals (h1 = 0.66, h2 = 0.72, ŷ = 0.91, ŷ − y = −0.09)
    and prints the gradients to 4 decimals; ``as_slide`` redoes that arithmetic, ``exact`` is full
    precision (ŷ − y = −0.0949, so every exact gradient is about 5 % larger in size). The
    gradient slides have no title in the text extraction; they follow this one.
    """
    x, y = np.array([[2.0, 3.0]]), np.array([[1.0]])
    params = _tanh_params(_TANH_WEIGHTS)
    activations = ["tanh", "identity"]
    y_hat, cache = forward(x, params, activations)
    grads = _tanh_flat(backward(y, cache, params, activations, "half_sse"))
    w = _TANH_WEIGHTS
    h1, h2 = (round(float(v), 2) for v in cache["A"][0][0])  # the slide's 0.66 and 0.72
    y_hat_s = round(w["w5"] * h1 + w["w6"] * h2, 2)
    err_s = y_hat_s - 1.0
    hidden_s = [err_s * w["w5"] * (1 - h1**2), err_s * w["w6"] * (1 - h2**2)]
    grads_s = [hidden_s[0] * 2, hidden_s[0] * 3, hidden_s[1] * 2, hidden_s[1] * 3,
               err_s * h1, err_s * h2]
    E = half_sse(y, y_hat)
    slide = "Ejemplo con red neuronal"  # "Propagación hacia delante", "Cálculo de error"
    ex, where = "tanh_regression", tr("(MADC's tanh example)")
    result = {
        "x": x, "y": y, "params": params, "activations": activations, "gradients": grads,
        "a1": SlideValue(f"{ex}.a1", MADC, slide, 0.8, cache["Z"][0][0, 0], decimals=1,
                         label=tr("a1 = 2·w1 + 3·w2, pre-activation of h1 (our z1) {where}")
                         .format(where=where)),
        "a2": SlideValue(f"{ex}.a2", MADC, slide, 0.9, cache["Z"][0][0, 1], decimals=1,
                         label=tr("a2 = 2·w3 + 3·w4, pre-activation of h2 (our z2) {where}")
                         .format(where=where)),
        "h1": SlideValue(f"{ex}.h1", MADC, slide, 0.66, cache["A"][0][0, 0], decimals=2,
                         label=f"h1 = tanh(a1) {where}"),
        "h2": SlideValue(f"{ex}.h2", MADC, slide, 0.72, cache["A"][0][0, 1], decimals=2,
                         label=f"h2 = tanh(a2) {where}"),
        "w6_forward": SlideValue(
            f"{ex}.w6_forward", MADC, slide, 0.4, w["w6"],
            tr("The forward line writes y = 0.5·0.66 + 0.4·0.72 = 0.91, but 0.5·0.66 + "
               "0.4·0.72 = 0.618; 0.91 needs w6 = 0.8 (0.33 + 0.576 = 0.906), the weight the "
               "gradient slides use (−0.09·0.8·…)."),
            decimals=1, label=tr("w6 in the forward line {where}").format(where=where)),
        "y_hat": SlideValue(f"{ex}.y_hat", MADC, slide, 0.91, y_hat[0, 0], decimals=2,
                            as_slide=w["w5"] * h1 + w["w6"] * h2,
                            label=f"ŷ = w5·h1 + w6·h2 {where}"),
        "y_hat_minus_y": SlideValue(f"{ex}.y_hat_minus_y", MADC, slide, -0.09,
                                    y_hat[0, 0] - 1.0, decimals=2, as_slide=err_s,
                                    label=f"ŷ − y {where}"),
        "E": SlideValue(
            f"{ex}.E", MADC, slide, 0.00045, E,
            tr("The slide prints ½(0.91 − 1)² = 0.00045, but ½(0.91 − 1)² = ½·0.0081 = "
               "{as_slide:.5f}; full precision ½(ŷ − 1)² = {exact:.5f} (0.00045 has one zero too "
               "many).").format(as_slide=0.5 * err_s**2, exact=E),
            decimals=5, as_slide=0.5 * err_s**2, label=f"E = ½(ŷ − y)² {where}"),
    }
    for k, (key, printed) in enumerate(_TANH_PRINTED_GRADIENTS.items()):
        note = ""
        if key == "w3":
            note = tr("A nit: the slide prints −0.0693; its own arithmetic "
                      "−0.09·0.8·(1 − 0.72²)·2 = {as_slide:.7f} rounds to −0.0694 (the slide cut "
                      "the last digit). Full precision gives {exact:.5f}: like every exact "
                      "gradient here, about 5 % larger in size (ŷ − y = −0.0949, not −0.09)."
                      ).format(as_slide=grads_s[2], exact=grads[2])
        untitled = "sin título (∂Error/∂w" + ("5, ∂Error/∂w6)" if k >= 4 else "1 … ∂Error/∂w4)")
        result[f"dE_d{key}"] = SlideValue(f"{ex}.dE_d{key}", MADC, untitled, printed, grads[k],
                                          note, decimals=4, as_slide=grads_s[k],
                                          label=f"∂E/∂{key} {where}")
    return result


def update_table() -> dict:
    """MADC "Ejemplo de cálculo": one gradient-descent step :math:`w \\leftarrow w - \\eta
    \\nabla_w E` on :func:`tanh_regression`, η = 0.5.

    The slide applies the rule to its printed 4-decimal gradients (e.g. 0.1 + 0.5·0.0508 =
    0.1254), which ``as_slide`` reproduces; its 0.3346 is 0.3 + 0.5·0.0693 = 0.33465 with the tie
    cut down. ``exact`` uses the full-precision gradients.
    """
    eta = 0.5
    example = tanh_regression()
    w = np.array(list(_TANH_WEIGHTS.values()))
    g_printed = np.array(list(_TANH_PRINTED_GRADIENTS.values()))
    new_exact = w - eta * example["gradients"]
    new_slide = w - eta * g_printed
    printed = [0.1254, 0.2381, 0.3346, 0.1520, 0.5297, 0.8324]
    params_new = _tanh_params(dict(zip(_TANH_WEIGHTS, new_exact, strict=True)))
    result = {
        "eta": eta, "w": w,
        "E_before": example["E"].exact,
        "E_after": half_sse(example["y"], forward(example["x"], params_new,
                                                  example["activations"])[0]),
    }
    for k, key in enumerate(_TANH_WEIGHTS):
        result[key] = SlideValue(f"update_table.{key}", MADC, "Ejemplo de cálculo", printed[k],
                                 new_exact[k], decimals=4, as_slide=new_slide[k],
                                 label=tr("new {key} after one step, η = 0.5 {where}").format(
                                     key=key, where=tr("(MADC's tanh example)")))
    return result


_MAZUR_SECTIONS = {"forward": "The Forward Pass", "error": "Calculating the Total Error",
                   "backward": "The Backwards Pass"}


def mazur_222() -> dict:
    """Mazur (2015), the 2-2-2 sigmoid network MADC assigns as homework: one training step.

    Inputs 0.05, 0.10; targets 0.01, 0.99; w1…w8 = 0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50,
    0.55 (w1, w2 into h1; w3, w4 into h2; w5, w6 into o1; w7, w8 into o2); biases 0.35 (hidden)
    and 0.60 (output), shared and not updated; η = 0.5; :math:`E = \\tfrac12\\sum(t - o)^2`.
    ``printed`` holds the post's published values, with the decimals it prints.
    """
    x, t, eta = np.array([[0.05, 0.10]]), np.array([[0.01, 0.99]]), 0.5
    params = [{"W": np.array([[0.15, 0.25], [0.20, 0.30]]), "b": np.array([0.35, 0.35])},
              {"W": np.array([[0.40, 0.50], [0.45, 0.55]]), "b": np.array([0.60, 0.60])}]
    activations = ["sigmoid", "sigmoid"]
    out, cache = forward(x, params, activations)
    grads = backward(t, cache, params, activations, "half_sse")
    new = [{"W": p["W"] - eta * g["W"], "b": p["b"]} for p, g in zip(params, grads, strict=True)]
    # what the post's 0.291027924 matches: hidden gradients through the already-updated w5…w8
    grads_late = backward(t, cache, [params[0], new[1]], activations, "half_sse")
    new_late = [{"W": params[0]["W"] - eta * grads_late[0]["W"], "b": params[0]["b"]}, new[1]]
    e_after = half_sse(t, forward(x, new, activations)[0])
    e_late = half_sse(t, forward(x, new_late, activations)[0])
    W1, W2 = new[0]["W"], new[1]["W"]
    updated = {"w1": (W1[0, 0], 0.149780716, 9), "w2": (W1[1, 0], 0.19956143, 8),
               "w3": (W1[0, 1], 0.24975114, 8), "w4": (W1[1, 1], 0.29950229, 8),
               "w5": (W2[0, 0], 0.35891648, 8), "w6": (W2[1, 0], 0.408666186, 9),
               "w7": (W2[0, 1], 0.511301270, 9), "w8": (W2[1, 1], 0.561370121, 9)}
    fwd, ex, where = _MAZUR_SECTIONS["forward"], "mazur_222", tr("(Mazur's 2-2-2 network)")
    result = {
        "x": x, "t": t, "params": params, "activations": activations, "grads": grads,
        "new_params": new, "E_after_late_hidden": e_late,
        "net_h1": SlideValue(f"{ex}.net_h1", MAZUR, fwd, 0.3775, cache["Z"][0][0, 0], decimals=4,
                             label=tr("net_h1, pre-activation of h1 {where}").format(
                                 where=where)),
        "out_h1": SlideValue(f"{ex}.out_h1", MAZUR, fwd, 0.593269992, cache["A"][0][0, 0],
                             decimals=9, label=f"out_h1 = σ(net_h1) {where}"),
        "out_h2": SlideValue(f"{ex}.out_h2", MAZUR, fwd, 0.596884378, cache["A"][0][0, 1],
                             decimals=9, label=f"out_h2 = σ(net_h2) {where}"),
        "net_o1": SlideValue(f"{ex}.net_o1", MAZUR, fwd, 1.105905967, cache["Z"][1][0, 0],
                             decimals=9, label=tr("net_o1, pre-activation of o1 {where}").format(
                                 where=where)),
        "out_o1": SlideValue(f"{ex}.out_o1", MAZUR, fwd, 0.75136507, out[0, 0], decimals=8,
                             label=f"out_o1 = σ(net_o1) {where}"),
        "out_o2": SlideValue(f"{ex}.out_o2", MAZUR, fwd, 0.772928465, out[0, 1], decimals=9,
                             label=f"out_o2 = σ(net_o2) {where}"),
        "E_total": SlideValue(f"{ex}.E_total", MAZUR, _MAZUR_SECTIONS["error"], 0.298371109,
                              half_sse(t, out), decimals=9,
                              label=tr("total error E = ½Σ(t − o)² {where}").format(
                                  where=where)),
    }
    for key, (exact, printed, decimals) in updated.items():
        result[key] = SlideValue(f"{ex}.{key}", MAZUR, _MAZUR_SECTIONS["backward"], printed,
                                 exact, decimals=decimals,
                                 label=tr("new {key} after one step, η = 0.5 {where}").format(
                                     key=key, where=where))
    result["E_after"] = SlideValue(
        f"{ex}.E_after", MAZUR, _MAZUR_SECTIONS["backward"], 0.291027924, e_after,
        tr("The post says the error falls to 0.291027924 after this step, but the eight weights "
           "it prints give {after:.9f}. Computing the hidden-layer gradients with the already-"
           "updated w5…w8 instead gives {late:.9f}, the post's number, although the post says to "
           "use the original weights (as its printed w1…w4 do).").format(after=e_after,
                                                                         late=e_late),
        decimals=9, label=tr("total error after one step {where}").format(where=where))
    return result
