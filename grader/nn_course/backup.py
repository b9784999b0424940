"""A copy of the gradebook before every grading run (``<course root>/reports/backups/``).

SQLite gradebooks are copied with SQLite's online backup (consistent even while another process
writes); PostgreSQL ones are dumped with ``pg_dump``. The newest ``KEEP`` copies are kept.
To restore a SQLite copy, put it back as ``gradebook.db``; a dump, with ``psql -f``.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

from sqlalchemy.engine import make_url

KEEP = 20


def backup(db_url: str, folder: Path) -> Path | None:
    """Copy the gradebook at ``db_url`` into ``folder``; the copy's path, or None when there is
    no gradebook yet.

    Raises
    ------
    RuntimeError
        The gradebook exists but could not be copied (grading must not start then).
    """
    url = make_url(db_url)
    now = time.time_ns()
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now // 10**9)) + f"-{now % 10**9:09d}"
    folder.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        source = Path(url.database or "")
        if not url.database or not source.is_file():
            return None
        target = folder / f"gradebook-{stamp}.db"
        try:
            with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
                src.backup(dst)
        except sqlite3.Error as error:
            raise RuntimeError(f"could not back up the gradebook {source}: {error}") from error
    elif url.get_backend_name() == "postgresql":
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            raise RuntimeError("pg_dump is needed to back up a PostgreSQL gradebook; install "
                               "the PostgreSQL client (Debian: postgresql-client)")
        target = folder / f"gradebook-{stamp}.sql"
        plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
        done = subprocess.run([pg_dump, "--dbname", plain, "--file", str(target)],
                              capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"pg_dump failed: {done.stderr.strip()[-500:]}")
    else:
        raise RuntimeError(f"no backup method for a {url.get_backend_name()} gradebook")
    for old in sorted(folder.glob("gradebook-*"))[:-KEEP]:
        old.unlink()
    return target
