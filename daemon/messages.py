"""The records of the internal topics (scale-out roles): articles, feed states, seen articles.

Pure: bytes in, typed values out. Every value carries a schema name so a reader meeting a
record of another version says so instead of misreading it.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from kafka.partitioner.default import murmur2

from daemon.errors import InputError
from daemon.fetch import Validators
from daemon.incidents import Incident
from daemon.model import Article, Status
from daemon.store import FeedState

ARTICLE_SCHEMA = "sahelwatch.article/1"
FEED_STATE_SCHEMA = "sahelwatch.feed-state/1"
SEEN_SCHEMA = "sahelwatch.seen/1"
INCIDENT_SCHEMA = "sahelwatch.incident/1"
REPORT_SCHEMA = "sahelwatch.report/1"


def _dump(value: dict[str, Any]) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _load(raw: bytes | None, schema: str) -> dict[str, Any]:
    """The JSON object of a record, checked to be of `schema`; InputError otherwise."""
    if raw is None:
        raise InputError("empty record (a tombstone)")
    try:
        value = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not JSON: {exc}") from None
    if not isinstance(value, dict):
        raise InputError("not a JSON object")
    if value.get("schema") != schema:
        raise InputError(f"schema {value.get('schema')!r}, expected {schema!r}")
    return value


def encode_article(article: Article) -> bytes:
    """An article as the fetchers publish it."""
    value = asdict(article)
    value["published"] = article.published.isoformat() if article.published else None
    return _dump({"schema": ARTICLE_SCHEMA, **value})


def decode_article(raw: bytes | None) -> Article:
    """The article of an articles-topic record; InputError naming what is wrong."""
    value = _load(raw, ARTICLE_SCHEMA)
    try:
        published = value.get("published")
        return Article(
            id=_text(value, "id"),
            url=_text(value, "url"),
            title=_text(value, "title"),
            text=_text(value, "text"),
            source=str(value.get("source") or ""),
            feed=str(value.get("feed") or ""),
            published=datetime.fromisoformat(published) if published else None,
            lang=value.get("lang") or None,
        )
    except (TypeError, ValueError) as exc:
        raise InputError(f"bad article field: {exc}") from None


def _text(value: dict[str, Any], key: str) -> str:
    found = value.get(key)
    if not isinstance(found, str):
        raise InputError(f"article field {key!r} missing or not a string")
    return found


def encode_feed_state(state: FeedState) -> bytes:
    """A feed's fetch state, as kept in the compacted feeds topic."""
    value = asdict(state)
    value["validators"] = asdict(state.validators)
    return _dump({"schema": FEED_STATE_SCHEMA, **value})


def decode_feed_state(raw: bytes | None) -> FeedState:
    """The feed state of a feeds-topic record; InputError naming what is wrong."""
    value = _load(raw, FEED_STATE_SCHEMA)
    del value["schema"]
    validators = value.pop("validators", None) or {}
    if not isinstance(validators, dict):
        raise InputError("feed state field 'validators' is not an object")
    for key, kind in (*_STATE_FIELDS.items(), *_VALIDATOR_FIELDS.items()):
        found = (validators if key in _VALIDATOR_FIELDS else value).get(key)
        if found is not None and not isinstance(found, kind):
            raise InputError(f"feed state field {key!r} is not {kind.__name__}")
    if not isinstance(value.get("feed"), str):
        raise InputError("feed state without a feed name")
    try:
        return FeedState(validators=Validators(**validators), **value)
    except TypeError as exc:
        raise InputError(f"bad feed state: {exc}") from None


# The types of the feed-state fields; None is allowed for each.
_STATE_FIELDS: dict[str, type] = {
    "feed": str, "last_attempt": str, "last_success": str, "last_status": str, "failures": int,
    "url": str, "content_hash": str, "breaker": str, "next_attempt": str, "quiet_runs": int,
}  # fmt: skip
_VALIDATOR_FIELDS: dict[str, type] = {"etag": str, "last_modified": str}


def encode_seen(events: int, at: datetime) -> bytes:
    """That an article was extracted (in the extractors' changelog topic)."""
    return _dump({"schema": SEEN_SCHEMA, "events": events, "at": at.isoformat()})


def encode_incident(incident: Incident) -> bytes:
    """An incident as the extractors share it (compacted incidents topic, key incident|<id>)."""
    value = asdict(incident)
    value["anchor"] = incident.anchor.isoformat()
    value["first_seen"] = incident.first_seen.isoformat()
    value["outlets"] = list(incident.outlets)
    return _dump({"schema": INCIDENT_SCHEMA, **value})


def decode_incident(raw: bytes | None) -> Incident:
    """The incident of an incidents-topic record; InputError naming what is wrong."""
    value = _load(raw, INCIDENT_SCHEMA)
    try:
        return Incident(
            incident_id=str(value["incident_id"]),
            type=str(value["type"]),
            actor=str(value["actor"]),
            host=str(value["host"]),
            anchor=date.fromisoformat(value["anchor"]),
            first_seen=datetime.fromisoformat(value["first_seen"]),
            reports=int(value["reports"]),
            outlets=tuple(str(o) for o in value["outlets"]),
            status=Status(value["status"]) if value.get("status") else None,
            troops=int(value["troops"]) if value.get("troops") is not None else None,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"bad incident field: {exc}") from None


def encode_report(incident_id: str) -> bytes:
    """Which incident a report (an event id, the key report|<event_id>) was grouped into."""
    return _dump({"schema": REPORT_SCHEMA, "incident_id": incident_id})


def decode_report(raw: bytes | None) -> str:
    """The incident id of a report record; InputError when malformed."""
    value = _load(raw, REPORT_SCHEMA)
    if not isinstance(value.get("incident_id"), str):
        raise InputError("report record without an incident_id")
    return str(value["incident_id"])


def partition_of(key: str, partitions: int) -> int:
    """The partition of a key: the same as Kafka's default partitioner (murmur2) picks."""
    hashed: int = murmur2(key.encode())
    return (hashed & 0x7FFFFFFF) % partitions
