"""One feed cycle with fake adapters: ordering of publish and record, failure isolation."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from structlog.testing import capture_logs

from daemon.config import FeedSettings
from daemon.errors import FetchError
from daemon.feeds import FetchResult, Validators
from daemon.incidents import Incidents
from daemon.model import Article, Event, EventType
from daemon.pipeline import Extraction, Pipeline
from daemon.store import Store

BODY = (Path(__file__).resolve().parents[2] / "examples" / "feeds" / "wire-en.xml").read_bytes()
FEED = FeedSettings(name="wire", url="http://127.0.0.1/wire.xml", lang="en")
NOW = datetime(2024, 8, 6, tzinfo=UTC)


class FakeFetcher:
    def __init__(self, status=200, error=None):
        self.status, self.error, self.seen_validators = status, error, []

    def fetch(self, feed, validators=None):
        self.seen_validators.append(validators)
        if self.error:
            raise self.error
        body = None if self.status == 304 else BODY
        return FetchResult(self.status, feed.url, body, {}, Validators(etag='"v1"'))


class FakeExtractor:
    """One WITHDRAW event per article whose title mentions a pullout; crashes on 'Chad'."""

    def extract(self, article: Article) -> list[Event]:
        if "Chad" in article.title:
            raise RuntimeError("boom")
        if "pullout" in article.title or "trainers" in article.title:
            return [Event(EventType.WITHDRAW, "US", "NE", (article.title,), 0.9)]
        return []


class FakeSink:
    def __init__(self, fail=False):
        self.fail, self.published = fail, []

    def submit(self, records):
        if self.fail and records:
            raise OSError("disk full")
        self.published.extend(records)


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    yield store
    store.close()


def pipeline(store, fetcher=None, sink=None, stop=lambda: False, cancelled=lambda _feed: False):
    extraction = Extraction(
        FakeExtractor(), sink or FakeSink(), Incidents(":memory:"), store, lambda: NOW
    )
    return Pipeline(
        fetcher or FakeFetcher(),
        store,
        extraction,
        clock=lambda: NOW,
        should_stop=stop,
        feed_cancelled=cancelled,
    )


def test_cycle_publishes_then_records_and_a_second_cycle_publishes_nothing(store):
    """Events are published and articles recorded; the same feed again yields nothing new."""
    sink = FakeSink()
    summary = pipeline(store, sink=sink).run_feed(FEED)
    assert (summary.outcome, summary.items, summary.new, summary.relevant) == ("ok", 4, 4, 2)
    assert summary.events == len(sink.published) == 2
    values = [r.value for r in sink.published]
    assert [(v["type"], v["actor"], v["host"]) for v in values] == [("WITHDRAW", "US", "NE")] * 2
    # same kind of event, but published four months apart: two incidents
    assert values[0]["incident_id"] != values[1]["incident_id"]
    assert [v["incident"]["reports"] for v in values] == [1, 1]
    again = pipeline(store, sink=sink).run_feed(FEED)
    # the article whose extraction crashed is retried; nothing is published twice
    assert (again.new, again.events, len(sink.published)) == (1, 0, 2)


def test_extraction_crash_skips_only_that_article(store):
    """An article that makes the extractor raise is logged and left for the next cycle."""
    with capture_logs() as logs:
        summary = pipeline(store).run_feed(FEED)
    assert summary.outcome == "ok"
    failures = [e for e in logs if e["event"] == "extraction_failed"]
    assert len(failures) == 1
    assert failures[0]["url"].endswith("chad-ends-france-accord")


def test_queueing_failure_records_nothing(store):
    """When events cannot even be queued, the error propagates and no article is marked done."""
    fetcher = FakeFetcher()
    with pytest.raises(OSError, match="disk full"):
        pipeline(store, fetcher=fetcher, sink=FakeSink(fail=True)).run_feed(FEED)
    assert store.feed_state("wire").validators == Validators()
    retry = pipeline(store, fetcher=fetcher).run_feed(FEED)
    assert retry.events == 2


def test_validators_are_sent_back_and_304_costs_nothing(store):
    """After a full cycle the ETag is replayed; a 304 gives not_modified."""
    pipeline(store).run_feed(FEED)
    fetcher = FakeFetcher(status=304)
    summary = pipeline(store, fetcher=fetcher).run_feed(FEED)
    assert fetcher.seen_validators == [Validators(etag='"v1"')]
    assert summary.outcome == "not_modified"


def test_dead_feed_is_reported_with_its_name(store):
    """A fetch failure gives a failed summary and an error log naming the feed."""
    with capture_logs() as logs:
        summary = pipeline(store, fetcher=FakeFetcher(error=FetchError("HTTP 500"))).run_feed(FEED)
    assert summary.outcome == "failed"
    assert "wire: failed" in summary.line()
    (error,) = [e for e in logs if e["event"] == "feed_failed"]
    assert error["url"] == FEED.url


def test_a_feed_given_up_stops_between_articles_and_keeps_its_old_validators(store):
    """Fetch role: a feed handed to another fetcher stops like a stop request, for it alone."""
    cycles = pipeline(store, cancelled=lambda name: name == FEED.name)
    summary = cycles.run_feed(FEED)
    assert summary.outcome == "stopped"
    assert store.feed_state(FEED.name).validators == Validators()
    other = FeedSettings(name="other", url="https://example.org/other")
    assert cycles.run_feed(other).outcome == "ok"


def test_stop_request_leaves_remaining_articles_unrecorded(store):
    """A stop between articles returns at once; unprocessed articles stay new."""
    summary = pipeline(store, stop=lambda: True).run_feed(FEED)
    assert summary.outcome == "stopped"
    assert summary.events == 0
    assert store.feed_state("wire").validators == Validators()
