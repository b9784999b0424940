"""Training speed: a coursekit MLP against the same network in PyTorch on the CPU.

Measures full-batch plain gradient descent (W <- W - lr * dL/dW) on a 2-64-1 MLP (tanh hidden
layer, sigmoid output, binary cross-entropy averaged over samples) fitted to 1,000 points of two
noisy moons (seeded). coursekit (numpy, float64) runs ``init_params`` + ``loss_and_gradients`` +
``SGD``; PyTorch runs the same network from the same initial weights with autograd and the same
updates, in float64 (the same arithmetic as coursekit) and in float32 (torch's default).

Prints the wall times (best of R repeats after a warm-up), the ratio coursekit / torch, the final
losses and their difference (a correctness check), the thread settings, and the time per epoch for
hidden widths 8, 64 and 256. Each implementation runs in a fresh child process (coursekit's never
imports torch), so one's thread pools and heap layout cannot speed up or slow down another;
"faults/ep" counts minor page faults per epoch: memory the allocator gave back to the OS and had
to fault in again, which can cost more than the arithmetic. Target (DESIGN.md, "Performance
figures"): coursekit <= 1.0x PyTorch's time. A script, not a test: it asserts nothing.

Run from the repository root (PyTorch is the optional ``bench`` extra; without it only coursekit's
figures are printed)::

    python benchmarks/bench_training.py [--epochs 1000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from functools import partial
from time import perf_counter

import numpy as np

from coursekit.datasets import moons
from coursekit.network import init_params, loss_and_gradients
from coursekit.optim import SGD

try:
    import resource  # Unix only: page-fault counts
except ImportError:
    resource = None

N_SAMPLES, LR, SEED, WIDTHS = 1000, 0.5, 0, (8, 64, 256)
IMPLEMENTATIONS = ("coursekit", "torch float64", "torch float32")


def make_moons():
    """The benchmark's data: 1,000 points of two noisy moons, labels 0/1."""
    return moons(N_SAMPLES, noise=0.2, rng=SEED)


def train_coursekit(X, y, params0, epochs: int):
    """Seconds for ``epochs`` full-batch GD steps, and the loss of the last forward pass."""
    params = [{k: v.copy() for k, v in p.items()} for p in params0]
    step = SGD(lr=LR).step
    start = perf_counter()
    for _ in range(epochs):
        loss, grads = loss_and_gradients(X, y, params, ["tanh", "sigmoid"], "bce")
        params = step(params, grads)
    return perf_counter() - start, loss


def load_torch():
    """The torch module, or None. Imported only where needed: importing torch changes the heap
    layout, which changes coursekit's timings (see "faults/ep")."""
    try:
        import torch
    except ImportError:
        return None
    return torch


def train_torch(X, y, params0, epochs: int, dtype: str):
    """The same network, loss and updates with torch autograd (``dtype``: float64 or float32)."""
    torch = load_torch()
    F = torch.nn.functional
    dtype = getattr(torch, dtype)
    Xt = torch.tensor(X, dtype=dtype)
    yt = torch.tensor(y.reshape(-1, 1), dtype=dtype)
    ps = [torch.tensor(p[k], dtype=dtype, requires_grad=True) for p in params0 for k in "Wb"]
    W1, b1, W2, b2 = ps
    start = perf_counter()
    for _ in range(epochs):
        logits = torch.tanh(Xt @ W1 + b1) @ W2 + b2  # sigmoid folded into the loss
        loss = F.binary_cross_entropy_with_logits(logits, yt)
        loss.backward()
        with torch.no_grad():
            for p in ps:
                p -= LR * p.grad
                p.grad = None
    return perf_counter() - start, loss.item()


def page_faults():
    """Minor page faults of this process so far (None where ``resource`` is missing)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt if resource else None


def measure(name: str, epochs: int, sweep_epochs: int, repeats: int) -> dict:
    """Worker: times one implementation (best of ``repeats`` after a warm-up) at every width."""
    train = train_coursekit if name == "coursekit" else partial(train_torch, dtype=name[6:])
    X, y = make_moons()
    out = {}
    for key, width, n in [("main", 64, epochs)] + [(str(w), w, sweep_epochs) for w in WIDTHS]:
        params0 = init_params([2, width, 1], rng=SEED)
        train(X, y, params0, min(n, 20))
        faults = page_faults()
        runs = [train(X, y, params0, n) for _ in range(repeats)]
        if faults is not None:
            faults = (page_faults() - faults) / (n * repeats)
        out[key] = (min(t for t, _ in runs), runs[-1][1], faults)
    return out


def run_worker(name: str, args) -> dict:
    """``measure`` in a fresh interpreter; its JSON result."""
    cmd = [sys.executable, __file__, "--worker", name, "--epochs", str(args.epochs),
           "--repeats", str(args.repeats)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"the {name} worker failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def print_environment(torch):
    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    names = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
    threads = {v: os.environ[v] for v in names if v in os.environ} or "unset (default: all cores)"
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, {os.cpu_count()} CPUs")
    print(f"numpy BLAS: {blas.get('name')} {blas.get('version')}; thread variables: {threads}")
    if torch is None:
        print("PyTorch not installed: pip install -e '.[bench]' (here: pip install torch==2.13.0) "
              "to compare; coursekit figures only")
    else:
        print(f"torch {torch.__version__}: get_num_threads() = {torch.get_num_threads()}, "
              f"interop threads = {torch.get_num_interop_threads()}")


def fmt_faults(value) -> str:
    return f"{value:10.0f}" if value is not None else f"{'n/a':>10}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=1000, help="GD steps per run (1000)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs, best kept (3)")
    parser.add_argument("--worker", choices=IMPLEMENTATIONS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.epochs < 1 or args.repeats < 1:
        parser.error("--epochs and --repeats must be at least 1")
    sweep_epochs = max(1, args.epochs // 5)
    if args.worker:
        print(json.dumps(measure(args.worker, args.epochs, sweep_epochs, args.repeats)))
        return 0

    torch = load_torch()
    print_environment(torch)
    names = IMPLEMENTATIONS if torch is not None else IMPLEMENTATIONS[:1]
    results = {name: run_worker(name, args) for name in names}
    ck_time, ck_loss, _ = results["coursekit"]["main"]
    print(f"\n2-64-1 MLP (tanh, sigmoid, BCE), {N_SAMPLES} points (coursekit.datasets.moons), "
          f"full batch, {args.epochs} epochs, lr={LR}, best of {args.repeats}")
    print(f"{'':15}{'time (s)':>9}{'ms/epoch':>10}{'coursekit/this':>16}{'final loss':>13}"
          f"{'faults/ep':>10}")
    for name, res in results.items():
        seconds, loss, faults = res["main"]
        print(f"{name:15}{seconds:9.3f}{1e3 * seconds / args.epochs:10.3f}"
              f"{ck_time / seconds:15.2f}x{loss:13.8f}{fmt_faults(faults)}")
    for name in names[1:]:
        print(f"|final loss coursekit - {name}| = {abs(ck_loss - results[name]['main'][1]):.2e}")
    if torch is not None:
        for name in names[1:]:
            verdict = "meets" if ck_time <= results[name]["main"][0] else "misses"
            print(f"target coursekit <= 1.0x {name}: {verdict} it")

    print(f"\nms per epoch (faults per epoch) by hidden width, {sweep_epochs} epochs, "
          f"best of {args.repeats}")
    print(f"{'hidden':>6}" + "".join(f"{name:>24}" for name in names)
          + "".join(f"{'ck/' + name[6:]:>12}" for name in names[1:]))
    for width in map(str, WIDTHS):
        ms = {n: 1e3 * r[width][0] / sweep_epochs for n, r in results.items()}
        print(f"{width:>6}" + "".join(f"{ms[n]:14.3f}{fmt_faults(r[width][2])}"
                                      for n, r in results.items())
              + "".join(f"{ms['coursekit'] / ms[n]:11.2f}x" for n in names[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
