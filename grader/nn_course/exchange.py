"""nbgrader's collect, taking a submission only from the student it names.

nbgrader's exchange names each submission folder ``<student>+<assignment>+<time>+<random>`` and
``nbgrader collect`` believes the name: any student who can write to ``inbound/`` can hand in a
folder in a classmate's name, newer than theirs, and it is collected as the classmate's (nbgrader
only logs a warning). Here a folder counts only when it is owned by the system user its name
claims: a classmate's folder is skipped in favour of the student's own latest, and a student with
no folder of their own is not collected, with an error in the log.
"""

from __future__ import annotations

import os
import pwd

from nbgrader.exchange.default.collect import ExchangeCollect


class OwnerCheckedCollect(ExchangeCollect):
    """``nbgrader collect`` (:class:`ExchangeCollect`) without the submissions a student made
    in someone else's name (module docs). Set as ``c.ExchangeFactory.collect``."""

    def _owned(self, record: dict) -> bool:
        """Whether the inbound entry of ``record`` (not where a link points) belongs to the
        user its name claims."""
        try:
            owner = os.lstat(os.path.join(self.inbound_path, record["filename"])).st_uid
            return pwd.getpwuid(owner).pw_name == record["username"]
        except (OSError, KeyError):
            return False

    def _sort_by_timestamp(self, records: list[dict]) -> list[dict]:
        """The student's own folders, newest first (nbgrader takes the first, or the first
        before the due date); only when there is none, the others, refused at copy time."""
        own = [record for record in records if self._owned(record)]
        return super()._sort_by_timestamp(own or records)

    def copy_files(self) -> None:
        for record in [r for r in self.src_records if not self._owned(r)]:
            self.log.error("Not collected: %s is in %s's name but not theirs (handed in by "
                           "another user)", record["filename"], record["username"])
            self.src_records.remove(record)
        super().copy_files()
