"""`run --role extract` on the real broker: a consumer group, exactly once through transactions."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from kafka import KafkaProducer

from daemon import config, records, topics
from daemon.extract import Extractor
from daemon.incidents import Incidents
from daemon.messages import encode_article
from daemon.model import Article
from daemon.offline import parse_line
from tests.integration.helpers import write_config
from tests.integration.roles import RoleProcess, committed, wait_caught_up

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus_dev.jsonl"


def _articles(count: int) -> list[Article]:
    """`count` distinct articles (own ids and URLs) cycling through the labelled corpus."""
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    base = [parse_line(line, n)[0] for n, line in enumerate(lines, start=1)]
    return [
        replace(base[n % len(base)], id=f"art-{n:05d}", url=f"https://news.test/{n}")
        for n in range(count)
    ]


def _expected(articles: list[Article]) -> Counter[str]:
    """The event ids the extractor reads from the articles (computed here, in-process)."""
    extractor = Extractor()
    return Counter(
        records.event_id(a.id, event) for a in articles for event in extractor.extract(a)
    )


def _configure(tmp_path: Path, bootstrap: str, topic: str, name: str) -> Path:
    (tmp_path / name).mkdir()
    path = write_config(tmp_path / name, [], bootstrap, topic)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["cluster"] = {
        "articles_topic": f"{topic}.articles",
        "articles_partitions": 6,
        "group_prefix": topic,
        "session_timeout_seconds": 6,
        "transaction_timeout_seconds": 10,
        "batch": 20,
    }
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def _publish(settings: config.Settings, bootstrap: str, articles: list[Article]) -> None:
    topics.ensure(settings, [topics.articles(settings)])
    producer = KafkaProducer(bootstrap_servers=[bootstrap], acks="all")
    try:
        for article in articles:
            key, value = article.id.encode(), encode_article(article)
            producer.send(settings.cluster.articles_topic, key=key, value=value)
        producer.flush(timeout=60)
    finally:
        producer.close()


@pytest.mark.timeout(300)
def test_two_extractors_give_every_event_once_even_when_one_is_killed(
    tmp_path, kafka_bootstrap, topic
):
    """1,000 articles on 6 partitions, 2 extractors, one SIGKILLed mid-way: the events on the
    topic are exactly the expected ones, each once."""
    articles = _articles(1000)
    expected = _expected(articles)
    assert sum(expected.values()) > 500  # the corpus is mostly relevant: a real workload
    paths = [_configure(tmp_path, kafka_bootstrap, topic, name) for name in ("a", "b")]
    _publish(config.load(paths[0]), kafka_bootstrap, articles)

    first = RoleProcess(paths[0], "extract", tmp_path / "a.log", SAHELWATCH_CLUSTER__INSTANCE="a")
    second = RoleProcess(paths[1], "extract", tmp_path / "b.log", SAHELWATCH_CLUSTER__INSTANCE="b")
    try:
        for process in (first, second):
            process.wait_for_partitions()
        # the second has committed some work of its own: killing it now loses an open transaction
        second.wait_for(lambda r: r.get("event") == "articles_extracted", 60, "a committed batch")
        second.kill()
        done = first.wait_for(
            lambda r: r.get("event") == "partitions_assigned" and len(r["partitions"]) == 6,
            60,
            "the dead extractor's partitions",
        )
        assert done["partitions"] == [0, 1, 2, 3, 4, 5]
        _wait_idle(kafka_bootstrap, topic)
    finally:
        first.stop()
        second.stop()

    consumed = committed(kafka_bootstrap, topic)
    got = Counter(json.loads(m.value)["event_id"] for m in consumed)
    duplicates = {k: v for k, v in got.items() if v > 1}
    assert not duplicates
    missing, extra = expected - got, got - expected
    assert not missing, f"{sum(missing.values())} expected events missing"
    assert not extra, f"{sum(extra.values())} events not expected"
    # the incident table is shared: two extractors group reports about as one process does
    # (without sharing, each would open its own incident for every story: about twice as many)
    incidents = {json.loads(m.value)["incident_id"] for m in consumed}
    alone = _incident_count(articles)
    assert abs(len(incidents) - alone) <= 0.1 * alone, (len(incidents), alone)
    # the killed extractor did commit work: the test exercised a real takeover
    assert any(r.get("event") == "articles_extracted" for r in second.records())


def _incident_count(articles: list[Article]) -> int:
    extractor, table = Extractor(), Incidents(":memory:")
    now = datetime.now(UTC)
    ids = {
        table.assign(records.event_id(a.id, e), e, a, now).incident_id
        for a in articles
        for e in extractor.extract(a)
    }
    return len(ids)


def _wait_idle(bootstrap: str, topic: str) -> None:
    """Wait until the extractors have committed the end of the articles topic."""
    wait_caught_up(bootstrap, f"{topic}-extractors", f"{topic}.articles")


@pytest.mark.timeout(240)
def test_duplicates_are_extracted_once_even_by_a_new_extractor_and_bad_records_are_reported(
    tmp_path, kafka_bootstrap, topic
):
    """Copies of an article give its events once, also after a restart (the dedup changelog is
    read back); a malformed record is logged with its partition and offset and skipped."""
    extractor = Extractor()
    relevant = [a for a in _articles(40) if extractor.extract(a)][:3]
    first_article, second_article, third_article = relevant
    path = _configure(tmp_path, kafka_bootstrap, topic, "a")
    settings = config.load(path)
    _publish(settings, kafka_bootstrap, [first_article, first_article, second_article])
    _send_raw(kafka_bootstrap, settings.cluster.articles_topic, b"not json at all")

    process = RoleProcess(path, "extract", tmp_path / "first.log")
    try:
        bad = process.wait_for(
            lambda r: r.get("event") == "article_record_malformed", 60, "the malformed record"
        )
        _wait_idle(kafka_bootstrap, topic)
    finally:
        assert process.stop() == 0
    assert {"partition", "offset"} <= bad.keys()
    assert "not JSON" in bad["error"]

    _publish(settings, kafka_bootstrap, [first_article, third_article])
    again = RoleProcess(path, "extract", tmp_path / "second.log")
    try:
        assigned = again.wait_for_partitions()
        _wait_idle(kafka_bootstrap, topic)
    finally:
        assert again.stop() == 0
    assert assigned["known_articles"] == 2

    consumed = committed(kafka_bootstrap, topic)
    got = Counter(json.loads(m.value)["event_id"] for m in consumed)
    assert got == _expected([first_article, second_article, third_article])


def _send_raw(bootstrap: str, topic: str, value: bytes) -> None:
    producer = KafkaProducer(bootstrap_servers=[bootstrap], acks="all")
    try:
        producer.send(topic, key=b"garbage", value=value).get(timeout=30)
    finally:
        producer.close()
