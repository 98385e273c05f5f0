"""When a fetcher first runs a feed it took over: as its last owner would have, not before now."""

from datetime import UTC, datetime, timedelta

from daemon.backoff import Policy, resume_at
from daemon.config import FeedSettings
from daemon.store import CLOSED, GONE, OPEN, FeedState

NOW = datetime(2024, 8, 5, 12, 0, tzinfo=UTC)
FEED = FeedSettings(name="wire", url="https://example.org/rss")
POLICY = Policy(interval=timedelta(minutes=30))


def _state(**fields):
    return FeedState(feed="wire", url=FEED.url, **fields)


def _ago(minutes):
    return (NOW - timedelta(minutes=minutes)).isoformat()


def _in(minutes):
    return (NOW + timedelta(minutes=minutes)).isoformat()


def test_gone_feed_is_not_resumed():
    """A feed that answered 410 Gone at its URL gets no run at all."""
    assert resume_at(_state(breaker=GONE, last_attempt=_ago(60)), FEED, NOW, POLICY) is None
    # a state from before URLs were recorded counts as the same URL
    gone = FeedState(feed="wire", breaker=GONE, last_attempt=_ago(60))
    assert resume_at(gone, FEED, NOW, POLICY) is None


def test_gone_feed_whose_url_changed_starts_afresh():
    """A new URL in the configuration lifts a 410 on the old one: the feed runs at once."""
    state = FeedState(feed="wire", url="https://old.example.org/rss", breaker=GONE)
    assert resume_at(state, FEED, NOW, POLICY) == NOW


def test_backoff_in_the_future_wins_over_the_interval():
    """A feed backing off resumes when its backoff ends, even if its interval is long past."""
    state = _state(breaker=OPEN, failures=6, last_attempt=_ago(600), next_attempt=_in(90))
    assert resume_at(state, FEED, NOW, POLICY) == NOW + timedelta(minutes=90)


def test_elapsed_backoff_falls_back_to_the_interval():
    """A backoff that already ended no longer holds the feed back: the interval decides."""
    state = _state(failures=2, last_attempt=_ago(10), next_attempt=_ago(1))
    assert resume_at(state, FEED, NOW, POLICY) == NOW + timedelta(minutes=20)


def test_never_fetched_feed_runs_now():
    """A feed nobody has fetched yet runs at once."""
    assert resume_at(FeedState(feed="wire"), FEED, NOW, POLICY) == NOW


def test_recently_fetched_feed_waits_for_its_interval():
    """Fetched 10 minutes ago with a 30-minute interval: it runs in 20 minutes, not now."""
    state = _state(breaker=CLOSED, last_attempt=_ago(10), last_success=_ago(10))
    assert resume_at(state, FEED, NOW, POLICY) == NOW + timedelta(minutes=20)


def test_overdue_feed_runs_now():
    """A feed whose next run is already past (its owner died long ago) runs now, not in the past."""
    state = _state(last_attempt=_ago(45))
    assert resume_at(state, FEED, NOW, POLICY) == NOW


def test_resume_uses_the_feeds_own_and_adapted_interval():
    """The feed's configured interval counts, stretched by its quiet runs as its owner did."""
    own = FeedSettings(name="wire", url=FEED.url, interval_minutes=10)
    assert resume_at(_state(last_attempt=_ago(4)), own, NOW, POLICY) == NOW + timedelta(minutes=6)
    # 8 quiet runs: the 30-minute interval doubled twice
    quiet = _state(last_attempt=_ago(60), quiet_runs=8)
    assert resume_at(quiet, FEED, NOW, POLICY) == NOW + timedelta(minutes=60)
