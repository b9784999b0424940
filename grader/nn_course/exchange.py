"""nbgrader's collect, taking a submission only from the student it names.

nbgrader's exchange names each submission folder ``<student>+<assignment>+<time>+<random>`` and
``nbgrader collect`` believes the name: any student who can write to ``inbound/`` can hand in a
folder in a classmate's name, newer than theirs, and it is collected as the classmate's (nbgrader
only logs a warning). Here a folder counts only when it, and everything in it, is owned by the
system user its name claims: a classmate's folder is skipped in favour of the student's own
latest, and a student with no folder of their own is not collected, with an error in the log.
"""

from __future__ import annotations

import os
import pwd

from nbgrader.exchange.default.collect import ExchangeCollect


class OwnerCheckedCollect(ExchangeCollect):
    """``nbgrader collect`` (:class:`ExchangeCollect`) without the submissions a student made
    in someone else's name (module docs). Set as ``c.ExchangeFactory.collect``."""

    def _owned(self, record: dict) -> bool:
        """Whether the inbound folder of ``record`` and everything in it (not where a link
        points) belong to the user its name claims (nbgrader leaves the folder writable by
        all: a file someone else put there makes it not the student's)."""
        folder = os.path.join(self.inbound_path, record["filename"])
        try:
            uid = pwd.getpwnam(record["username"]).pw_uid
            paths = [folder] + [os.path.join(parent, name) for parent, folders, files in
                                os.walk(folder) for name in folders + files]
            return all(os.lstat(path).st_uid == uid for path in paths)
        except (OSError, KeyError):
            return False

    def _sort_by_timestamp(self, records: list[dict]) -> list[dict]:
        """The student's own folders, newest first (nbgrader takes the first, or the first
        before the due date); the others are logged, and taken only when there is no own one,
        to be dropped at copy time."""
        own = [record for record in records if self._owned(record)]
        for record in records:
            if record not in own:
                self.log.error("Not collected: %s is in %s's name but not all theirs (handed "
                               "in or changed by another user)", record["filename"],
                               record["username"])
        return super()._sort_by_timestamp(own or records)

    def copy_files(self) -> None:
        self.src_records = [record for record in self.src_records if self._owned(record)]
        super().copy_files()
