"""Consumer-group membership for the scale-out roles: which partitions this process owns.

Kafka's group coordinator decides; the roles only react to what it hands out and takes back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from kafka import KafkaConsumer
from kafka.consumer.subscription_state import ConsumerRebalanceListener

from daemon.config import Settings
from daemon.publish import client_options

Partitions = Callable[[Sequence[Any]], None]


class Listener(ConsumerRebalanceListener):  # type: ignore[misc]  # kafka-python is untyped
    """Forwards the coordinator's rebalance callbacks (run inside `poll`) to two functions."""

    def __init__(self, assigned: Partitions, revoked: Partitions) -> None:
        self._assigned = assigned
        self._revoked = revoked

    def on_partitions_assigned(self, assigned: Sequence[Any]) -> None:
        """Partitions this member now owns."""
        self._assigned(assigned)

    def on_partitions_revoked(self, revoked: Sequence[Any]) -> None:
        """Partitions this member gives up (and, when evicted, has lost)."""
        self._revoked(revoked)


def group_consumer(settings: Settings, group: str, **options: Any) -> KafkaConsumer:
    """A consumer of the role's group: manual commits, committed reads, the configured session."""
    session_ms = int(settings.cluster.session_timeout_seconds * 1000)
    return KafkaConsumer(
        **client_options(settings.kafka),
        group_id=f"{settings.cluster.group_prefix}-{group}",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        isolation_level="read_committed",
        session_timeout_ms=session_ms,
        heartbeat_interval_ms=max(100, session_ms // 4),
        **options,
    )
