"""Incident grouping shared by every extractor: a compacted topic read by all, as a table.

Articles are partitioned by article id, but an incident gathers reports from any article, so no
partitioning of the articles makes incident state local. Every extractor therefore keeps a full
copy of the incidents (in memory), rebuilt from the compacted incidents topic when it starts and
kept current by tailing it; its own decisions go to the topic inside the same transaction as the
events they label. Two extractors that see the first two reports of one incident within the same
moment can still open two incidents: the window is the time one batch takes to reach the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import structlog

from daemon import changelog, topics
from daemon.config import Settings
from daemon.errors import InputError
from daemon.incidents import Incident, Incidents
from daemon.messages import decode_incident, decode_report, encode_incident, encode_report
from daemon.model import Article, Event

log = structlog.stdlib.get_logger(__name__)

_INCIDENT = "incident|"
_REPORT = "report|"


class SharedIncidents:
    """The extractors' common incident table: `assign` like Incidents, plus what to publish."""

    def __init__(self, settings: Settings, window_days: int) -> None:
        self.topic = topics.incidents(settings).name
        self._window = window_days
        self._local = Incidents(":memory:", window_days)
        # decisions taken since the last commit: an abort must take them back
        self._uncommitted = False
        self._reader = changelog.committed_reader(settings.kafka)
        # decisions of the current transaction, to publish with its events
        self._pending: list[tuple[str, Incident]] = []

    def catch_up(self, timeout: float = 60) -> int:
        """Read the whole topic (once, at start); the records applied."""
        self._uncommitted = False
        return self._apply(changelog.rewind(self._reader, self.topic, None, timeout))

    def sync(self) -> int:
        """Apply what other extractors decided since the last call."""
        polled = self._reader.poll(timeout_ms=20)
        return self._apply(record for batch in polled.values() for record in batch)

    def assign(self, event_id: str, event: Event, article: Article, now: datetime) -> Incident:
        """The incident of one report, decided on the table as known here."""
        incident = self._local.assign(event_id, event, article, now)
        self._pending.append((event_id, incident))
        self._uncommitted = True
        return incident

    def drain(self) -> list[tuple[bytes, bytes]]:
        """The (key, value) records of the decisions made since the last drain."""
        records = []
        for event_id, incident in self._pending:
            records.append(
                (f"{_INCIDENT}{incident.incident_id}".encode(), encode_incident(incident))
            )
            records.append((f"{_REPORT}{event_id}".encode(), encode_report(incident.incident_id)))
        self._pending.clear()
        return records

    def committed(self) -> None:
        """The transaction carrying the drained decisions committed: they are for good."""
        self._uncommitted = False

    def discard(self) -> None:
        """Take back the decisions of an aborted transaction: the table is read again from the
        topic, which holds committed decisions only (the replay, here or elsewhere, redoes them).
        """
        self._pending.clear()
        if self._uncommitted:
            self._local.close()
            self._local = Incidents(":memory:", self._window)
            log.info("incidents_reloaded", records=self.catch_up())

    def close(self) -> None:
        """Release the reader and the table."""
        self._reader.close()
        self._local.close()

    def _apply(self, records: Iterable[Any]) -> int:
        applied = 0
        for record in records:
            key = record.key.decode() if record.key else ""
            try:
                if key.startswith(_INCIDENT):
                    self._local.merge(decode_incident(record.value))
                elif key.startswith(_REPORT):
                    self._local.link(key[len(_REPORT) :], decode_report(record.value))
                else:
                    raise InputError(f"unknown key {key!r}")
            except InputError as exc:
                log.error("incident_record_malformed", topic=self.topic, error=str(exc),
                          partition=record.partition, offset=record.offset)  # fmt: skip
                continue
            applied += 1
        return applied
