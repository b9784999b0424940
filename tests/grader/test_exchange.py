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

pytestmark = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                                reason="needs root to hand in folders as other users")


def hand_in(inbound, owner, name, time, text, notebook_owner=None, link_to=None):
    folder = inbound / f"{name}+ps1+2026-11-26 {time}.000000 UTC+{owner[:3]}{time[:2]}"
    folder.mkdir()
    if link_to:
        (folder / "ps1.ipynb").symlink_to(link_to)
    else:
        (folder / "ps1.ipynb").write_text(json.dumps({"who": text}))
    for path, user in ((folder, owner), (folder / "ps1.ipynb", notebook_owner or owner)):
        os.chown(path, pwd.getpwnam(user).pw_uid, pwd.getpwnam(user).pw_gid,
                 follow_symlinks=False)


def collect(root, exchange, plugin):
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", "collect", "ps1", "--update",
         f"--CourseDirectory.root={root}", "--CourseDirectory.course_id=c",
         f"--Exchange.root={exchange}", f"--ExchangeFactory.collect={plugin}"],
        cwd=root, capture_output=True, text=True,  # nbgrader runs `alembic` for a new gradebook
        env={**os.environ, "PATH": f"{os.path.dirname(sys.executable)}:{os.environ['PATH']}"})
    assert run.returncode == 0, run.stderr
    return run


@pytest.mark.parametrize("plugin", ["nn_course.exchange.OwnerCheckedCollect",
                                    "nbgrader.exchange.default.collect.ExchangeCollect"])
def test_a_submission_in_a_classmates_name_is_not_collected(tmp_path, plugin):
    started = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    inbound = tmp_path / "exchange" / "c" / "inbound"
    inbound.mkdir(parents=True)
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
    (tmp_path / "course").mkdir()
    run = collect(tmp_path / "course", tmp_path / "exchange", plugin)
    submitted = tmp_path / "course" / "submitted"
    got = {student.name: json.loads((student / "ps1" / "ps1.ipynb").read_text())["who"]
           for student in submitted.iterdir() if (student / "ps1" / "ps1.ipynb").exists()}
    if plugin.startswith("nbgrader."):  # what nbgrader alone does: the forgeries win
        assert "nobody" not in got  # the newest is a linked folder: the instructor's is copied
        assert (submitted / "nobody" / "ps1" / "solution.ipynb").exists()
        assert got["daemon"] == "replaced by bin" and "bin" in got
        return
    assert got == {"nobody": "nobody's own", "daemon": "daemon's own"}
    # handed in today at 10:00, says the name; the disk says the folder changed only now
    stamp = (submitted / "nobody" / "ps1" / "timestamp.txt").read_text()
    assert datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S.%f UTC") >= started
    assert "bin+ps1+2026-11-26 11:00:00.000000 UTC+dae11 is in bin's name" in run.stderr
    assert "daemon+ps1+2026-11-26 12:00:00.000000 UTC+dae12 is in daemon's name" in run.stderr
    assert "nobody+ps1+2026-11-26 13:00:00.000000 UTC+nob13 is in nobody's name" in run.stderr
    assert "UTC+linkdir is in nobody's name" in run.stderr
