"""Heartbeat verdicts, metrics rendering and the readiness rule."""

from datetime import UTC, datetime, timedelta

from daemon import health
from daemon.config import HealthSettings
from daemon.metrics import Metrics
from daemon.model import OutboundRecord
from daemon.monitor import Monitor
from daemon.pipeline import FeedSummary

NOW = datetime(2024, 8, 5, 12, tzinfo=UTC)
LIMIT = timedelta(seconds=300)


def beat(age_seconds, running=True):
    when = (NOW - timedelta(seconds=age_seconds)).isoformat()
    return health.Heartbeat(1, when, running, None, 3, None)


def test_verdicts():
    """Fresh and running is healthy; stale, stopped or missing is not, each saying why."""
    assert health.verdict(beat(10), NOW, LIMIT) == (True, "ok: heartbeat 10 s old, outbox 3")
    assert health.verdict(beat(400), NOW, LIMIT) == (False, "heartbeat is 400 s old (limit 300 s)")
    assert health.verdict(beat(10, running=False), NOW, LIMIT)[0] is False
    assert health.verdict(None, NOW, LIMIT)[1].startswith("no heartbeat")


def test_heartbeat_round_trip(tmp_path):
    """A written heartbeat reads back the same; garbage reads as none."""
    health.write(tmp_path, beat(0))
    assert health.read(tmp_path) == beat(0)
    (tmp_path / health.HEARTBEAT).write_text("{not json")
    assert health.read(tmp_path) is None


def test_metrics_render_counts_and_outbox():
    """Cycles, articles, delivered events and the outbox depth appear in the exposition."""
    metrics = Metrics()
    metrics.feed_cycle("wire", "ok", 0.2, (30, 4, 1))
    metrics.delivered([OutboundRecord("e", "k", {"type": "WITHDRAW", "host": "NE"})])
    text = metrics.render(outbox_depth=7).decode()
    assert 'sahelwatch_feed_fetches_total{feed="wire",outcome="ok"} 1.0' in text
    assert 'sahelwatch_articles_total{stage="new"} 4.0' in text
    assert 'sahelwatch_events_published_total{host="NE",type="WITHDRAW"} 1.0' in text
    assert "sahelwatch_outbox_depth 7.0" in text
    assert "sahelwatch_last_successful_cycle_timestamp_seconds" in text


class FakeDelivery:
    def __init__(self, error=None):
        self.last_error = error

    def depth(self):
        return 0


def test_ready_needs_a_broker_and_recent_cycles(tmp_path):
    """Ready while the broker takes events and cycles succeed; not when either stops."""
    clock = [NOW]
    delivery = FakeDelivery()
    monitor = Monitor(
        HealthSettings(max_age_seconds=300), tmp_path, Metrics(), delivery, clock=lambda: clock[0]
    )
    run = monitor.observed(lambda feed: FeedSummary("wire", "ok"))
    assert monitor.ready() == (True, "ok")
    clock[0] = NOW + timedelta(seconds=400)
    assert monitor.ready() == (False, "no successful feed cycle for 400 s")
    run(type("Feed", (), {"name": "wire"})())
    assert monitor.ready() == (True, "ok")
    delivery.last_error = "no Kafka broker answered at b:9092 within 10 s"
    assert monitor.ready()[1].startswith("broker: no Kafka broker")
    assert monitor.alive() == (False, "scheduler not running")
