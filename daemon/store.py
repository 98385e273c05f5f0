"""Persistent state in SQLite (WAL): articles already processed, and per-feed fetch state.

An article is recorded only after all its events were acknowledged by the broker, so a crash
between the two repeats the article rather than losing its events.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from daemon.feeds import Validators, content_key, wire_key
from daemon.model import Article
from daemon.sqlite import open_database

# The circuit of a feed (see daemon.backoff).
CLOSED, OPEN, GONE = "closed", "open", "gone"

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
# Columns added after the first release; added in place to older databases.
_ADDED_COLUMNS = (
    ("articles", "content_hash", "TEXT"),
    ("articles", "wire_key", "TEXT"),
    ("articles", "duplicate_of", "TEXT"),
    # the last cycle that found the article in a feed: rows are pruned only once out of every feed
    ("articles", "last_seen", "TEXT"),
    # "summary" or "full_text": which text extraction read
    ("articles", "text_source", "TEXT"),
    ("feed_state", "url", "TEXT"),
    ("feed_state", "content_hash", "TEXT"),
    ("feed_state", "breaker", "TEXT NOT NULL DEFAULT 'closed'"),
    ("feed_state", "next_attempt", "TEXT"),
    ("feed_state", "quiet_runs", "INTEGER NOT NULL DEFAULT 0"),
)
_INDEXES = """
CREATE INDEX IF NOT EXISTS articles_wire_key ON articles (wire_key);
CREATE INDEX IF NOT EXISTS articles_last_seen ON articles (last_seen);
"""
_FEED_COLUMNS = (
    "etag, last_modified, last_attempt, last_success, last_status, failures, url, content_hash, "
    "breaker, next_attempt, quiet_runs"
)


@dataclass(frozen=True, slots=True)
class FeedState:
    """What is remembered of one feed between cycles."""

    feed: str
    validators: Validators = field(default_factory=Validators)
    last_attempt: str | None = None
    last_success: str | None = None
    last_status: str | None = None
    failures: int = 0
    # the URL this state belongs to: a feed whose URL changed starts afresh
    url: str | None = None
    content_hash: str | None = None
    breaker: str = CLOSED
    next_attempt: str | None = None
    quiet_runs: int = 0


class Store:
    """The state database; safe to share between scheduler threads."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._db = open_database(path, _SCHEMA)
        self._migrate()
        # ids and wire keys being processed by some thread right now
        self._inflight: set[str] = set()

    def _migrate(self) -> None:
        for table, column, kind in _ADDED_COLUMNS:
            present = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
            if column not in present:
                self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
        self._db.executescript(_INDEXES)

    def unseen(self, articles: Iterable[Article]) -> list[Article]:
        """The articles not processed before, in their order, each id once."""
        unique: dict[str, Article] = {}
        for article in articles:
            unique.setdefault(article.id, article)
        ids = list(unique)
        known: set[str] = set()
        with self._lock:
            for start in range(0, len(ids), 500):
                batch = ids[start : start + 500]
                rows = self._db.execute(
                    f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(batch))})", batch
                )
                known.update(row[0] for row in rows)
        return [article for ident, article in unique.items() if ident not in known]

    def claim(self, articles: Iterable[Article], now: datetime) -> list[Article]:
        """Like `unseen`, but also skip and then hold the ids other threads are processing.

        Two feeds listing one article in parallel process it once; `release` lets go. The known
        ones are marked as still listed, which keeps them from being pruned.
        """
        listed = list(articles)
        fresh = self.unseen(listed)
        known = list({a.id for a in listed} - {a.id for a in fresh})
        with self._lock:
            for start in range(0, len(known), 500):
                batch = known[start : start + 500]
                self._db.execute(
                    f"UPDATE articles SET last_seen = ? WHERE id IN ({','.join('?' * len(batch))})",
                    (now.isoformat(), *batch),
                )
            mine = [a for a in fresh if a.id not in self._inflight]
            self._inflight.update(a.id for a in mine)
        return mine

    def release(self, articles: Iterable[Article]) -> None:
        """Let go of claimed articles (recorded or left for the next cycle)."""
        with self._lock:
            self._inflight.difference_update(a.id for a in articles)

    def wire_original(self, article: Article, since: datetime) -> str | None:
        """The id of an article first seen since `since` that tells the same wire story, if any."""
        key = wire_key(article.title, article.text)
        if key is None:
            return None
        with self._lock:
            row = self._db.execute(
                "SELECT id FROM articles WHERE wire_key = ? AND first_seen >= ? AND id != ? "
                "AND duplicate_of IS NULL ORDER BY first_seen LIMIT 1",
                (key, since.isoformat(), article.id),
            ).fetchone()
        return None if row is None else str(row[0])

    def note_text_source(self, listed: Article, source: str) -> None:
        """Record which text was read; keys stay those of the feed's version, as feeds list it."""
        with self._lock:
            self._db.execute(
                "UPDATE articles SET text_source = ?, content_hash = ?, wire_key = ? WHERE id = ?",
                (
                    source,
                    content_key(listed.title, listed.text),
                    wire_key(listed.title, listed.text),
                    listed.id,
                ),
            )

    def mark_duplicate(self, article_id: str, original_id: str) -> None:
        """Note that a recorded article is another outlet's copy of `original_id`."""
        with self._lock:
            self._db.execute(
                "UPDATE articles SET duplicate_of = ? WHERE id = ?", (original_id, article_id)
            )

    def record_article(self, article: Article, events: int, now: datetime) -> None:
        """Mark an article as done (its events, if any, are on the broker)."""
        with self._lock:
            self._db.execute(
                "INSERT OR IGNORE INTO articles (id, feed, url, first_seen, last_seen, events, "
                "content_hash, wire_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id,
                    article.feed,
                    article.url,
                    now.isoformat(),
                    now.isoformat(),
                    events,
                    content_key(article.title, article.text),
                    wire_key(article.title, article.text),
                ),
            )

    def prune(self, before: datetime) -> int:
        """Forget articles no feed has listed since `before`; how many were removed."""
        with self._lock:
            cursor = self._db.execute(
                "DELETE FROM articles WHERE COALESCE(last_seen, first_seen) < ?",
                (before.isoformat(),),
            )
        return cursor.rowcount

    def articles_per_feed(self) -> dict[str, int]:
        """How many articles each feed brought in first."""
        with self._lock:
            rows = self._db.execute("SELECT feed, COUNT(*) FROM articles GROUP BY feed")
            return {str(feed): int(count) for feed, count in rows}

    def feed_state(self, feed: str) -> FeedState:
        """What was remembered of a feed; defaults for a new one."""
        with self._lock:
            row = self._db.execute(
                f"SELECT {_FEED_COLUMNS} FROM feed_state WHERE feed = ?", (feed,)
            ).fetchone()
        if row is None:
            return FeedState(feed)
        return FeedState(feed, Validators(row[0], row[1]), *row[2:])

    def save_feed_state(self, state: FeedState) -> None:
        """Remember a feed's validators and last outcome."""
        with self._lock:
            columns = _FEED_COLUMNS.split(", ")
            updates = ", ".join(f"{c}=excluded.{c}" for c in columns)
            self._db.execute(
                f"INSERT INTO feed_state (feed, {_FEED_COLUMNS}) "
                f"VALUES ({', '.join('?' * (len(columns) + 1))}) "
                f"ON CONFLICT(feed) DO UPDATE SET {updates}",
                (
                    state.feed,
                    state.validators.etag,
                    state.validators.last_modified,
                    state.last_attempt,
                    state.last_success,
                    state.last_status,
                    state.failures,
                    state.url,
                    state.content_hash,
                    state.breaker,
                    state.next_attempt,
                    state.quiet_runs,
                ),
            )

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()
