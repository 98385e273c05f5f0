"""Full text over real HTTP: relevant articles get their page text, others cost no fetch."""

import sqlite3

from structlog.testing import capture_logs

from daemon import config
from daemon.bootstrap import DATABASE, build

from .conftest import Route
from .helpers import write_config
from .test_feeds_bad_input import RSS, item, rss

PAGE = (
    "<html><head><title>x</title></head><body><nav>Home | World | Africa</nav><article>"
    "<h1>French troops withdraw from Mali base</h1>"
    + "<p>French soldiers left the Gao base on Monday after nine years, the army said. "
    "The withdrawal of the last Barkhane troops from Mali ends the operation there.</p>"
    * 4
    + "</article><footer>Cookie policy</footer></body></html>"
).encode()


def sources(tmp_path):
    database = sqlite3.connect(tmp_path / "state" / DATABASE)
    try:
        return dict(database.execute("SELECT url, text_source FROM articles"))
    finally:
        database.close()


def test_relevant_articles_get_the_page_text_and_others_no_fetch(
    tmp_path, feed_server, kafka_bootstrap, topic
):
    """A military story's page is fetched and used; a missing page falls back; cotton is skipped."""
    summary = "<description>French troops withdraw from Mali.</description>"
    feed_server.routes["/f"] = Route(
        body=rss(
            item("French troops leave Gao", feed_server.url("/page"), extra=summary),
            item("French troops out of Mali", feed_server.url("/missing"), extra=summary),
            item("Cotton harvest in Mali", feed_server.url("/cotton")),
        ),
        headers=RSS,
    )
    feed_server.routes["/page"] = Route(body=PAGE, headers={"Content-Type": "text/html"})
    path = write_config(
        tmp_path,
        [{"name": "f", "url": feed_server.url("/f"), "lang": "en"}],
        kafka_bootstrap,
        topic,
    )
    settings = config.load(path, {})
    fetch = settings.fetch.model_copy(update={"host_interval_seconds": 0, "full_text": True})
    app = build(settings.model_copy(update={"fetch": fetch}))
    try:
        with capture_logs() as logs:
            result = app.pipeline.run_feed(app.settings.feeds[0])
    finally:
        app.close()
    assert (result.outcome, result.new) == ("ok", 3)
    assert sources(tmp_path) == {
        feed_server.url("/page"): "full_text",
        feed_server.url("/missing"): "summary",
        feed_server.url("/cotton"): "summary",
    }
    assert "/cotton" not in feed_server.hits
    (failed,) = [e for e in logs if e["event"] == "full_text_failed"]
    assert "HTTP 404" in failed["error"]
