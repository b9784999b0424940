"""The two editions are two courses: their own folders, gradebooks and language."""

import pytest

from nn_course.course import edition


def test_each_edition_has_its_folders_and_language():
    english, spanish = edition("en"), edition("es")
    assert (english.language, spanish.language) == ("en", "es")
    assert spanish.english.root == english.root and english.english is None
    assert spanish.solutions != english.solutions and spanish.release != english.release
    assert spanish.root != english.root  # submitted/, autograded/, feedback/, reports/ apart
    with pytest.raises(ValueError, match="the course has the editions en, es; got 'fr'"):
        edition("fr")


def test_a_spanish_class_never_shares_the_english_gradebook(monkeypatch):
    monkeypatch.setenv("NN_COURSE_DB_URL", "postgresql://grader@db/english")
    assert edition("en").db_url == "postgresql://grader@db/english"
    assert edition("es").db_url == f"sqlite:///{edition('es').root / 'gradebook.db'}"
    monkeypatch.setenv("NN_COURSE_ES_DB_URL", "postgresql://grader@db/spanish")
    assert edition("es").db_url == "postgresql://grader@db/spanish"
