"""The outbox: events waiting for the broker, durable in SQLite, delivered in the order queued.

An article's events are appended here before the article is recorded as done, so neither a dead
broker nor a crash loses them. The event id is unique: re-queuing an event that is still waiting
(an article processed again after a crash) adds nothing.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from pathlib import Path

from daemon.model import OutboundRecord
from daemon.sqlite import open_database

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    headers TEXT NOT NULL
);
"""


class Outbox:
    """Queued event records, oldest first; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        # FULL: an event acknowledged as queued must survive a power cut
        self._db = open_database(path, _SCHEMA, synchronous="FULL")

    def append(self, records: Sequence[OutboundRecord]) -> None:
        """Queue records atomically (all or none); ones already waiting are not queued twice."""
        rows = [
            (r.event_id, r.key, json.dumps(r.value, ensure_ascii=False), _headers(r))
            for r in records
        ]
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "INSERT OR IGNORE INTO outbox (event_id, key, value, headers) "
                    "VALUES (?, ?, ?, ?)",
                    rows,
                )
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def oldest(self, limit: int) -> list[OutboundRecord]:
        """Up to `limit` waiting records, in the order they were queued."""
        with self._lock:
            rows = self._db.execute(
                "SELECT event_id, key, value, headers FROM outbox ORDER BY seq LIMIT ?", (limit,)
            ).fetchall()
        return [
            OutboundRecord(
                event_id=row[0],
                key=row[1],
                value=json.loads(row[2]),
                headers=tuple((name, value.encode()) for name, value in json.loads(row[3])),
            )
            for row in rows
        ]

    def remove(self, event_ids: Sequence[str]) -> None:
        """Forget records the broker acknowledged."""
        with self._lock:
            self._db.executemany("DELETE FROM outbox WHERE event_id = ?", [(e,) for e in event_ids])

    def depth(self) -> int:
        """How many records are waiting."""
        with self._lock:
            (count,) = self._db.execute("SELECT COUNT(*) FROM outbox").fetchone()
        return int(count)

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()


def _headers(record: OutboundRecord) -> str:
    return json.dumps([(name, value.decode()) for name, value in record.headers])
