"""The glibc heap setting applied when coursekit is imported."""

import os
import subprocess
import sys

import pytest

from coursekit import _memory

GLIBC = hasattr(os, "confstr") and bool(os.confstr("CS_GNU_LIBC_VERSION"))


def test_opt_out_leaves_the_allocator_alone(monkeypatch):
    monkeypatch.setenv("COURSEKIT_DEFAULT_MALLOC", "1")
    assert _memory.keep_freed_heap() is False


@pytest.mark.skipif(not GLIBC, reason="mallopt is glibc only")
def test_applied_on_glibc():
    assert _memory.keep_freed_heap() is True


@pytest.mark.skipif(not GLIBC or not hasattr(os, "wait4"), reason="glibc and rusage needed")
def test_training_steps_stop_page_faulting():
    # 50 steps of a 2-64-1 net on 1,000 samples: with the default allocator every step faults
    # hundreds of pages back in; with coursekit's setting almost none.
    script = (
        "import resource, numpy as np, coursekit\n"
        "from coursekit.network import init_params, loss_and_gradients\n"
        "X = np.random.default_rng(0).normal(size=(1000, 2)); y = (X[:, 0] > 0) * 1.0\n"
        "p = init_params([2, 64, 1], rng=0)\n"
        "loss_and_gradients(X, y, p, ['tanh', 'sigmoid'], 'bce')\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt\n"
        "for _ in range(50): loss_and_gradients(X, y, p, ['tanh', 'sigmoid'], 'bce')\n"
        "print((resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / 50)\n"
    )

    def faults_per_step(opt_out: bool) -> float:
        env = {k: v for k, v in os.environ.items() if k != "COURSEKIT_DEFAULT_MALLOC"}
        if opt_out:
            env["COURSEKIT_DEFAULT_MALLOC"] = "1"
        out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                             text=True, check=True).stdout
        return float(out)

    assert faults_per_step(opt_out=False) < 10 < faults_per_step(opt_out=True)
