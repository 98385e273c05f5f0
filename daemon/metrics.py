"""Prometheus metrics of one daemon, in a registry of its own (tests build as many as they like)."""

from __future__ import annotations

import time
from collections.abc import Sequence

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from daemon.extract import Extractor
from daemon.model import Article, Event, OutboundRecord


class Metrics:
    """The daemon's counters, gauges and histograms."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.fetches = Counter(
            "sahelwatch_feed_fetches", "Feed cycles by feed and outcome", ["feed", "outcome"],
            registry=r,
        )  # fmt: skip
        self.fetch_seconds = Histogram(
            "sahelwatch_feed_cycle_seconds", "Duration of one feed cycle", registry=r,
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
        )  # fmt: skip
        self.articles = Counter(
            "sahelwatch_articles", "Articles by stage (seen in feeds, new, relevant)", ["stage"],
            registry=r,
        )  # fmt: skip
        self.events = Counter(
            "sahelwatch_events_published", "Events delivered to the broker", ["type", "host"],
            registry=r,
        )  # fmt: skip
        self.outbox = Gauge("sahelwatch_outbox_depth", "Events waiting for the broker", registry=r)
        self.extraction_seconds = Histogram(
            "sahelwatch_extraction_seconds", "Extraction time per article", registry=r,
            buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
        )  # fmt: skip
        self.last_cycle = Gauge(
            "sahelwatch_last_successful_cycle_timestamp_seconds",
            "Unix time of the last feed cycle that ended ok or not_modified", registry=r,
        )  # fmt: skip

    def feed_cycle(self, feed: str, outcome: str, seconds: float, counts: Sequence[int]) -> None:
        """One feed cycle: its outcome, duration and (items, new, relevant) counts."""
        self.fetches.labels(feed=feed, outcome=outcome).inc()
        self.fetch_seconds.observe(seconds)
        for stage, count in zip(("seen", "new", "relevant"), counts, strict=True):
            self.articles.labels(stage=stage).inc(count)
        if outcome in ("ok", "not_modified"):
            self.last_cycle.set(time.time())

    def delivered(self, records: Sequence[OutboundRecord]) -> None:
        """Events the broker acknowledged."""
        for record in records:
            self.events.labels(type=record.value["type"], host=record.value["host"]).inc()

    def render(self, outbox_depth: int) -> bytes:
        """The text exposition format, with the outbox depth read now."""
        self.outbox.set(outbox_depth)
        return generate_latest(self.registry)


class TimedExtractor:
    """An extractor whose every call is timed into the extraction histogram."""

    def __init__(self, inner: Extractor, metrics: Metrics) -> None:
        self._inner = inner
        self._histogram = metrics.extraction_seconds

    def extract(self, article: Article) -> list[Event]:
        """The inner extractor's events, timed."""
        with self._histogram.time():
            return self._inner.extract(article)
