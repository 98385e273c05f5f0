"""The Kafka contract under faults: outbox through outages, crashes, incidents, topics, tail."""

import json
import os
import subprocess
import sys
import time
from collections import Counter
from importlib import resources

import jsonschema
import pytest

from daemon.errors import PublishError

from .conftest import BROKER_SCRIPT, SASL_PASSWORD, SASL_USER, TEST_SASL_PORT, Route
from .helpers import SAMPLES, consume_all, rss, values, write_config

SCHEMA = json.loads(resources.files("daemon").joinpath("schema/event.schema.json").read_text())
OUTAGE_PORT = "19192"


class SimulatedCrash(BaseException):
    """Stands for a SIGKILL: nothing after it runs."""


def withdrawal_items(prefix, day, host="a.example"):
    return [
        (
            "US troops leave Niger",
            f"http://{host}/{prefix}-us-niger",
            f"Mon, {day:02d} Aug 2024 10:00:00 +0000",
            (
                "NIAMEY - The United States has withdrawn its last troops from Niger, the "
                "Pentagon said, completing a pullout demanded by the ruling junta."
            ),
        ),
        (
            "French forces complete Mali exit",
            f"http://{host}/{prefix}-fr-mali",
            f"Mon, {day:02d} Aug 2022 10:00:00 +0000",
            "BAMAKO - France said the last soldiers of Operation Barkhane had left Mali.",
        ),
    ]


def test_tail_json_reads_back_what_was_published(
    tmp_path, feed_server, make_app, kafka_bootstrap, topic
):
    """`tail --json --from-beginning` prints every published record with key and CE headers."""
    feed_server.routes["/en.xml"] = Route(body=(SAMPLES / "wire-en.xml").read_bytes())
    path = write_config(
        tmp_path, [{"name": "wire", "url": feed_server.url("/en.xml")}], kafka_bootstrap, topic
    )
    app = make_app(path)
    app.pipeline.run_feed(app.settings.feeds[0])
    published = consume_all(kafka_bootstrap, topic)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "daemon.cli",
            "--config",
            str(path),
            "tail",
            "--json",
            "--from-beginning",
            "--timeout",
            "3",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    shown = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(shown) == len(published) > 0
    by_offset = {(m.partition, m.offset): m for m in published}
    for line in shown:
        message = by_offset[(line["partition"], line["offset"])]
        assert line["value"] == json.loads(message.value)
        assert line["key"] == message.key.decode()
        assert line["headers"] == {k: v.decode() for k, v in message.headers}
        assert line["headers"]["ce_type"].startswith("org.sahelwatch.event.")
    filtered = subprocess.run(
        [
            sys.executable,
            "-m",
            "daemon.cli",
            "--config",
            str(path),
            "tail",
            "--from-beginning",
            "--timeout",
            "3",
            "--type",
            "withdraw",
            "--host",
            "NE",
            "--max-messages",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    (line,) = filtered.stdout.splitlines()
    assert "WITHDRAW" in line
    assert "US->NE" in line


def test_reports_from_two_outlets_share_one_incident(
    tmp_path, feed_server, make_app, kafka_bootstrap, topic
):
    """Two outlets on one withdrawal share an incident_id; a different withdrawal does not."""
    feed_server.routes["/a.xml"] = Route(body=rss(withdrawal_items("a", 5, "a.example")))
    feed_server.routes["/b.xml"] = Route(body=rss(withdrawal_items("b", 6, "b.example")[:1]))
    path = write_config(
        tmp_path,
        [
            {"name": "a", "url": feed_server.url("/a.xml")},
            {"name": "b", "url": feed_server.url("/b.xml")},
        ],
        kafka_bootstrap,
        topic,
    )
    app = make_app(path)
    for feed in app.settings.feeds:
        app.pipeline.run_feed(feed)
    records = values(consume_all(kafka_bootstrap, topic))
    us = [r for r in records if (r["type"], r["actor"], r["host"]) == ("WITHDRAW", "US", "NE")]
    fr = [r for r in records if (r["type"], r["actor"], r["host"]) == ("WITHDRAW", "FR", "ML")]
    assert len(us) == 2
    assert len(fr) == 1
    assert us[0]["incident_id"] == us[1]["incident_id"] != fr[0]["incident_id"]
    assert us[0]["event_id"] != us[1]["event_id"]
    assert [r["incident"]["reports"] for r in us] == [1, 2]
    assert [r["incident"]["outlets"] for r in us] == [1, 2]


def test_crash_between_publishing_and_recording_loses_nothing(
    tmp_path, feed_server, make_app, kafka_bootstrap, topic
):
    """Killed after the broker acknowledged but before recording: the restart republishes the
    same events (same event_id and key) and processes everything else once."""
    feed_server.routes["/en.xml"] = Route(body=(SAMPLES / "wire-en.xml").read_bytes())
    path = write_config(
        tmp_path, [{"name": "wire", "url": feed_server.url("/en.xml")}], kafka_bootstrap, topic
    )
    first = make_app(path)

    def crash(*_args, **_kwargs):
        raise SimulatedCrash

    first.store.record_article = crash
    with pytest.raises(SimulatedCrash):
        first.pipeline.run_feed(first.settings.feeds[0])
    before = consume_all(kafka_bootstrap, topic)
    assert len(before) >= 1
    second = make_app(path)
    summary = second.pipeline.run_feed(second.settings.feeds[0])
    assert summary.outcome == "ok"
    messages = consume_all(kafka_bootstrap, topic)
    keys = {}
    for message in messages:
        record = json.loads(message.value)
        assert keys.setdefault(record["event_id"], message.key) == message.key
    counts = Counter(json.loads(m.value)["event_id"] for m in messages)
    repeated = {e for e, n in counts.items() if n > 1}
    assert repeated == {json.loads(m.value)["event_id"] for m in before}
    assert max(counts.values()) == 2
    assert second.outbox.depth() == 0


def test_missing_topic_with_creation_off_is_a_clear_error(
    tmp_path, make_app, kafka_bootstrap, topic
):
    """With kafka.create_topic off, a missing topic stops `run` with an error naming it."""
    path = write_config(tmp_path, [], kafka_bootstrap, topic, create_topic=False)
    with pytest.raises(PublishError, match=f"topic {topic} does not exist"):
        make_app(path).publisher.ensure_topic()
    result = subprocess.run(
        [sys.executable, "-m", "daemon.cli", "--config", str(path), "run", "--once"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert f"topic {topic} does not exist and kafka.create_topic is off" in result.stderr


def test_existing_topic_with_other_layout_is_a_clear_error(
    tmp_path, make_app, kafka_bootstrap, topic
):
    """A topic whose partition count differs from the configuration is reported, not used."""
    make_app(write_config(tmp_path, [], kafka_bootstrap, topic)).publisher.ensure_topic()
    other = tmp_path / "other"
    other.mkdir()
    path = write_config(other, [], kafka_bootstrap, topic, topic_partitions=5)
    with pytest.raises(PublishError, match=f"topic {topic} has 2 partitions, config says 5"):
        make_app(path).publisher.ensure_topic()


def test_sasl_credentials(tmp_path, feed_server, make_app, kafka_bootstrap, topic):
    """Wrong SASL credentials give one clear error; right ones publish."""
    sasl = f"127.0.0.1:{TEST_SASL_PORT}"
    common = {
        "security_protocol": "SASL_PLAINTEXT",
        "sasl_mechanism": "PLAIN",
        "sasl_username": SASL_USER,
        "bootstrap_timeout_ms": 3000,
    }
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    (wrong / "password").write_text("not-the-password")
    path = write_config(
        wrong, [], sasl, topic, sasl_password_file=str(wrong / "password"), **common
    )
    # which of the two messages depends on a race inside kafka-python; both name the login
    with pytest.raises(
        PublishError,
        match=f"Kafka at {sasl} (rejected|closed the connection during) the SASL login",
    ):
        make_app(path).publisher.ensure_topic()
    right = tmp_path / "right"
    right.mkdir()
    (right / "password").write_text(SASL_PASSWORD)
    feed_server.routes["/en.xml"] = Route(body=(SAMPLES / "wire-en.xml").read_bytes())
    path = write_config(
        right,
        [{"name": "wire", "url": feed_server.url("/en.xml")}],
        sasl,
        topic,
        sasl_password_file=str(right / "password"),
        **common,
    )
    app = make_app(path)
    summary = app.pipeline.run_feed(app.settings.feeds[0])
    assert app.delivery.drain(force=True).pending == 0
    assert len(consume_all(kafka_bootstrap, topic)) == summary.events > 0


def broker(command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KAFKA_PORT": OUTAGE_PORT, "KAFKA_PYTHON": sys.executable}
    return subprocess.run(
        [BROKER_SCRIPT, command], env=env, capture_output=True, text=True, timeout=180, check=False
    )


@pytest.fixture
def outage_broker(kafka_bootstrap):
    """A broker of this test's own, which it stops and starts (after the shared one is up)."""
    started = broker("start")
    assert started.returncode == 0, started.stderr
    yield f"127.0.0.1:{OUTAGE_PORT}"
    broker("reset")


def test_broker_outage_loses_nothing_and_publishes_each_event_once(
    tmp_path, feed_server, make_app, outage_broker, topic
):
    """Events produced while the broker is down wait in the outbox and arrive once it is back."""
    feed_server.routes["/a.xml"] = Route(body=rss(withdrawal_items("a", 5)))
    path = write_config(
        tmp_path,
        [
            {"name": "a", "url": feed_server.url("/a.xml")},
            {"name": "w", "url": feed_server.url("/w.xml")},
        ],
        outage_broker,
        topic,
        delivery_timeout_ms=5000,
        bootstrap_timeout_ms=2000,
    )
    app = make_app(path)
    first = app.pipeline.run_feed(app.settings.feeds[0])
    assert first.events == 2
    assert app.outbox.depth() == 0
    assert broker("stop").returncode == 0
    feed_server.routes["/w.xml"] = Route(body=(SAMPLES / "wire-en.xml").read_bytes())
    during = app.pipeline.run_feed(app.settings.feeds[1])
    assert during.outcome == "ok"
    assert during.events >= 2
    assert app.outbox.depth() == during.events  # fetching went on; nothing was lost
    assert broker("start").returncode == 0
    # the daemon retries on its own schedule; here the retries are forced until the outbox is
    # empty (the client may still be reconnecting on the first one)
    delivered, deadline = 0, time.monotonic() + 60
    while app.outbox.depth() and time.monotonic() < deadline:
        delivered += app.delivery.drain(force=True).delivered
    assert (delivered, app.outbox.depth()) == (during.events, 0)
    messages = consume_all(outage_broker, topic)
    ids = [json.loads(m.value)["event_id"] for m in messages]
    assert len(ids) == len(set(ids)) == first.events + during.events
    for message in messages:
        jsonschema.validate(json.loads(message.value), SCHEMA)
