"""When a feed is fetched next: backoff with jitter, Retry-After, circuit breaker, 410, adaptivity.

Pure decisions on a feed's remembered state; the caller passes `now` and a random number, and
persists what comes back. A failing feed backs off exponentially from its interval up to a
ceiling; after `threshold` consecutive failures its circuit is open (logged once, listed by
`feeds list`), and the first success closes it. 410 Gone stops polling that URL for good.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from daemon.config import FeedSettings, SchedulingSettings
from daemon.store import CLOSED, GONE, OPEN, FeedState


@dataclass(frozen=True, slots=True)
class Policy:
    """The scheduling bounds the decisions work within."""

    interval: timedelta = timedelta(minutes=30)
    min_interval: timedelta = timedelta(minutes=5)
    max_interval: timedelta = timedelta(hours=6)
    ceiling: timedelta = timedelta(hours=24)
    threshold: int = 5
    jitter: timedelta = timedelta(seconds=60)

    @classmethod
    def from_settings(cls, settings: SchedulingSettings) -> Policy:
        """The policy the configuration describes."""
        return cls(
            interval=timedelta(minutes=settings.default_interval_minutes),
            min_interval=timedelta(minutes=settings.min_interval_minutes),
            max_interval=timedelta(minutes=settings.max_interval_minutes),
            ceiling=timedelta(minutes=settings.max_backoff_minutes),
            threshold=settings.breaker_threshold,
            jitter=timedelta(seconds=settings.jitter_seconds),
        )

    def interval_of(self, feed: FeedSettings) -> timedelta:
        """A feed's configured interval, else the default."""
        if feed.interval_minutes:
            return timedelta(minutes=feed.interval_minutes)
        return self.interval


def adaptive_interval(
    base: timedelta, quiet_runs: int, low: timedelta, high: timedelta
) -> timedelta:
    """The interval doubled for every 4 runs in a row with nothing new, within [low, high].

    A configured interval outside the bounds is kept as it is: the bounds limit adaptation only.
    """
    stretched = base * 2.0 ** min(quiet_runs // 4, 16)
    return max(min(low, base), min(stretched, max(high, base)))


def backoff_delay(failures: int, interval: timedelta, ceiling: timedelta, rand: float) -> timedelta:
    """Exponential backoff with equal jitter: interval x 2^(failures-1), capped, times [0.5, 1]."""
    if failures < 2:
        return timedelta(0)  # one failure is retried at the next regular run
    delay = min(ceiling, interval * 2.0 ** min(failures - 1, 30))
    return delay * (0.5 + rand / 2)


def blocked(state: FeedState, url: str, now: datetime) -> str | None:
    """Why a feed may not be fetched now ("gone", "backing_off"), or None when it may."""
    if state.url not in (None, url):
        return None  # the URL changed in the configuration: a fresh start
    if state.breaker == GONE:
        return "gone"
    if state.next_attempt is not None and datetime.fromisoformat(state.next_attempt) > now:
        return "backing_off"
    return None


def after_success(state: FeedState, now: datetime, *, outcome: str, new: int) -> FeedState:
    """The state after a fetch that worked (ok or not modified)."""
    return replace(
        state,
        last_attempt=now.isoformat(),
        last_success=now.isoformat(),
        last_status=outcome,
        failures=0,
        breaker=CLOSED,
        next_attempt=None,
        quiet_runs=0 if new else state.quiet_runs + 1,
    )


def after_failure(
    state: FeedState,
    now: datetime,
    *,
    interval: timedelta,
    policy: Policy,
    rand: float,
    status: int | None = None,
    retry_after: float | None = None,
) -> FeedState:
    """The state after a failed fetch, parse or publish: backoff, breaker, gone."""
    failures = state.failures + 1
    if status == 410:
        return replace(
            state, last_attempt=now.isoformat(), last_status="gone", failures=failures,
            breaker=GONE, next_attempt=None,
        )  # fmt: skip
    delay = backoff_delay(failures, interval, policy.ceiling, rand)
    if retry_after is not None:
        delay = max(delay, min(timedelta(seconds=retry_after), policy.ceiling))
    return replace(
        state,
        last_attempt=now.isoformat(),
        last_status="failed",
        failures=failures,
        breaker=OPEN if failures >= policy.threshold else CLOSED,
        next_attempt=(now + delay).isoformat() if delay else None,
    )


def next_run(
    state: FeedState, feed: FeedSettings, now: datetime, policy: Policy, rand: float
) -> datetime | None:
    """When the scheduler should run a feed next; None once it is gone."""
    if _gone(state, feed):
        return None
    if (until := _backing_off(state, now)) is not None:
        return until
    interval = adaptive_interval(
        policy.interval_of(feed), state.quiet_runs, policy.min_interval, policy.max_interval
    )
    return now + interval + policy.jitter * rand


def resume_at(
    state: FeedState, feed: FeedSettings, now: datetime, policy: Policy
) -> datetime | None:
    """When a feed taken over from another fetcher first runs: when its last owner would have run
    it (its backoff, else its interval after the last attempt), and not before now; None once it
    is gone."""
    if _gone(state, feed):
        return None
    if (until := _backing_off(state, now)) is not None:
        return until
    if state.last_attempt is None:
        return now
    interval = adaptive_interval(
        policy.interval_of(feed), state.quiet_runs, policy.min_interval, policy.max_interval
    )
    return max(now, datetime.fromisoformat(state.last_attempt) + interval)


def _gone(state: FeedState, feed: FeedSettings) -> bool:
    """Answered 410 at this URL: not polled until the URL changes."""
    return state.breaker == GONE and state.url in (None, feed.url)


def _backing_off(state: FeedState, now: datetime) -> datetime | None:
    """The end of the feed's backoff (or Retry-After), if it is still ahead."""
    if state.next_attempt is None:
        return None
    until = datetime.fromisoformat(state.next_attempt)
    return until if until > now else None


def transition(before: FeedState, after: FeedState) -> str | None:
    """The log event for a change of circuit state, None when it did not change."""
    if before.breaker == after.breaker:
        return None
    return {OPEN: "feed_circuit_open", GONE: "feed_gone", CLOSED: "feed_recovered"}[after.breaker]
