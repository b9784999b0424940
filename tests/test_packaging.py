"""Packaging: DESIGN.md's public API exists; pyproject.toml and environment.yml agree."""

import importlib
import re
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).resolve().parents[1]

# The stable public API of DESIGN.md ("Public API"): notebooks, tests and external checks use it.
PUBLIC_API = {
    "activations": "identity step sigmoid tanh relu leaky_relu elu softplus arctan softmax "
                   "identity_derivative step_derivative sigmoid_derivative tanh_derivative "
                   "relu_derivative leaky_relu_derivative elu_derivative softplus_derivative "
                   "arctan_derivative ACTIVATIONS DERIVATIVES",
    "losses": "mse mae bce bce_with_logits cce half_sse mse_gradient mae_gradient bce_gradient "
              "bce_with_logits_gradient cce_gradient half_sse_gradient LOSSES LOSS_GRADIENTS",
    "metrics": "accuracy precision recall confusion_matrix r2_score",
    "network": "init_params forward backward loss_and_gradients count_parameters",
    "gradcheck": "numerical_gradient relative_error",
    "optim": "SGD Momentum Adam iterate_minibatches minibatches",
    "regularization": "l2_penalty l2_gradient dropout dropout_forward EarlyStopping",
    "models": "Sequential Dense",
    "datasets": "xor dogs_vs_cats curve_1d moons circles noisy_regression",
    "slides": "",
}


@pytest.mark.parametrize("module", PUBLIC_API)
def test_public_api_names_exist(module):
    imported = importlib.import_module(f"coursekit.{module}")
    missing = [name for name in PUBLIC_API[module].split() if not hasattr(imported, name)]
    assert not missing, f"coursekit.{module} lacks {missing}"


def _requirement_name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec, maxsplit=1)[0].lower()


def _environment_yml_specs() -> dict[str, str]:
    specs = {}
    text = (ROOT / "environment.yml").read_text()
    for line in text.split("dependencies:", 1)[1].splitlines():
        # conda packages, and the pip section's (packages conda-forge does not have)
        match = re.fullmatch(r"  - ([A-Za-z0-9_.-]+)([<>=!~].*)?"
                             r"|      - ([A-Za-z][\w.-]+)([<>=!~].*)", line)
        if match and match[1] not in ("python", "pip"):
            name, spec = (match[1], match[2]) if match[1] else (match[3], match[4])
            specs[name.lower()] = (spec or "").replace(" ", "")
    return specs


def test_environment_yml_has_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    wanted = project["dependencies"]
    for spec in extras["dev"]:  # "nn-course[postgresql]" stands for that extra's packages
        own = re.fullmatch(re.escape(project["name"]) + r"\[(\w+)\]", spec)
        wanted = wanted + (extras[own[1]] if own else [spec])
    expected = {_requirement_name(s): s[len(_requirement_name(s)):].replace(" ", "")
                for s in wanted}
    assert _environment_yml_specs() == expected


def test_environment_yml_python_matches_requires_python():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert f"  - python{project['requires-python']}" in (ROOT / "environment.yml").read_text()


def test_lab_override_disabling_comms_over_subshells_is_installed():
    # JupyterLab reads settings overrides from <prefix>/share/jupyter/lab/settings/overrides.d.
    import json
    import sys

    installed = Path(sys.prefix, "share/jupyter/lab/settings/overrides.d/nn-course.json")
    override = json.loads(installed.read_text())
    plugin = "@jupyterlab/apputils-extension:kernels-settings"
    assert override[plugin]["commsOverSubshells"] == "disabled"
    # ... and the installed JupyterLab still has that setting under that plugin.
    schema = Path(sys.prefix, "share/jupyter/lab/schemas/@jupyterlab/apputils-extension",
                  "kernels-settings.json")
    values = {v["const"] for v in json.loads(schema.read_text())["properties"]
              ["commsOverSubshells"]["oneOf"]}
    assert "disabled" in values
