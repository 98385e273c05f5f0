"""Event records: an extracted Event plus its article becomes the Kafka message of the contract.

Ids are UUIDv5, so they are stable across runs and machines: the same article and
(type, actor, host) always give the same event_id.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from daemon import __version__
from daemon.actors import actor_name
from daemon.codes import cameo, plover
from daemon.incidents import Incident, absorb
from daemon.model import Article, Event, OutboundRecord

SCHEMA = "sahelwatch.event/1"
EXTRACTOR = f"sahelwatch-rules/{__version__}"
_NAMESPACE = uuid.UUID("7b0d8d6e-5a0c-5b8e-9f52-6a1f4c2e9d10")


def event_id(article_id: str, event: Event) -> str:
    """Stable id of one event read from one article."""
    return str(
        uuid.uuid5(_NAMESPACE, f"event|{article_id}|{event.type}|{event.actor}|{event.host}")
    )


def build(
    event: Event, article: Article, extracted_at: datetime, incident: Incident | None = None
) -> OutboundRecord:
    """The outbound record of one event: key, value and CloudEvents headers.

    `incident` is what the incident store knows; without one the event is its own incident.
    """
    eid = event_id(article.id, event)
    if incident is None:
        incident = absorb(None, eid, event, article, extracted_at)
    iid = incident.incident_id
    stamp = _iso(extracted_at)
    value: dict[str, Any] = {
        "schema": SCHEMA,
        "event_id": eid,
        "incident_id": iid,
        "incident": {
            "first_seen": _iso(incident.first_seen),
            "reports": incident.reports,
            "outlets": len(incident.outlets),
            "status": _str(incident.status),
        },
        "type": str(event.type),
        "actor": event.actor,
        "actor_name": actor_name(event.actor),
        "actor_force": event.actor_force,
        "host": event.host,
        "host_name": actor_name(event.host),
        "status": _str(event.status),
        "troops": event.troops,
        "troops_approximate": event.troops_approximate,
        "places": [
            {"name": p.name, "kind": str(p.kind), "lat": p.lat, "lon": p.lon} for p in event.places
        ],
        "event_date": event.event_date.isoformat() if event.event_date else None,
        "evidence": list(event.evidence),
        "confidence": round(event.confidence, 3),
        "cameo": cameo(event),
        "plover": plover(event),
        "article": article_fields(article),
        "extracted_at": stamp,
        "extractor": EXTRACTOR,
    }
    headers = (
        ("ce_specversion", b"1.0"),
        ("ce_id", eid.encode()),
        ("ce_source", f"/sahelwatch/feeds/{article.feed or 'offline'}".encode()),
        ("ce_type", f"org.sahelwatch.event.{str(event.type).lower()}".encode()),
        ("ce_time", stamp.encode()),
        ("content-type", b"application/json"),
    )
    return OutboundRecord(event_id=eid, key=iid, value=value, headers=headers)


def article_fields(article: Article) -> dict[str, Any]:
    """The `article` object of a record."""
    return {
        "id": article.id,
        "url": article.url or None,
        "title": article.title or None,
        "source": article.source or None,
        "feed": article.feed or None,
        "published": _iso(article.published) if article.published else None,
        "lang": article.lang,
    }


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _str(value: object | None) -> str | None:
    return None if value is None else str(value)
