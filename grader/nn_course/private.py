"""Folders at predictable names in a shared temporary directory, safe from other users.

Anyone can make ``/tmp/<name>`` first: a folder there that another user made or can write
could hold planted files (a coursekit the sandboxes would load) or links (a lock file opened
for writing that truncates the grader's own files). :func:`private_folder` makes such a folder,
or accepts it only when it is this user's and no one else can write it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from coursekit.language import tr


def private_folder(path: Path, mode: int) -> Path:
    """``path``, made with ``mode`` (e.g. ``0o755``: readable by all, writable by this user
    only) if it is missing; raises :class:`RuntimeError` when it is a link, not a folder,
    another user's, or writable by others."""
    path = Path(path)
    try:
        path.mkdir(mode=mode)
    except FileExistsError:
        pass
    info = os.lstat(path)
    if (not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid()
            or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
        raise RuntimeError(tr("{path} is not a folder of this user's that only it can write "
                              "(another user may have made it first): remove it, or set TMPDIR "
                              "to a private folder").format(path=path))
    os.chmod(path, mode)  # mkdir's mode is cut by the umask
    return path
