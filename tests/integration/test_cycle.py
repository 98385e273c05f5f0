"""A feed served over real HTTP, through one cycle, to events consumed from the real broker."""

import json
from importlib import resources

import jsonschema
import pytest

from daemon.errors import BrokerUnavailableError
from daemon.feeds import normalise, parse

from .conftest import Route
from .helpers import SAMPLES, consume_all, values, write_config

RSS = {"Content-Type": "application/rss+xml; charset=utf-8", "ETag": '"wire-v1"'}
SCHEMA = json.loads(resources.files("daemon").joinpath("schema/event.schema.json").read_text())


@pytest.fixture
def app_for(tmp_path, make_app, kafka_bootstrap, topic):
    """Build the real daemon for a list of feeds, on this test's topic."""

    def make(feeds, **kafka):
        return make_app(write_config(tmp_path, feeds, kafka_bootstrap, topic, **kafka))

    return make


def test_feed_to_topic_carries_every_contract_field(feed_server, app_for, kafka_bootstrap, topic):
    """Events read from a served feed reach the topic, valid, keyed and with CloudEvents headers."""
    feed_server.routes["/wire.xml"] = Route(
        body=(SAMPLES / "wire-en.xml").read_bytes(), headers=RSS
    )
    app = app_for([{"name": "wire", "url": feed_server.url("/wire.xml"), "lang": "en"}])
    summary = app.pipeline.run_feed(app.settings.feeds[0])
    assert summary.outcome == "ok"
    assert summary.events >= 2
    messages = consume_all(kafka_bootstrap, topic)
    assert len(messages) == summary.events
    records = values(messages)
    for message, record in zip(messages, records, strict=True):
        jsonschema.validate(record, SCHEMA, format_checker=jsonschema.FormatChecker())
        assert message.key.decode() == record["incident_id"]
        headers = dict(message.headers)
        assert headers["ce_id"].decode() == record["event_id"]
        assert record["article"]["feed"] == "wire"
        assert record["article"]["url"].startswith("http://127.0.0.1:8765/articles/")
        assert "utm_" not in record["article"]["url"]
    found = {(r["type"], r["actor"], r["host"]) for r in records}
    assert ("WITHDRAW", "US", "NE") in found
    assert not any(r["host"] == "ML" for r in records)  # the cotton story is not an event
    assert len({r["event_id"] for r in records}) == len(records)


def test_second_cycle_publishes_nothing_new(feed_server, app_for, kafka_bootstrap, topic):
    """The same feed fetched again publishes no event twice (ETag, content hash, seen store)."""
    feed_server.routes["/wire.xml"] = Route(
        body=(SAMPLES / "wire-en.xml").read_bytes(), headers=RSS
    )
    app = app_for([{"name": "wire", "url": feed_server.url("/wire.xml")}])
    first = app.pipeline.run_feed(app.settings.feeds[0])
    second = app.pipeline.run_feed(app.settings.feeds[0])
    assert second.outcome == "not_modified"
    feed_server.routes["/wire.xml"].headers = {"Content-Type": "application/rss+xml"}
    third = app.pipeline.run_feed(app.settings.feeds[0])
    assert (third.outcome, third.items) == ("not_modified", 0)  # same bytes: not even parsed
    feed_server.routes["/wire.xml"].body += b"\n"
    fourth = app.pipeline.run_feed(app.settings.feeds[0])
    assert (fourth.outcome, fourth.items, fourth.new, fourth.events) == ("ok", 4, 0, 0)
    assert len(consume_all(kafka_bootstrap, topic)) == first.events


def test_dead_feed_does_not_stop_the_others(feed_server, app_for, kafka_bootstrap, topic):
    """A 500, a non-feed page and a refused connection fail alone; the good feed still lands."""
    feed_server.routes["/broken"] = Route(500, b"oops")
    feed_server.routes["/html"] = Route(body=b"<html><body>maintenance</body></html>")
    feed_server.routes["/fr.atom"] = Route(body=(SAMPLES / "presse-fr.atom").read_bytes())
    app = app_for(
        [
            {"name": "broken", "url": feed_server.url("/broken")},
            {"name": "html", "url": feed_server.url("/html")},
            {"name": "refused", "url": "http://127.0.0.1:9/feed"},
            {"name": "presse", "url": feed_server.url("/fr.atom")},
        ]
    )
    summaries = [app.pipeline.run_feed(feed) for feed in app.settings.feeds]
    assert [s.outcome for s in summaries] == ["failed", "failed", "failed", "ok"]
    assert "HTTP 500" in (summaries[0].error or "")
    assert "not a feed" in (summaries[1].error or "")
    assert summaries[3].events >= 1
    assert len(consume_all(kafka_bootstrap, topic)) == summaries[3].events
    assert app.store.feed_state("broken").failures == 1


def test_unreachable_broker_is_one_clear_error_and_loses_nothing(feed_server, app_for):
    """With no broker, the error names the address and the events wait in the outbox."""
    feed_server.routes["/wire.xml"] = Route(body=(SAMPLES / "wire-en.xml").read_bytes())
    app = app_for(
        [{"name": "wire", "url": feed_server.url("/wire.xml")}],
        bootstrap_servers=["127.0.0.1:9"],
        bootstrap_timeout_ms=1500,
    )
    with pytest.raises(BrokerUnavailableError, match=r"no Kafka broker answered at 127\.0\.0\.1:9"):
        app.publisher.ensure_topic()
    summary = app.pipeline.run_feed(app.settings.feeds[0])
    assert summary.outcome == "ok"
    assert summary.events >= 2
    result = app.delivery.drain(force=True)
    assert (result.delivered, result.pending) == (0, summary.events)
    assert "no Kafka broker answered at 127.0.0.1:9" in (result.error or "")
    assert app.store.unseen(_articles(app)) == []  # safe in the outbox, so recorded as done


def _articles(app):
    body = (SAMPLES / "wire-en.xml").read_bytes()
    feed = app.settings.feeds[0]
    return [normalise(i) for i in parse(feed, body, {}, feed.url)]
