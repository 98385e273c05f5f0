"""Dedup and politeness over real HTTP: stale ETags, two feeds, wire copies, restarts, per host."""

import sqlite3
import threading
import time

import pytest

from daemon import config
from daemon.bootstrap import DATABASE
from daemon.config import FeedSettings, FetchSettings
from daemon.fetch import Fetcher

from .conftest import Route
from .documents import RSS, item, rss
from .helpers import run_logged as cycle
from .helpers import write_config

LEAD = (
    "<description>NIAMEY, Aug 5 ({outlet}) - The last American troops left the drone base in "
    "Agadez on Monday, the Pentagon said, completing the withdrawal the junta demanded."
    "</description>"
)


@pytest.fixture
def daemon(tmp_path, kafka_bootstrap, topic, make_app):
    """The real daemon over (name, url) feeds; calling it again builds a new one on its state."""

    def make(*feeds):
        path = write_config(
            tmp_path, [{"name": n, "url": u, "lang": "en"} for n, u in feeds], kafka_bootstrap,
            topic,
        )  # fmt: skip
        settings = config.load(path, {})
        fetch = settings.fetch.model_copy(update={"host_interval_seconds": 0, "full_text": False})
        return make_app(settings.model_copy(update={"fetch": fetch}))

    return make


def test_stale_etag_with_changed_content_is_still_read(feed_server, daemon):
    """A server that keeps its ETag while the feed changes still gets the new entries read."""
    # lower-case header: the test server then ignores If-None-Match, like a broken origin
    headers = {**RSS, "etag": '"stale"'}
    feed_server.routes["/f"] = Route(body=rss(item("One", "http://x.org/1")), headers=headers)
    app = daemon(("f", feed_server.url("/f")))
    assert cycle(app)[0].new == 1
    feed_server.routes["/f"].body = rss(
        item("One", "http://x.org/1"), item("Two", "http://x.org/2")
    )
    changed, _ = cycle(app)
    assert (changed.outcome, changed.items, changed.new) == ("ok", 2, 1)
    same, _ = cycle(app)
    assert (same.outcome, same.items, same.new) == ("not_modified", 0, 0)


def test_article_in_two_feeds_is_processed_once(feed_server, daemon):
    """The same article listed by two feeds (tracking parameters aside) is new only once."""
    feed_server.routes["/a"] = Route(body=rss(item("Story", "http://x.org/s?utm_source=a")))
    feed_server.routes["/b"] = Route(body=rss(item("Story", "http://X.org/s#top")))
    app = daemon(("a", feed_server.url("/a")), ("b", feed_server.url("/b")))
    first, _ = cycle(app, 0)
    second, _ = cycle(app, 1)
    assert (first.new, second.new) == (1, 0)


def test_article_in_two_feeds_at_once_is_processed_once(feed_server, daemon):
    """Two feeds run in parallel threads never both process one article."""
    body = rss(*(item(f"Story {n}", f"http://x.org/{n}") for n in range(30)))
    feed_server.routes["/a"] = Route(body=body)
    feed_server.routes["/b"] = Route(body=body + b" ")
    app = daemon(("a", feed_server.url("/a")), ("b", feed_server.url("/b")))
    results = []
    threads = [
        threading.Thread(target=lambda i=i: results.append(cycle(app, i)[0])) for i in (0, 1)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(r.new for r in results) == 30


def test_edited_entry_with_the_same_url_is_not_new(feed_server, daemon):
    """A re-titled, re-worded entry at the same URL is not processed again."""
    feed_server.routes["/f"] = Route(body=rss(item("Troops arrive", "http://x.org/1")))
    app = daemon(("f", feed_server.url("/f")))
    cycle(app)
    feed_server.routes["/f"].body = rss(
        item("UPDATE: more troops arrive", "http://x.org/1", extra="<description>New</description>")
    )
    again, _ = cycle(app)
    assert (again.outcome, again.items, again.new) == ("ok", 1, 0)


def test_wire_copy_from_another_outlet_is_marked(feed_server, daemon, tmp_path):
    """The same wire story from two outlets is recognised, logged and marked in the store."""
    title = "US completes pullout from Niger drone base"
    feed_server.routes["/a"] = Route(
        body=rss(item(f"{title} - Outlet A", "http://a.org/1", extra=LEAD.format(outlet="AP")))
    )
    feed_server.routes["/b"] = Route(
        body=rss(item(f"{title} | B News", "http://b.org/9", extra=LEAD.format(outlet="Reuters")))
    )
    app = daemon(("a", feed_server.url("/a")), ("b", feed_server.url("/b")))
    cycle(app, 0)
    second, logs = cycle(app, 1)
    assert second.new == 1  # still processed: each outlet is one more report
    (copy,) = [e for e in logs if e["event"] == "wire_copy"]
    assert copy["url"] == "http://b.org/9"
    database = sqlite3.connect(tmp_path / "state" / DATABASE)
    rows = dict(database.execute("SELECT url, duplicate_of IS NOT NULL FROM articles"))
    database.close()
    assert rows == {"http://a.org/1": 0, "http://b.org/9": 1}


def test_restart_keeps_seen_articles_and_feed_state(feed_server, daemon):
    """A new process on the same state directory publishes nothing twice and keeps the ETag."""
    feed_server.routes["/f"] = Route(
        body=rss(item("One", "http://x.org/1")), headers={"ETag": '"v1"'}
    )
    first_app = daemon(("f", feed_server.url("/f")))
    assert cycle(first_app)[0].new == 1
    first_app.close()
    again = daemon(("f", feed_server.url("/f")))
    assert cycle(again)[0].outcome == "not_modified"
    feed_server.routes["/f"].headers = {}
    feed_server.routes["/f"].body += b"\n"
    assert cycle(again)[0].new == 0


def test_one_host_gets_one_request_at_a_time_with_a_gap(feed_server):
    """Two feeds on one host, fetched from two threads, are served one after the other."""
    feed_server.routes["/a"] = Route(body=rss(item("A", "http://x.org/a")), delay=0.5)
    feed_server.routes["/b"] = Route(body=rss(item("B", "http://x.org/b")), delay=0.5)
    fetcher = Fetcher(FetchSettings(host_interval_seconds=0.3, timeout_seconds=5))
    feeds = [FeedSettings(name=n, url=feed_server.url(f"/{n}")) for n in "ab"]
    started = time.monotonic()
    threads = [threading.Thread(target=fetcher.fetch, args=(f,)) for f in feeds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    fetcher.close()
    assert elapsed >= 0.5 + 0.3 + 0.5
