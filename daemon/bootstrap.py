"""The composition root: wires the real adapters around the pure core. Nothing connects here."""

from __future__ import annotations

from dataclasses import dataclass

from daemon.config import Settings
from daemon.extract import Extractor
from daemon.feeds import Fetcher
from daemon.pipeline import Pipeline
from daemon.publish import KafkaPublisher
from daemon.scheduler import StopFlag
from daemon.store import Store

DATABASE = "sahelwatch.db"


@dataclass(frozen=True)
class App:
    """The wired daemon and the resources to release at the end."""

    settings: Settings
    pipeline: Pipeline
    fetcher: Fetcher
    store: Store
    publisher: KafkaPublisher
    stop: StopFlag

    def close(self) -> None:
        """Flush the producer, then release HTTP and database handles."""
        try:
            self.publisher.close()
        finally:
            self.fetcher.close()
            self.store.close()


def build_extractor(settings: Settings) -> Extractor:
    """The extractor with the configured host set (shared by the daemon and `extract`)."""
    return Extractor(hosts=settings.hosts)


def build(settings: Settings, stop: StopFlag | None = None) -> App:
    """Wire the daemon from settings."""
    stop = stop or StopFlag()
    fetcher = Fetcher(settings.fetch)
    store = Store(settings.state_dir / DATABASE)
    publisher = KafkaPublisher(settings.kafka)
    pipeline = Pipeline(
        fetcher, store, build_extractor(settings), publisher, should_stop=stop.is_set
    )
    return App(settings, pipeline, fetcher, store, publisher, stop)
