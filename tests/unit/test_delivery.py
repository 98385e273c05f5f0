"""Delivery drains the outbox in order, backs off while the broker is away, alerts once each."""

from datetime import UTC, datetime, timedelta

import pytest
from structlog.testing import capture_logs

from daemon.delivery import Delivery, retry_delay
from daemon.errors import BrokerUnavailableError
from daemon.model import OutboundRecord
from daemon.outbox import Outbox

T0 = datetime(2024, 1, 1, tzinfo=UTC)


def record(n: int) -> OutboundRecord:
    value = {
        "incident_id": f"i{n}",
        "type": "DEPLOY",
        "actor": "RU",
        "host": "ML",
        "status": None,
        "troops": None,
        "places": [{"name": "Gao"}],
        "event_date": None,
        "confidence": 0.9,
        "incident": {"reports": 1, "outlets": 1},
        "article": {"url": "u", "title": "t"},
    }
    return OutboundRecord(f"e{n}", f"i{n}", value)


class Broker:
    def __init__(self):
        self.up, self.received, self.calls = True, [], 0

    def publish(self, records):
        self.calls += 1
        if not self.up:
            raise BrokerUnavailableError("no Kafka broker answered at b:9092 within 1 s")
        self.received.extend(r.event_id for r in records)


class Clock:
    def __init__(self):
        self.now = T0

    def __call__(self):
        return self.now


@pytest.fixture
def parts(tmp_path):
    broker, clock = Broker(), Clock()
    delivery = Delivery(
        Outbox(tmp_path / "o.db"),
        broker,
        retry_base_seconds=5,
        retry_ceiling_seconds=60,
        batch=2,
        clock=clock,
    )
    return delivery, broker, clock


def test_retry_delay_doubles_up_to_the_ceiling():
    """Backoff doubles from the base and stops at the ceiling."""
    assert [retry_delay(n, 5, 60) for n in range(6)] == [0, 5, 10, 20, 40, 60]


def test_delivered_in_order_and_alerted_once(parts):
    """Records reach the broker in queue order, across batches, and each is one alert record."""
    delivery, broker, _ = parts
    with capture_logs() as logs:
        delivery.submit([record(1), record(2), record(3)])
    assert broker.received == ["e1", "e2", "e3"]
    assert delivery.depth() == 0
    alerts = [e for e in logs if e["event"] == "troop_event"]
    assert [(a["event_id"], a["log_level"], a["places"]) for a in alerts] == [
        ("e1", "warning", ["Gao"]),
        ("e2", "warning", ["Gao"]),
        ("e3", "warning", ["Gao"]),
    ]


def test_outage_queues_backs_off_logs_once_and_recovers(parts):
    """While the broker is down records wait; retries back off; recovery delivers them in order."""
    delivery, broker, clock = parts
    broker.up = False
    with capture_logs() as logs:
        delivery.submit([record(1)])
        delivery.submit([record(2)])  # within the backoff: no new attempt
        assert broker.calls == 1
        clock.now += timedelta(seconds=6)
        delivery.submit([record(3)])
        assert broker.calls == 2
        assert delivery.depth() == 3
        broker.up = True
        clock.now += timedelta(seconds=11)
        result = delivery.drain()
    assert (result.delivered, result.pending, result.error) == (3, 0, None)
    assert broker.received == ["e1", "e2", "e3"]
    events = [e["event"] for e in logs]
    assert events.count("publish_failed") == 1
    assert events.count("broker_recovered") == 1
    failed = next(e for e in logs if e["event"] == "publish_failed")
    assert failed["outbox_depth"] == 1
    assert "b:9092" in failed["error"]


def test_forced_drain_ignores_the_backoff(parts):
    """A forced drain (end of run --once) tries at once and reports what is left."""
    delivery, broker, _ = parts
    broker.up = False
    delivery.submit([record(1)])
    result = delivery.drain(force=True)
    assert broker.calls == 2
    assert (result.delivered, result.pending) == (0, 1)
    assert "b:9092" in (result.error or "")
