"""One poll's transaction in the extract role, with stand-ins for the Kafka clients."""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from kafka.errors import KafkaError

from daemon.config import Settings
from daemon.extract_group import ExtractGroup
from daemon.incidents import absorb
from daemon.messages import encode_article
from daemon.model import Article, Event, EventType
from daemon.scheduler import StopFlag

SETTINGS = Settings()
EVENTS = SETTINGS.kafka.topic
SEEN = f"{SETTINGS.cluster.articles_topic}.seen"


class TopicPartition(NamedTuple):
    topic: str
    partition: int


class Record(NamedTuple):
    partition: int
    offset: int
    key: bytes
    value: bytes


class OneEventEach:
    """Every article reports one deployment of French troops in Mali."""

    def extract(self, article: Article) -> list[Event]:
        return [Event(EventType.DEPLOY, "FR", "ML", (article.title,), 0.9)]


class FakeProducer:
    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.sent: list[tuple[str, bytes, int | None]] = []
        self.committed: list[list[tuple[str, bytes, int | None]]] = []
        self.offsets: list[dict[Any, Any]] = []
        self.aborted = 0

    def begin_transaction(self) -> None:
        self.sent = []

    def send(self, topic: str, key: bytes, value: bytes, **options: Any) -> None:
        self.sent.append((topic, key, options.get("partition")))

    def send_offsets_to_transaction(self, offsets: dict[Any, Any], _metadata: Any) -> None:
        self.offsets.append(offsets)

    def commit_transaction(self) -> None:
        if self.failures:
            self.failures -= 1
            raise KafkaError("coordinator went away")
        self.committed.append(self.sent)

    def abort_transaction(self) -> None:
        self.aborted += 1


class FakeConsumer:
    def __init__(self, owned: set[Any]) -> None:
        self.owned = owned
        self.seeks: list[tuple[Any, int]] = []

    def group_metadata(self) -> str:
        return "generation-1"

    def assignment(self) -> set[Any]:
        return self.owned

    def seek(self, tp: Any, offset: int) -> None:
        self.seeks.append((tp, offset))


class FakeIncidents:
    topic = "incidents"

    def __init__(self) -> None:
        self.pending: list[str] = []
        self.discarded = 0
        self.commits = 0

    def assign(self, event_id: str, *args: Any) -> Any:
        self.pending.append(event_id)
        return absorb(None, event_id, *args)

    def drain(self) -> list[tuple[bytes, bytes]]:
        drained = [(f"report|{e}".encode(), b"{}") for e in self.pending]
        self.pending.clear()
        return drained

    def discard(self) -> None:
        self.discarded += 1
        self.pending.clear()

    def committed(self) -> None:
        self.commits += 1


def _record(partition: int, offset: int, ident: str) -> Record:
    article = Article(id=ident, url=f"https://news.test/{ident}", title=f"t {ident}", text="x")
    return Record(partition, offset, ident.encode(), encode_article(article))


def _group() -> ExtractGroup:
    return ExtractGroup(SETTINGS, OneEventEach(), StopFlag())


def test_a_poll_commits_events_changelog_and_offsets_in_one_transaction():
    """Events go to the events topic, one changelog record per article to the same partition of
    the seen topic, and each partition's offset after its last record."""
    group, producer, incidents = _group(), FakeProducer(), FakeIncidents()
    a, b = TopicPartition("articles", 0), TopicPartition("articles", 3)
    polled = {a: [_record(0, 10, "x1"), _record(0, 11, "x2")], b: [_record(3, 7, "y1")]}
    group.transact(producer, FakeConsumer({a, b}), incidents, polled)  # type: ignore[arg-type]
    (sent,) = producer.committed
    assert len([s for s in sent if s[0] == EVENTS]) == 3
    assert sorted((s[1], s[2]) for s in sent if s[0] == SEEN) == [
        (b"x1", 0), (b"x2", 0), (b"y1", 3),
    ]  # fmt: skip
    assert len([s for s in sent if s[0] == "incidents"]) == 3
    assert {tp: o.offset for tp, o in producer.offsets[0].items()} == {a: 12, b: 8}
    assert (group.tally.articles, group.tally.events) == (3, 3)


def test_a_failed_commit_aborts_rewinds_and_remembers_nothing():
    """A commit that fails aborts, seeks each owned partition back to its first polled record,
    drops the incident decisions, and does not count the articles as seen: the replay gives the
    same events again."""
    group, producer, incidents = _group(), FakeProducer(failures=1), FakeIncidents()
    a, gone = TopicPartition("articles", 0), TopicPartition("articles", 1)
    consumer = FakeConsumer({a})
    polled = {a: [_record(0, 5, "x1")], gone: [_record(1, 9, "z1")]}
    group.transact(producer, consumer, incidents, polled)  # type: ignore[arg-type]
    assert producer.aborted == 1
    assert consumer.seeks == [(a, 5)]  # the partition no longer owned is not touched
    assert (incidents.discarded, incidents.commits) == (1, 0)
    assert group.tally.aborted == 1
    assert group.tally.articles == 0
    group.transact(producer, consumer, incidents, polled)  # type: ignore[arg-type]
    (sent,) = producer.committed
    assert len([s for s in sent if s[0] == EVENTS]) == 2


def test_copies_in_one_poll_and_malformed_records_give_nothing_but_their_offsets_move_on():
    """The second copy of an article gives no events; a record that is not an article is skipped
    (and logged); the offsets still pass both."""
    group, producer, incidents = _group(), FakeProducer(), FakeIncidents()
    a = TopicPartition("articles", 2)
    bad = Record(2, 3, b"k", json.dumps({"schema": "other"}).encode())
    polled = {a: [_record(2, 1, "x1"), _record(2, 2, "x1"), bad]}
    group.transact(producer, FakeConsumer({a}), incidents, polled)  # type: ignore[arg-type]
    (sent,) = producer.committed
    assert len([s for s in sent if s[0] == EVENTS]) == 1
    assert producer.offsets[0][a].offset == 4
    assert group.tally.duplicates == 1
