"""Watching the running daemon: metrics per feed cycle, the heartbeat, and the probes' answers."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

from daemon import health
from daemon.config import FeedSettings, HealthSettings
from daemon.endpoints import Endpoints
from daemon.metrics import Metrics
from daemon.pipeline import FeedSummary


class BrokerLink(Protocol):
    """What the monitor reads of the way to the broker (the outbox's delivery, or a role's)."""

    last_error: str | None

    def depth(self) -> int:
        """Events waiting for the broker."""
        ...


class RoleLink:
    """The broker link of a scale-out role: nothing queued, the last failure until a success."""

    def __init__(self) -> None:
        self.last_error: str | None = None

    def depth(self) -> int:
        """Roles queue nothing: what is not acknowledged is retried from its source."""
        return 0

    def failed(self, error: str) -> None:
        """A publish or session failed."""
        self.last_error = error

    def worked(self) -> None:
        """The broker answered again."""
        self.last_error = None


class Monitor:
    """Observes feed cycles and delivery; serves /healthz, /readyz, /metrics; writes heartbeats."""

    def __init__(
        self,
        settings: HealthSettings,
        state_dir: os.PathLike[str] | str,
        metrics: Metrics,
        delivery: BrokerLink,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._settings = settings
        self._state_dir = state_dir
        self._metrics = metrics
        self._delivery = delivery
        self._clock = clock
        self._started = clock()
        self._last_cycle: datetime | None = None
        self._lock = threading.Lock()
        self.scheduler_running = False
        self.endpoints: Endpoints | None = None

    def observed(
        self, run: Callable[[FeedSettings], FeedSummary]
    ) -> Callable[[FeedSettings], FeedSummary]:
        """`run` (one feed cycle), timed and counted."""

        def run_and_observe(feed: FeedSettings) -> FeedSummary:
            start = time.perf_counter()
            summary = run(feed)
            counts = (summary.items, summary.new, summary.relevant)
            self._metrics.feed_cycle(
                feed.name, summary.outcome, time.perf_counter() - start, counts
            )
            if summary.outcome in ("ok", "not_modified"):
                with self._lock:
                    self._last_cycle = self._clock()
            return summary

        return run_and_observe

    def progressed(self) -> None:
        """A unit of work ended well (an extractor's poll): what /readyz asks to be recent."""
        with self._lock:
            self._last_cycle = self._clock()

    def alive(self) -> tuple[bool, str]:
        """/healthz: the process answers and its scheduler runs."""
        if not self.scheduler_running:
            return False, "scheduler not running"
        return True, "ok"

    def ready(self) -> tuple[bool, str]:
        """/readyz: the broker takes events, and feeds are being read."""
        error = self._delivery.last_error
        if error is not None:
            return False, f"broker: {error}"
        limit = timedelta(seconds=self._settings.max_age_seconds)
        with self._lock:
            since = self._last_cycle or self._started
        age = self._clock() - since
        if age > limit:
            return False, f"no successful feed cycle for {age.total_seconds():.0f} s"
        return True, "ok"

    def beat(self) -> None:
        """Write the heartbeat that `sahelwatch check` reads."""
        with self._lock:
            last = self._last_cycle.isoformat() if self._last_cycle else None
        health.write(
            Path(self._state_dir),
            health.Heartbeat(
                pid=os.getpid(),
                time=self._clock().isoformat(),
                scheduler_running=self.scheduler_running,
                last_cycle=last,
                outbox_depth=self._delivery.depth(),
                broker_error=self._delivery.last_error,
            ),
        )

    def start_endpoints(self) -> None:
        """Serve the probes and metrics, unless the port is 0."""
        if self._settings.port == 0:
            return
        self.endpoints = Endpoints(
            self._settings.host,
            self._settings.port,
            alive=self.alive,
            ready=self.ready,
            metrics=lambda: self._metrics.render(self._delivery.depth()),
        )
        self.endpoints.start()

    def close(self) -> None:
        """Stop serving; the last heartbeat says the scheduler stopped."""
        self.scheduler_running = False
        self.beat()
        if self.endpoints is not None:
            self.endpoints.close()
