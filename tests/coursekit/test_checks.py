"""Feedback checks: one comparison and one encoding, material unavailable while graded, messages."""

import types
import warnings

import numpy as np
import pytest

from coursekit import activations, backprop, losses, model_selection, network, perceptron
from coursekit.activations import sigmoid as aliased_reference
from coursekit.checks import (
    ClosureOver,
    Outcome,
    call_here,
    check_answer,
    check_function,
    diagnosis,
    difference,
    function_problem,
)
from coursekit.compare import ARGUMENT_SHOWN
from coursekit.encoding import roundtrip
from coursekit.misconceptions import Misconception, catalogue
from coursekit.perceptron import PerceptronHistory

CASES = [(0.0,), (np.array([-1000.0, -1.0, 0.0, 2.0, 1000.0]),)]


def naive_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))  # overflows (a warning) at -1000


def test_right_answer_prints_one_line_and_nothing_on_stderr(capfd):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning escaping the check would fail this test
        check_function(naive_sigmoid, activations.sigmoid, CASES)
    out, err = capfd.readouterr()
    assert out == "✓ naive_sigmoid: all 2 cases match the reference\n"
    assert err == ""


@pytest.mark.parametrize("step", [
    lambda z: np.where(np.asarray(z) >= 0, 1.0, 0.0),       # a 0-d array for a scalar
    lambda z: float(z >= 0) if np.ndim(z) == 0 else (np.asarray(z) >= 0) * 1.0,  # a float
    lambda z: np.float64(z >= 0) if np.ndim(z) == 0 else (np.asarray(z) >= 0) * 1.0,
    lambda z: np.heaviside(z, 1.0),
])
def test_a_float_a_numpy_scalar_and_a_0d_array_of_one_value_are_equal(step):
    check_function(step, activations.step, [(3.0,), (-0.0,), ([-1.0, 0.0, 2.0],)], quiet=True)


def test_a_python_int_and_a_numpy_int_are_equal():
    assert difference(13, np.int64(13), 0, 0) == ""
    assert difference(np.int32(4), 4.0, 0, 0) == ""


def test_a_history_built_with_arrays_matches_one_built_with_lists():
    lists = PerceptronHistory(weights=[np.zeros(2), np.ones(2)], biases=[0.0, 1.0], errors=[1])
    arrays = PerceptronHistory(weights=np.array([[0.0, 0.0], [1.0, 1.0]]),
                               biases=np.array([0.0, 1.0]), errors=np.array([1]))
    assert difference(roundtrip(lists), roundtrip(arrays), 1e-7, 1e-10) == ""
    arrays.biases[1] = 2.0
    assert "biases" in difference(roundtrip(lists), roundtrip(arrays), 1e-7, 1e-10)


def test_wrong_answer_names_input_expected_got_and_hint():
    def sigmoid(z):
        return 1.0 / (1.0 + np.exp(z))

    with pytest.raises(AssertionError) as failure:
        check_function(sigmoid, activations.sigmoid, [(np.array([1.0, 2.0]),)],
                       hint="look at the sign of z")
    message = str(failure.value)
    assert "sigmoid(array([1., 2.]) with shape (2,))" in message
    assert "expected: array([0.731059, 0.880797])" in message
    assert "got:      array([0.268941, 0.119203])" in message
    assert "hint: look at the sign of z" in message


def test_big_arguments_are_shown_on_one_short_line():
    def dense(X, W, b):
        return X @ W  # forgot the bias

    rng = np.random.default_rng(0)
    X, W, b = rng.normal(size=(30, 4)), rng.normal(size=(4, 3)), rng.normal(size=3)
    with pytest.raises(AssertionError) as failure:
        check_function(dense, network.dense, [(X, W, b)])
    call = str(failure.value).splitlines()[0]
    assert call.startswith("dense(array([[") and call.count("with shape") == 3
    assert "with shape (30, 4), " in call and ", ...," in call
    assert len(call) < 3 * ARGUMENT_SHOWN


def test_wrong_shape_is_reported():
    def mse(y_true, y_pred):
        return (np.asarray(y_pred) - np.asarray(y_true)) ** 2  # forgot the mean

    with pytest.raises(AssertionError, match=r"expected shape \(\), got shape \(3,\)"):
        check_function(mse, losses.mse, [([20.0, 3.0, 1.0], [10.0, 8.0, 6.0])])


def test_missing_return_is_explained():
    def relu(z):
        np.maximum(z, 0)

    with pytest.raises(AssertionError, match="forget to return"):
        check_function(relu, activations.relu, [(1.0,)])


def test_stub_is_reported_as_not_implemented():
    def relu(z):
        raise NotImplementedError("Implement relu")

    with pytest.raises(AssertionError, match="relu cannot run yet: Implement relu"):
        check_function(relu, activations.relu, [(1.0,)])


def test_exception_in_student_code_becomes_a_failed_check():
    def relu(z):
        return z.clip(min=0)  # floats have no .clip

    with pytest.raises(AssertionError, match=r"relu\(1.0\) raised AttributeError"):
        check_function(relu, activations.relu, [(1.0,)])


@pytest.mark.parametrize("cheat", [
    lambda z: activations.sigmoid(z),
    lambda z: aliased_reference(z),
    lambda z: activations.ACTIVATIONS["sigmoid"](z),
    lambda z: activations.softplus_derivative(z),  # the same maths under another name
    lambda z: perceptron.logistic_neuron(z, 0.0, 1.0),  # earlier material, the same maths
    lambda z: types.FunctionType(activations.sigmoid.__code__, vars(activations))(z),  # a copy
])
def test_material_unavailable_while_graded_fails_here_with_the_graders_message(cheat):
    with pytest.raises(AssertionError, match="raised CourseMaterialUnavailable: coursekit\\."
                                             ".* is not available while 02_activations is graded"):
        check_function(cheat, activations.sigmoid, CASES)


def test_earlier_notebooks_material_is_available():
    def output_delta(y, output, z, activation, loss):  # 05: sigmoid and the losses (02, 04)
        return losses.LOSS_GRADIENTS[loss](y, output) * activations.sigmoid_derivative(z)

    z = np.array([[0.3, -1.2]])
    check_function(output_delta, backprop.output_delta,
                   [(np.array([[1.0, 0.0]]), activations.sigmoid(z), z, "sigmoid", "mse")])


def test_functions_passed_in_may_be_any_material():
    def layer(X, f):  # f is the reference softmax, passed in by the test as graded tests do
        return f(np.asarray(X) * 1.0)

    check_function(layer, lambda X, f: activations.softmax(X),
                   [([[1.0, 2.0]], activations.softmax)], quiet=True)


def test_functions_passed_in_take_keywords_and_travel_as_when_graded():
    def layer(X, f):
        seen = f(z=np.asarray(X, dtype=float), out=[1, 2])  # the keyword names f's parameter
        return seen

    def passed(z, out):  # sees a fresh copy of what it was given, as in the grader
        return (type(out).__name__, z)

    outcome = call_here(layer, ([[1.0, 2.0]], passed), allowed=4)
    assert outcome.kind == "value" and outcome.value[0] == "list"
    outcome = call_here(layer, ([[1.0, 2.0]], passed), allowed=3)  # 2 + 2 values, 3 allowed
    assert outcome.kind == "error" and "given 4 values, more than the 3" in outcome.value


def test_the_student_cannot_change_the_inputs_the_reference_sees():
    def relu(z):
        z[z < 0] = 0.0  # modifies its argument
        return z

    check_function(relu, activations.relu, [(np.array([-1.0, 2.0]),)], quiet=True)
    with pytest.raises(AssertionError, match="changed its argument 1"):
        check_function(relu, activations.relu, [(np.array([-1.0, 2.0]),)], keeps_inputs=True)


def test_an_input_restored_up_to_rounding_counts_as_unchanged():
    def numerical_gradient(f, x, eps=1e-6):
        grad = np.zeros_like(x)
        for i in range(x.size):
            x.flat[i] += eps
            f_plus = f(x)
            x.flat[i] -= 2 * eps
            f_minus = f(x)
            x.flat[i] += eps  # not exactly the original value
            grad.flat[i] = (f_plus - f_minus) / (2 * eps)
        return grad

    from coursekit.gradcheck import numerical_gradient as reference

    x = np.array([0.1, 0.7, 1e-3, 123.456])
    check_function(numerical_gradient, reference,
                   [(ClosureOver(lambda w: float(np.sum(np.sin(w))), 1), x)],
                   keeps_inputs=True, quiet=True, rtol=1e-6)


def test_a_closure_over_an_argument_needs_it_changed_in_place():
    def copies(f, x, eps=1e-6):  # perturbs a copy: f, reading x itself, never sees it move
        grad = np.zeros_like(x)
        for i in range(x.size):
            step = np.zeros_like(x)
            step.flat[i] = eps
            grad.flat[i] = (f(x + step) - f(x - step)) / (2 * eps)
        return grad

    from coursekit.gradcheck import numerical_gradient as reference

    case = (ClosureOver(lambda w: float(np.sum(w ** 2)), 1), np.array([1.0, -2.0]))
    with pytest.raises(AssertionError, match="2 of 2 values differ"):
        check_function(copies, reference, [case])


def test_project_compares_part_of_the_result():
    def summary(result):
        w, b, history = result
        return w, b, history.errors

    table, AND = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1]
    w, b, history = perceptron.train_perceptron(table, AND)

    def train(X, y):  # the right w, b and errors, but no weights recorded
        return w, b, PerceptronHistory(weights=[], biases=[], errors=list(history.errors))

    check_function(train, perceptron.train_perceptron, [(table, AND)], project=summary,
                   quiet=True)
    with pytest.raises(AssertionError, match=r"item 2 \.weights: expected shape"):
        check_function(train, perceptron.train_perceptron, [(table, AND)])


def test_a_result_of_the_wrong_form_for_project_is_explained():
    outcome = Outcome("value", 3.0)
    problem = function_problem("f", (), (1.0, 2.0), outcome, project=lambda r: (r[0], r[1]))
    assert "not of the form the docstring describes" in problem


def test_tuples_of_arrays_are_compared_item_by_item():
    def reference(x):
        return np.array([x, x]), float(x)

    def student(x):
        return np.array([x, x]), float(x) + 1

    with pytest.raises(AssertionError, match="item 1: wrong value"):
        check_function(student, reference, [(1.0,)])


def test_cases_must_be_tuples():
    with pytest.raises(TypeError, match="tuple of arguments"):
        check_function(naive_sigmoid, activations.sigmoid, [0.0])


def test_call_here_returns_what_travels():
    outcome = call_here(lambda x: (x, np.float32(2)), (np.arange(2.0),))
    assert outcome.kind == "value" and isinstance(outcome.value, tuple)
    assert outcome.value[1].dtype == np.float32
    assert call_here(lambda: lambda: 1, ()).value.what == "function"  # cannot travel


def test_check_answer(capsys):
    check_answer("n_parameters", 13, 13)
    assert capsys.readouterr().out == "✓ n_parameters: correct\n"
    check_answer("n_parameters", np.int64(13), 13)  # a numpy integer is an integer
    check_answer("n_parameters", 13.0, 13)
    with pytest.raises(AssertionError, match="(?s)n_parameters: wrong value.*hint: count"):
        check_answer("n_parameters", 12, 13, hint="count the biases")
    with pytest.raises(AssertionError, match="answer with a whole number"):
        check_answer("n_parameters", 12.5, 13)
    with pytest.raises(AssertionError, match="choice: wrong value"):
        check_answer("choice", " B ", "c")
    check_answer("choice", " C ", "c")


@pytest.mark.parametrize("answer, form, message", [
    (None, "letter", 'one of the letters "a", "b", "c", "d"; got None'),
    ("ab", "letter", "one of the letters"),
    ("e", "letter", "one of the letters"),
    (True, "number", "a number"),
    ("0.25", "number", "a number"),
    ((2, 2.5), ("integer", "integer"), "a whole number"),
    ([2], ("integer", "integer"), "2 values in parentheses"),
])
def test_the_form_of_an_answer_is_checked_before_grading(answer, form, message, capsys):
    with pytest.raises(AssertionError, match=message.replace("(", r"\(")):
        check_answer("q", answer, form=form)
    check_answer("q", "b" if form == "letter" else (1, 2) if isinstance(form, tuple) else 3,
                 form=form)
    assert "answered (it is graded when your notebook is)" in capsys.readouterr().out


def test_uses_that_fail_when_graded_are_noted_in_the_students_run(capsys, tmp_path):
    data = tmp_path / "z.txt"
    data.write_text("2.0")

    def relu(z):
        return max(float(open(data).read()) * 0 + z, 0.0)

    check_function(relu, activations.relu, [(1.0,)])
    out = capsys.readouterr().out
    assert out.startswith("note: relu, line 2: reads a file (open): when your notebook is graded")
    assert out.endswith("✓ relu: the case matches the reference\n")


def _double(y_true, y_pred):
    return 2.0 * losses.mse(y_true, y_pred)


@pytest.fixture
def mse_catalogue(monkeypatch):
    """A catalogue in which "mse" has a misconception equal to the reference (never named)
    and one that doubles it."""
    known = (Misconception("same", losses.mse, "SAME"),
             Misconception("doubled", _double, "DOUBLED"))
    monkeypatch.setitem(catalogue(), "mse", known)
    return known


def test_a_wrong_value_that_a_misconception_gives_is_named(mse_catalogue):
    def mse(y_true, y_pred):
        return 2.0 * float(np.mean((np.asarray(y_pred) - np.asarray(y_true)) ** 2))

    with pytest.raises(AssertionError) as failed:
        check_function(mse, losses.mse, [([1.0, 2.0], [1.0, 2.0]), ([0.0], [3.0])], hint="H")
    assert failed.value.args[0].endswith("\n  why: DOUBLED\n  hint: H")


def test_a_misconception_is_named_only_where_it_differs_from_the_answer(mse_catalogue):
    assert diagnosis("mse", ([0.0], [3.0]), 9.0, 9.0) == ""  # "same" gives the right answer
    assert diagnosis("mse", ([0.0], [3.0]), 9.0, 18.0) == "DOUBLED"
    assert diagnosis("mse", ([0.0], [3.0]), 9.0, 10.0) == ""  # wrong, but not a known way
    assert diagnosis("mse", ([0.0], [0.0]), 0.0, 1.0) == ""  # doubling 0 changes nothing


def test_a_misconception_must_also_give_the_answers_values_on_the_other_cases():
    def mse(y_true, y_pred):  # squares after the mean: at errors summing to 0 it is the mean
        return float(np.mean(np.asarray(y_pred) - np.asarray(y_true)) ** 2)

    cancelling = ([20.0, 3.0, 1.0], [10.0, 8.0, 6.0])  # errors -10, 5, 5: their mean is 0
    with pytest.raises(AssertionError) as failed:
        check_function(mse, losses.mse, [cancelling, ([1.0, 2.0], [3.0, 5.0])])
    assert "without squaring" not in str(failed.value) and "why:" not in str(failed.value)

    def unsquared(y_true, y_pred):  # the misconception itself: named
        return float(np.mean(np.asarray(y_pred) - np.asarray(y_true)))

    unsquared.__name__ = "mse"

    with pytest.raises(AssertionError, match="without squaring"):
        check_function(unsquared, losses.mse, [cancelling, ([1.0, 2.0], [3.0, 5.0])])


@pytest.mark.parametrize("answer", [float("nan"), float("inf"), -1e400, np.float64("nan")])
@pytest.mark.parametrize("form", ["number", "integer"])
def test_an_answer_that_is_not_a_finite_number_is_a_wrong_form_not_a_crash(answer, form):
    with pytest.raises(AssertionError, match="answer with a (whole )?number"):
        check_answer("q", answer, 1.0 if form == "number" else 1, form=form)


SPLIT_CASES = [(np.arange(20.0).reshape(10, 2), np.arange(10.0), 0.3, 0)]


def split_facts(result):
    """What any valid split has (sizes), not which rows a seed picks."""
    X_train, y_train, X_val, y_val = result
    return len(X_train), len(X_val)


def test_a_seeded_check_passes_an_answer_drawing_in_another_order():
    def train_val_split(X, y, val_fraction, rng):
        order = np.random.default_rng(rng).permutation(len(X))[::-1]  # another valid order
        n_val = round(val_fraction * len(X))
        return X[order[n_val:]], y[order[n_val:]], X[order[:n_val]], y[order[:n_val]]

    check_function(train_val_split, model_selection.train_val_split, SPLIT_CASES,
                   project=split_facts, seeded=3, quiet=True)


def test_a_seeded_check_fails_an_answer_that_ignores_or_reseeds_rng():
    def train_val_split(X, y, val_fraction, rng):  # a fixed rule: the rng is never used
        n_val = round(val_fraction * len(X))
        return X[n_val:], y[n_val:], X[:n_val], y[:n_val]

    with pytest.raises(AssertionError, match="same result for rng = 11 and rng = 12"):
        check_function(train_val_split, model_selection.train_val_split, SPLIT_CASES,
                       project=split_facts, seeded=3)
    fresh = np.random.default_rng()

    def reseeding(X, y, val_fraction, rng):  # draws from a generator of its own
        order = fresh.permutation(len(X))
        n_val = round(val_fraction * len(X))
        return X[order[n_val:]], y[order[n_val:]], X[order[:n_val]], y[order[:n_val]]

    reseeding.__name__ = "train_val_split"
    with pytest.raises(AssertionError, match="two different results for the same rng = 11"):
        check_function(reseeding, model_selection.train_val_split, SPLIT_CASES,
                       project=split_facts, seeded=3)


def test_the_catalogue_names_each_misconception_once_per_exercise():
    for exercise, known in catalogue().items():
        names = [m.name for m in known]
        assert len(names) == len(set(names)), exercise
        for m in known:
            assert m.says and "\n" not in m.says and len(m.says) <= 240, (exercise, m.name)
            assert m.compute.__name__ != "<lambda>", (exercise, m.name)  # restricted when graded


def test_long_values_are_summarised_at_the_first_difference_with_its_path():
    W = np.arange(60.0).reshape(20, 3)

    def reference(x):
        return 0.5, {"W": W, "b": np.zeros(3)}

    def student(x):
        wrong = W.copy()
        wrong[2, 0] = -1.0
        return 0.5, {"W": wrong, "b": np.zeros(3)}

    with pytest.raises(AssertionError) as failed:
        check_function(student, reference, [(1.0,)])
    assert failed.value.args[0] == (
        "student(1.0): item 1 ['W']: 1 of 60 values differ, the first at [2, 0]\n"
        "  first difference at item 1 ['W'][2, 0]: expected 6.0, got -1.0")


def test_functions_passed_in_are_shown_by_name_and_lambdas_by_their_source():
    def apply(f, x):
        return f(x) + 1.0

    def reference(f, x):
        return f(x)

    with pytest.raises(AssertionError, match=r"apply\(lambda u: 2\.0 \* u, 1\.0\)"):
        check_function(apply, reference, [(lambda u: 2.0 * u, 1.0)])
    with pytest.raises(AssertionError, match=r"apply\(sigmoid, 1\.0\)"):
        check_function(apply, reference, [(activations.sigmoid, 1.0)])
    cases = [(lambda v, scale=(2, 3): scale[0] * v, 1.0), (lambda w: (w - 3) ** 2,
                                                         1.0)]
    for case, shown in zip(cases, ["apply(lambda v, scale=(2, 3): scale[0] * v, 1.0)",
                                   "apply(lambda w: (w - 3) ** 2, 1.0)"]):
        with pytest.raises(AssertionError) as failure:
            check_function(apply, reference, [case])
        assert str(failure.value).startswith(shown + ": wrong value")


def test_a_failed_check_shows_its_message_and_the_students_line_without_coursekit(capsys):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_cell("from coursekit.checks import check_function\nfrom coursekit import losses\n"
                   "import numpy as np")
    shell.run_cell("def mse(y_true, y_pred):\n    n = len(y_true)\n"
                   "    return np.mean((np.asarray(y_pred) - y_true) ** 2) / undefined_name")
    shell.run_cell("check_function(mse, losses.mse, [([1.0, 2.0], [1.0, 3.0])])")
    shown = capsys.readouterr().out
    assert "CheckFailed: mse([1.0, 2.0], [1.0, 3.0]) raised NameError" in shown
    assert "at line 3 of your cell, in mse: return np.mean(" in shown
    assert "checks.py" not in shown and "Traceback" not in shown
