"""Hostile and broken feeds over real HTTP: one clear log record, nothing valid lost, no crash."""

import gzip
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from daemon import config
from daemon.feeds import normalise, parse

from .conftest import Route
from .documents import RSS, item, rss
from .helpers import run_logged as run
from .helpers import write_config

GOOD = item("Cotton harvest in Sikasso expected to rebound", "http://x.org/cotton")


@pytest.fixture
def daemon(tmp_path, kafka_bootstrap, topic, make_app):
    """The real daemon for a list of (name, url) feeds with short timeouts; closed at the end."""

    def make(*feeds, **fetch):
        path = write_config(
            tmp_path, [{"name": n, "url": u, "lang": "en"} for n, u in feeds], kafka_bootstrap,
            topic,
        )  # fmt: skip
        settings = config.load(path, {})
        fetch = {"timeout_seconds": 1, "total_timeout_seconds": 4, "host_interval_seconds": 0,
                 "full_text": False, **fetch}  # fmt: skip
        settings = settings.model_copy(
            update={
                "fetch": settings.fetch.model_copy(update=fetch),
                "scheduling": settings.scheduling.model_copy(update={"breaker_threshold": 3}),
            }
        )
        return make_app(settings)

    return make


def events(logs, name):
    return [e for e in logs if e["event"] == name]


def test_malformed_xml_keeps_every_readable_entry(feed_server, daemon):
    """A stray ampersand makes the XML ill-formed, yet every entry is still read."""
    body = rss(GOOD, item("Troops & trainers arrive", "http://x.org/2")).replace(b"&amp;", b"&")
    feed_server.routes["/f"] = Route(body=body, headers=RSS)
    app = daemon(("f", feed_server.url("/f")))
    summary, _ = run(app)
    assert (summary.outcome, summary.items, summary.new) == ("ok", 2, 2)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<html><body><h1>Maintenance</h1></body></html>", "not a feed"),
        (b"", "not a feed"),
    ],
    ids=["html-page", "empty-body"],
)
def test_non_feed_bodies_fail_alone_with_one_record(feed_server, daemon, body, reason):
    """An HTML page or an empty body is one feed_failed record and one counted failure."""
    feed_server.routes["/f"] = Route(body=body, headers={"Content-Type": "text/html"})
    app = daemon(("f", feed_server.url("/f")))
    summary, logs = run(app)
    assert summary.outcome == "failed"
    (failure,) = events(logs, "feed_failed")
    assert reason in failure["error"]
    assert app.store.feed_state("f").failures == 1


def test_wrong_declared_charset_still_decodes_the_text(feed_server, daemon):
    """cp1252 bytes served as UTF-8 are decoded by fallback, not dropped."""
    body = rss(item("Arrivée des troupes à Ménaka", "http://x.org/m"), encoding="windows-1252")
    body = body.replace(b'encoding="windows-1252"', b'encoding="utf-8"')
    feed_server.routes["/f"] = Route(body=body, headers=RSS)
    app = daemon(("f", feed_server.url("/f")))
    summary, _ = run(app)
    assert (summary.outcome, summary.new) == ("ok", 1)


def test_twenty_megabyte_response_is_refused(feed_server, daemon):
    """A body over the cap fails fast with the reason, without reading it all."""
    feed_server.routes["/f"] = Route(body=b"<rss>" + b" " * 20_000_000, headers=RSS)
    app = daemon(("f", feed_server.url("/f")), max_bytes=15_000_000)
    started = time.monotonic()
    summary, logs = run(app)
    assert summary.outcome == "failed"
    assert "larger than 15000000 bytes" in events(logs, "feed_failed")[0]["error"]
    assert time.monotonic() - started < 3


def test_gzip_bomb_stops_at_the_decompressed_cap(feed_server, daemon):
    """A tiny gzip body that inflates to 1 GB stops at max_bytes of output."""
    bomb = gzip.compress(b"\0" * 1_000_000_000, compresslevel=9)
    assert len(bomb) < 2_000_000
    feed_server.routes["/f"] = Route(body=bomb, headers={**RSS, "Content-Encoding": "gzip"})
    app = daemon(("f", feed_server.url("/f")), max_bytes=5_000_000)
    summary, logs = run(app)
    assert summary.outcome == "failed"
    assert "decompressed" in events(logs, "feed_failed")[0]["error"]


def test_gzip_feed_is_read(feed_server, daemon):
    """An ordinary gzip-encoded feed is inflated and read."""
    body = gzip.compress(rss(GOOD))
    feed_server.routes["/f"] = Route(body=body, headers={**RSS, "Content-Encoding": "gzip"})
    app = daemon(("f", feed_server.url("/f")))
    summary, _ = run(app)
    assert (summary.outcome, summary.new) == ("ok", 1)


LOL = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n else "lol"}">' for n in range(10))


def test_entity_expansion_bomb_is_not_expanded(feed_server, daemon):
    """A billion-laughs DOCTYPE is not expanded; the feed's valid entries survive."""
    body = rss(item("&lol9;", "http://x.org/bomb"), GOOD, doctype=f"<!DOCTYPE rss [{LOL}]>")
    feed_server.routes["/f"] = Route(body=body, headers=RSS)
    app = daemon(("f", feed_server.url("/f")))
    started = time.monotonic()
    summary, _ = run(app)
    assert time.monotonic() - started < 10
    assert (summary.outcome, summary.items) == ("ok", 2)
    titles = [a.title for a in _stored(app)]
    assert max(len(t) for t in titles) < 100


def test_external_entity_is_never_resolved(feed_server, daemon, tmp_path):
    """An XXE reference to a local file does not pull the file into any article."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER")
    doctype = f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    body = rss(item("Leak &xxe; here", "http://x.org/xxe"), doctype=doctype)
    feed_server.routes["/f"] = Route(body=body, headers=RSS)
    app = daemon(("f", feed_server.url("/f")))
    summary, _ = run(app)
    assert summary.outcome == "ok"
    assert all("TOP-SECRET" not in a.title + a.text for a in _stored(app))


def _stored(app):
    feed = app.settings.feeds[0]
    fetched = app.fetcher.fetch(feed)
    return [normalise(i) for i in parse(feed, fetched.body, fetched.headers, fetched.url)]


def test_redirect_loop_fails_with_its_name(feed_server, daemon):
    """A redirect loop ends at the redirect limit as one clear failure."""
    feed_server.routes["/a"] = Route(302, headers={"Location": "/b"})
    feed_server.routes["/b"] = Route(302, headers={"Location": "/a"})
    app = daemon(("f", feed_server.url("/a")))
    summary, logs = run(app)
    assert summary.outcome == "failed"
    assert "redirect loop" in events(logs, "feed_failed")[0]["error"]


def test_silent_server_times_out(feed_server, daemon):
    """A server that accepts the connection and never answers costs one timeout, not a hang."""
    feed_server.routes["/f"] = Route(body=rss(GOOD), delay=60)
    app = daemon(("f", feed_server.url("/f")))
    started = time.monotonic()
    summary, logs = run(app)
    assert time.monotonic() - started < 5
    assert summary.outcome == "failed"
    assert "timed out" in events(logs, "feed_failed")[0]["error"]


@pytest.mark.parametrize("status", [404, 500])
def test_error_status_backs_off_then_opens_the_circuit(feed_server, daemon, status):
    """Repeated 404/500: backoff from the 2nd failure, circuit open (logged once) at the 3rd."""
    feed_server.routes["/f"] = Route(status, b"no")
    app = daemon(("f", feed_server.url("/f")))
    logs = []
    for _ in range(4):
        summary, more = run(app)
        logs += more
        state = app.store.feed_state("f")
        app.store.save_feed_state(replace(state, next_attempt=None))  # time passes
    assert summary.outcome == "failed"
    assert f"HTTP {status}" in summary.error
    assert len(events(logs, "feed_failed")) == 4
    (opened,) = events(logs, "feed_circuit_open")
    assert opened["failures"] == 3
    assert app.store.feed_state("f").breaker == "open"
    feed_server.routes["/f"] = Route(body=rss(GOOD), headers=RSS)
    summary, logs = run(app)
    assert summary.outcome == "ok"
    assert len(events(logs, "feed_recovered")) == 1
    state = app.store.feed_state("f")
    assert (state.failures, state.breaker, state.next_attempt) == (0, "closed", None)


def test_backing_off_feed_is_not_fetched(feed_server, daemon):
    """After two failures the next run is deferred without touching the server."""
    feed_server.routes["/f"] = Route(500, b"no")
    app = daemon(("f", feed_server.url("/f")))
    run(app)
    run(app)
    assert app.store.feed_state("f").next_attempt is not None
    summary, logs = run(app)
    assert summary.outcome == "deferred"
    assert feed_server.hits["/f"] == 2
    assert events(logs, "feed_skipped")[0]["reason"] == "backing_off"


def test_gone_feed_is_no_longer_polled(feed_server, daemon):
    """410 Gone is said once, and the feed is not fetched again."""
    feed_server.routes["/f"] = Route(410, b"gone")
    app = daemon(("f", feed_server.url("/f")))
    summary, logs = run(app)
    assert summary.outcome == "failed"
    (gone,) = events(logs, "feed_gone")
    assert gone["log_level"] == "error"
    again, logs = run(app)
    assert again.outcome == "gone"
    assert feed_server.hits["/f"] == 1
    assert not events(logs, "feed_gone")


def test_429_retry_after_is_honoured(feed_server, daemon):
    """429 with Retry-After: 600 pushes the next attempt at least ten minutes away."""
    feed_server.routes["/f"] = Route(429, b"slow down", headers={"Retry-After": "600"})
    app = daemon(("f", feed_server.url("/f")))
    run(app)
    state = app.store.feed_state("f")
    wait = datetime.fromisoformat(state.next_attempt) - datetime.now(UTC)
    assert timedelta(seconds=590) < wait <= timedelta(seconds=600)
    summary, _ = run(app)
    assert summary.outcome == "deferred"
    assert feed_server.hits["/f"] == 1


def test_entries_without_links_are_kept_once(feed_server, daemon):
    """Entries with no link (guid only, or neither) are processed, and only once."""
    body = rss(
        item("Guid only: troops in Gao", guid="tag:x.org,2024:1"),
        item("Neither link nor guid: patrol near Menaka"),
        GOOD,
    )
    feed_server.routes["/f"] = Route(body=body, headers=RSS)
    app = daemon(("f", feed_server.url("/f")))
    first, _ = run(app)
    assert (first.items, first.new) == (3, 3)
    feed_server.routes["/f"] = Route(body=body + b" ", headers=RSS)  # changed bytes, same items
    second, _ = run(app)
    assert (second.outcome, second.items, second.new) == ("ok", 3, 0)


def test_duplicate_guids_lose_nothing_and_repeat_nothing(feed_server, daemon):
    """A guid reused for two different links keeps both; a repeated entry counts once."""
    body = rss(
        item("First story", "http://x.org/a", guid="same"),
        item("Second story", "http://x.org/b", guid="same"),
        item("First story", "http://x.org/a", guid="same"),
    )
    feed_server.routes["/f"] = Route(body=body, headers=RSS)
    app = daemon(("f", feed_server.url("/f")))
    summary, _ = run(app)
    assert (summary.items, summary.new) == (3, 2)
