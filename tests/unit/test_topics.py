"""The internal topics' specifications, and which partition counts a present topic may have."""

from typing import Any

import pytest

from daemon import topics
from daemon.config import ClusterSettings, DedupSettings, IncidentSettings, Settings
from daemon.errors import PublishError
from daemon.publish import create_topics

DAY_MS = 86_400_000
SETTINGS = Settings(
    cluster=ClusterSettings(
        articles_topic="sw.articles",
        articles_partitions=8,
        articles_retention_ms=3 * DAY_MS,
        feeds_topic="sw.feeds",
        feeds_partitions=5,
        group_prefix="sw",
        replication_factor=3,
    ),
    dedup=DedupSettings(retention_days=10),
    incidents=IncidentSettings(window_days=30),
)


def _described(partitions):
    """A topic as KafkaAdminClient.describe_topics reports it (the fields _check reads)."""
    return {"error_code": 0, "partitions": [{"partition": p} for p in range(partitions)]}


def test_articles_topic_keeps_records_for_the_configured_retention():
    """The articles topic: configured name, partitions, replication and time retention only."""
    spec = topics.articles(SETTINGS)
    assert (spec.name, spec.partitions, spec.replication) == ("sw.articles", 8, 3)
    assert spec.configs == {"retention.ms": str(3 * DAY_MS)}
    assert not spec.strict


def test_seen_changelog_is_compacted_and_forgets_after_the_dedup_retention():
    """The changelog: `<articles>.seen`, compact+delete, retention = dedup.retention_days."""
    spec = topics.seen(SETTINGS, 8)
    assert spec.name == "sw.articles.seen" == topics.seen_topic(SETTINGS)
    assert spec.configs == {"cleanup.policy": "compact,delete", "retention.ms": str(10 * DAY_MS)}
    assert spec.replication == 3
    assert spec.strict


def test_seen_changelog_mirrors_the_partition_count_it_is_given():
    """The changelog gets the articles topic's real partition count, not the configured one."""
    assert topics.seen(SETTINGS, 8).partitions == 8
    assert topics.seen(SETTINGS, 24).partitions == 24


def test_feeds_topic_is_compacted_and_never_expires():
    """The feeds topic keeps the latest state of every feed forever: compaction, no retention."""
    spec = topics.feeds(SETTINGS)
    assert (spec.name, spec.partitions, spec.replication) == ("sw.feeds", 5, 3)
    assert spec.configs == {"cleanup.policy": "compact"}
    assert spec.strict


def test_incidents_topic_is_one_compacted_partition_kept_for_the_longer_window():
    """The shared incident table: one partition, compact+delete, kept the longer of both windows."""
    spec = topics.incidents(SETTINGS)
    assert (spec.name, spec.partitions, spec.replication) == ("sw.incidents", 1, 3)
    assert spec.configs == {"cleanup.policy": "compact,delete", "retention.ms": str(30 * DAY_MS)}
    longer_dedup = SETTINGS.model_copy(update={"dedup": DedupSettings(retention_days=90)})
    assert topics.incidents(longer_dedup).configs["retention.ms"] == str(90 * DAY_MS)


def test_strict_topic_with_another_partition_count_is_refused():
    """A changelog or feeds topic of the wrong size is a PublishError naming topic and counts."""
    with pytest.raises(PublishError, match=r"sw\.feeds has 4 partitions, the design needs 5"):
        topics._check(topics.feeds(SETTINGS), _described(4))
    with pytest.raises(PublishError, match=r"sw\.articles\.seen has 9 partitions"):
        topics._check(topics.seen(SETTINGS, 8), _described(9))


def test_strict_topic_of_the_right_size_gives_its_count():
    """A strict topic of the expected size is accepted and its count returned."""
    assert topics._check(topics.feeds(SETTINGS), _described(5)) == 5
    assert topics._check(topics.seen(SETTINGS, 8), _described(8)) == 8


def test_articles_topic_of_another_size_is_used_as_it_is():
    """An articles topic of another size is accepted; its real count is what comes back."""
    assert topics._check(topics.articles(SETTINGS), _described(12)) == 12
    assert topics._check(topics.articles(SETTINGS), _described(2)) == 2


def test_create_request_carries_the_spec():
    """ensure asks for the spec's partitions, replication and a copy of its configs."""
    spec = topics.seen(SETTINGS, 8)
    request = topics._request(spec)
    assert request == {
        "num_partitions": 8,
        "replication_factor": 3,
        "configs": {"cleanup.policy": "compact,delete", "retention.ms": str(10 * DAY_MS)},
    }
    request["configs"]["retention.ms"] = "1"
    assert spec.configs["retention.ms"] == str(10 * DAY_MS)


class FakeAdmin:
    """Answers CreateTopics as a cluster does; records what was waited for."""

    def __init__(self, codes: dict[str, int]) -> None:
        self.codes = codes
        self.waited: list[str] = []

    def create_topics(self, specs: dict[str, Any], raise_errors: bool) -> dict[str, Any]:
        assert raise_errors is False
        return {
            "topics": [
                {"name": n, "error_code": self.codes.get(n, 0), "error_message": "no room"}
                for n in specs
            ]
        }

    def wait_for_topics(self, names: list[str]) -> None:
        self.waited = names


def test_creating_topics_ignores_a_race_but_names_a_refusal():
    """A topic another process created meanwhile is fine; a refused one is an error naming it."""
    admin = FakeAdmin({"b": 36})
    create_topics(admin, {"a": {}, "b": {}})  # type: ignore[arg-type]
    assert admin.waited == ["a", "b"]
    with pytest.raises(PublishError, match="c: no room"):
        create_topics(FakeAdmin({"c": 38}), {"c": {}})  # type: ignore[arg-type]
