"""The SQLite store: seen articles survive a reopen, feed state round-trips."""

from datetime import UTC, datetime

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
