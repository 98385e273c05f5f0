"""`run --role fetch` and `run --role extract`: the daemon split in two, scaled out on Kafka.

Any number of fetchers and extractors may run, on any machines that reach the cluster. They
coordinate only through Kafka: consumer groups hand out the work, compacted topics carry the
state that moves with it, transactions make extraction exactly once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import structlog

from daemon import config, topics
from daemon.backoff import Policy
from daemon.bootstrap import DATABASE, build_extractor
from daemon.config import FeedSettings, Settings
from daemon.errors import BrokerUnavailableError, PublishError
from daemon.extract_group import ExtractGroup
from daemon.feeds import Fetcher, parse
from daemon.fetch_group import ArticleTopic, FeedOwnership, FeedStateTopic, producer
from daemon.fulltext import FullText
from daemon.metrics import Metrics, TimedExtractor
from daemon.monitor import Monitor, RoleLink
from daemon.parsing import ParsePool
from daemon.pipeline import Forwarding, Pipeline
from daemon.publish import KafkaPublisher
from daemon.scheduler import StopFlag, run_forever
from daemon.store import Store

log = structlog.stdlib.get_logger(__name__)

EXIT_OK = 0
# a broker that does not answer at start-up is tried again after this long
RETRY_SECONDS = 5.0


def run(role: str, settings: Settings, path: Path) -> int:
    """Run one role until SIGTERM/SIGINT; the exit status.

    PublishError when a topic is unusable as configured (a config problem: nothing to wait for).
    """
    stop = StopFlag()
    stop.install()
    log.info("role_starting", role=role)
    if role == "extract":
        return _extract(settings, stop)
    return _fetch(settings, stop, path)


def _extract(settings: Settings, stop: StopFlag) -> int:
    publisher = KafkaPublisher(settings.kafka)
    try:
        if not _ready(publisher.ensure_topic, stop):
            return EXIT_OK
    except PublishError as exc:
        raise _unusable(exc) from None
    finally:
        publisher.close()
    metrics, link = Metrics(), RoleLink()
    monitor = Monitor(settings.health, settings.state_dir, metrics, link)
    beat = _Throttled(monitor.beat, settings.health.heartbeat_seconds)

    def progressed() -> None:
        monitor.progressed()
        beat()

    group = ExtractGroup(
        settings,
        TimedExtractor(build_extractor(settings), metrics),
        stop,
        link=link,
        on_progress=progressed,
        on_delivered=metrics.delivered,
    )
    with _serving(monitor):
        group.run()
    log.info("stopped", role="extract")
    return EXIT_OK


def _fetch(settings: Settings, stop: StopFlag, path: Path) -> int:
    specs = [topics.articles(settings), topics.feeds(settings)]
    counts: dict[str, int] = {}
    try:
        if not _ready(lambda: counts.update(topics.ensure(settings, specs)), stop):
            return EXIT_OK
    except PublishError as exc:
        raise _unusable(exc) from None
    clock = partial(datetime.now, UTC)
    metrics, link = Metrics(), RoleLink()
    monitor = Monitor(settings.health, settings.state_dir, metrics, link)
    sender = producer(settings)
    states = FeedStateTopic(settings, sender, counts[settings.cluster.feeds_topic])
    fetcher = Fetcher(settings.fetch)
    store = Store(settings.state_dir / DATABASE)
    pool = ParsePool(settings.fetch.parse_processes) if settings.fetch.parse_processes else None
    # only the cheap prefilter is used here (to decide on full text): no spaCy pipeline loads
    prefilter = build_extractor(settings).might_report

    # the group decides which feeds run here; the pipeline asks it whether one is being given up,
    # and it asks the pipeline when a gained feed runs (late bound: the pipeline comes next)
    def resume_at(feed: FeedSettings) -> datetime | None:
        return pipeline.resume_at(feed)

    membership = FeedOwnership(settings, states, resume_at, clock)
    pipeline: Pipeline = Pipeline(
        fetcher,
        store,
        Forwarding(ArticleTopic(settings, sender, link), store, clock),
        clock=clock,
        should_stop=stop.is_set,
        policy=Policy.from_settings(settings.scheduling),
        dedup=settings.dedup,
        full_text=FullText(fetcher, prefilter) if settings.fetch.full_text else None,
        parser=pool.parse if pool else parse,
        feed_states=states,
        feed_cancelled=membership.giving_up,
    )
    try:
        with _serving(monitor):
            run_forever(
                settings,
                (),
                monitor.observed(pipeline.run_feed),
                stop,
                extra_jobs=[("heartbeat", monitor.beat, settings.health.heartbeat_seconds)],
                next_run=pipeline.next_run,
                reload=lambda: config.load(path).feeds,
                membership=membership,
            )
    finally:
        sender.close(timeout=settings.kafka.delivery_timeout_ms / 1000)
        if pool is not None:
            pool.close()
        fetcher.close()
        store.close()
    log.info("stopped", role="fetch")
    return EXIT_OK


@contextmanager
def _serving(monitor: Monitor) -> Iterator[None]:
    """The probes, metrics and heartbeat of a role while it runs (a busy port is only logged)."""
    try:
        monitor.start_endpoints()
    except OSError as exc:
        log.error("health_endpoints_unavailable", error=str(exc))
    monitor.scheduler_running = True
    monitor.beat()
    try:
        yield
    finally:
        monitor.close()


class _Throttled:
    """Calls `action` at most once per `seconds`."""

    def __init__(self, action: Callable[[], None], seconds: float) -> None:
        self._action = action
        self._seconds = seconds
        self._last = -seconds

    def __call__(self) -> None:
        now = time.monotonic()
        if now - self._last >= self._seconds:
            self._last = now
            self._action()


def _ready(check: Callable[[], object], stop: StopFlag) -> bool:
    """Run `check` until the broker answers it; False when stopped first."""
    while not stop.is_set():
        try:
            check()
        except BrokerUnavailableError as exc:
            log.error("broker_unavailable", error=str(exc), retry_in=RETRY_SECONDS)
            stop.wait(RETRY_SECONDS)
        else:
            return True
    return False


def _unusable(exc: PublishError) -> PublishError:
    log.critical("topic_unusable", error=str(exc))
    return exc
