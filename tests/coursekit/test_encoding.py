"""The value encoding: lossless for what the exercises use, and decoding never runs code."""

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from coursekit.compare import difference
from coursekit.encoding import MAX_ITEMS, Record, Unreadable, decode, encode, roundtrip
from coursekit.perceptron import PerceptronHistory


def through_json(value):
    return decode(json.loads(json.dumps(encode(value))))


@pytest.mark.parametrize("value", [
    None, True, 3, -2.5, "a", float("inf"), 2**80, [1, 2.5], (1, "x"), {"a": 1.0, (1, 2): [2]},
    np.arange(6.0).reshape(2, 3), np.array([True, False]), np.array(["a", "bc"]),
    np.array(3.0), np.int64(4), np.float32(0.5), np.bool_(True), np.complex128(1 + 2j),
])
def test_values_survive_json_with_their_types(value):
    got = through_json(value)
    assert type(got) is type(value)
    if isinstance(value, np.ndarray):
        assert got.dtype == value.dtype and got.shape == value.shape
        np.testing.assert_array_equal(got, value)
    else:
        assert got == value


def test_a_0d_array_stays_0d_and_decoded_arrays_are_writable():
    got = through_json(np.where(np.float64(2.0) >= 0, 1.0, 0.0))
    assert got.shape == () and float(got) == 1.0
    array = through_json(np.zeros(3))
    array[0] = 1.0  # a student's function may change its inputs in place


def test_nan_dataclasses_and_generators_survive():
    assert np.isnan(through_json(float("nan")))
    history = through_json(PerceptronHistory(weights=[np.zeros(2)], biases=[0.0], errors=[1]))
    assert isinstance(history, Record) and history.record_name == "PerceptronHistory"
    assert history.errors == [1] and history.weights[0].shape == (2,)
    with pytest.raises(AttributeError):
        history.errors = []
    generator = np.random.default_rng(7)
    generator.random()
    copy = through_json(generator)
    assert copy.random() == generator.random()
    assert through_json(history).record_fields.keys() == history.record_fields.keys()


@given(hnp.arrays(hnp.boolean_dtypes() | hnp.integer_dtypes() | hnp.unsigned_integer_dtypes()
                  | hnp.floating_dtypes() | hnp.complex_number_dtypes(),
                  hnp.array_shapes(min_dims=0, max_dims=3, max_side=4)))
def test_any_numeric_array_roundtrips_exactly(array):
    got = through_json(array)
    assert got.dtype == array.dtype and got.shape == array.shape
    np.testing.assert_array_equal(got, array)


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                    | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner)
                    | st.dictionaries(st.text(max_size=3), inner, max_size=3), max_leaves=10))
def test_nested_python_values_roundtrip(value):
    assert through_json(value) == value


@pytest.mark.parametrize("data", [
    {"ndarray": "AAAA", "dtype": "|O", "shape": [1]},       # object arrays never decode
    {"ndarray": "not base64!", "dtype": "<f8", "shape": [1]},
    {"ndarray": "AAAAAAAAAAA=", "dtype": "<f8", "shape": [3]},  # wrong size
    {"scalar": "|O", "data": ""}, {"generator": "os.system", "state": {}},
    {"generator": "PCG64", "state": {"dict": [["bit_generator", "MT19937"]]}},
    {"record": "X", "fields": 3}, {"dict": [[[1], 2]]}, {"what": 1}, [1, 2], {"a": 1, "b": 2},
    {"int": "9" * 5000}, {"float": "1e999"}, {"callable": 0},
])
def test_malformed_data_decodes_to_a_value_equal_to_nothing(data):
    value = decode(data)
    assert isinstance(value, Unreadable) or difference(1.0, value, 0, 0) != ""


def test_deep_nesting_is_refused():
    data = 1.0
    for _ in range(100):
        data = {"list": [data]}
    value = decode(data)
    while isinstance(value, list):
        value = value[0]
    assert isinstance(value, Unreadable)


def test_a_value_of_too_many_items_is_refused_past_the_limit():
    within = decode({"list": [{"list": []}] * (MAX_ITEMS - 1)})
    assert len(within) == MAX_ITEMS - 1 and within[-1] == []
    beyond = decode({"tuple": [{"int": "1"}, {"list": [{"list": []}] * MAX_ITEMS}]})
    assert isinstance(beyond, Unreadable) and "too large" in repr(beyond)


def test_objects_that_cannot_travel_become_their_type_name():
    assert repr(through_json(object())) == "<object>"
    assert repr(through_json(lambda: 1)) == "<function>"


def test_roundtrip_keeps_callables_only_when_asked():
    f = np.sin
    assert roundtrip((f, 1.0), lambda g: g)[0] is f
    assert isinstance(roundtrip((f, 1.0))[0], Unreadable)


def test_a_decoded_record_never_lends_numpy_an_array_interface():
    data = {"record": "R", "fields": [["__array_interface__", {"dict": [
        ["data", {"tuple": [8, True]}], ["shape", {"tuple": [8]}], ["typestr", "|u1"],
        ["version", 3]]}], ["x", 1.0]]}
    record = decode(data)
    assert record.x == 1.0
    with pytest.raises(AttributeError):
        record.__array_interface__  # noqa: B018
    assert np.asarray(record).dtype == object  # not an array over address 8
    assert difference(1.0, record, 0, 0) != ""
