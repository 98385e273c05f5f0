"""The data that flows through a cycle, one frozen type per stage.

FeedItem (as a feed lists it) -> Article (normalised, with an id) -> Event (what extraction read)
-> OutboundRecord (the Kafka message of ../shared/EVENTS.md).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


class EventType(enum.StrEnum):
    """The five kinds of event of the contract."""

    DEPLOY = "DEPLOY"
    WITHDRAW = "WITHDRAW"
    EXPEL = "EXPEL"
    AGREEMENT = "AGREEMENT"
    OPERATION = "OPERATION"


class Status(enum.StrEnum):
    """How far along an event is, when the text says."""

    ANNOUNCED = "announced"
    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"


class PlaceKind(enum.StrEnum):
    """What sort of place a named location is."""

    CITY = "city"
    BASE = "base"
    REGION = "region"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry as a feed lists it, before normalisation."""

    feed: str
    url: str
    title: str
    summary: str
    guid: str | None = None
    published: datetime | None = None
    lang: str | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    """A normalised article: the unit that is deduplicated, extracted and recorded."""

    id: str
    url: str
    title: str
    text: str
    source: str = ""
    feed: str = ""
    published: datetime | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A place in the host country named for an event."""

    name: str
    kind: PlaceKind = PlaceKind.OTHER
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One event read from one article: the facts, without ids or article metadata."""

    type: EventType
    actor: str
    host: str
    evidence: tuple[str, ...]
    confidence: float
    actor_force: str | None = None
    status: Status | None = None
    troops: int | None = None
    troops_approximate: bool = False
    places: tuple[Place, ...] = ()
    event_date: date | None = None


@dataclass(frozen=True, slots=True)
class OutboundRecord:
    """A Kafka message ready to send: key, JSON-able value and headers."""

    event_id: str
    key: str
    value: dict[str, Any]
    headers: tuple[tuple[str, bytes], ...] = field(default=())
