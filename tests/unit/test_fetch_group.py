"""Feed ownership in the fetch role, with a stand-in consumer, scheduler and state topic."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from kafka.errors import KafkaTimeoutError

from daemon.config import FeedSettings, Settings
from daemon.fetch_group import FeedOwnership, FeedStateTopic
from daemon.store import FeedState

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
PARTITIONS = 4


class TopicPartition(NamedTuple):
    topic: str
    partition: int


class FakeConsumer:
    def __init__(self) -> None:
        self.paused: list[Any] = []
        self.listener: Any = None
        self.reachable = True
        self.probes = 0

    def committed(self, _partition: Any, timeout_ms: int) -> None:
        self.probes += 1
        if not self.reachable:
            raise KafkaTimeoutError("coordinator unreachable")

    def subscribe(self, _topics: list[str], listener: Any) -> None:
        self.listener = listener

    def pause(self, *partitions: Any) -> None:
        self.paused += partitions

    def poll(self, timeout_ms: int) -> dict[Any, Any]:
        return {}

    def close(self, autocommit: bool) -> None:
        pass


class FakeSender:
    def __init__(self) -> None:
        self.sent: list[tuple[str, bytes, int]] = []

    def send(self, topic: str, key: bytes, value: bytes, partition: int) -> Any:
        self.sent.append((topic, key, partition))
        return self

    def get(self, timeout: float) -> None:
        pass


class States(FeedStateTopic):
    """The state topic without a broker: `load` reads from a dict."""

    def __init__(self, settings: Settings, stored: dict[str, FeedState]) -> None:
        super().__init__(settings, FakeSender(), PARTITIONS)
        self.stored = stored
        self.loaded: list[set[int]] = []

    def load(self, partitions: Any) -> int:
        wanted = set(partitions)
        self.loaded.append(wanted)
        found = {n: s for n, s in self.stored.items() if self.partition(n) in wanted}
        self._cache.update(found)
        return len(found)


class FakeJobs:
    def __init__(self) -> None:
        self.scheduled: dict[str, datetime] = {}
        self.removed: list[str] = []
        self.giving_up: Any = lambda _name: False
        self.cancelled_while_removing: list[bool] = []

    def add(self, feed: FeedSettings, first: datetime) -> None:
        self.scheduled[feed.name] = first

    def remove(self, names: Any) -> None:
        for name in names:
            self.cancelled_while_removing.append(self.giving_up(name))
            self.removed.append(name)
            self.scheduled.pop(name, None)


def _feeds(count: int) -> list[FeedSettings]:
    return [FeedSettings(name=f"feed-{n}", url=f"https://example.org/{n}") for n in range(count)]


@dataclass
class Rig:
    ownership: FeedOwnership
    states: States
    consumer: FakeConsumer
    jobs: FakeJobs
    clock: list[datetime]


def _rig(feeds: list[FeedSettings], stored: dict[str, FeedState], resume: Any = None) -> Rig:
    settings = Settings(feeds=tuple(feeds))
    states = States(settings, stored)
    consumer = FakeConsumer()
    clock = [NOW]
    ownership = FeedOwnership(
        settings, states, resume or (lambda _feed: NOW), lambda: clock[0], consumer=consumer
    )
    jobs = FakeJobs()
    jobs.giving_up = ownership.giving_up
    ownership.start(jobs)  # type: ignore[arg-type]
    return Rig(ownership, states, consumer, jobs, clock)


def _gain(consumer: FakeConsumer, *partitions: int) -> None:
    consumer.listener.on_partitions_assigned([TopicPartition("t", p) for p in partitions])


def _lose(consumer: FakeConsumer, *partitions: int) -> None:
    consumer.listener.on_partitions_revoked([TopicPartition("t", p) for p in partitions])


def test_gaining_partitions_schedules_exactly_their_feeds_after_loading_their_state():
    """Only the feeds hashed to the gained partitions are scheduled, once their state is read."""
    feeds = _feeds(20)
    rig = _rig(feeds, {})
    _gain(rig.consumer, 0, 2)
    expected = {f.name for f in feeds if rig.states.partition(f.name) in (0, 2)}
    assert set(rig.jobs.scheduled) == expected
    assert 0 < len(expected) < len(feeds)
    assert rig.states.loaded == [{0, 2}]
    assert {tp.partition for tp in rig.consumer.paused} == {0, 2}


def test_a_gained_feed_runs_when_its_last_owner_would_have_and_a_gone_one_not_at_all():
    """The first run follows the state (resume_at); a feed gone (410) is not scheduled."""
    feeds = _feeds(12)
    later = NOW + timedelta(minutes=20)
    gone = feeds[0].name
    rig = _rig(feeds, {}, resume=lambda feed: None if feed.name == gone else later)
    _gain(rig.consumer, *range(PARTITIONS))
    assert gone not in rig.jobs.scheduled
    assert set(rig.jobs.scheduled.values()) == {later}


def test_overdue_feeds_start_staggered_rather_than_all_at_once():
    """Feeds already due start one after another, not in one burst."""
    rig = _rig(_feeds(12), {})
    _gain(rig.consumer, *range(PARTITIONS))
    starts = sorted(rig.jobs.scheduled.values())
    assert len(set(starts)) == len(starts)
    assert starts[0] > NOW


def test_losing_partitions_unschedules_their_feeds_and_forgets_their_state():
    """Revoked partitions' feeds leave the scheduler and the cache; the others stay."""
    feeds = _feeds(20)
    stored = {f.name: FeedState(f.name, failures=2) for f in feeds}
    rig = _rig(feeds, stored)
    _gain(rig.consumer, 0, 1)
    _lose(rig.consumer, 1)
    lost = {f.name for f in feeds if rig.states.partition(f.name) == 1}
    kept = {f.name for f in feeds if rig.states.partition(f.name) == 0}
    assert set(rig.jobs.removed) >= lost
    # their running cycles were told to stop while the fetcher waited for them
    assert all(rig.jobs.cancelled_while_removing)
    assert not any(rig.ownership.giving_up(name) for name in lost)
    assert set(rig.jobs.scheduled) == kept
    assert all(rig.states.feed_state(name).failures == 0 for name in lost)
    assert all(rig.states.feed_state(name).failures == 2 for name in kept)


def test_a_reload_keeps_the_owned_feeds_and_later_gains_include_new_ones():
    """SIGHUP: the reloaded list is filtered by ownership; a feed added later is scheduled when
    its partition is gained."""
    feeds = _feeds(10)
    rig = _rig(feeds, {})
    _gain(rig.consumer, 0)
    added = FeedSettings(name="added-later", url="https://example.org/new")
    owned = rig.ownership.owned([*feeds, added])
    assert {f.name for f in owned} == {
        f.name for f in [*feeds, added] if rig.states.partition(f.name) == 0
    }
    _gain(rig.consumer, rig.states.partition(added.name))
    assert "added-later" in rig.jobs.scheduled


def test_saving_a_state_writes_it_to_the_feeds_partition_of_the_feed():
    """Feed state goes to the feeds topic, keyed by name, in the partition the feed hashes to."""
    settings = Settings(feeds=tuple(_feeds(3)))
    sender = FakeSender()
    states = FeedStateTopic(settings, sender, PARTITIONS)
    states.save_feed_state(FeedState("feed-1", failures=1))
    assert sender.sent == [(settings.cluster.feeds_topic, b"feed-1", states.partition("feed-1"))]
    assert states.feed_state("feed-1").failures == 1


def test_a_fetcher_cut_off_from_kafka_for_a_session_drops_its_feeds():
    """The coordinator unreachable for longer than the session: the group has given the feeds to
    others, so this fetcher stops polling them; a shorter silence changes nothing."""
    rig = _rig(_feeds(12), {})
    _gain(rig.consumer, *range(PARTITIONS))
    owned = set(rig.jobs.scheduled)
    rig.consumer.reachable = False
    rig.clock[0] = NOW + timedelta(seconds=5)
    rig.ownership.tick()
    assert set(rig.jobs.scheduled) == owned
    rig.clock[0] = NOW + timedelta(seconds=11)
    rig.ownership.tick()
    assert rig.consumer.probes == 2
    assert not rig.jobs.scheduled
    assert set(rig.jobs.removed) == owned


def test_a_fetcher_that_hears_from_the_coordinator_keeps_its_feeds():
    """Probes that succeed keep the feeds, however long it runs."""
    rig = _rig(_feeds(12), {})
    _gain(rig.consumer, *range(PARTITIONS))
    for seconds in range(4, 60, 4):
        rig.clock[0] = NOW + timedelta(seconds=seconds)
        rig.ownership.tick()
    assert rig.consumer.probes > 5
    assert len(rig.jobs.scheduled) == 12
