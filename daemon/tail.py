"""`sahelwatch tail`: read events back from the topic, filtered, as JSON lines or one-line views."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from kafka import KafkaAdminClient, KafkaConsumer

from daemon.config import KafkaSettings
from daemon.publish import client_options


@dataclass(frozen=True, slots=True)
class Filters:
    """Which events to show; empty sets mean any."""

    types: frozenset[str] = frozenset()
    hosts: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    since: datetime | None = None

    def match(self, value: dict[str, Any], timestamp_ms: int) -> bool:
        """True when an event passes every filter (`since` compares the broker timestamp)."""
        if self.since is not None and timestamp_ms < self.since.timestamp() * 1000:
            return False
        return all(
            not wanted or value.get(field) in wanted
            for field, wanted in (
                ("type", self.types),
                ("host", self.hosts),
                ("actor", self.actors),
            )
        )


@dataclass(frozen=True, slots=True)
class Message:
    """One consumed message, decoded."""

    topic: str
    partition: int
    offset: int
    timestamp_ms: int
    key: str | None
    headers: dict[str, str]
    value: dict[str, Any]


def as_json(message: Message) -> str:
    """The message as one JSON line: value, key, CloudEvents headers and position."""
    return json.dumps(
        {
            "topic": message.topic,
            "partition": message.partition,
            "offset": message.offset,
            "timestamp": _iso(message.timestamp_ms),
            "key": message.key,
            "headers": message.headers,
            "value": message.value,
        },
        ensure_ascii=False,
    )


def as_line(message: Message) -> str:
    """A one-line view for people."""
    v = message.value
    parts = [
        v.get("event_date") or _iso(message.timestamp_ms)[:10],
        f"{v['type']:<9}",
        f"{v['actor']}->{v['host']}",
        v.get("status") or "-",
    ]
    if v.get("troops"):
        parts.append(f"troops={v['troops']}{'~' if v.get('troops_approximate') else ''}")
    if v.get("places"):
        parts.append("[" + ", ".join(p["name"] for p in v["places"]) + "]")
    parts.append(f"reports={v['incident']['reports']}")
    parts.append(v["article"].get("url") or v["article"].get("title") or "")
    return " ".join(parts)


def consume(
    settings: KafkaSettings,
    *,
    group: str | None,
    from_beginning: bool,
    idle_timeout_s: float | None,
) -> Iterator[Message]:
    """Messages of the topic until idle for `idle_timeout_s` (forever when None)."""
    if not _wait_for_topic(settings, idle_timeout_s):
        return
    consumer = KafkaConsumer(
        settings.topic,
        **client_options(settings),
        group_id=group,
        auto_offset_reset="earliest" if from_beginning else "latest",
        enable_auto_commit=group is not None,
        consumer_timeout_ms=int(idle_timeout_s * 1000) if idle_timeout_s else float("inf"),
        isolation_level="read_committed",
    )
    try:
        for record in consumer:
            yield Message(
                topic=record.topic,
                partition=record.partition,
                offset=record.offset,
                timestamp_ms=record.timestamp,
                key=record.key.decode() if record.key is not None else None,
                headers={name: value.decode() for name, value in record.headers or []},
                value=json.loads(record.value),
            )
    finally:
        consumer.close()


def _wait_for_topic(settings: KafkaSettings, timeout_s: float | None) -> bool:
    """Wait until the topic exists: subscribing earlier would make the broker auto-create it
    with its own defaults, which the daemon then refuses (kafka-python ignores
    allow_auto_create_topics)."""
    admin = KafkaAdminClient(**client_options(settings))
    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    try:
        while settings.topic not in admin.list_topics():
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(1)
    finally:
        admin.close()
    return True


def _iso(timestamp_ms: int) -> str:
    moment = datetime.fromtimestamp(timestamp_ms / 1000, tz=UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
