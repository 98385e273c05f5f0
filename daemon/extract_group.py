"""The extract role: a consumer group on the articles topic, exactly once through transactions.

Each poll is one Kafka transaction: the events read from the polled articles, one record per
article in the `<articles>.seen` changelog, and the consumed offsets commit together or not at
all. A crash before the commit aborts everything (the next owner of the partitions re-reads the
same articles); after it, nothing is repeated.

Dedup is partition-local: articles are keyed by id, so every copy of an article lands in one
partition, and the changelog partition with the same number says which articles it already gave.
It is read back when a partition is gained and only committed records count, so it moves with
the partition and never remembers an aborted article.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import structlog
from kafka import KafkaProducer
from kafka.errors import KafkaError, ProducerFencedError
from kafka.structs import OffsetAndMetadata

from daemon import changelog, records, topics
from daemon.config import Settings
from daemon.delivery import alert_fields, retry_delay
from daemon.errors import BrokerUnavailableError, InputError
from daemon.incident_table import SharedIncidents
from daemon.membership import Listener, group_consumer
from daemon.messages import decode_article, encode_seen
from daemon.model import OutboundRecord
from daemon.monitor import RoleLink
from daemon.pipeline import Extractor, read_article
from daemon.publish import client_options, encode
from daemon.scheduler import StopFlag

log = structlog.stdlib.get_logger(__name__)

GROUP = "extractors"
# a broker that went away is tried again after this long, doubling up to the ceiling
RETRY_SECONDS = 5.0
RETRY_CEILING_SECONDS = 120.0


@dataclass
class Tally:
    """What the extractor did since it started (tests and the benchmark read it)."""

    transactions: int = 0
    articles: int = 0
    duplicates: int = 0
    events: int = 0
    aborted: int = 0


def transactional_id(settings: Settings) -> str:
    """This process's transactional id: the configured instance, else host name and pid."""
    instance = settings.cluster.instance or f"{socket.gethostname()}-{os.getpid()}"
    return f"{settings.cluster.group_prefix}-extractor-{instance}"


class ExtractGroup:
    """One member of the extractor group; `run` until the stop flag is set."""

    def __init__(
        self,
        settings: Settings,
        extractor: Extractor,
        stop: StopFlag,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        *,
        link: RoleLink | None = None,
        on_progress: Callable[[], None] = lambda: None,
        on_delivered: Callable[[Sequence[OutboundRecord]], None] = lambda _records: None,
    ) -> None:
        self._link = link or RoleLink()
        # called after every poll (records or not) and with the events of every commit
        self._on_progress = on_progress
        self._on_delivered = on_delivered
        self._settings = settings
        self._extractor = extractor
        self._stop = stop
        self._clock = clock
        self._seen_topic = topics.seen_topic(settings)
        # article ids already extracted, per owned partition (rebuilt from the changelog)
        self._seen: dict[int, set[str]] = {}
        self._polled = False
        self.tally = Tally()

    def run(self) -> None:
        """Consume, extract and publish until stopped; a lost broker is waited for."""
        failures = 0
        while not self._stop.is_set():
            self._polled = False
            try:
                self._session()
            except (BrokerUnavailableError, KafkaError) as exc:
                # ProducerFencedError included: a new session bumps the producer epoch
                error = f"{type(exc).__name__}: {exc}"
                self._link.failed(error)
                # a session that got as far as polling ends a streak of failures
                failures = 1 if self._polled else failures + 1
                delay = retry_delay(failures, RETRY_SECONDS, RETRY_CEILING_SECONDS)
                log.error("extractor_session_failed", error=error, retry_in=delay)
                self._seen.clear()
                self._stop.wait(delay)

    def _session(self) -> None:
        """One incident table, producer and group membership, from connection to stop or failure."""
        settings = self._settings
        counts = topics.ensure(settings, [topics.articles(settings), topics.incidents(settings)])
        partitions = counts[settings.cluster.articles_topic]
        topics.ensure(settings, [topics.seen(settings, partitions)])
        incidents = SharedIncidents(settings, settings.incidents.window_days)
        try:
            log.info("incidents_loaded", records=incidents.catch_up())
            self._consume(incidents)
        finally:
            incidents.close()

    def _consume(self, incidents: SharedIncidents) -> None:
        producer = self._producer()
        consumer = group_consumer(
            self._settings, GROUP, max_poll_records=self._settings.cluster.batch
        )
        try:
            consumer.subscribe(
                [self._settings.cluster.articles_topic],
                listener=Listener(self._gained, self._lost),
            )
            log.info("extractor_started", transactional_id=transactional_id(self._settings))
            while not self._stop.is_set():
                polled = consumer.poll(timeout_ms=500)
                self._polled = True
                self._on_progress()
                if polled:
                    incidents.sync()
                    self.transact(producer, consumer, incidents, polled)
        finally:
            consumer.close(autocommit=False)
            producer.close(timeout=5)

    def _producer(self) -> KafkaProducer:
        kafka = self._settings.kafka
        producer = KafkaProducer(
            **client_options(kafka),
            transactional_id=transactional_id(self._settings),
            transaction_timeout_ms=int(self._settings.cluster.transaction_timeout_seconds * 1000),
            compression_type=None if kafka.compression_type == "none" else kafka.compression_type,
            linger_ms=5,
        )
        # fences an earlier producer of the same id and aborts what it left open
        producer.init_transactions()
        return producer

    def _gained(self, assigned: Sequence[Any]) -> None:
        owned = sorted(tp.partition for tp in assigned)
        seen: dict[int, set[str]] = {p: set() for p in owned}
        for record in changelog.read_to_end(self._settings.kafka, self._seen_topic, owned):
            if record.key is not None:
                seen[record.partition].add(record.key.decode())
        self._seen.update(seen)
        log.info("partitions_assigned", role="extract", partitions=owned,
                 known_articles=sum(len(s) for s in seen.values()))  # fmt: skip

    def _lost(self, revoked: Sequence[Any]) -> None:
        for tp in revoked:
            self._seen.pop(tp.partition, None)
        log.info(
            "partitions_revoked", role="extract", partitions=sorted(tp.partition for tp in revoked)
        )

    def transact(
        self,
        producer: KafkaProducer,
        consumer: Any,
        incidents: SharedIncidents,
        polled: Mapping[Any, Sequence[Any]],
    ) -> None:
        """Everything read from one poll, in one transaction; rewound when it aborts."""
        producer.begin_transaction()
        try:
            staged, alerts = self._produce(producer, incidents, polled)
            for key, value in incidents.drain():
                producer.send(incidents.topic, key=key, value=value)
            offsets = {
                tp: OffsetAndMetadata(recs[-1].offset + 1, "", -1) for tp, recs in polled.items()
            }
            producer.send_offsets_to_transaction(offsets, consumer.group_metadata())
            producer.commit_transaction()
        except ProducerFencedError:
            raise
        except KafkaError as exc:
            incidents.discard()
            self._abort(producer, consumer, polled, exc)
            return
        incidents.committed()
        for partition, ids in staged.items():
            self._seen.setdefault(partition, set()).update(ids)
        self._link.worked()
        self._on_delivered(alerts)
        self._count(polled, staged, alerts)

    def _produce(
        self,
        producer: KafkaProducer,
        incidents: SharedIncidents,
        polled: Mapping[Any, Sequence[Any]],
    ) -> tuple[dict[int, set[str]], list[OutboundRecord]]:
        """Send the events and changelog records of the polled articles (inside a transaction)."""
        staged: dict[int, set[str]] = {}
        sent: list[OutboundRecord] = []
        for tp, batch in polled.items():
            known = self._seen.get(tp.partition, set())
            fresh = staged.setdefault(tp.partition, set())
            for record in batch:
                article_id, outbound = self._read(record, (known, fresh), incidents)
                if article_id is None:
                    continue
                for out in outbound:
                    producer.send(
                        self._settings.kafka.topic,
                        value=encode(out),
                        key=out.key.encode(),
                        headers=list(out.headers),
                    )
                producer.send(
                    self._seen_topic,
                    key=article_id.encode(),
                    value=encode_seen(len(outbound), self._clock()),
                    partition=tp.partition,
                )
                fresh.add(article_id)
                sent += outbound
        return staged, sent

    def _read(
        self, record: Any, known: tuple[set[str], ...], incidents: SharedIncidents
    ) -> tuple[str | None, list[OutboundRecord]]:
        """The article id and event records of one articles-topic record (None: skip it)."""
        where = {"partition": record.partition, "offset": record.offset}
        try:
            article = decode_article(record.value)
        except InputError as exc:
            # nothing can be read from it; the offset is logged so it can be looked at
            log.error("article_record_malformed", error=str(exc), **where)
            return None, []
        if any(article.id in ids for ids in known):
            self.tally.duplicates += 1
            log.debug("article_duplicate", article_id=article.id, **where)
            return None, []
        try:
            article, found = read_article(self._extractor, article)
        except Exception:  # one bad article must not stop the partition
            log.exception("extraction_failed", article_id=article.id, url=article.url, **where)
            return article.id, []
        now = self._clock()
        return article.id, [
            records.build(
                event,
                article,
                now,
                incidents.assign(records.event_id(article.id, event), event, article, now),
            )
            for event in found
        ]

    def _abort(
        self,
        producer: KafkaProducer,
        consumer: Any,
        polled: Mapping[Any, Sequence[Any]],
        exc: Exception,
    ) -> None:
        """Abort the transaction and go back to the first polled offset of each owned partition."""
        self.tally.aborted += 1
        error = f"{type(exc).__name__}: {exc}"
        self._link.failed(error)
        log.warning("transaction_aborted", error=error)
        producer.abort_transaction()
        owned = consumer.assignment()
        for tp, batch in polled.items():
            if tp in owned:
                consumer.seek(tp, batch[0].offset)

    def _count(
        self,
        polled: Mapping[Any, Sequence[Any]],
        staged: Mapping[int, set[str]],
        alerts: Sequence[OutboundRecord],
    ) -> None:
        self.tally.transactions += 1
        self.tally.articles += sum(len(ids) for ids in staged.values())
        self.tally.events += len(alerts)
        for record in alerts:
            log.warning("troop_event", **alert_fields(record))
        log.info(
            "articles_extracted",
            records=sum(len(batch) for batch in polled.values()),
            articles=sum(len(ids) for ids in staged.values()),
            events=len(alerts),
        )
