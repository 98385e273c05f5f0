"""The fetch role: feeds shared among fetchers by a consumer group, their state kept in Kafka.

Each feed belongs to one partition of the compacted feeds topic (Kafka's own hash of its name),
and that partition's record for the feed is its fetch state: validators, backoff, last attempt.
Fetchers join one consumer group on the topic; the coordinator hands each its partitions, and a
fetcher schedules exactly the configured feeds of the partitions it holds. When a fetcher dies or
leaves, its partitions go to the others, which read the feeds' latest state from the topic and
carry on where it stopped: same validators, next run when it was due.

Fetched articles go to the articles topic, keyed by article id (see extract_group).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

import structlog
from kafka import KafkaProducer, TopicPartition
from kafka.errors import KafkaError

from daemon import changelog
from daemon.config import FeedSettings, Settings
from daemon.errors import InputError, PublishError
from daemon.membership import Listener, group_consumer
from daemon.messages import decode_feed_state, encode_article, encode_feed_state, partition_of
from daemon.model import Article
from daemon.monitor import RoleLink
from daemon.publish import client_options
from daemon.scheduler import FeedJobs, first_run_at
from daemon.store import FeedState

log = structlog.stdlib.get_logger(__name__)

GROUP = "fetchers"
# seconds between the first runs of feeds gained together
_SPREAD = 0.1


def producer(settings: Settings) -> KafkaProducer:
    """The fetcher's idempotent producer (articles and feed states): acks from all replicas."""
    kafka = settings.kafka
    return KafkaProducer(
        **client_options(kafka),
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        compression_type=None if kafka.compression_type == "none" else kafka.compression_type,
    )


class ArticleTopic:
    """Publishes articles to the articles topic and waits for the acknowledgement."""

    def __init__(self, settings: Settings, sender: KafkaProducer, link: RoleLink) -> None:
        self._link = link
        self._topic = settings.cluster.articles_topic
        self._timeout = settings.kafka.delivery_timeout_ms / 1000 + 5
        self._producer = sender

    def __call__(self, article: Article) -> None:
        """Publish one article; PublishError when the broker does not acknowledge it."""
        try:
            self._producer.send(
                self._topic, key=article.id.encode(), value=encode_article(article)
            ).get(timeout=self._timeout)
        except KafkaError as exc:
            self._link.failed(f"article not acknowledged: {exc}")
            raise PublishError(f"article {article.id} not acknowledged: {exc}") from exc
        self._link.worked()


class FeedStateTopic:
    """Per-feed state in the compacted feeds topic, cached for the feeds this fetcher owns."""

    def __init__(self, settings: Settings, sender: Any, partitions: int) -> None:
        self._settings = settings
        self._producer = sender
        self.partitions = partitions
        self._cache: dict[str, FeedState] = {}
        self._lock = threading.Lock()

    def partition(self, feed: str) -> int:
        """The feeds-topic partition a feed belongs to."""
        return partition_of(feed, self.partitions)

    def feed_state(self, feed: str) -> FeedState:
        """The feed's latest state (a fresh one for a feed never fetched)."""
        with self._lock:
            return self._cache.get(feed) or FeedState(feed)

    def save_feed_state(self, state: FeedState) -> None:
        """Keep the state, and write it to the topic so that it moves with the feed."""
        with self._lock:
            self._cache[state.feed] = state
        try:
            self._producer.send(
                self._settings.cluster.feeds_topic,
                key=state.feed.encode(),
                value=encode_feed_state(state),
                partition=self.partition(state.feed),
            ).get(timeout=self._settings.kafka.delivery_timeout_ms / 1000 + 5)
        except KafkaError as exc:
            # still used here; the next cycle writes it again
            log.error("feed_state_not_saved", feed=state.feed, error=str(exc))

    def load(self, partitions: Iterable[int]) -> int:
        """Read the latest state of every feed in these partitions; how many feeds had one."""
        loaded: dict[str, FeedState] = {}
        topic = self._settings.cluster.feeds_topic
        for record in changelog.read_to_end(self._settings.kafka, topic, partitions):
            try:
                state = decode_feed_state(record.value)
            except InputError as exc:
                where = {"partition": record.partition, "offset": record.offset}
                log.error("feed_state_malformed", topic=topic, error=str(exc), **where)
                continue
            loaded[state.feed] = state
        with self._lock:
            self._cache.update(loaded)
        return len(loaded)

    def forget(self, feeds: Iterable[str]) -> None:
        """Drop the cached state of feeds now owned elsewhere."""
        with self._lock:
            for feed in feeds:
                self._cache.pop(feed, None)


def cluster_states(settings: Settings) -> dict[str, FeedState]:
    """Every feed's latest state in the feeds topic, whichever fetcher wrote it."""
    topic = settings.cluster.feeds_topic
    found: dict[str, FeedState] = {}
    for record in changelog.read_to_end(settings.kafka, topic):
        with contextlib.suppress(InputError):  # the fetchers log malformed ones
            state = decode_feed_state(record.value)
            found[state.feed] = state
    return found


class FeedOwnership:
    """This fetcher's membership of the fetcher group: the feeds it schedules follow it."""

    def __init__(
        self,
        settings: Settings,
        states: FeedStateTopic,
        resume_at: Callable[[FeedSettings], datetime | None],
        clock: Callable[[], datetime],
        consumer: Any = None,
    ) -> None:
        self._settings = settings
        self._states = states
        self._resume_at = resume_at
        self._clock = clock
        self._feeds = {feed.name: feed for feed in settings.feeds}
        self._owned: set[int] = set()
        self._jobs: FeedJobs | None = None
        self._failing = False
        # feeds being given up: their running cycle stops at the next article
        self._giving_up: set[str] = set()
        # when the group coordinator last answered, and when it was last asked
        self._contact = self._probed = clock()
        self._consumer = consumer if consumer is not None else group_consumer(settings, GROUP)

    def start(self, jobs: FeedJobs) -> None:
        """Join the group; feeds are scheduled as partitions come (in `tick`)."""
        self._jobs = jobs
        self._consumer.subscribe(
            [self._settings.cluster.feeds_topic], listener=Listener(self._gained, self._lost)
        )

    def tick(self) -> None:
        """Let the coordinator hand out or take back partitions (callbacks run in here)."""
        try:
            # every partition is paused: the group is used for membership, not for records;
            # a join needs a poll that waits a little (one that returns at once never completes it)
            self._consumer.poll(timeout_ms=200)
        except KafkaError as exc:
            # once per outage, not once a second
            if not self._failing:
                log.error("fetcher_group_poll_failed", error=f"{type(exc).__name__}: {exc}")
            self._failing = True
            return
        if self._failing:
            log.info("fetcher_group_recovered")
            self._failing = False
        self._check_contact()

    def giving_up(self, feed: str) -> bool:
        """Whether the feed is being handed to another fetcher (its cycle should stop)."""
        return feed in self._giving_up

    def _check_contact(self) -> None:
        """Drop every feed when the coordinator has not answered for a whole session.

        Cut off from Kafka, this fetcher cannot hear that the group gave its partitions to
        others, who poll the feeds now; the group hands them back once contact returns.
        """
        now = self._clock()
        session = timedelta(seconds=self._settings.cluster.session_timeout_seconds)
        if not self._owned or now - self._probed < session / 3:
            return
        self._probed = now
        probe = TopicPartition(self._settings.cluster.feeds_topic, min(self._owned))
        try:
            self._consumer.committed(probe, timeout_ms=int(session.total_seconds() * 1000 / 3))
        except KafkaError as exc:
            if now - self._contact > session:
                log.error("fetcher_cut_off", error=f"{type(exc).__name__}: {exc}",
                          partitions=sorted(self._owned))  # fmt: skip
                self._lost([probe._replace(partition=p) for p in sorted(self._owned)])
            return
        self._contact = now

    def owned(self, feeds: Iterable[FeedSettings]) -> list[FeedSettings]:
        """Take a reloaded feed list; the feeds of it this fetcher owns."""
        self._feeds = {feed.name: feed for feed in feeds}
        return [f for f in self._feeds.values() if self._states.partition(f.name) in self._owned]

    def close(self) -> None:
        """Leave the group at once, so the others need not wait for the session to expire."""
        self._consumer.close(autocommit=False)

    def _gained(self, assigned: Sequence[Any]) -> None:
        if self._jobs is None:
            return
        self._consumer.pause(*assigned)
        partitions = {tp.partition for tp in assigned}
        known = self._states.load(partitions)
        self._owned |= partitions
        now = self._clock()
        feeds = [f for f in self._feeds.values() if self._states.partition(f.name) in partitions]
        scheduled = 0
        for index, feed in enumerate(sorted(feeds, key=lambda f: f.name)):
            when = self._resume_at(feed)
            if when is None:
                continue  # gone (HTTP 410) until its URL changes
            self._jobs.add(feed, max(when, first_run_at(now, index, _SPREAD)))
            scheduled += 1
        log.info("partitions_assigned", role="fetch", partitions=sorted(partitions),
                 feeds=scheduled, with_state=known)  # fmt: skip

    def _lost(self, revoked: Sequence[Any]) -> None:
        if self._jobs is None:
            return
        partitions = {tp.partition for tp in revoked}
        names = [n for n in self._feeds if self._states.partition(n) in partitions]
        self._giving_up.update(names)
        try:
            # returns once none of them runs here any more: no feed is ever fetched by two
            self._jobs.remove(names)
        finally:
            self._giving_up.difference_update(names)
        self._states.forget(names)
        self._owned -= partitions
        log.info(
            "partitions_revoked", role="fetch", partitions=sorted(partitions), feeds=len(names)
        )
