"""nbgrader's collect, taking a submission only from the student it names, as they made it.

nbgrader's exchange names each submission folder ``<student>+<assignment>+<time>+<random>``, and
``nbgrader collect`` believes the name (it only logs a warning): any student who can write to
``inbound/`` can hand in a folder in a classmate's name, newer than theirs. It also copies the
folder following links, as the instructor: a link to the solutions would bring them in. Here a
folder counts only when it, and everything in it, belongs to the system user its name claims, is
a plain file or folder, and holds what ``nbgrader submit`` writes (the assignment's notebook,
``timestamp.txt`` and a hexadecimal ``submission_secret.txt``, without which its feedback cannot
be released) under a name whose time can be read, within limits of size, depth and number of
files. A classmate's, changed or hand-made folder is skipped in favour of the student's own
latest; a student with none is not collected; each refusal is logged as an error, and the rest
of the class is collected (each of these folders stopped nbgrader's collect, grading or
release_feedback for everyone).

The check is made again on what is copied: each entry is opened without following links and
checked on the opened file, into a private copy that nbgrader's copy then reads, so swapping a
file for a link between the check and the copy brings nothing in.

The time of a submission (its folder's name and ``timestamp.txt``, both written by the student's
own ``nbgrader submit``) is taken as no earlier than the last change on disk of anything in it
(ctime, which no user can set back): a late submission cannot be dated before the deadline.
"""

from __future__ import annotations

import errno
import os
import pwd
import re
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import islice

from nbgrader.exchange.default.collect import ExchangeCollect

from nn_course.sanitize import printable
from nn_course.submissions import NBGRADER_FILES

TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f UTC"  # nbgrader's, in UTC
_NO_LINKS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK  # a FIFO does not block the open
MAX_DEPTH = 64  # folders in folders: nbgrader's copy recurses, 2 calls a level, to about 1000
_TOO_DEEP = f"folders nested more than {MAX_DEPTH} deep"
MAX_ENTRIES = 1000  # files and folders: nbgrader's autograde lists a folder once per file
_TOO_MANY = f"more than {MAX_ENTRIES} files and folders"
_TOO_LARGE = "larger than {} kB (CourseDirectory.max_dir_size)"


class _Refused(Exception):
    """Why a submission folder is not collected."""


@dataclass
class _Allowance:
    """What a submission folder's copy may still take."""

    size: int  # bytes (nbgrader's CourseDirectory.max_dir_size)
    entries: int = MAX_ENTRIES


def _is_secret(path: str) -> bool:
    """Whether ``path`` holds what ``nbgrader submit`` writes there: hexadecimal digits (the
    name of the released feedback; an empty or unreadable one stopped release_feedback)."""
    try:
        with open(path, encoding="ascii") as secret:
            return re.fullmatch(r"[0-9a-f]+", secret.read()) is not None
    except (OSError, UnicodeDecodeError):
        return False


def _utc(ctime: float) -> datetime:
    return datetime.fromtimestamp(ctime, timezone.utc).replace(tzinfo=None)


class OwnerCheckedCollect(ExchangeCollect):
    """``nbgrader collect`` (:class:`ExchangeCollect`) of the folders each student made
    themselves (module docs). Set as ``c.ExchangeFactory.collect``."""

    def _path_to_record(self, path: str) -> dict:
        """nbgrader's record of an inbound folder, its time no earlier than the last change of
        anything in it, and ``refusal``: why it cannot be collected, or None."""
        name = os.path.basename(path)
        try:
            record = super()._path_to_record(path)
        except Exception:  # nbgrader's parser (dateutil) raises ValueError, OverflowError or
            # a FutureWarning for some names, any of which stopped the whole collect
            return {"username": name.rsplit("+", 3)[0], "filename": name,
                    "timestamp": datetime.min, "refusal": "its name holds no time nbgrader reads"}
        try:
            infos = [os.lstat(p) for p in islice(self._paths(path), MAX_ENTRIES + 2)]
            record["refusal"] = self._refusal(path, infos, pwd.getpwnam(record["username"]).pw_uid)
            changed = max(info.st_ctime for info in infos)
            record["timestamp"] = max(record["timestamp"], _utc(changed))
        except (OSError, KeyError) as error:
            record["refusal"] = f"unreadable ({error})"
        except RecursionError:
            record["refusal"] = _TOO_DEEP
        return record

    @staticmethod
    def _paths(folder: str) -> Iterator[str]:
        """``folder`` and everything in it (links not followed, ``folder`` first)."""
        yield folder
        if not os.path.islink(folder):
            for parent, folders, files in os.walk(folder):
                yield from (os.path.join(parent, name) for name in folders + files)

    def _refusal(self, folder: str, infos: list[os.stat_result], uid: int) -> str | None:
        """Why ``folder``, whose entries' ``lstat`` are ``infos``, is not the student ``uid``'s
        own submission (module docs), or None. nbgrader leaves it writable by all: a file
        someone else put there makes it not theirs."""
        if len(infos) > MAX_ENTRIES + 1:
            return _TOO_MANY
        for info in infos:
            if info.st_uid != uid:
                return "handed in or changed by another user"
            if not (stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode)):
                return "it holds a link or a special file"
        missing = [f for f in self._required() if not os.path.isfile(os.path.join(folder, f))]
        return f"it lacks {' and '.join(missing)}" if missing else None

    def _required(self) -> tuple[str, ...]:
        """What a folder ``nbgrader submit`` made holds: the assignment's notebook (without it,
        or renamed by a classmate who learned the folder's name, collect would replace the
        notebook collected before by nothing) and nbgrader's files (one made by hand without
        them would stop release_feedback)."""
        return (f"{self.coursedir.assignment_id}.ipynb", *NBGRADER_FILES)

    def _log_refused(self, record: dict, why: str) -> None:
        self.log.error("Not collected: %s, in %s's name: %s", *map(printable, (
            record["filename"], record["username"], why)))

    def _sort_by_timestamp(self, records: list[dict]) -> list[dict]:
        """The student's own folders, newest first (nbgrader takes the first, or the first
        before the due date); the others are logged, and taken only when there is no own one,
        to be dropped at copy time."""
        own = [record for record in records if record["refusal"] is None]
        for record in records:
            if record["refusal"] is not None:
                self._log_refused(record, record["refusal"])
        return super()._sort_by_timestamp(own or records)

    def copy_files(self) -> None:
        """nbgrader's copy, from private copies of the chosen folders (module docs)."""
        with tempfile.TemporaryDirectory(prefix="nn-course-collect-") as copies:
            taken = []
            for record in self.src_records:
                if record["refusal"] is None:
                    try:
                        self._copy_own(record, copies)
                        taken.append(record)
                    except (_Refused, OSError, KeyError) as why:
                        self._log_refused(record, str(why))
                    except RecursionError:
                        self._log_refused(record, _TOO_DEEP)
            self.src_records = taken
            inbound, self.inbound_path = self.inbound_path, copies
            self.check_owner = False  # the copies are the instructor's; each was checked
            try:
                super().copy_files()
            finally:
                self.inbound_path = inbound

    def _copy_own(self, record: dict, copies: str) -> None:
        """Copy ``record``'s folder into ``copies`` if everything read belongs to the student
        (checked on each opened file), within nbgrader's ``max_dir_size``; its
        ``timestamp.txt`` then holds the time of the submission (module docs), also set in
        ``record``."""
        uid = pwd.getpwnam(record["username"]).pw_uid
        left = _Allowance(1000 * self.coursedir.max_dir_size)
        source = os.path.join(self.inbound_path, record["filename"])
        target = os.path.join(copies, record["filename"])
        try:
            folder = os.open(source, _NO_LINKS | os.O_DIRECTORY)
        except OSError as error:
            raise _Refused("not a folder" if error.errno in (errno.ELOOP, errno.ENOTDIR)
                           else str(error)) from None
        try:
            if os.fstat(folder).st_uid != uid:
                raise _Refused("handed in by another user")
            os.mkdir(target, 0o700)
            changed = self._copy_folder(folder, target, uid, left)
        finally:
            os.close(folder)
        if not all(os.path.isfile(os.path.join(target, f)) for f in self._required()):
            raise _Refused(f"it lacks one of {', '.join(self._required())}")
        if not _is_secret(os.path.join(target, "submission_secret.txt")):
            raise _Refused("its submission_secret.txt is not one nbgrader submit writes")
        record["timestamp"] = max(record["timestamp"], _utc(changed))
        with open(os.path.join(target, "timestamp.txt"), "w") as stamp:
            stamp.write(record["timestamp"].strftime(TIMESTAMP_FORMAT))
        if self.get_size(target) > 1000 * self.coursedir.max_dir_size:  # nbgrader's measure
            raise _Refused(_TOO_LARGE.format(self.coursedir.max_dir_size))

    def _copy_folder(self, folder: int, target: str, uid: int, left: _Allowance,
                     depth: int = 0) -> float:
        """Copy the open folder ``folder`` (``depth`` folders below the submission's) into
        ``target``, opening each entry without following links; the latest ctime seen, read
        after copying (a change made while copying counts)."""
        if depth > MAX_DEPTH:
            raise _Refused(_TOO_DEEP)
        changed = 0.0
        for name in os.listdir(folder):
            left.entries -= 1
            if left.entries < 0:
                raise _Refused(_TOO_MANY)
            try:
                entry = os.open(name, _NO_LINKS, dir_fd=folder)
            except OSError as error:
                raise _Refused(f"{name!r} is a link" if error.errno == errno.ELOOP
                               else f"{name!r}: {error.strerror}") from None
            try:
                info = os.fstat(entry)
                if info.st_uid != uid:
                    raise _Refused(f"{name!r} belongs to another user")
                copy = os.path.join(target, name)
                if stat.S_ISDIR(info.st_mode):
                    os.mkdir(copy, 0o700)
                    changed = max(changed, self._copy_folder(entry, copy, uid, left,
                                                             depth + 1))
                elif stat.S_ISREG(info.st_mode):
                    self._copy_file(entry, copy, left)
                else:
                    raise _Refused(f"{name!r} is not a plain file or folder")
                changed = max(changed, os.fstat(entry).st_ctime)
            finally:
                os.close(entry)
        return max(changed, os.fstat(folder).st_ctime)

    def _copy_file(self, entry: int, copy: str, left: _Allowance) -> None:
        """Copy the open file ``entry`` to ``copy``, refusing once the bytes ``left`` are
        passed (the file may grow while it is read)."""
        with open(entry, "rb", closefd=False) as data, open(copy, "xb") as out:
            while chunk := data.read(min(1 << 20, left.size + 1)):
                out.write(chunk)
                left.size -= len(chunk)
                if left.size < 0:
                    raise _Refused(_TOO_LARGE.format(self.coursedir.max_dir_size))
