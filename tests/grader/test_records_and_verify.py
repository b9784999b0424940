"""Check records (coursekit.records, checks in grading mode) and the grader's verdicts."""

import json

import nbformat
import numpy as np
import pytest

from coursekit import checks, records
from nn_course import verify


def roundtrip(value):
    return records.decode(json.loads(json.dumps(records.encode(value))))


@pytest.mark.parametrize("value", [
    None, True, 3, -2.5, "a", float("inf"), [1, 2.5], (1, "x"), {"a": 1.0, "b": [2]},
    np.arange(6.0).reshape(2, 3), np.array([True, False]), np.int64(4), np.float32(0.5),
])
def test_values_survive_json(value):
    got = roundtrip(value)
    assert checks._difference(value, got, 0, 0) == ""


def test_nan_and_dataclasses_survive_json():
    from coursekit.perceptron import PerceptronHistory

    assert np.isnan(roundtrip(float("nan")))
    history = roundtrip(PerceptronHistory(weights=[np.zeros(2)], biases=[0.0], errors=[1]))
    assert history["__class__"] == "PerceptronHistory" and history["errors"] == [1]


@pytest.mark.parametrize("data", [
    {"ndarray": "AAAA", "dtype": "|O", "shape": [1]},       # object arrays never decode
    {"ndarray": "not base64!", "dtype": "<f8", "shape": [1]},
    {"ndarray": "AAAAAAAAAAA=", "dtype": "<f8", "shape": [3]},  # wrong size
    {"dict": [[[1], 2]]}, {"what": 1}, [1, 2], {"a": 1, "b": 2},
])
def test_malformed_records_decode_to_a_value_equal_to_nothing(data):
    value = records.decode(data)
    assert checks._difference(1.0, value, 0, 0) != ""


def published(monkeypatch, mode, call):
    sent = []
    monkeypatch.setenv("NN_COURSE_GRADING", mode)
    monkeypatch.setattr(records, "publish", sent.append)
    call()
    return sent


def reference(x):
    return 2 * x


def test_record_mode_publishes_student_values_without_judging(monkeypatch):
    def student(x):
        return 3 * x

    sent = published(monkeypatch, "1", lambda: checks.check_function(
        student, reference, [(1.0,), (2.0,)]))
    assert sent == [{"kind": "function", "name": "student",
                     "outcomes": [["value", 3.0], ["value", 6.0]]}]


def test_expected_mode_publishes_the_reference_values(monkeypatch):
    sent = published(monkeypatch, "expected", lambda: checks.check_function(
        lambda x: 0, reference, [(1.0,)], hint="h", quiet=True))
    assert sent[0]["values"] == [2.0] and sent[0]["cases"] == ["1.0"] and sent[0]["quiet"]
    assert sent[0]["reference"].endswith(".reference")


def test_record_mode_stops_a_runaway_call(monkeypatch):
    monkeypatch.setattr(checks, "RECORD_SECONDS", 0.2)

    def stuck(x):
        while True:
            pass

    sent = published(monkeypatch, "1", lambda: checks.check_function(
        stuck, reference, [(1.0,), (2.0,)]))
    (kind, message), = sent[0]["outcomes"]  # the second case is not tried
    assert kind == "error" and checks.TOO_SLOW in message


def test_record_mode_flags_reference_calls(monkeypatch):
    sent = published(monkeypatch, "1", lambda: checks.check_function(
        lambda x: reference(x), reference, [(1.0,)]))
    assert sent[0]["outcomes"] == [["reference", None]]


def graded_cell(*published_records, error=None):
    outputs = [nbformat.v4.new_output("display_data", data={records.MIME: r})
               for r in published_records]
    if error:
        outputs.append(nbformat.v4.new_output("error", ename="E", evalue=error, traceback=[]))
    return nbformat.v4.new_code_cell("check(...)", outputs=outputs)


EXPECTED = [{"kind": "function", "name": "f", "reference": "m.f", "cases": ["1.0", "2.0"],
             "values": [2.0, 4.0], "hint": "double it", "rtol": 1e-7, "atol": 1e-10,
             "quiet": False}]


def test_verdict_passes_matching_values_and_prints_the_success_line():
    cell = graded_cell({"kind": "function", "name": "f",
                        "outcomes": [["value", 2.0], ["value", 4.0000000001]]})
    assert verify.verdict(EXPECTED, cell) == ([], [checks.SUCCESS.format(name="f", count=2)])


@pytest.mark.parametrize("student, message", [
    ({"kind": "function", "name": "f", "outcomes": [["value", 2.0], ["value", 5.0]]},
     "f(2.0): 1 of 1 values differ"),
    ({"kind": "function", "name": "f", "outcomes": [["value", 2.0]]}, "did not report every"),
    ({"kind": "function", "name": "g", "outcomes": []}, "did not report as expected"),
    ({"kind": "function", "name": "f", "outcomes": "all good"}, "did not report every"),
    ({"kind": "function", "name": "f", "outcomes": [["pass", 1]]}, "unreadable result"),
    ({"kind": "function", "name": "f", "outcomes": [["reference", None]]},
     checks.CALLS_REFERENCE),
    ({"kind": "answer", "name": "f", "value": 2.0}, "did not report as expected"),
])
def test_verdict_rejects_wrong_forged_or_partial_records(student, message):
    problems, lines = verify.verdict(EXPECTED, graded_cell(student))
    assert lines == [] and message in problems[0]


def test_a_cell_without_records_fails_with_its_error():
    problems, _ = verify.verdict(EXPECTED, graded_cell(error="NameError: f"))
    assert problems == ["E: NameError: f"]
    assert verify.verdict(EXPECTED, graded_cell())[0] == ["the checks of this cell did not all run"]


def test_answers_are_compared_with_the_trusted_value():
    expected = [{"kind": "answer", "name": "q", "value": "c", "hint": "", "rtol": 1e-7,
                 "atol": 1e-10}]
    right = graded_cell({"kind": "answer", "name": "q", "value": "c"})
    wrong = graded_cell({"kind": "answer", "name": "q", "value": "b"})
    assert verify.verdict(expected, right) == ([], ["✓ q: correct"])
    assert "q: wrong value" in verify.verdict(expected, wrong)[0][0]
