"""The internal topics of the scale-out roles, created when missing and checked when present."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import structlog
from kafka import KafkaAdminClient
from kafka.errors import KafkaError, KafkaTimeoutError

from daemon.config import Settings
from daemon.errors import BrokerUnavailableError, PublishError
from daemon.publish import client_options, create_topics

log = structlog.stdlib.get_logger(__name__)

_DAY_MS = 86_400_000


@dataclass(frozen=True, slots=True)
class TopicSpec:
    """One topic as the roles need it."""

    name: str
    partitions: int
    replication: int
    configs: dict[str, str] = field(default_factory=dict)
    # whether another partition count breaks the design (a changelog must mirror its source)
    strict: bool = False


def seen_topic(settings: Settings) -> str:
    """The extractors' changelog of extracted articles (their dedup state)."""
    return f"{settings.cluster.articles_topic}.seen"


def articles(settings: Settings) -> TopicSpec:
    """The articles topic the fetchers fill and the extractors consume."""
    cluster = settings.cluster
    return TopicSpec(
        cluster.articles_topic,
        cluster.articles_partitions,
        cluster.replication_factor,
        {"retention.ms": str(cluster.articles_retention_ms)},
    )


def seen(settings: Settings, partitions: int) -> TopicSpec:
    """Partition p holds the articles extracted from articles partition p: same count, always."""
    cluster = settings.cluster
    return TopicSpec(
        seen_topic(settings),
        partitions,
        cluster.replication_factor,
        {
            # the latest record per article, forgotten after the dedup retention
            "cleanup.policy": "compact,delete",
            "retention.ms": str(settings.dedup.retention_days * _DAY_MS),
        },
        strict=True,
    )


def incidents(settings: Settings) -> TopicSpec:
    """The extractors' shared incident table: one partition, read whole by every extractor."""
    days = max(settings.dedup.retention_days, settings.incidents.window_days)
    return TopicSpec(
        f"{settings.cluster.group_prefix}.incidents",
        1,
        settings.cluster.replication_factor,
        {"cleanup.policy": "compact,delete", "retention.ms": str(days * _DAY_MS)},
    )


def feeds(settings: Settings) -> TopicSpec:
    """The compacted feeds topic: one state record per feed; fetchers share its partitions."""
    cluster = settings.cluster
    return TopicSpec(
        cluster.feeds_topic,
        cluster.feeds_partitions,
        cluster.replication_factor,
        {"cleanup.policy": "compact"},
        strict=True,
    )


def ensure(settings: Settings, specs: Sequence[TopicSpec]) -> dict[str, int]:
    """Create the missing topics; their partition counts, by name.

    PublishError when one present has a partition count the design cannot work with.
    BrokerUnavailableError when no broker answers (the caller waits and tries again).
    """
    options = client_options(settings.kafka)
    try:
        admin = KafkaAdminClient(**options)
    except KafkaTimeoutError as exc:
        servers = ",".join(settings.kafka.bootstrap_servers)
        raise BrokerUnavailableError(f"no Kafka broker answered at {servers}") from exc
    except KafkaError as exc:
        raise PublishError(f"cannot connect to Kafka: {exc}") from exc
    try:
        described = {d["name"]: d for d in admin.describe_topics([s.name for s in specs])}
        missing = {}
        counts = {}
        for spec in specs:
            found = described.get(spec.name)
            if found is not None and found["error_code"] == 0:
                counts[spec.name] = _check(spec, found)
            else:
                missing[spec.name] = _request(spec)
                counts[spec.name] = spec.partitions
        if missing:
            create_topics(admin, missing)
    except KafkaError as exc:
        raise PublishError(f"cannot check or create the internal topics: {exc}") from exc
    finally:
        admin.close()
    return counts


def _request(spec: TopicSpec) -> dict[str, Any]:
    return {
        "num_partitions": spec.partitions,
        "replication_factor": spec.replication,
        "configs": dict(spec.configs),
    }


def _check(spec: TopicSpec, described: dict[str, Any]) -> int:
    count = len(described["partitions"])
    if spec.strict and count != spec.partitions:
        raise PublishError(
            f"topic {spec.name} has {count} partitions, the design needs {spec.partitions}"
        )
    return count
