"""nn_course.backup: a copy of the gradebook before every grading run."""

import os
import sqlite3
import sys

import pytest
from nbgrader.api import Gradebook

from nn_course import backup as backups


@pytest.fixture(autouse=True)
def alembic_on_path(monkeypatch):
    """nbgrader runs its environment's `alembic` by name when it creates a gradebook."""
    monkeypatch.setenv("PATH", os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])


def test_no_gradebook_yet_means_no_backup(tmp_path):
    assert backups.backup(f"sqlite:///{tmp_path / 'gradebook.db'}", tmp_path / "b") is None


def test_sqlite_copy_holds_the_gradebook_as_it_was(tmp_path):
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    with Gradebook(url) as gradebook:
        gradebook.add_student("ana")
    saved = backups.backup(url, tmp_path / "b")
    with Gradebook(url) as gradebook:
        gradebook.add_student("ben")
    with sqlite3.connect(saved) as copy:
        assert copy.execute("select id from student").fetchall() == [("ana",)]


def test_only_the_newest_copies_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(backups, "KEEP", 3)
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    with Gradebook(url) as gradebook:
        gradebook.add_student("ana")
    made = [backups.backup(url, tmp_path / "b") for _ in range(5)]
    assert sorted((tmp_path / "b").iterdir()) == sorted(made[-3:])


def test_unknown_databases_are_refused(tmp_path):
    with pytest.raises(RuntimeError, match="no backup method"):
        backups.backup("mysql://x/y", tmp_path)
