"""The Keras-like Sequential model: the slides' four steps, XOR, regression, errors."""

import numpy as np
import pytest

from coursekit import losses
from coursekit.datasets import curve_1d, xor
from coursekit.metrics import accuracy, r2_score
from coursekit.models import Dense, Sequential
from coursekit.network import count_parameters
from coursekit.optim import SGD, Adam, Momentum
from coursekit.training import History


def _xor_model(optimizer, rng=0, metrics=("accuracy",)):
    model = Sequential(rng=rng)                                         # 1. create
    model.add(Dense(8, activation="tanh", input_dim=2))                 # 2. add layers
    model.add(Dense(1, activation="sigmoid"))
    model.compile(loss="bce", optimizer=optimizer, metrics=list(metrics))  # 3. compile
    return model


@pytest.mark.parametrize(("optimizer", "expected_class"),
                         [("sgd", SGD), ("adam", Adam), ("momentum", Momentum)])
def test_four_steps_with_optimizer_by_name(optimizer, expected_class):
    X, y = xor()
    model = _xor_model(optimizer)
    history = model.fit(X, y, batch_size=2, epochs=3)                    # 4. fit
    assert isinstance(history, History)
    assert history.epochs == 3
    assert model.predict(X).shape == (4, 1)


def test_four_steps_with_optimizer_object_uses_that_object():
    X, y = xor()
    adam = Adam(lr=0.05)
    model = _xor_model(adam)
    model.fit(X, y, batch_size=2, epochs=3)
    assert adam.t == 3 * 2  # 3 epochs of 2 batches each: the given object did the updates
    model.fit(X, y, batch_size=4, epochs=2)
    assert adam.t == 6 + 2  # the same object keeps its state across fits


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sequential_solves_xor(seed):
    X, y = xor()
    model = _xor_model(Adam(lr=0.05), rng=seed)
    history = model.fit(X, y, batch_size=4, epochs=300)
    result = model.evaluate(X, y)
    assert result["accuracy"] == 1.0
    np.testing.assert_array_equal((model.predict(X)[:, 0] >= 0.5).astype(float), y)
    assert history.loss[-1] < history.loss[0]
    assert history.loss[-1] < 0.05


def test_fit_history_loss_decreases():
    X, y = xor()
    model = _xor_model(Adam(lr=0.05))
    history = model.fit(X, y, batch_size=4, epochs=100)
    assert len(history.loss) == 100
    assert history.loss[-1] < 0.5 * history.loss[0]
    # mostly downhill: a full-batch Adam run on XOR rarely goes up
    assert np.mean(np.diff(history.loss) < 0) > 0.8


def test_evaluate_matches_independent_computations():
    X, y = xor()
    model = _xor_model(Adam(lr=0.05))
    model.fit(X, y, batch_size=4, epochs=20)
    output = model.predict(X)
    result = model.evaluate(X, y)
    assert set(result) == {"loss", "accuracy"}
    assert result["loss"] == pytest.approx(losses.bce(y[:, None], output))
    assert result["accuracy"] == accuracy(y, (output[:, 0] >= 0.5).astype(float))


@pytest.mark.parametrize(("sizes", "n_samples"), [([2, 8, 1], 5), ([3, 5, 4, 2], 7)])
def test_predict_shape(sizes, n_samples):
    model = Sequential(rng=0)
    model.add(Dense(sizes[1], "relu", input_dim=sizes[0]))
    for units in sizes[2:]:
        model.add(Dense(units, "sigmoid"))
    model.compile(loss="mse", optimizer="sgd")
    output = model.predict(np.ones((n_samples, sizes[0])))
    assert output.shape == (n_samples, sizes[-1])


def test_count_params_equals_count_parameters_and_hand_count():
    # 3*5+5 + 5*4+4 + 4*2+2 = 20 + 24 + 10 = 54
    model = Sequential([Dense(5, "relu", input_dim=3), Dense(4, "tanh"), Dense(2, "sigmoid")])
    assert model.count_params() == count_parameters([3, 5, 4, 2]) == 54


def test_count_params_after_inferring_the_input_size():
    model = Sequential(rng=0)
    model.add(Dense(6, "tanh"))
    model.add(Dense(1, "sigmoid"))
    model.compile(loss="bce", optimizer="sgd")
    X, y = xor()
    model.fit(X, y, epochs=1)
    assert model.count_params() == count_parameters([2, 6, 1]) == 2 * 6 + 6 + 6 + 1


def test_same_rng_gives_the_same_model():
    X, y = xor()
    a, b = _xor_model(Adam(lr=0.05), rng=5), _xor_model(Adam(lr=0.05), rng=5)
    a.fit(X, y, batch_size=2, epochs=10)
    b.fit(X, y, batch_size=2, epochs=10)
    np.testing.assert_array_equal(a.predict(X), b.predict(X))


def test_slides_one_five_one_regression_improves_r2():
    X, y = curve_1d(50, rng=0)
    model = Sequential(rng=0)
    model.add(Dense(5, activation="sigmoid", input_dim=1))
    model.add(Dense(1, activation="linear"))
    model.compile(loss="mse", optimizer="adam", metrics=["r2_score"])
    assert model.count_params() == 1 * 5 + 5 + 5 * 1 + 1
    before = r2_score(y, model.predict(X)[:, 0])
    history = model.fit(X, y, epochs=300)
    after = r2_score(y, model.predict(X)[:, 0])
    assert after > before + 0.05
    assert model.evaluate(X, y)["r2_score"] == pytest.approx(after)
    assert history.loss[-1] < history.loss[0]


# --- errors ----------------------------------------------------------------------------------


def test_predict_before_compile_raises_runtime_error():
    model = Sequential()
    model.add(Dense(2, "relu", input_dim=2))
    X, y = xor()
    with pytest.raises(RuntimeError, match=r"compile"):
        model.predict(X)
    with pytest.raises(RuntimeError, match=r"compile"):
        model.fit(X, y)
    with pytest.raises(RuntimeError, match=r"compile"):
        model.evaluate(X, y)


def test_unknown_activation_lists_valid_names():
    with pytest.raises(ValueError, match="sigmod") as info:
        Dense(3, activation="sigmod")
    for valid in ("sigmoid", "relu", "tanh", "linear"):
        assert valid in str(info.value)


def test_unknown_loss_lists_valid_names():
    model = Sequential([Dense(1, "sigmoid", input_dim=2)])
    with pytest.raises(ValueError, match="binary_crossentropy") as info:
        model.compile(loss="binary_crossentropy", optimizer="sgd")
    for valid in ("mse", "bce", "cce"):
        assert valid in str(info.value)


def test_unknown_optimizer_lists_valid_names():
    model = Sequential([Dense(1, "sigmoid", input_dim=2)])
    with pytest.raises(ValueError, match="rmsprop") as info:
        model.compile(loss="bce", optimizer="rmsprop")
    for valid in ("sgd", "adam"):
        assert valid in str(info.value)


def test_unknown_metric_lists_valid_names():
    model = Sequential([Dense(1, "sigmoid", input_dim=2)])
    with pytest.raises(ValueError, match="accuracy"):
        model.compile(loss="bce", optimizer="sgd", metrics=["auc"])


@pytest.mark.parametrize("layer", ["dense", 3, None, object()])
def test_add_rejects_non_dense(layer):
    model = Sequential()
    with pytest.raises(TypeError, match="Dense"):
        model.add(layer)


@pytest.mark.parametrize("units", [0, -1, 2.5])
def test_dense_rejects_non_positive_units(units):
    with pytest.raises(ValueError, match="units"):
        Dense(units)


def test_model_without_layers_or_input_size_raises():
    with pytest.raises(ValueError, match="layers"):
        Sequential().count_params()
    with pytest.raises(ValueError, match="input_dim"):
        Sequential([Dense(2)]).count_params()


def test_fit_with_batch_size_none_is_full_batch():
    X, y = xor()
    adam = Adam(lr=0.05)
    _xor_model(adam).fit(X, y, batch_size=None, epochs=3)
    assert adam.t == 3  # one update per epoch
