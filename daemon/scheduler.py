"""Running feeds on a schedule, and stopping cleanly on SIGTERM/SIGINT.

The signal handler only sets a flag; jobs check it between articles. A second signal exits at
once.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from types import FrameType

import structlog
from apscheduler.schedulers.background import BackgroundScheduler

from daemon.config import FeedSettings, Settings

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


def run_forever(
    settings: Settings,
    feeds: Iterable[FeedSettings],
    job: Callable[[FeedSettings], object],
    stop: StopFlag,
) -> None:
    """One interval job per feed until `stop` is set; then wait for running jobs to finish."""
    scheduler = BackgroundScheduler(timezone=UTC)
    now = datetime.now(UTC)
    for index, feed in enumerate(feeds):
        scheduler.add_job(
            job,
            "interval",
            args=[feed],
            id=feed.name,
            name=feed.name,
            minutes=settings.interval_minutes(feed),
            jitter=settings.scheduling.jitter_seconds or None,
            next_run_time=first_run_at(now, index, spread_seconds=2),
            max_instances=1,
            coalesce=True,
            misfire_grace_time=settings.scheduling.misfire_grace_seconds,
        )
    scheduler.start()
    log.info("scheduler_started", feeds=len(scheduler.get_jobs()))
    try:
        # short waits keep the main thread responsive to signals
        while not stop.wait(timeout=1.0):
            pass
    finally:
        # running jobs see the flag between articles and return early
        scheduler.shutdown(wait=True)
        log.info("scheduler_stopped")
