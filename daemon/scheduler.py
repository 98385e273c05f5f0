"""Running feeds on a schedule, and stopping cleanly on SIGTERM/SIGINT; SIGHUP reloads the feeds.

The signal handler only sets a flag; jobs check it between articles. A second signal exits at
once. After each run a feed is rescheduled to the time its state asks for (adaptive interval,
backoff, Retry-After) and a gone feed is unscheduled. SIGHUP re-reads the feed list: added feeds
start, removed ones stop, changed ones take their new settings; their state is kept in the store.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from types import FrameType
from typing import Protocol

import structlog
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.background import BackgroundScheduler

from daemon.config import FeedSettings, Settings
from daemon.errors import ConfigError

log = structlog.stdlib.get_logger(__name__)

# Exit status of a process ended by a second interrupt (128 + SIGINT).
FORCED_EXIT = 130


class StopFlag:
    """Set by the first signal; the second one ends the process without cleanup."""

    def __init__(self, exit_now: Callable[[int], None] = os._exit) -> None:
        self._event = threading.Event()
        self._exit_now = exit_now

    def request(self, signum: int, _frame: FrameType | None = None) -> None:
        """Signal handler: ask for a clean stop, or force one if already asked."""
        if self._event.is_set():
            log.warning("forced_exit", signal=signal.Signals(signum).name)
            self._exit_now(FORCED_EXIT)
            return
        log.info("stop_requested", signal=signal.Signals(signum).name)
        self._event.set()

    def is_set(self) -> bool:
        """True once a stop was asked for."""
        return self._event.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until a stop is asked for (or the timeout passes)."""
        return self._event.wait(timeout)

    def install(self) -> None:
        """Route SIGTERM and SIGINT to this flag."""
        signal.signal(signal.SIGTERM, self.request)
        signal.signal(signal.SIGINT, self.request)


def first_run_at(now: datetime, index: int, spread_seconds: float) -> datetime:
    """When a feed's first run starts: soon, staggered so feeds don't all fire together."""
    return now + timedelta(seconds=1 + index * spread_seconds)


class FeedJobs:
    """The feed jobs of a scheduler: added, rescheduled after each run, synced on reload."""

    def __init__(
        self,
        scheduler: BackgroundScheduler,
        settings: Settings,
        job: Callable[[FeedSettings], object],
        next_run: Callable[[FeedSettings], datetime | None] | None = None,
    ) -> None:
        self._scheduler = scheduler
        self._settings = settings
        self._job = job
        self._next_run = next_run
        self.feeds: dict[str, FeedSettings] = {}
        # names of the feeds running now (a feed runs at most once at a time)
        self._running: set[str] = set()
        self._idle = threading.Condition()

    def add(self, feed: FeedSettings, first: datetime) -> None:
        """Schedule a feed, first at `first`."""
        self.feeds[feed.name] = feed
        self._scheduler.add_job(
            self.run,
            "interval",
            args=[feed.name],
            id=feed.name,
            name=feed.name,
            minutes=self._settings.interval_minutes(feed),
            jitter=self._settings.scheduling.jitter_seconds or None,
            next_run_time=first,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=self._settings.scheduling.misfire_grace_seconds,
            replace_existing=True,
        )

    def run(self, name: str) -> None:
        """Run one feed, counted so that shutdown can wait for it (see `wait_idle`)."""
        with self._idle:
            self._running.add(name)
        try:
            self._run(name)
        finally:
            with self._idle:
                self._running.discard(name)
                self._idle.notify_all()

    def wait_idle(self) -> None:
        """Block until no feed job runs.

        APScheduler's shutdown(wait=True) holds its job-store lock while it waits for running
        jobs, and a job that reschedules itself needs that lock: waiting here first avoids the
        deadlock.
        """
        with self._idle:
            self._idle.wait_for(lambda: not self._running)

    def remove(self, names: Iterable[str]) -> None:
        """Unschedule feeds, then wait until none of them is still running.

        When this returns the feeds are no longer fetched here, so another fetcher can take them.
        """
        gone = set(names)
        for name in gone:
            self.feeds.pop(name, None)
            with contextlib.suppress(JobLookupError):
                self._scheduler.remove_job(name)
        with self._idle:
            self._idle.wait_for(lambda: not self._running & gone)

    def _run(self, name: str) -> None:
        """Run one feed (with its current settings), then put its next run where it belongs."""
        feed = self.feeds.get(name)
        if feed is None:
            return
        self._job(feed)
        if self._next_run is None:
            return
        when = self._next_run(feed)
        try:
            if when is None:
                self._scheduler.remove_job(name)
                log.warning("feed_unscheduled", feed=name, url=feed.url)
            else:
                self._scheduler.modify_job(name, next_run_time=when)
        except JobLookupError:
            pass  # removed by a reload meanwhile

    def sync(self, feeds: Iterable[FeedSettings], now: datetime) -> None:
        """Make the jobs match a new feed list; state lives in the store, so nothing is lost."""
        wanted = {feed.name: feed for feed in feeds}
        removed = sorted(self.feeds.keys() - wanted.keys())
        added = sorted(wanted.keys() - self.feeds.keys())
        changed = sorted(n for n in wanted.keys() & self.feeds.keys() if wanted[n] != self.feeds[n])
        for name in removed:
            del self.feeds[name]
            with contextlib.suppress(JobLookupError):  # already unscheduled (gone)
                self._scheduler.remove_job(name)
        for name in changed:
            self.feeds[name] = wanted[name]
            if self._scheduler.get_job(name) is None:  # a gone feed whose URL was fixed
                self.add(wanted[name], first_run_at(now, 0, spread_seconds=2))
        for index, name in enumerate(added):
            self.add(wanted[name], first_run_at(now, index, spread_seconds=2))
        log.info("feeds_reloaded", added=added, removed=removed, changed=changed)


class Membership(Protocol):
    """Decides which feeds this process schedules (fetch role: a Kafka consumer group)."""

    def start(self, jobs: FeedJobs) -> None:
        """Join; from now on, add and remove feeds of `jobs` as ownership changes."""

    def tick(self) -> None:
        """Called about every second from the main thread: ownership changes happen here."""

    def owned(self, feeds: Iterable[FeedSettings]) -> list[FeedSettings]:
        """The feeds of a (reloaded) list this process owns."""

    def close(self) -> None:
        """Leave, so that others take the feeds at once."""


def run_forever(
    settings: Settings,
    feeds: Iterable[FeedSettings],
    job: Callable[[FeedSettings], object],
    stop: StopFlag,
    extra_jobs: Sequence[tuple[str, Callable[[], object], float]] = (),
    *,
    next_run: Callable[[FeedSettings], datetime | None] | None = None,
    reload: Callable[[], Iterable[FeedSettings]] | None = None,
    membership: Membership | None = None,
) -> None:
    """One job per feed until `stop` is set; then wait for running jobs to finish.

    With `next_run`, each feed is rescheduled after its run; with `reload`, SIGHUP re-reads the
    feed list; with `membership`, the feeds scheduled are those it hands out.
    """
    scheduler = BackgroundScheduler(timezone=UTC)
    now = datetime.now(UTC)
    jobs = FeedJobs(scheduler, settings, job, next_run)
    for index, feed in enumerate(feeds):
        jobs.add(feed, first_run_at(now, index, spread_seconds=2))
    for name, task, seconds in extra_jobs:
        scheduler.add_job(
            task, "interval", id=name, name=name, seconds=seconds, max_instances=1, coalesce=True
        )
    hangup = threading.Event()
    if reload is not None:
        signal.signal(signal.SIGHUP, lambda _signum, _frame: hangup.set())
    scheduler.start()
    log.info("scheduler_started", feeds=len(scheduler.get_jobs()))
    if membership is not None:
        membership.start(jobs)
    try:
        # short waits keep the main thread responsive to signals
        while not stop.wait(timeout=1.0):
            if membership is not None:
                membership.tick()
            if reload is not None and hangup.is_set():
                hangup.clear()
                _reload(jobs, reload, membership)
    finally:
        # running jobs see the flag between articles and return early
        scheduler.pause()
        jobs.wait_idle()
        if membership is not None:
            membership.close()
        scheduler.shutdown(wait=True)
        log.info("scheduler_stopped")


def _reload(
    jobs: FeedJobs,
    reload: Callable[[], Iterable[FeedSettings]],
    membership: Membership | None,
) -> None:
    try:
        feeds = list(reload())
    except ConfigError as exc:
        # a broken edit must not stop a running daemon: keep the feeds it has
        log.error("reload_failed", problems=exc.problems)
        return
    jobs.sync(membership.owned(feeds) if membership else feeds, datetime.now(UTC))
