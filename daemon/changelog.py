"""Reading topic partitions from their start to their current end: how state moves with them.

A role that gains a partition rebuilds the state kept for it (feed states, articles already
extracted) from a compacted topic before it touches the partition's work. Only committed records
are read, so state written by an aborted transaction never comes back.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from kafka import KafkaConsumer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord

from daemon.config import KafkaSettings
from daemon.errors import BrokerUnavailableError
from daemon.publish import client_options


def partitions_of(settings: KafkaSettings, topic: str) -> set[int]:
    """The partition numbers of a topic (empty when it does not exist); creates nothing."""
    probe = KafkaConsumer(**client_options(settings), group_id=None, enable_auto_commit=False)
    try:
        return set(probe.partitions_for_topic(topic) or ())
    finally:
        probe.close()


def read_to_end(
    settings: KafkaSettings, topic: str, partitions: Iterable[int], timeout: float = 60
) -> Iterator[ConsumerRecord]:
    """Every committed record of the partitions up to their end offsets when called, in order.

    BrokerUnavailableError when the end is not reached within `timeout` seconds.
    """
    wanted = [TopicPartition(topic, p) for p in sorted(set(partitions))]
    if not wanted:
        return
    reader = KafkaConsumer(
        **client_options(settings),
        group_id=None,
        enable_auto_commit=False,
        isolation_level="read_committed",
    )
    try:
        reader.assign(wanted)
        reader.seek_to_beginning(*wanted)
        ends = reader.end_offsets(wanted)
        deadline = time.monotonic() + timeout
        while any(reader.position(tp) < ends[tp] for tp in wanted):
            if time.monotonic() > deadline:
                raise BrokerUnavailableError(f"could not read {topic} to its end in {timeout:g} s")
            for records in reader.poll(timeout_ms=200).values():
                yield from records
    finally:
        reader.close()
