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


def committed_reader(settings: KafkaSettings) -> KafkaConsumer:
    """A consumer outside any group that sees committed records only."""
    return KafkaConsumer(
        **client_options(settings),
        group_id=None,
        enable_auto_commit=False,
        isolation_level="read_committed",
    )


def rewind(
    reader: KafkaConsumer, topic: str, partitions: Iterable[int] | None, timeout: float = 60
) -> Iterator[ConsumerRecord]:
    """Assign `reader` the partitions (all of the topic's when None), then every record from their
    start up to their end offsets when called, in order; the reader stays at the end, so it can go
    on tailing them.

    BrokerUnavailableError when the end is not reached within `timeout` seconds.
    """
    if partitions is None:
        partitions = reader.partitions_for_topic(topic) or ()
    wanted = [TopicPartition(topic, p) for p in sorted(set(partitions))]
    if not wanted:
        return
    reader.assign(wanted)
    reader.seek_to_beginning(*wanted)
    ends = reader.end_offsets(wanted)
    deadline = time.monotonic() + timeout
    while any(reader.position(tp) < ends[tp] for tp in wanted):
        if time.monotonic() > deadline:
            raise BrokerUnavailableError(f"could not read {topic} to its end in {timeout:g} s")
        for records in reader.poll(timeout_ms=200).values():
            yield from records


def read_to_end(
    settings: KafkaSettings,
    topic: str,
    partitions: Iterable[int] | None = None,
    timeout: float = 60,
) -> Iterator[ConsumerRecord]:
    """Every committed record of the partitions (all when None) up to their end offsets when
    called, in order, read by a consumer of its own (see `rewind`)."""
    reader = committed_reader(settings)
    try:
        yield from rewind(reader, topic, partitions, timeout)
    finally:
        reader.close()
