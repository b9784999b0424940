"""Feedback checks: pass on right answers, explain wrong ones, catch reference calls, stay quiet."""

import warnings

import numpy as np
import pytest

from coursekit import activations, losses
from coursekit.activations import sigmoid as aliased_reference
from coursekit.checks import check_answer, check_function

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


def test_stub_of_a_helper_is_named():
    def step(z):
        raise NotImplementedError("Implement step")

    def relu(z):
        return z * step(z)

    with pytest.raises(AssertionError, match="relu cannot run yet: Implement step"):
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
    lambda z: activations.softplus_derivative(z),  # calls the reference indirectly
])
def test_calling_the_reference_fails_with_the_reason(cheat):
    with pytest.raises(AssertionError, match="reference solution of this very exercise"):
        check_function(cheat, activations.sigmoid, CASES)


def test_calling_another_coursekit_function_is_allowed():
    def sigmoid(z):
        return 0.5 * (activations.tanh(np.asarray(z) / 2) + 1)

    check_function(sigmoid, activations.sigmoid, CASES)


def test_student_cannot_change_the_inputs_the_reference_sees():
    def relu(z):
        z[z < 0] = 0.0  # modifies its argument
        return z

    check_function(relu, activations.relu, [(np.array([-1.0, 2.0]),)])


def test_quiet_prints_nothing(capsys):
    check_function(naive_sigmoid, activations.sigmoid, CASES, quiet=True)
    assert capsys.readouterr().out == ""


def test_tuples_of_arrays_are_compared_item_by_item():
    def reference(x):
        return np.array([x, x]), float(x)

    def student(x):
        return np.array([x, x]), float(x) + 1

    with pytest.raises(AssertionError, match="item 1: 1 of 1 values differ"):
        check_function(student, reference, [(1.0,)])


def test_cases_must_be_tuples():
    with pytest.raises(TypeError, match="tuple of arguments"):
        check_function(naive_sigmoid, activations.sigmoid, [0.0])


def test_check_answer(capsys):
    check_answer("n_parameters", 13, 13)
    assert capsys.readouterr().out == "✓ n_parameters: correct\n"
    with pytest.raises(AssertionError, match="(?s)n_parameters: 1 of 1 values differ.*hint: count"):
        check_answer("n_parameters", 12, 13, hint="count the biases")
    with pytest.raises(AssertionError, match="choice: wrong value"):
        check_answer("choice", "b", "c")
