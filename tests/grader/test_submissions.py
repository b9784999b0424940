"""nn_course.submissions: identity from one place, nothing guessed, every refusal reported."""

import os
import stat
import zipfile

import pytest

from nn_course import submissions as subs

ASSIGNMENTS = ["01_perceptron", "02_activations"]
NOTEBOOK = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


def make(root, *names):
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(NOTEBOOK)
    return root


def graded(found):
    return sorted((s.student, s.assignment, s.path.name) for s in found.submissions)


def test_a_folder_names_its_student_and_a_flat_file_names_its_own(tmp_path):
    found = subs.collect(make(tmp_path, "bob/01_perceptron.ipynb", "zoe_01_perceptron.ipynb",
                              "bob/zoe_02_activations.ipynb", "cleo/work/01_perceptron (1).ipynb"),
                         ASSIGNMENTS)
    assert graded(found) == [("bob", "01_perceptron", "01_perceptron.ipynb"),
                             ("bob", "02_activations", "zoe_02_activations.ipynb"),
                             ("cleo", "01_perceptron", "01_perceptron (1).ipynb"),
                             ("zoe", "01_perceptron", "zoe_01_perceptron.ipynb")]
    assert found.ignored == []


def test_names_that_become_the_same_id_are_both_refused(tmp_path):
    found = subs.collect(make(tmp_path, "ana perez/01_perceptron.ipynb",
                              "ana_perez/01_perceptron.ipynb", "dan/01_perceptron.ipynb"),
                         ASSIGNMENTS)
    assert graded(found) == [("dan", "01_perceptron", "01_perceptron.ipynb")]
    assert len(found.ignored) == 1
    assert "'ana perez' and 'ana_perez' both become the student id 'ana_perez'" in \
        found.ignored[0]


def test_two_notebooks_for_one_assignment(tmp_path):
    found = subs.collect(make(tmp_path, "bob/01_perceptron.ipynb", "bob/old_01_perceptron.ipynb",
                              "eve/a_01_perceptron.ipynb", "eve/b_01_perceptron.ipynb"),
                         ASSIGNMENTS)
    assert graded(found) == [("bob", "01_perceptron", "01_perceptron.ipynb")]
    assert any("several 01_perceptron of bob; graded bob/01_perceptron.ipynb" in p
               for p in found.ignored)
    assert any("refused: several 01_perceptron notebooks of eve" in p for p in found.ignored)


def test_links_special_files_and_huge_notebooks_are_refused(tmp_path):
    make(tmp_path, "bob/01_perceptron.ipynb")
    os.symlink("/etc/passwd", tmp_path / "mallory_01_perceptron.ipynb")
    (tmp_path / "trudy").mkdir()
    os.symlink(tmp_path / "bob", tmp_path / "trudy" / "02_activations.ipynb")
    os.symlink(tmp_path / "bob", tmp_path / "victor")
    os.mkfifo(tmp_path / "oscar_02_activations.ipynb")
    (tmp_path / "zed_02_activations.ipynb").write_bytes(b" " * (subs.MAX_NOTEBOOK_BYTES + 1))
    found = subs.collect(tmp_path, ASSIGNMENTS)
    assert graded(found) == [("bob", "01_perceptron", "01_perceptron.ipynb")]
    text = "\n".join(found.ignored)
    for name in ("mallory_01_perceptron.ipynb: refused: a symbolic link",
                 "trudy/02_activations.ipynb: refused: a symbolic link",
                 "victor: refused: a symbolic link",
                 "oscar_02_activations.ipynb: refused: not a regular file",
                 "zed_02_activations.ipynb: refused: larger than 5 MB"):
        assert name in text


def test_other_files_are_listed(tmp_path):
    found = subs.collect(make(tmp_path, "bob/01_perceptron.ipynb", "01_perceptron.ipynb",
                              "bob/notes.ipynb"), ASSIGNMENTS)
    (tmp_path / "readme.txt").write_text("hi")
    found = subs.collect(tmp_path, ASSIGNMENTS)
    assert graded(found) == [("bob", "01_perceptron", "01_perceptron.ipynb")]
    assert {p.split(":")[0] for p in found.ignored} == {"01_perceptron.ipynb", "bob/notes.ipynb",
                                                       "readme.txt"}


def test_a_wrapper_folder_is_opened_but_a_students_folder_is_not(tmp_path):
    wrapped = make(tmp_path / "a", "submissions/bob/01_perceptron.ipynb",
                   "submissions/cleo/01_perceptron.ipynb")
    assert [s.student for s in subs.collect(wrapped, ASSIGNMENTS).submissions] == ["bob", "cleo"]
    alone = make(tmp_path / "b", "bob/01_perceptron.ipynb")
    assert [s.student for s in subs.collect(alone, ASSIGNMENTS).submissions] == ["bob"]


def test_a_bad_zip_entry_is_listed_and_the_rest_is_unpacked(tmp_path):
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("bob/01_perceptron.ipynb", NOTEBOOK)
        z.writestr("../evil_01_perceptron.ipynb", NOTEBOOK)
        z.writestr("/abs_01_perceptron.ipynb", NOTEBOOK)
        z.writestr("cleo", NOTEBOOK)
        z.writestr("cleo/01_perceptron.ipynb", NOTEBOOK)  # cleo is a file already
        z.writestr("dan/01_perceptron.ipynb", NOTEBOOK)
        with pytest.warns(UserWarning, match="Duplicate name"):
            z.writestr("dan/01_perceptron.ipynb", b"second")  # the same name again
        link = zipfile.ZipInfo("eve_01_perceptron.ipynb")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(link, "/etc/passwd")
    folder, temp, refused = subs.unpack(archive)
    try:
        assert sorted(p.split(": refused: ")[1] for p in refused) == [
            "a file and a folder with the same name", "a path that climbs out of the archive (..)",
            "a second entry with the same name", "a symbolic link", "an absolute path"]
        found = subs.collect(folder, ASSIGNMENTS)
        assert sorted(s.student for s in found.submissions) == ["bob", "dan"]
        assert (folder / "dan" / "01_perceptron.ipynb").read_bytes() == NOTEBOOK
        assert not (tmp_path / "evil_01_perceptron.ipynb").exists()
    finally:
        temp.cleanup()


def test_a_zip_that_unpacks_to_too_much_is_cut(tmp_path, monkeypatch):
    monkeypatch.setattr(subs, "MAX_UNPACKED_BYTES", 10_000)
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a_01_perceptron.ipynb", NOTEBOOK)
        z.writestr("b_01_perceptron.ipynb", b"0" * 50_000)
    folder, temp, refused = subs.unpack(archive)
    try:
        assert refused == ["zip entry 'b_01_perceptron.ipynb': refused: more than the archive "
                           "may unpack"]
        assert [s.student for s in subs.collect(folder, ASSIGNMENTS).submissions] == ["a"]
    finally:
        temp.cleanup()


def test_neither_folder_nor_zip_is_an_error(tmp_path):
    (tmp_path / "x.txt").write_text("no")
    with pytest.raises(ValueError, match="neither a folder nor a zip file"):
        subs.unpack(tmp_path / "x.txt")


def test_nbgraders_collected_folder_is_graded_in_place(tmp_path):
    """``nbgrader collect``'s layout, one student or several: the top folder names the student,
    nbgrader's two files are expected, and staging leaves notebook and files untouched."""
    for students in (["ada"], ["ada", "bob"]):
        submitted = tmp_path / "-".join(students) / "submitted"
        for student in students:
            folder = make(submitted, f"{student}/01_perceptron/01_perceptron.ipynb") / student
            for name in subs.NBGRADER_FILES:
                (folder / "01_perceptron" / name).write_text(f"{name} of {student}")
        found = subs.collect(submitted, ASSIGNMENTS)
        assert graded(found) == [(s, "01_perceptron", "01_perceptron.ipynb") for s in students]
        assert found.ignored == []
        for submission in found.submissions:
            assert subs.stage(submission, submitted) == submission.path
            assert submission.path.read_bytes() == NOTEBOOK
            assert (submission.path.parent / "timestamp.txt").read_text() == \
                f"timestamp.txt of {submission.student}"


def test_staging_elsewhere_replaces_the_students_folder(tmp_path):
    make(tmp_path / "class", "bob/01_perceptron.ipynb")
    stale = make(tmp_path / "submitted", "bob/01_perceptron/old.txt")
    (tmp_path / "class" / "bob" / "01_perceptron.ipynb").write_text("new")
    submission = subs.collect(tmp_path / "class", ASSIGNMENTS).submissions[0]
    staged = subs.stage(submission, stale)
    assert staged == stale / "bob" / "01_perceptron" / "01_perceptron.ipynb"
    assert staged.read_text() == "new"
    assert sorted(p.name for p in staged.parent.iterdir()) == ["01_perceptron.ipynb"]


def test_a_renamed_notebook_in_nbgraders_folder_is_kept_while_staged(tmp_path):
    submitted = make(tmp_path / "submitted", "ben/01_perceptron/01_perceptron-final.ipynb")
    (submitted / "ben" / "01_perceptron" / "timestamp.txt").write_text("t")
    submission = subs.collect(submitted, ASSIGNMENTS).submissions[0]
    staged = subs.stage(submission, submitted)
    assert staged.read_bytes() == NOTEBOOK and submission.path.read_bytes() == NOTEBOOK
    assert (staged.parent / "timestamp.txt").read_text() == "t"


def test_the_assignment_folder_decides_the_assignment_of_its_notebooks(tmp_path):
    """In nbgrader's ``<student>/<assignment>/`` a notebook is that assignment's, whatever its
    name; one named for another assignment (handed in through this one's folder, after its own
    deadline perhaps) counts for neither."""
    submitted = make(tmp_path / "submitted", "eve/01_perceptron/01_perceptron.ipynb",
                     "eve/01_perceptron/02_activations.ipynb",
                     "eve/01_perceptron/sub/02_activations.ipynb",
                     "eve/01_perceptron/02_activations/x.ipynb", "gus/01_perceptron/Untitled.ipynb")
    found = subs.collect(submitted, ASSIGNMENTS)
    assert graded(found) == [("eve", "01_perceptron", "01_perceptron.ipynb"),
                             ("gus", "01_perceptron", "Untitled.ipynb")]
    assert sorted(found.ignored) == [
        f"eve/01_perceptron/{path}: ignored: its folders and its name refer to different "
        "assignments (01_perceptron, 02_activations)"
        for path in ("02_activations.ipynb", "02_activations/x.ipynb", "sub/02_activations.ipynb")]
