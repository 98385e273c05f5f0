"""Incidents: reports of one real-world event from several articles, outlets and languages.

Two reports belong to one incident when they have the same type, actor and host, their dates
(event date, else publication) lie within a window, and their troop counts, when both are given,
do not contradict each other. The grouping decision is pure (`match`, `absorb`); `Incidents`
keeps the state in SQLite.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from daemon.model import Article, Event, Status
from daemon.sqlite import open_database

_NAMESPACE = uuid.UUID("0f3c1d2a-77e4-5b61-8a0e-3c6d9b1f2e47")
_PROGRESS = (Status.ANNOUNCED, Status.PLANNED, Status.ONGOING, Status.COMPLETED)
# Counts further apart than this factor describe different contingents.
_TROOPS_RATIO = 2.0


@dataclass(frozen=True, slots=True)
class Incident:
    """What is known of one incident so far."""

    incident_id: str
    type: str
    actor: str
    host: str
    anchor: date
    first_seen: datetime
    reports: int
    outlets: tuple[str, ...]
    status: Status | None = None
    troops: int | None = None


def outlet(article: Article) -> str:
    """Who published an article: its web host without www., else its source, else its feed."""
    host = (urlsplit(article.url).hostname or "") if article.url else ""
    return host.removeprefix("www.") or article.source or article.feed or "unknown"


def anchor(event: Event, article: Article, now: datetime) -> date:
    """The date an event is compared on: its own date, else the article's, else today."""
    if event.event_date is not None:
        return event.event_date
    return (article.published or now).date()


def match(
    candidates: Sequence[Incident], event: Event, when: date, window_days: int
) -> Incident | None:
    """The incident a report joins, if any: same kind, close in time, troops not contradicting."""
    fitting = [
        c
        for c in candidates
        if (c.type, c.actor, c.host) == (str(event.type), event.actor, event.host)
        and abs((c.anchor - when).days) <= window_days
        and _compatible(c.troops, event.troops)
    ]
    return min(fitting, key=lambda c: abs((c.anchor - when).days), default=None)


def _compatible(known: int | None, reported: int | None) -> bool:
    if known is None or reported is None:
        return True
    return max(known, reported) <= _TROOPS_RATIO * min(known, reported)


def absorb(
    incident: Incident | None, event_id: str, event: Event, article: Article, now: datetime
) -> Incident:
    """The incident after one more report (a new incident when `incident` is None)."""
    source = outlet(article)
    if incident is None:
        return Incident(
            incident_id=str(uuid.uuid5(_NAMESPACE, f"incident|{event_id}")),
            type=str(event.type),
            actor=event.actor,
            host=event.host,
            anchor=anchor(event, article, now),
            first_seen=now,
            reports=1,
            outlets=(source,),
            status=event.status,
            troops=event.troops,
        )
    return replace(
        incident,
        reports=incident.reports + 1,
        outlets=incident.outlets if source in incident.outlets else (*incident.outlets, source),
        status=furthest(incident.status, event.status),
        troops=incident.troops or event.troops,
    )


def furthest(known: Status | None, reported: Status | None) -> Status | None:
    """The more advanced status: a later report recalling the announcement does not undo it."""
    if known is None or reported is None:
        return known or reported
    return max(known, reported, key=_PROGRESS.index)


_SCHEMA = """
CREATE TABLE IF NOT EXISTS incidents (
    incident_id TEXT PRIMARY KEY,
    type TEXT NOT NULL, actor TEXT NOT NULL, host TEXT NOT NULL,
    anchor TEXT NOT NULL, first_seen TEXT NOT NULL,
    reports INTEGER NOT NULL, outlets TEXT NOT NULL, status TEXT, troops INTEGER
);
CREATE INDEX IF NOT EXISTS incidents_kind ON incidents (type, actor, host, anchor);
CREATE TABLE IF NOT EXISTS reports (
    event_id TEXT PRIMARY KEY,
    incident_id TEXT NOT NULL
);
"""


class Incidents:
    """Incident state in SQLite (`:memory:` for one offline run); safe to share between threads."""

    def __init__(self, path: Path | str, window_days: int = 30) -> None:
        self._window = window_days
        self._lock = threading.Lock()
        self._db = open_database(path, _SCHEMA)

    def assign(self, event_id: str, event: Event, article: Article, now: datetime) -> Incident:
        """The incident of one report, updated with it; a report seen before changes nothing."""
        with self._lock:
            known = self._db.execute(
                "SELECT incident_id FROM reports WHERE event_id = ?", (event_id,)
            ).fetchone()
            if known is not None:
                return self._load(known[0])
            when = anchor(event, article, now)
            joined = match(self._nearby(event, when), event, when, self._window)
            incident = absorb(joined, event_id, event, article, now)
            self._save(incident, event_id)
            return incident

    def _nearby(self, event: Event, when: date) -> list[Incident]:
        low = date.fromordinal(when.toordinal() - self._window).isoformat()
        high = date.fromordinal(when.toordinal() + self._window).isoformat()
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM incidents WHERE type = ? AND actor = ? AND host = ? "
            "AND anchor BETWEEN ? AND ?",
            (str(event.type), event.actor, event.host, low, high),
        ).fetchall()
        return [_row(r) for r in rows]

    def _load(self, incident_id: str) -> Incident:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM incidents WHERE incident_id = ?", (incident_id,)
        ).fetchone()
        return _row(row)

    def _save(self, incident: Incident, event_id: str) -> None:
        self._db.execute("BEGIN IMMEDIATE")
        self._db.execute(_UPSERT, _values(incident))
        self._db.execute(
            "INSERT INTO reports (event_id, incident_id) VALUES (?, ?)",
            (event_id, incident.incident_id),
        )
        self._db.execute("COMMIT")

    def merge(self, incident: Incident) -> None:
        """Take in an incident as another process knows it.

        Two processes may each add a report to the same incident at once, so neither copy is the
        whole truth: the reports are counted from the report links both publish, the outlets and
        the furthest status are combined.
        """
        with self._lock:
            row = self._db.execute(
                f"SELECT {_COLUMNS} FROM incidents WHERE incident_id = ?", (incident.incident_id,)
            ).fetchone()
            if row is not None:
                known = _row(row)
                added = tuple(o for o in incident.outlets if o not in known.outlets)
                incident = replace(
                    known,
                    reports=max(known.reports, incident.reports, self._links(known.incident_id)),
                    outlets=known.outlets + added,
                    status=furthest(known.status, incident.status),
                    troops=known.troops or incident.troops,
                )
            self._db.execute(_UPSERT, _values(incident))

    def link(self, event_id: str, incident_id: str) -> None:
        """Record that a report belongs to an incident (as another process decided)."""
        with self._lock:
            self._db.execute(
                "INSERT OR IGNORE INTO reports (event_id, incident_id) VALUES (?, ?)",
                (event_id, incident_id),
            )
            # a link may arrive after its incident: the count catches up with the links
            self._db.execute(
                "UPDATE incidents SET reports = MAX(reports, ?) WHERE incident_id = ?",
                (self._links(incident_id), incident_id),
            )

    def _links(self, incident_id: str) -> int:
        row = self._db.execute(
            "SELECT COUNT(*) FROM reports WHERE incident_id = ?", (incident_id,)
        ).fetchone()
        return int(row[0])

    def latest(self, count: int) -> list[Incident]:
        """The incidents first seen most recently, newest first."""
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM incidents ORDER BY first_seen DESC LIMIT ?", (count,)
            ).fetchall()
        return [_row(r) for r in rows]

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()


_COLUMNS = "incident_id, type, actor, host, anchor, first_seen, reports, outlets, status, troops"
_UPSERT = f"INSERT OR REPLACE INTO incidents ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"


def _values(incident: Incident) -> tuple[object, ...]:
    return (
        incident.incident_id,
        incident.type,
        incident.actor,
        incident.host,
        incident.anchor.isoformat(),
        incident.first_seen.isoformat(),
        incident.reports,
        json.dumps(incident.outlets),
        incident.status,
        incident.troops,
    )


def _row(row: tuple[object, ...]) -> Incident:
    (ident, kind, actor, host, when, first, reports, outlets, status, troops) = row
    return Incident(
        incident_id=str(ident),
        type=str(kind),
        actor=str(actor),
        host=str(host),
        anchor=date.fromisoformat(str(when)),
        first_seen=datetime.fromisoformat(str(first)),
        reports=int(str(reports)),
        outlets=tuple(json.loads(str(outlets))),
        status=Status(str(status)) if status else None,
        troops=int(str(troops)) if troops is not None else None,
    )
