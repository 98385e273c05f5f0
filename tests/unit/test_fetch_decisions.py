"""Pure decisions of fetching and backoff: Retry-After, host spacing, delays, circuit, schedule."""

import itertools
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from daemon.backoff import (
    Policy,
    adaptive_interval,
    after_failure,
    after_success,
    backoff_delay,
    blocked,
    next_run,
    transition,
)
from daemon.config import FeedSettings
from daemon.fetch import HostGate, host_wait, retry_after_seconds
from daemon.store import FeedState

NOW = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
FEED = FeedSettings(name="f", url="http://x.org/rss")
POLICY = Policy(interval=timedelta(minutes=30), ceiling=timedelta(hours=6), threshold=3)
HOUR = timedelta(hours=1)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        (" 7 ", 7.0),
        ("Fri, 01 Mar 2024 12:05:00 GMT", 300.0),
        ("Fri, 01 Mar 2024 11:00:00 GMT", 0.0),
        ("soon", None),
        (None, None),
    ],
)
def test_retry_after_takes_seconds_or_a_date(header, seconds):
    """Retry-After as delta-seconds or an HTTP date gives a delay; junk gives None."""
    assert retry_after_seconds(header, NOW) == seconds


def test_host_wait_keeps_the_minimum_gap():
    """The next request to a host waits out what is left of the minimum interval."""
    assert host_wait(None, 100.0, 2.0) == 0.0
    assert host_wait(99.5, 100.0, 2.0) == 1.5
    assert host_wait(90.0, 100.0, 2.0) == 0.0


def test_host_gate_sleeps_between_two_requests_to_one_host():
    """The gate sleeps before a second request to the same host, not for another host."""
    now = [0.0]
    slept = []
    gate = HostGate(1.0, clock=lambda: now[0], sleep=slept.append)
    with gate.turn("a.org"):
        pass
    with gate.turn("b.org"):
        pass
    now[0] = 0.25
    with gate.turn("a.org"):
        pass
    assert slept == [0.75]


def test_backoff_doubles_with_jitter_up_to_the_ceiling():
    """One failure waits for the next run; then the interval doubles, jittered, capped."""
    interval, ceiling = timedelta(minutes=30), timedelta(hours=6)
    assert backoff_delay(1, interval, ceiling, rand=1.0) == timedelta(0)
    assert backoff_delay(2, interval, ceiling, rand=1.0) == HOUR
    assert backoff_delay(2, interval, ceiling, rand=0.0) == HOUR / 2
    assert backoff_delay(3, interval, ceiling, rand=1.0) == 2 * HOUR
    assert backoff_delay(40, interval, ceiling, rand=1.0) == ceiling


def fail(state, **kwargs):
    return after_failure(state, NOW, interval=POLICY.interval, policy=POLICY, rand=1.0, **kwargs)


def test_failures_open_the_circuit_at_the_threshold_and_a_success_closes_it():
    """The circuit opens at the threshold, changes are reported once, success resets all."""
    state = FeedState("f")
    states = [state]
    for _ in range(4):
        states.append(fail(states[-1]))
    assert [s.breaker for s in states] == ["closed", "closed", "closed", "open", "open"]
    changes = [transition(a, b) for a, b in itertools.pairwise(states)]
    assert changes == [None, None, "feed_circuit_open", None]
    recovered = after_success(states[-1], NOW, outcome="ok", new=2)
    assert (recovered.failures, recovered.breaker, recovered.next_attempt) == (0, "closed", None)
    assert transition(states[-1], recovered) == "feed_recovered"


def test_retry_after_sets_the_next_attempt_within_the_ceiling():
    """Retry-After pushes the next attempt out, but never past the ceiling."""
    state = fail(FeedState("f"), status=429, retry_after=600)
    assert state.next_attempt == (NOW + timedelta(seconds=600)).isoformat()
    state = fail(FeedState("f"), status=503, retry_after=10 * 86_400)
    assert state.next_attempt == (NOW + POLICY.ceiling).isoformat()


def test_gone_stops_polling_that_url_only():
    """After 410 the feed is blocked and unscheduled, unless its URL changed in the config."""
    gone = replace(fail(FeedState("f", url=FEED.url), status=410), url=FEED.url)
    assert (gone.breaker, transition(FeedState("f"), gone)) == ("gone", "feed_gone")
    assert blocked(gone, FEED.url, NOW) == "gone"
    assert next_run(gone, FEED, NOW, POLICY, rand=0.0) is None
    assert blocked(gone, "http://x.org/new-rss", NOW) is None


def test_backing_off_blocks_until_the_next_attempt():
    """A feed in backoff is blocked until its next attempt, then allowed."""
    state = FeedState("f", next_attempt=(NOW + HOUR).isoformat())
    assert blocked(state, FEED.url, NOW) == "backing_off"
    assert blocked(state, FEED.url, NOW + 2 * HOUR) is None
    assert next_run(state, FEED, NOW, POLICY, rand=0.0) == NOW + HOUR


def test_adaptive_interval_stretches_quiet_feeds_within_bounds():
    """Every 4 runs without news double the interval, up to the max; news resets it."""
    base, low, high = timedelta(minutes=30), timedelta(minutes=5), timedelta(hours=6)
    assert adaptive_interval(base, 0, low, high) == base
    assert adaptive_interval(base, 3, low, high) == base
    assert adaptive_interval(base, 4, low, high) == 2 * base
    assert adaptive_interval(base, 100, low, high) == high
    assert adaptive_interval(timedelta(hours=12), 100, low, high) == timedelta(hours=12)
    quiet = after_success(FeedState("f", quiet_runs=7), NOW, outcome="not_modified", new=0)
    assert quiet.quiet_runs == 8
    assert after_success(quiet, NOW, outcome="ok", new=1).quiet_runs == 0


def test_next_run_adds_jitter_to_the_interval():
    """The next regular run is one (adapted) interval away plus up to `jitter`."""
    state = FeedState("f")
    assert next_run(state, FEED, NOW, POLICY, rand=0.0) == NOW + POLICY.interval
    assert next_run(state, FEED, NOW, POLICY, rand=1.0) == NOW + POLICY.interval + POLICY.jitter
