"""Event records: an extracted Event plus its article becomes the Kafka message of the contract.

Ids are UUIDv5, so they are stable across runs and machines: the same article and
(type, actor, host) always give the same event_id.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from daemon import __version__
from daemon.actors import actor_name
from daemon.codes import cameo, plover
from daemon.model import Article, Event, OutboundRecord

SCHEMA = "sahelwatch.event/1"
EXTRACTOR = f"sahelwatch-rules/{__version__}"
_NAMESPACE = uuid.UUID("7b0d8d6e-5a0c-5b8e-9f52-6a1f4c2e9d10")


def event_id(article_id: str, event: Event) -> str:
    """Stable id of one event read from one article."""
    return str(
        uuid.uuid5(_NAMESPACE, f"event|{article_id}|{event.type}|{event.actor}|{event.host}")
    )


def incident_id(event: Event, article: Article) -> str:
    """Stable id shared by reports of one real-world event.

    First version: same type, actor and host in the same calendar month of the event (or of
    publication when the text gives no date). Grouping across a sliding window comes with the
    incident store.
    """
    when = event.event_date or _day(article.published) or date(1970, 1, 1)
    key = f"incident|{event.type}|{event.actor}|{event.host}|{when:%Y-%m}"
    return str(uuid.uuid5(_NAMESPACE, key))


def build(event: Event, article: Article, extracted_at: datetime) -> OutboundRecord:
    """The outbound record of one event: key, value and CloudEvents headers."""
    eid = event_id(article.id, event)
    iid = incident_id(event, article)
    stamp = _iso(extracted_at)
    value: dict[str, Any] = {
        "schema": SCHEMA,
        "event_id": eid,
        "incident_id": iid,
        "incident": {"first_seen": stamp, "reports": 1, "outlets": 1, "status": _str(event.status)},
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


def _day(moment: datetime | None) -> date | None:
    return moment.date() if moment else None


def _str(value: object | None) -> str | None:
    return None if value is None else str(value)
