"""Folders at predictable names in the shared temporary directory: another user cannot plant
them (a fake coursekit for the sandboxes, a link for the grader to write through)."""

import os
import stat
import tempfile

import pytest

from nn_course import restricted
from nn_course.private import private_folder


def test_a_missing_folder_is_made_with_its_mode(tmp_path):
    folder = private_folder(tmp_path / "cache", 0o755)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755 and folder.stat().st_uid == os.getuid()
    assert private_folder(folder, 0o755) == folder  # ours: accepted again


@pytest.mark.parametrize("plant", ["writable by others", "a link", "a file"])
def test_a_planted_folder_is_refused(tmp_path, plant):
    path = tmp_path / "nn-course-1001"
    if plant == "writable by others":
        path.mkdir()
        path.chmod(0o777)
    elif plant == "a link":
        (tmp_path / "elsewhere").mkdir()
        path.symlink_to(tmp_path / "elsewhere")
    else:
        path.write_text("")
    with pytest.raises(RuntimeError, match="is not a folder of this user's"):
        private_folder(path, 0o755)


@pytest.mark.skipif(os.getuid() != 0, reason="only root can make a folder another user owns")
def test_another_users_folder_is_refused(tmp_path):
    path = tmp_path / "nn-course-0"
    path.mkdir(mode=0o755)
    os.chown(path, 65534, 65534)  # nobody's, as if another user had made it first
    with pytest.raises(RuntimeError, match="another user may have made it first"):
        private_folder(path, 0o755)


def test_the_graders_coursekit_is_never_taken_from_a_planted_cache(tmp_path):
    cache = tmp_path / "nn-course-1001"
    planted = cache / "01_perceptron-planted" / "coursekit"
    planted.mkdir(parents=True)
    (planted / "__init__.py").write_text("print('planted')")
    cache.chmod(0o777)  # anyone could have put it there
    with pytest.raises(RuntimeError, match="another user may have made it first"):
        restricted.build("01_perceptron", cache_root=cache)
    cache.chmod(0o755)  # ours and closed: built, and not the planted one
    built = restricted.build("01_perceptron", cache_root=cache)
    assert built.parent.parent == cache and "planted" not in (built / "__init__.py").read_text()


def test_a_taken_default_cache_costs_the_cache_not_the_grading(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    taken = tmp_path / f"nn-course-{os.getuid()}"
    taken.mkdir(mode=0o777)  # another user's, or anyone's: refused
    taken.chmod(0o777)
    built = restricted.build("01_perceptron")
    assert taken not in built.parents and (built / "__init__.py").is_file()
    assert built.parent.parent.name.startswith(f"nn-course-{os.getuid()}-")
