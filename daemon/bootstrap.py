"""The composition root: wires the real adapters around the pure core. Nothing connects here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from daemon.backoff import Policy
from daemon.config import Settings
from daemon.delivery import Delivery
from daemon.extract import Extractor
from daemon.feeds import Fetcher, parse
from daemon.fulltext import FullText
from daemon.incidents import Incidents
from daemon.metrics import Metrics, TimedExtractor
from daemon.monitor import Monitor
from daemon.outbox import Outbox
from daemon.parsing import ParsePool
from daemon.pipeline import Extraction, Pipeline
from daemon.publish import KafkaPublisher
from daemon.scheduler import StopFlag
from daemon.store import Store

DATABASE = "sahelwatch.db"
# Separate files: their writes never wait on the article store's.
OUTBOX = "outbox.db"
INCIDENTS = "incidents.db"


@dataclass(frozen=True)
class App:
    """The wired daemon and the resources to release at the end."""

    settings: Settings
    pipeline: Pipeline
    fetcher: Fetcher
    store: Store
    publisher: KafkaPublisher
    delivery: Delivery
    outbox: Outbox
    incidents: Incidents
    stop: StopFlag
    metrics: Metrics
    monitor: Monitor
    parse_pool: ParsePool | None = None

    def close(self) -> None:
        """Flush the producer, then release HTTP and database handles and worker processes."""
        try:
            self.publisher.close()
        finally:
            if self.parse_pool is not None:
                self.parse_pool.close()
            self.fetcher.close()
            self.store.close()
            self.outbox.close()
            self.incidents.close()


def build_extractor(settings: Settings) -> Extractor:
    """The extractor with the configured host set (shared by the daemon and `extract`)."""
    return Extractor(hosts=settings.hosts, model=settings.extraction.model)


def build(settings: Settings, stop: StopFlag | None = None) -> App:
    """Wire the daemon from settings."""
    stop = stop or StopFlag()
    fetcher = Fetcher(settings.fetch)
    store = Store(settings.state_dir / DATABASE)
    publisher = KafkaPublisher(settings.kafka)
    outbox = Outbox(settings.state_dir / OUTBOX)
    metrics = Metrics()
    delivery = Delivery(
        outbox,
        publisher,
        retry_base_seconds=settings.outbox.retry_base_seconds,
        retry_ceiling_seconds=settings.outbox.retry_ceiling_seconds,
        batch=settings.outbox.batch,
        on_delivered=metrics.delivered,
    )
    incidents = Incidents(settings.state_dir / INCIDENTS, settings.incidents.window_days)
    extractor = build_extractor(settings)
    pool = ParsePool(settings.fetch.parse_processes) if settings.fetch.parse_processes else None
    clock = partial(datetime.now, UTC)
    pipeline = Pipeline(
        fetcher,
        store,
        Extraction(TimedExtractor(extractor, metrics), delivery, incidents, store, clock),
        clock=clock,
        should_stop=stop.is_set,
        policy=Policy.from_settings(settings.scheduling),
        dedup=settings.dedup,
        full_text=FullText(fetcher, extractor.might_report) if settings.fetch.full_text else None,
        parser=pool.parse if pool else parse,
    )
    monitor = Monitor(settings.health, settings.state_dir, metrics, delivery)
    return App(
        settings, pipeline, fetcher, store, publisher, delivery, outbox, incidents, stop,
        metrics, monitor, pool,
    )  # fmt: skip
