"""Delivery: queue events in the outbox, then drain it to the broker in order, backing off while
the broker is away. Each delivered event is logged once as a `troop_event` alert record.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

import structlog

from daemon.errors import PublishError
from daemon.model import OutboundRecord
from daemon.outbox import Outbox

log = structlog.stdlib.get_logger(__name__)


class Publisher(Protocol):
    """Sends records; returns once the broker acknowledged all of them, else PublishError."""

    def publish(self, records: Sequence[OutboundRecord]) -> None: ...


def retry_delay(failures: int, base: float, ceiling: float) -> float:
    """Seconds to wait after `failures` consecutive failed drains: doubling, capped."""
    if failures <= 0:
        return 0.0
    return float(min(ceiling, base * 2 ** min(failures - 1, 32)))


@dataclass(frozen=True, slots=True)
class DrainResult:
    """What one drain did."""

    delivered: int
    pending: int
    error: str | None = None


class Delivery:
    """The only way records reach the broker: outbox first, then in queue order."""

    def __init__(
        self,
        outbox: Outbox,
        publisher: Publisher,
        *,
        retry_base_seconds: float = 5,
        retry_ceiling_seconds: float = 300,
        batch: int = 500,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        on_delivered: Callable[[Sequence[OutboundRecord]], None] = lambda _records: None,
    ) -> None:
        self._on_delivered = on_delivered
        self._outbox = outbox
        self._publisher = publisher
        self._base = retry_base_seconds
        self._ceiling = retry_ceiling_seconds
        self._batch = batch
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self.delivered_total = 0
        self._next_attempt = datetime.min.replace(tzinfo=UTC)
        self.last_error: str | None = None

    def submit(self, records: Sequence[OutboundRecord]) -> None:
        """Queue records durably, then try to deliver what is waiting (unless backing off)."""
        if records:
            self._outbox.append(records)
        self.drain()

    def drain(self, *, force: bool = False) -> DrainResult:
        """Deliver waiting records oldest first until none is left or the broker fails."""
        if not force and self._clock() < self._next_attempt:
            return DrainResult(0, self._outbox.depth(), self.last_error)
        # another thread is draining: it loops until the outbox is empty, ours included
        if not self._lock.acquire(blocking=force):
            return DrainResult(0, self._outbox.depth(), None)
        try:
            return self._drain()
        finally:
            self._lock.release()

    def _drain(self) -> DrainResult:
        delivered = 0
        try:
            while batch := self._outbox.oldest(self._batch):
                self._publisher.publish(batch)
                self._outbox.remove([r.event_id for r in batch])
                delivered += len(batch)
                self.delivered_total += len(batch)
                self._on_delivered(batch)
                for record in batch:
                    log.warning("troop_event", **alert_fields(record))
        except PublishError as exc:
            return self._failed(delivered, str(exc))
        if self._failures:
            log.info("broker_recovered", delivered=delivered, failures=self._failures)
        self._failures, self.last_error = 0, None
        return DrainResult(delivered, 0)

    def _failed(self, delivered: int, error: str) -> DrainResult:
        self._failures += 1
        delay = retry_delay(self._failures, self._base, self._ceiling)
        self._next_attempt = self._clock() + timedelta(seconds=delay)
        pending = self._outbox.depth()
        if self._failures == 1:  # once per outage, not once per retry
            log.error("publish_failed", error=error, outbox_depth=pending, retry_in=delay)
        else:
            log.debug("publish_retry_failed", error=error, outbox_depth=pending, retry_in=delay)
        self.last_error = error
        return DrainResult(delivered, pending, error)

    def depth(self) -> int:
        """Records waiting in the outbox."""
        return self._outbox.depth()


def alert_fields(record: OutboundRecord) -> dict[str, object]:
    """The fields of the `troop_event` log record that alerting routes on."""
    value = record.value
    return {
        "event_id": record.event_id,
        "incident_id": value["incident_id"],
        "type": value["type"],
        "actor": value["actor"],
        "host": value["host"],
        "status": value["status"],
        "troops": value["troops"],
        "places": [p["name"] for p in value["places"]],
        "event_date": value["event_date"],
        "reports": value["incident"]["reports"],
        "outlets": value["incident"]["outlets"],
        "confidence": value["confidence"],
        "url": value["article"]["url"],
        "title": value["article"]["title"],
    }
