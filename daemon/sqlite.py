"""Opening the daemon's SQLite databases the one way they are all used."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Literal


def open_database(
    path: Path | str, schema: str, synchronous: Literal["NORMAL", "FULL"] = "NORMAL"
) -> sqlite3.Connection:
    """A connection shared by the daemon's threads (callers hold their own lock), in WAL mode,
    autocommit unless a caller opens a transaction, with `schema` applied.

    `path` may be ":memory:" for state that lives for one run.
    """
    if isinstance(path, Path):
        path.parent.mkdir(parents=True, exist_ok=True)
    # a writer waiting on another process (a `feeds list` while the daemon runs) waits, not fails
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA synchronous={synchronous}")
    db.executescript(schema)
    return db
