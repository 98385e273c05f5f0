"""One cycle of one feed, as named phases: fetch, parse, dedup, extract, queue, record."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Protocol

import structlog

from daemon import backoff, records
from daemon.config import DedupSettings, FeedSettings
from daemon.errors import FeedError, HTTPStatusError, PublishError
from daemon.extract import detect_language
from daemon.feeds import FetchResult, Validators, normalise, parse
from daemon.incidents import Incident
from daemon.model import Article, Event, FeedItem, OutboundRecord
from daemon.store import FeedState, Store

log = structlog.stdlib.get_logger(__name__)


class FeedSource(Protocol):
    """Fetches feed documents."""

    def fetch(self, feed: FeedSettings, validators: Validators = ...) -> FetchResult: ...


class Extractor(Protocol):
    """Reads events out of an article (pure)."""

    def extract(self, article: Article) -> list[Event]: ...


class Sink(Protocol):
    """Takes records for delivery; returns once they are durably queued (see delivery.py)."""

    def submit(self, records: Sequence[OutboundRecord]) -> None: ...


class FeedStates(Protocol):
    """Where each feed's fetch state is kept: the store, or the feeds topic (fetch role)."""

    def feed_state(self, feed: str) -> FeedState: ...

    def save_feed_state(self, state: FeedState) -> None: ...


class IncidentStore(Protocol):
    """Groups reports into incidents."""

    def assign(self, event_id: str, event: Event, article: Article, now: datetime) -> Incident: ...


@dataclass(frozen=True, slots=True)
class FeedSummary:
    """What one cycle of one feed did."""

    feed: str
    outcome: str  # ok, not_modified, failed, stopped, deferred (backing off), gone (HTTP 410)
    items: int = 0
    new: int = 0
    relevant: int = 0
    events: int = 0
    error: str | None = None

    def line(self) -> str:
        """The one-line summary `run --once` prints."""
        text = (
            f"{self.feed}: {self.outcome}, {self.items} items, {self.new} new, "
            f"{self.relevant} relevant, {self.events} events published"
        )
        return f"{text} ({self.error})" if self.error else text


# feeds.parse, or the same work done in other processes (parsing.ParsePool)
Parser = Callable[[FeedSettings, bytes, Mapping[str, str], str], list[FeedItem]]


class Extraction:
    """The article step of the all-in-one daemon: extract, group, queue, then record."""

    def __init__(
        self,
        extractor: Extractor,
        sink: Sink,
        incidents: IncidentStore,
        store: Store,
        clock: Callable[[], datetime],
    ) -> None:
        self._extractor = extractor
        self._sink = sink
        self._incidents = incidents
        self._store = store
        self._clock = clock
        # scheduler threads fetch in parallel, but spaCy pipelines are not thread-safe
        self._extract_lock = threading.Lock()

    def __call__(self, article: Article) -> int:
        """Extract, queue the events for delivery, then record the article; the event count."""
        with structlog.contextvars.bound_contextvars(article_id=article.id):
            try:
                with self._extract_lock:
                    article, found = read_article(self._extractor, article)
            except Exception:
                # one bad article must not stop the feed; it stays unrecorded for the next cycle
                log.exception("extraction_failed", url=article.url)
                return 0
            now = self._clock()
            outbound = [
                records.build(
                    event,
                    article,
                    now,
                    self._incidents.assign(
                        records.event_id(article.id, event), event, article, now
                    ),
                )
                for event in found
            ]
            # once queued the events are safe: the outbox delivers them, broker or not
            self._sink.submit(outbound)
            self._store.record_article(article, len(outbound), now)
            return len(outbound)


class Forwarding:
    """The article step of the fetch role: publish to the articles topic, then record."""

    def __init__(
        self, publish: Callable[[Article], None], store: Store, clock: Callable[[], datetime]
    ) -> None:
        self._publish = publish
        self._store = store
        self._clock = clock

    def __call__(self, article: Article) -> int:
        """Hand the article to the extractors, then record it; no events are read here."""
        try:
            self._publish(article)
        except PublishError as exc:
            # left unrecorded, so the feed's next cycle offers it again
            log.error("article_not_forwarded", article_id=article.id, error=str(exc))
            return 0
        self._store.record_article(article, 0, self._clock())
        return 0


# What a cycle does with each new article (Extraction or Forwarding); returns the event count.
ArticleStep = Callable[[Article], int]


class Pipeline:
    """Runs feed cycles with the collaborators it is given."""

    def __init__(
        self,
        fetcher: FeedSource,
        store: Store,
        process_article: ArticleStep,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        should_stop: Callable[[], bool] = lambda: False,
        policy: backoff.Policy | None = None,
        dedup: DedupSettings | None = None,
        rand: Callable[[], float] = random.random,
        full_text: Callable[[Article], tuple[Article, str]] | None = None,
        parser: Parser = parse,
        feed_states: FeedStates | None = None,
        feed_cancelled: Callable[[str], bool] = lambda _feed: False,
    ) -> None:
        self._feed_states: FeedStates = feed_states or store
        # fetch role: a feed being handed to another fetcher stops between articles
        self._feed_cancelled = feed_cancelled
        self.process_article = process_article
        self._full_text = full_text
        self._parse = parser
        self._policy = policy or backoff.Policy()
        self._dedup = dedup or DedupSettings()
        self._rand = rand
        self._pruned_at: datetime | None = None
        self._fetcher = fetcher
        self._store = store
        self._clock = clock
        self._should_stop = should_stop

    def run_feed(self, feed: FeedSettings) -> FeedSummary:
        """One cycle of one feed; never raises for a feed's or an article's own failure."""
        with structlog.contextvars.bound_contextvars(feed=feed.name):
            state = self._state_of(feed)
            now = self._clock()
            self._prune(now)
            reason = backoff.blocked(state, feed.url, now)
            if reason is not None:
                log.info("feed_skipped", reason=reason, next_attempt=state.next_attempt)
                return FeedSummary(feed.name, "gone" if reason == "gone" else "deferred")
            try:
                fetched = self._fetcher.fetch(feed, state.validators)
                summary, complete = self._read(feed, state, fetched, now)
            except FeedError as exc:
                log.error("feed_failed", url=feed.url, error=str(exc))
                after = backoff.after_failure(
                    state,
                    now,
                    interval=self._policy.interval_of(feed),
                    policy=self._policy,
                    rand=self._rand(),
                    status=exc.status if isinstance(exc, HTTPStatusError) else None,
                    retry_after=exc.retry_after if isinstance(exc, HTTPStatusError) else None,
                )
                summary = FeedSummary(feed.name, "failed", error=str(exc))
            else:
                after = _settled(state, summary, fetched, complete, now)
            self._remember(feed, state, after)
            log.info("feed_done", **_fields(summary))
            return summary

    def next_run(self, feed: FeedSettings) -> datetime | None:
        """When the feed should run next (adaptive interval, backoff); None once it is gone."""
        state = self._feed_states.feed_state(feed.name)
        return backoff.next_run(state, feed, self._clock(), self._policy, self._rand())

    def _prune(self, now: datetime) -> None:
        """Once a day, forget articles no feed has listed for the retention period."""
        if self._pruned_at is not None and now - self._pruned_at < timedelta(days=1):
            return
        self._pruned_at = now
        removed = self._store.prune(now - timedelta(days=self._dedup.retention_days))
        if removed:
            log.info("articles_pruned", count=removed, retention_days=self._dedup.retention_days)

    def resume_at(self, feed: FeedSettings) -> datetime | None:
        """When a feed gained from another fetcher runs first (see backoff.resume_at)."""
        state = self._feed_states.feed_state(feed.name)
        return backoff.resume_at(state, feed, self._clock(), self._policy)

    def _state_of(self, feed: FeedSettings) -> FeedState:
        state = self._feed_states.feed_state(feed.name)
        if state.url not in (None, feed.url):
            # validators and backoff of the old URL mean nothing for the new one
            log.info("feed_url_changed", old_url=state.url, url=feed.url)
            return FeedState(feed.name, url=feed.url, quiet_runs=0)
        return state

    def _read(
        self, feed: FeedSettings, state: FeedState, fetched: FetchResult, now: datetime
    ) -> tuple[FeedSummary, bool]:
        """Parse and process a fetched document, unless it is the same as last time."""
        if fetched.body is None:
            return FeedSummary(feed.name, "not_modified"), True
        if fetched.content_hash == state.content_hash:
            # a server that ignores conditional GET: same bytes, so no parsing at all
            return FeedSummary(feed.name, "not_modified"), True
        items = self._parse(feed, fetched.body, fetched.headers, fetched.url)
        return self._process(feed, [normalise(i, now) for i in items], now)

    def _process(
        self, feed: FeedSettings, articles: list[Article], now: datetime
    ) -> tuple[FeedSummary, bool]:
        """Dedup, then process each new article; also whether every one of them got recorded."""
        fresh = self._store.claim(articles, now)
        relevant = events = 0
        outcome = "ok"
        try:
            for article in fresh:
                if self._should_stop() or self._feed_cancelled(feed.name):
                    outcome = "stopped"
                    break
                original = self._wire_original(article, now)
                read, source = self._full_text(article) if self._full_text else (article, None)
                published = self.process_article(read)
                if source is not None:
                    self._store.note_text_source(article, source)
                if original is not None:
                    self._store.mark_duplicate(article.id, original)
                relevant += bool(published)
                events += published
        finally:
            self._store.release(fresh)
        complete = outcome == "ok" and not self._store.unseen(fresh)
        return FeedSummary(
            feed.name, outcome, len(articles), len(fresh), relevant, events
        ), complete

    def _wire_original(self, article: Article, now: datetime) -> str | None:
        """The article another outlet published the same wire story in, recently, if any.

        The copy is still processed (each outlet is one more report of an incident), and marked.
        """
        since = now - timedelta(hours=self._dedup.wire_window_hours)
        original = self._store.wire_original(article, since)
        if original is not None:
            log.info("wire_copy", article_id=article.id, url=article.url, copy_of=original)
        return original

    def _remember(self, feed: FeedSettings, before: FeedState, after: FeedState) -> None:
        """Save the feed's state; log once when its circuit changes."""
        after = replace(after, url=feed.url)
        self._feed_states.save_feed_state(after)
        change = backoff.transition(before, after)
        if change == "feed_gone":
            log.error(change, url=feed.url, detail="HTTP 410 Gone: no longer polled")
        elif change == "feed_circuit_open":
            log.warning(
                change, url=feed.url, failures=after.failures, next_attempt=after.next_attempt
            )
        elif change is not None:
            log.info(change, url=feed.url, after_failures=before.failures)


def _settled(
    state: FeedState,
    summary: FeedSummary,
    fetched: FetchResult,
    complete: bool,
    now: datetime,
) -> FeedState:
    """The state after a fetch that worked: new validators, and the body's hash once it is done."""
    if summary.outcome == "stopped":
        return replace(state, last_attempt=now.isoformat(), last_status="stopped")
    after = backoff.after_success(state, now, outcome=summary.outcome, new=summary.new)
    if fetched.body is None:
        return after
    return replace(
        after,
        validators=fetched.validators,
        # an article left unrecorded (extraction crashed) must be retried on the same bytes
        content_hash=fetched.content_hash if complete else state.content_hash,
    )


def read_article(extractor: Extractor, article: Article) -> tuple[Article, list[Event]]:
    """The article with its language settled, and the events read from it."""
    if article.lang is None:
        article = replace(article, lang=detect_language(f"{article.title}\n{article.text}"))
    return article, extractor.extract(article)


def _fields(summary: FeedSummary) -> dict[str, object]:
    return {
        "outcome": summary.outcome,
        "items": summary.items,
        "new": summary.new,
        "relevant": summary.relevant,
        "events": summary.events,
        "error": summary.error,
    }
