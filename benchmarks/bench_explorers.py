"""Explorer callback latency: time from a control change to the end of the redraw, headless.

For each case, builds the explorer, applies N control changes (sweeping the listed values back and
forth, so every change is a real change) and prints the median and 95th percentile of the time
from setting ``.value`` (or clicking a button) to the new PNG being in ``explorer.view.image``;
headless the redraw is synchronous, so that is the whole callback, PNG render included. The CPU
column is this thread's CPU time over the same interval: when it is close to the wall time the
callback never waited for a core, so the time is the explorer's own work (on a busy machine that
work itself slows down, as other processes share the cores' caches). Target
(DESIGN.md, "Performance figures"): median <= 30 ms, p95 <= 60 ms on the 2-core machine. A script,
not a test: it asserts nothing, and names any explorer that misses.

To add an explorer, append a ``Case`` to ``CASES``. Run from the repository root::

    python benchmarks/bench_explorers.py [--changes 50]
"""

from __future__ import annotations

import argparse
import os
import platform
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from time import perf_counter, thread_time

import matplotlib
import numpy as np

from coursekit.explorers import (
    activation_viewer,
    backprop_stepper,
    bce_curves_explorer,
    bias_variance_explorer,
    boundary_explorer,
    capacity_explorer,
    dogs_cats_network_explorer,
    double_descent_explorer,
    likelihood_explorer,
    live_training,
    logistic_explorer,
    lr_explorer,
    optimizer_paths,
    rosenblatt_explorer,
    shallow_builder,
    tangent_explorer,
    threshold_explorer,
    xor_network_explorer,
)
from coursekit.explorers.double_descent import WIDTHS

TARGET_MEDIAN_MS = 30.0
TARGET_P95_MS = 60.0


@dataclass
class Case:
    """One benchmark: ``control`` names a control of ``factory()`` (a slider or dropdown) set to
    successive ``values``, or a button attribute (``"step_button"``) clicked; ``values`` is then
    ignored. For a ``trains`` case the first sweep (every setting new) is also reported alone."""

    name: str
    factory: Callable
    control: str
    values: Sequence = ()
    trains: bool = False  # trains a network in its callback; settings seen before are cached


def stepped(factory: Callable, steps: int) -> Callable:
    """A factory whose explorer has had its Step button pressed ``steps`` times."""

    def build():
        explorer = factory()
        for _ in range(steps):
            explorer.step_button.click()
        return explorer

    return build


SWEEP = [round(v, 2) for v in np.linspace(-2.0, 2.0, 17)]
CASES = [
    Case("boundary", boundary_explorer, "w1", SWEEP),
    Case("boundary", boundary_explorer, "b", SWEEP),
    Case("boundary", boundary_explorer, "problem", ["AND", "OR", "XOR"]),
    Case("rosenblatt (k=12)", stepped(rosenblatt_explorer, 12), "lr",
         [round(v, 2) for v in np.linspace(0.05, 2.0, 14)]),
    Case("rosenblatt (k=40)", stepped(rosenblatt_explorer, 40), "lr",
         [round(v, 2) for v in np.linspace(0.05, 2.0, 14)]),
    Case("rosenblatt", lambda: rosenblatt_explorer(max_steps=1000), "step_button"),
    Case("logistic", logistic_explorer, "w0", [round(v, 1) for v in np.linspace(-10, 10, 21)]),
    Case("logistic", logistic_explorer, "w1", [round(v, 2) for v in np.linspace(-5, 5, 21)]),
    Case("activation_viewer", activation_viewer, "z0",
         [round(v, 1) for v in np.linspace(-6, 6, 25)]),
    Case("activation_viewer", activation_viewer, "name",
         ["identity", "step", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus",
          "arctan"]),
    Case("shallow_builder", shallow_builder, "w11", [round(v, 1) for v in np.linspace(-3, 3, 13)]),
    Case("shallow_builder", shallow_builder, "b2", [round(v, 1) for v in np.linspace(-5, 5, 21)]),
    Case("shallow_builder", shallow_builder, "w24", [round(v, 1) for v in np.linspace(-3, 3, 13)]),
    Case("dogs_cats_network", dogs_cats_network_explorer, "ear",
         [round(v, 1) for v in np.linspace(2, 14, 13)]),
    Case("dogs_cats_network", dogs_cats_network_explorer, "weight",
         [round(v, 1) for v in np.linspace(2, 30, 15)]),
    Case("dogs_cats_network", dogs_cats_network_explorer, "value",
         [round(v, 2) for v in np.linspace(-1, 1, 21)]),
    Case("dogs_cats_network", dogs_cats_network_explorer, "which",
         ["W1 ear→h1", "W1 kg→h2", "b1 h3", "W2 h1→gato", "b2 perro"]),
    Case("xor_network", xor_network_explorer, "wD", [round(v, 1) for v in np.linspace(-3, 1, 21)]),
    Case("xor_network", xor_network_explorer, "bD", [round(v, 1) for v in np.linspace(-2, 1, 16)]),
    Case("xor_network", xor_network_explorer, "w1C", [round(v, 1) for v in np.linspace(-2, 2, 21)]),
    Case("likelihood", likelihood_explorer, "w", [round(v, 2) for v in np.linspace(-1, 3, 21)]),
    Case("likelihood", likelihood_explorer, "b", [round(v, 1) for v in np.linspace(-20, 10, 31)]),
    Case("bce_curves", bce_curves_explorer, "z", [round(v, 1) for v in np.linspace(-8, 8, 33)]),
    Case("bce_curves", bce_curves_explorer, "y", [0, 1]),
    Case("threshold", threshold_explorer, "threshold",
         [round(v, 2) for v in np.linspace(0, 1, 21)]),
    Case("backprop_stepper (stage 8)", stepped(backprop_stepper, 8), "x1", SWEEP),
    Case("backprop_stepper (stage 8)", stepped(backprop_stepper, 8), "y",
         [round(v, 2) for v in np.linspace(-1, 1, 21)]),
    Case("backprop_stepper (stage 8)", stepped(backprop_stepper, 8), "value",
         [round(v, 2) for v in np.linspace(-1, 1, 21)]),
    Case("backprop_stepper", backprop_stepper, "which", ["w1", "w2", "w3", "w4", "w5", "w6"]),
    Case("backprop_stepper", backprop_stepper, "step_button"),
    Case("tangent", tangent_explorer, "value", [round(v, 2) for v in np.linspace(-1, 2, 31)]),
    Case("tangent", tangent_explorer, "which", ["w1", "w2", "w3", "w4", "w5", "w6"]),
    Case("lr_explorer", lr_explorer, "eta", [round(v, 2) for v in np.linspace(0.05, 2.0, 27)]),
    Case("lr_explorer", lr_explorer, "steps", list(range(0, 61, 3))),
    Case("lr_explorer", lr_explorer, "start", [round(v, 1) for v in np.linspace(-4, 4, 21)]),
    Case("optimizer_paths", optimizer_paths, "eta",
         [round(v, 2) for v in np.linspace(0.01, 0.45, 23)]),
    Case("optimizer_paths", optimizer_paths, "steps", list(range(5, 101, 5))),
    Case("live_training", live_training, "eta", [round(v, 2) for v in np.arange(0.05, 1.01, 0.05)],
         trains=True),
    Case("live_training", live_training, "batch_size", list(range(1, 25)),
         trains=True),
    Case("live_training", live_training, "epochs", list(range(10, 301, 15)),
         trains=True),
    Case("capacity", capacity_explorer, "hidden", list(range(2, 32)),
         trains=True),
    Case("capacity", capacity_explorer, "lambda_", [round(0.05 * k, 2) for k in range(1, 31)],
         trains=True),
    Case("capacity", capacity_explorer, "dropout", [round(0.05 * k, 2) for k in range(1, 11)],
         trains=True),
    Case("bias_variance", bias_variance_explorer, "hidden", [k % 10 + 1 for k in range(1, 31)]),
    Case("bias_variance", bias_variance_explorer, "n_samples", list(range(6, 62, 2))),
    Case("double_descent", double_descent_explorer, "width",
         [WIDTHS[k % len(WIDTHS)] for k in range(1, 31)]),
]


def ping_pong(values: Sequence, n: int, start) -> list:
    """``n`` values sweeping ``values`` back and forth, none equal to the one before."""
    cycle = list(values) + list(values)[-2:0:-1]
    out, i = [], 0
    previous = start
    while len(out) < n:
        value = cycle[i % len(cycle)]
        i += 1
        if value != previous:
            out.append(value)
            previous = value
    return out


def measure(case: Case, changes: int) -> tuple[np.ndarray, np.ndarray]:
    """Wall and CPU milliseconds per change for ``changes`` changes."""
    explorer = case.factory()
    if case.control in explorer.controls:
        control = explorer.controls[case.control]
        values = ping_pong(case.values, changes, control.value)

        def act(value):
            control.value = value
    else:
        button = getattr(explorer, case.control)
        values = [None] * changes

        def act(_value):
            button.click()

    wall, cpu = [], []
    for value in values:
        start, start_cpu = perf_counter(), thread_time()
        act(value)
        wall.append(perf_counter() - start)
        cpu.append(thread_time() - start_cpu)
    return 1e3 * np.array(wall), 1e3 * np.array(cpu)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=50, help="control changes per case")
    args = parser.parse_args(argv)
    print(f"explorer callback latency: {args.changes} changes per case; python "
          f"{platform.python_version()}, matplotlib {matplotlib.__version__}, "
          f"{os.cpu_count()} CPUs")
    print(f"targets: median <= {TARGET_MEDIAN_MS:.0f} ms, p95 <= {TARGET_P95_MS:.0f} ms (wall)")
    if hasattr(os, "getloadavg"):
        print(f"load average before: {os.getloadavg()[0]:.2f} (1 min)")
    print(f"\n{'explorer':<26} {'control':<12} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} "
          f"{'CPU median':>11}  status")
    misses = []
    for case in CASES:
        ms, cpu = measure(case, args.changes)
        median, p95 = float(np.median(ms)), float(np.percentile(ms, 95))
        ok = median <= TARGET_MEDIAN_MS and p95 <= TARGET_P95_MS
        if not ok:
            misses.append(f"{case.name} / {case.control}")
        print(f"{case.name:<26} {case.control:<12} {median:>10.1f} {p95:>8.1f} "
              f"{ms.max():>8.1f} {float(np.median(cpu)):>11.1f}  "
              f"{'ok' if ok else 'MISSES TARGET'}")
        if case.trains:
            first = ms[:len(set(case.values))]
            print(f"{'':<26} {'(new only)':<12} {float(np.median(first)):>10.1f} "
                  f"{float(np.percentile(first, 95)):>8.1f} {first.max():>8.1f}")
    if hasattr(os, "getloadavg"):
        print(f"\nload average after: {os.getloadavg()[0]:.2f} (1 min)")
    print()
    if misses:
        print("missing the target: " + "; ".join(misses))
    else:
        print("every explorer meets the target")


if __name__ == "__main__":
    main()
