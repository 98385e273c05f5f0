"""Persistent state in SQLite (WAL): articles already processed, and per-feed fetch state.

An article is recorded only after all its events were acknowledged by the broker, so a crash
between the two repeats the article rather than losing its events.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from daemon.feeds import Validators
from daemon.model import Article

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    feed TEXT NOT NULL,
    url TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    events INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS feed_state (
    feed TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    last_attempt TEXT,
    last_success TEXT,
    last_status TEXT,
    failures INTEGER NOT NULL DEFAULT 0
);
"""


@dataclass(frozen=True, slots=True)
class FeedState:
    """What is remembered of one feed between cycles."""

    feed: str
    validators: Validators = field(default_factory=Validators)
    last_attempt: str | None = None
    last_success: str | None = None
    last_status: str | None = None
    failures: int = 0


class Store:
    """The state database; safe to share between scheduler threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def unseen(self, articles: Iterable[Article]) -> list[Article]:
        """The articles not processed before, in their order, each id once."""
        fresh: dict[str, Article] = {}
        with self._lock:
            for article in articles:
                if article.id in fresh:
                    continue
                row = self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,))
                if row.fetchone() is None:
                    fresh[article.id] = article
        return list(fresh.values())

    def record_article(self, article: Article, events: int, now: datetime) -> None:
        """Mark an article as done (its events, if any, are on the broker)."""
        with self._lock:
            self._db.execute(
                "INSERT OR IGNORE INTO articles (id, feed, url, first_seen, events) "
                "VALUES (?, ?, ?, ?, ?)",
                (article.id, article.feed, article.url, now.isoformat(), events),
            )

    def feed_state(self, feed: str) -> FeedState:
        """What was remembered of a feed; defaults for a new one."""
        with self._lock:
            row = self._db.execute(
                "SELECT etag, last_modified, last_attempt, last_success, last_status, failures "
                "FROM feed_state WHERE feed = ?",
                (feed,),
            ).fetchone()
        if row is None:
            return FeedState(feed)
        return FeedState(feed, Validators(row[0], row[1]), row[2], row[3], row[4], row[5])

    def save_feed_state(self, state: FeedState) -> None:
        """Remember a feed's validators and last outcome."""
        with self._lock:
            self._db.execute(
                "INSERT INTO feed_state (feed, etag, last_modified, last_attempt, last_success, "
                "last_status, failures) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(feed) DO UPDATE SET etag=excluded.etag, "
                "last_modified=excluded.last_modified, last_attempt=excluded.last_attempt, "
                "last_success=excluded.last_success, last_status=excluded.last_status, "
                "failures=excluded.failures",
                (
                    state.feed,
                    state.validators.etag,
                    state.validators.last_modified,
                    state.last_attempt,
                    state.last_success,
                    state.last_status,
                    state.failures,
                ),
            )

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()
