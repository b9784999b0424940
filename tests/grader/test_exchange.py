"""nn_course.exchange: ``nbgrader collect`` takes a submission only from the student it names.

Needs root: the inbound folders belong to different system users (``nobody``, ``daemon``), as on
a hub (tests/hub does it with real students end to end).
"""

import json
import os
import pwd
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from nn_course.submissions import NBGRADER_FILES

PLUGIN = "nn_course.exchange.OwnerCheckedCollect"
DEEP = 1200  # nested folders: more than Python's recursion limit
pytestmark = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                                reason="needs root to hand in folders as other users")


def own(path, user):
    os.chown(path, pwd.getpwnam(user).pw_uid, pwd.getpwnam(user).pw_gid, follow_symlinks=False)


def hand_in(inbound, owner, name, time, text, notebook_owner=None, link_to=None,
            folder_name=None, nbgrader_files=NBGRADER_FILES):
    """A folder as ``nbgrader submit`` run by ``owner`` makes it (``name`` the student named)."""
    folder = inbound / (folder_name or f"{name}+ps1+2026-11-26 {time}.000000 UTC+"
                                       f"{owner[:3]}{time[:2]}")
    folder.mkdir()
    if link_to:
        (folder / "ps1.ipynb").symlink_to(link_to)
    else:
        (folder / "ps1.ipynb").write_text(json.dumps({"who": text}))
    for name in nbgrader_files:
        (folder / name).write_text(f"2026-11-26 {time}.000000 UTC" if name == "timestamp.txt"
                                   else f"{text}!".encode().hex())
        own(folder / name, owner)
    own(folder, owner)
    own(folder / "ps1.ipynb", notebook_owner or owner)
    return folder


def collect(root, exchange, plugin=PLUGIN, *options, pythonpath=""):
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", "collect", "ps1", "--update",
         f"--CourseDirectory.root={root}", "--CourseDirectory.course_id=c",
         f"--Exchange.root={exchange}", f"--ExchangeFactory.collect={plugin}", *options],
        cwd=root, capture_output=True, text=True,  # nbgrader runs `alembic` for a new gradebook
        env={**os.environ, "PATH": f"{os.path.dirname(sys.executable)}:{os.environ['PATH']}",
             "PYTHONPATH": os.pathsep.join(filter(None, [pythonpath,
                                                         os.environ.get("PYTHONPATH")]))})
    assert run.returncode == 0, run.stderr
    return run


def collected(root):
    """``{student: what their collected ps1.ipynb says}``."""
    return {student.name: json.loads((student / "ps1" / "ps1.ipynb").read_text())["who"]
            for student in (root / "submitted").iterdir()
            if (student / "ps1" / "ps1.ipynb").exists()}


@pytest.fixture
def inbound(tmp_path):
    folder = tmp_path / "exchange" / "c" / "inbound"
    folder.mkdir(parents=True)
    (tmp_path / "course").mkdir()
    return folder


@pytest.mark.parametrize("plugin", [PLUGIN, "nbgrader.exchange.default.collect.ExchangeCollect"])
def test_a_submission_in_a_classmates_name_is_not_collected(tmp_path, inbound, plugin):
    started = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    hand_in(inbound, "nobody", "nobody", "10:00:00", "nobody's own")
    hand_in(inbound, "daemon", "nobody", "11:00:00", "daemon's, in nobody's name")
    hand_in(inbound, "daemon", "bin", "11:00:00", "daemon's, in bin's name")
    hand_in(inbound, "daemon", "daemon", "09:00:00", "daemon's own")
    hand_in(inbound, "daemon", "daemon", "12:00:00", "replaced by bin", notebook_owner="bin")
    solution = tmp_path / "instructor" / "solution.ipynb"  # only a link could bring it
    solution.parent.mkdir()
    solution.write_text(json.dumps({"who": "the instructor's solution"}))
    hand_in(inbound, "nobody", "nobody", "13:00:00", "", link_to=solution)
    linked_folder = inbound / "nobody+ps1+2026-11-26 14:00:00.000000 UTC+linkdir"
    linked_folder.symlink_to(solution.parent)  # the whole folder a link
    os.lchown(linked_folder, pwd.getpwnam("nobody").pw_uid, pwd.getpwnam("nobody").pw_gid)
    run = collect(tmp_path / "course", tmp_path / "exchange", plugin)
    submitted = tmp_path / "course" / "submitted"
    got = collected(tmp_path / "course")
    if plugin.startswith("nbgrader."):  # what nbgrader alone does: the forgeries win
        assert "nobody" not in got  # the newest is a linked folder: the instructor's is copied
        assert (submitted / "nobody" / "ps1" / "solution.ipynb").exists()
        assert got["daemon"] == "replaced by bin" and "bin" in got
        return
    assert got == {"nobody": "nobody's own", "daemon": "daemon's own"}
    # handed in today at 10:00, says the name; the disk says the folder changed only now
    stamp = (submitted / "nobody" / "ps1" / "timestamp.txt").read_text()
    assert datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S.%f UTC") >= started
    foreign, link = "handed in or changed by another user", "it holds a link or a special file"
    assert f"UTC+dae11, in bin's name: {foreign}" in run.stderr
    assert f"UTC+dae12, in daemon's name: {foreign}" in run.stderr
    assert f"UTC+nob13, in nobody's name: {link}" in run.stderr
    assert f"UTC+linkdir, in nobody's name: {link}" in run.stderr


SWAPPING_COLLECT = """
import os, shutil
from nn_course.exchange import OwnerCheckedCollect

class SwappingCollect(OwnerCheckedCollect):
    swapped = False

    def swap(self):  # the student's move
        if not self.swapped:
            shutil.rmtree({path!r}) if os.path.isdir({path!r}) else os.remove({path!r})
            os.symlink({target!r}, {path!r})
            os.lchown({path!r}, {uid}, {gid})
            self.swapped = True

    def copy_files(self):
        if {when!r} == "copy_files":
            self.swap()
        super().copy_files()

    def do_copy(self, src, dest, log=None):
        if {when!r} == "do_copy":
            self.swap()
        super().do_copy(src, dest, log)
"""


@pytest.mark.parametrize("swapped", ["ps1.ipynb", "work"])
@pytest.mark.parametrize("when", ["copy_files", "do_copy"])
def test_a_link_swapped_in_after_the_checks_brings_nothing_in(tmp_path, inbound, swapped, when):
    """The student swaps a file or a folder for a link to the solutions once the folders are
    listed and checked: before the copy starts, or as nbgrader's copy begins."""
    solutions = tmp_path / "instructor"
    solutions.mkdir()
    (solutions / "ps1.ipynb").write_text(json.dumps({"who": "the instructor's solution"}))
    folder = hand_in(inbound, "nobody", "nobody", "10:00:00", "nobody's own")
    (folder / "work").mkdir()
    (folder / "work" / "notes.txt").write_text("draft")
    own(folder / "work", "nobody")
    own(folder / "work" / "notes.txt", "nobody")
    hand_in(inbound, "daemon", "daemon", "10:00:00", "daemon's own")
    user = pwd.getpwnam("nobody")
    target = solutions / "ps1.ipynb" if swapped == "ps1.ipynb" else solutions
    (tmp_path / "swapping.py").write_text(SWAPPING_COLLECT.format(
        path=str(folder / swapped), target=str(target), uid=user.pw_uid, gid=user.pw_gid,
        when=when))
    run = collect(tmp_path / "course", tmp_path / "exchange", "swapping.SwappingCollect",
                  pythonpath=str(tmp_path))
    assert not [path for path in (tmp_path / "course").rglob("*")
                if path.is_file() and "instructor" in path.read_text(errors="replace")]
    if when == "copy_files":  # seen as a link when read: refused
        assert collected(tmp_path / "course") == {"daemon": "daemon's own"}
        assert f"in nobody's name: '{swapped}' is a link" in run.stderr
    else:  # what is copied was read before
        assert collected(tmp_path / "course") == {"nobody": "nobody's own",
                                                  "daemon": "daemon's own"}


def test_folders_collect_cannot_read_are_skipped_and_the_class_collected(tmp_path, inbound):
    """nbgrader's collect stops for everyone at a folder name whose time it cannot parse, and
    a folder without submission_secret.txt stops release_feedback: each is skipped, logged."""
    hand_in(inbound, "nobody", "nobody", "10:00:00", "nobody's own")
    hand_in(inbound, "nobody", "nobody", "11:00:00", "no time",
            folder_name="nobody+ps1+garbage+x")
    hand_in(inbound, "nobody", "nobody", "11:00:00", "empty time", folder_name="nobody+ps1+")
    hand_in(inbound, "daemon", "daemon", "09:00:00", "daemon's own")
    hand_in(inbound, "daemon", "daemon", "12:00:00", "hand-made", nbgrader_files=())
    hand_in(inbound, "bin", "bin", "12:00:00", "no secret", nbgrader_files=("timestamp.txt",))
    hand_in(inbound, "nobody", "nobody", "12:00:00", "a FutureWarning from dateutil",
            folder_name="nobody+ps1+2026-11-26 12:00:00 ..+x")
    hand_in(inbound, "nobody", "nobody", "12:00:00", "a line of its own",
            folder_name="nobody+ps1+12:00\n[CollectApp | INFO] Collecting submission: y+x")
    hand_in(inbound, "lp", "lp", "09:00:00", "lp's own")
    renamed = hand_in(inbound, "lp", "lp", "12:00:00", "renamed by a classmate")
    (renamed / "ps1.ipynb").rename(renamed / "ps1.ipynb.bak")  # the folder is writable by all
    for user, secret in (("sys", ""), ("sync", "../../x"), ("games", "é")):
        (hand_in(inbound, user, user, "12:00:00", f"{user}'s") / "submission_secret.txt"
         ).write_text(secret)  # each stopped release_feedback for the class
    run = collect(tmp_path / "course", tmp_path / "exchange")
    assert collected(tmp_path / "course") == {"nobody": "nobody's own", "daemon": "daemon's own",
                                              "lp": "lp's own"}
    assert "UTC+lp12, in lp's name: it lacks ps1.ipynb" in run.stderr
    assert "nobody+ps1+garbage+x, in nobody's name: its name holds no time" in run.stderr
    assert "nobody+ps1+, in nobody's name: its name holds no time" in run.stderr
    assert ("UTC+dae12, in daemon's name: it lacks timestamp.txt and submission_secret.txt"
            in run.stderr)
    assert "UTC+bin12, in bin's name: it lacks submission_secret.txt" in run.stderr
    assert "12:00:00 ..+x, in nobody's name: its name holds no time" in run.stderr
    assert "12:00\\n[CollectApp | INFO] Collecting submission: y+x, in nobody's name" in run.stderr
    for user in ("sys", "sync", "games"):
        assert (f"in {user}'s name: its submission_secret.txt is not one nbgrader submit "
                "writes") in run.stderr


def test_a_folder_too_large_too_full_or_too_deep_is_refused_alone(tmp_path, inbound):
    hand_in(inbound, "nobody", "nobody", "10:00:00", "x" * 3000)
    hand_in(inbound, "daemon", "daemon", "10:00:00", "daemon's own")
    # exactly nbgrader's limit until collect writes the time into an empty timestamp.txt
    exact = hand_in(inbound, "games", "games", "10:00:00", "games' own")
    (exact / "timestamp.txt").write_text("")
    (exact / "pad").write_bytes(b"." * (2000 - sum(f.stat().st_size for f in exact.iterdir())))
    own(exact / "pad", "games")
    many = hand_in(inbound, "man", "man", "10:00:00", "man's own")
    for number in range(1000):  # each costs nbgrader's autograde a listing of the folder
        (many / str(number)).touch()
        own(many / str(number), "man")
    try:
        # deeper than Python's recursion (os.walk stopped the collect), and than nbgrader's copy
        for user, depth in (("bin", DEEP), ("sys", 600)):
            nest(hand_in(inbound, user, user, "10:00:00", f"{user}'s own", folder_name=
                         f"{user}+ps1+2026-11-26 10:00:00.000000 UTC+deep"), depth, user)
        run = collect(tmp_path / "course", tmp_path / "exchange", PLUGIN,
                      "--CourseDirectory.max_dir_size=2")
        got = collected(tmp_path / "course")
    finally:  # shutil.rmtree, pytest's clean-up, recurses as deep: GNU rm does not
        subprocess.run(["rm", "-rf", str(inbound), str(tmp_path / "course" / "submitted")])
    assert got == {"daemon": "daemon's own"}
    for user in ("nobody", "games"):
        assert f"in {user}'s name: larger than 2 kB (CourseDirectory.max_dir_size)" in run.stderr
    assert "in man's name: more than 1000 files and folders" in run.stderr
    for user in ("bin", "sys"):
        assert f"deep, in {user}'s name: folders nested more than 64 deep" in run.stderr


def nest(folder, depth, owner):
    """``depth`` folders, each in the one before, in ``folder``, owned by ``owner``."""
    fd = os.open(folder, os.O_RDONLY)
    for _ in range(depth):
        os.mkdir("d", dir_fd=fd)
        os.chown("d", pwd.getpwnam(owner).pw_uid, 0, dir_fd=fd)
        fd, parent = os.open("d", os.O_RDONLY, dir_fd=fd), fd
        os.close(parent)
    os.close(fd)
