"""nbgrader's collect, taking a submission only from the student it names.

nbgrader's exchange names each submission folder ``<student>+<assignment>+<time>+<random>``, and
``nbgrader collect`` believes the name (it only logs a warning): any student who can write to
``inbound/`` can hand in a folder in a classmate's name, newer than theirs. It also copies the
folder following links, as the instructor: a link to the solutions would bring them in. Here a
folder counts only when it, and everything in it, belongs to the system user its name claims and
is a plain file or folder: a classmate's folder is skipped in favour of the student's own latest,
and a student with no folder of their own is not collected, with an error in the log.

The time of a submission (its folder's name and ``timestamp.txt``, both written by the student's
own ``nbgrader submit``) is taken as no earlier than the folder's last change on disk (its ctime,
which no user can set back): a late submission cannot be dated before the deadline.
"""

from __future__ import annotations

import os
import pwd
import stat
from datetime import datetime, timezone

from nbgrader.exchange.default.collect import ExchangeCollect

TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f UTC"  # nbgrader's, in UTC


class OwnerCheckedCollect(ExchangeCollect):
    """``nbgrader collect`` (:class:`ExchangeCollect`) without the submissions a student made
    in someone else's name (module docs). Set as ``c.ExchangeFactory.collect``."""

    def _owned(self, record: dict) -> bool:
        """Whether the inbound folder of ``record`` is a real folder of plain files and folders
        that all belong to the user its name claims. nbgrader leaves the folder writable by
        all (a file someone else put there makes it not the student's) and copies it following
        links (a link would bring in whatever the instructor can read: the solutions)."""
        folder = os.path.join(self.inbound_path, record["filename"])
        try:
            uid = pwd.getpwnam(record["username"]).pw_uid
            return all((info := os.lstat(path)).st_uid == uid
                       and (stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode))
                       for path in self._paths(folder))
        except (OSError, KeyError):
            return False

    def _paths(self, folder: str) -> list[str]:
        """``folder`` and everything in it (links not followed, ``folder`` included)."""
        if os.path.islink(folder):
            return [folder]
        return [folder] + [os.path.join(parent, name) for parent, folders, files in
                           os.walk(folder) for name in folders + files]

    def _path_to_record(self, path: str) -> dict:
        """nbgrader's record of an inbound folder, its time no earlier than the folder's last
        change (module docs)."""
        record = super()._path_to_record(path)
        try:
            changed = max(os.lstat(p).st_ctime for p in self._paths(path))
        except OSError:
            return record
        changed_at = datetime.fromtimestamp(changed, timezone.utc).replace(tzinfo=None)
        record["timestamp"] = max(record["timestamp"], changed_at)
        return record

    def do_copy(self, src: str, dest: str, log=None) -> None:
        """nbgrader's copy, with ``timestamp.txt`` holding the time of :meth:`_path_to_record`
        (what late penalties and later collects read)."""
        super().do_copy(src, dest, log)
        with open(os.path.join(dest, "timestamp.txt"), "w") as stamp:
            stamp.write(self._path_to_record(src)["timestamp"].strftime(TIMESTAMP_FORMAT))

    def _sort_by_timestamp(self, records: list[dict]) -> list[dict]:
        """The student's own folders, newest first (nbgrader takes the first, or the first
        before the due date); the others are logged, and taken only when there is no own one,
        to be dropped at copy time."""
        own = [record for record in records if self._owned(record)]
        for record in records:
            if record not in own:
                self.log.error("Not collected: %s is in %s's name but not all theirs (handed "
                               "in or changed by another user, or holds a link)",
                               record["filename"], record["username"])
        return super()._sort_by_timestamp(own or records)

    def copy_files(self) -> None:
        self.src_records = [record for record in self.src_records if self._owned(record)]
        super().copy_files()
