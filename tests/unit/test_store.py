"""The SQLite store: seen articles survive a reopen, feed state round-trips."""

import sqlite3
from datetime import UTC, datetime, timedelta

from daemon.feeds import Validators
from daemon.model import Article
from daemon.store import FeedState, Store

NOW = datetime(2024, 1, 1, tzinfo=UTC)


def article(ident: str) -> Article:
    return Article(id=ident, url=f"https://x.org/{ident}", title="t", text="t", feed="f")


def test_recorded_articles_are_not_unseen_after_reopen(tmp_path):
    """An article recorded once stays seen across a restart; duplicates collapse."""
    path = tmp_path / "state" / "db.sqlite"
    store = Store(path)
    assert [a.id for a in store.unseen([article("a"), article("b"), article("a")])] == ["a", "b"]
    store.record_article(article("a"), events=2, now=NOW)
    store.close()
    reopened = Store(path)
    assert [a.id for a in reopened.unseen([article("a"), article("b")])] == ["b"]


def test_feed_state_round_trips(tmp_path):
    """Validators and outcome of a feed are remembered."""
    store = Store(tmp_path / "db.sqlite")
    assert store.feed_state("wire") == FeedState("wire")
    state = FeedState("wire", Validators('"abc"', "Mon, 01 Jan 2024"), "t1", "t1", "ok", 0)
    store.save_feed_state(state)
    store.save_feed_state(state)
    assert store.feed_state("wire") == state


def test_claimed_articles_are_held_until_released(tmp_path):
    """An article claimed by one feed's cycle is not handed to another until released."""
    store = Store(tmp_path / "db.sqlite")
    assert [a.id for a in store.claim([article("a"), article("b")], NOW)] == ["a", "b"]
    assert store.claim([article("a"), article("c")], NOW) == [article("c")]
    store.release([article("a")])
    assert store.claim([article("a")], NOW) == [article("a")]


def test_old_database_gains_the_new_columns(tmp_path):
    """A database from the first release is migrated in place and keeps its rows."""
    path = tmp_path / "db.sqlite"
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE articles (id TEXT PRIMARY KEY, feed TEXT NOT NULL, url TEXT NOT NULL, "
        "first_seen TEXT NOT NULL, events INTEGER NOT NULL);"
        "CREATE TABLE feed_state (feed TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, "
        "last_attempt TEXT, last_success TEXT, last_status TEXT, failures INTEGER NOT NULL "
        "DEFAULT 0);"
        "INSERT INTO articles VALUES ('a', 'f', 'u', '2024-01-01T00:00:00+00:00', 0);"
        "INSERT INTO feed_state (feed, etag, failures) VALUES ('f', '\"e\"', 2);"
    )
    old.commit()
    old.close()
    store = Store(path)
    assert store.unseen([article("a")]) == []
    state = store.feed_state("f")
    assert (state.validators.etag, state.failures, state.breaker) == ('"e"', 2, "closed")


def test_new_feed_state_fields_round_trip(tmp_path):
    """Content hash, circuit, next attempt, quiet runs and URL are remembered."""
    store = Store(tmp_path / "db.sqlite")
    state = FeedState(
        "wire", Validators('"e"'), failures=5, url="http://x.org/rss", content_hash="h",
        breaker="open", next_attempt=NOW.isoformat(), quiet_runs=3,
    )  # fmt: skip
    store.save_feed_state(state)
    assert store.feed_state("wire") == state


def test_prune_forgets_only_articles_no_feed_lists_any_more(tmp_path):
    """Rows are pruned by when a feed last listed them, not by when they were first seen."""
    store = Store(tmp_path / "db.sqlite")
    store.record_article(article("gone"), 0, NOW)
    store.record_article(article("listed"), 0, NOW)
    later = NOW + timedelta(days=100)
    store.claim([article("listed")], later)
    assert store.prune(later - timedelta(days=90)) == 1
    assert [a.id for a in store.unseen([article("gone"), article("listed")])] == ["gone"]


def test_wire_original_finds_another_outlets_copy_within_the_window(tmp_path):
    """A different article with the same wire key, seen within the window, is the original."""
    store = Store(tmp_path / "db.sqlite")
    lead = "The last American troops left the drone base in Agadez on Monday, officials said."
    first = Article(id="a", url="http://a.org/1", title="US leaves Niger - A", text=lead, feed="a")
    copy = Article(id="b", url="http://b.org/2", title="US leaves Niger | B", text=lead, feed="b")
    store.record_article(first, 0, NOW)
    assert store.wire_original(copy, NOW - timedelta(hours=72)) == "a"
    assert store.wire_original(copy, NOW + timedelta(hours=1)) is None
    assert store.wire_original(first, NOW - timedelta(hours=72)) is None
