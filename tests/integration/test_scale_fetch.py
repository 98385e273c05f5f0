"""`run --role fetch` on the real broker: feeds shared by group membership, state in Kafka."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.integration.conftest import FeedServer, Request, Route
from tests.integration.helpers import consume_all, rss, write_config
from tests.integration.roles import RoleProcess

FEEDS = 40
INTERVAL = 15.0  # seconds
# scheduling slack: APScheduler's wake-up, the fetch itself, a log line
SLACK = 3.0


def _document(feed: int, version: int) -> Route:
    items = [
        (f"Story {feed}-{v}", f"https://news.test/{feed}/{v}", "Mon, 02 Sep 2024 10:00:00 GMT", "x")
        for v in range(1, version + 1)
    ]
    headers = {"ETag": f'"v{version}-f{feed}"', "Content-Type": "application/rss+xml"}
    return Route(200, rss(items), headers)


def _configure(tmp_path: Path, server: FeedServer, bootstrap: str, topic: str, name: str) -> Path:
    feeds = [
        {"name": f"f{n:02d}", "url": server.url(f"/f{n:02d}"), "interval_minutes": INTERVAL / 60}
        for n in range(FEEDS)
    ]
    (tmp_path / name).mkdir()
    path = write_config(tmp_path / name, feeds, bootstrap, topic)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    minutes = INTERVAL / 60
    data["scheduling"].update(min_interval_minutes=minutes, max_interval_minutes=minutes)
    data["fetch"].update(host_interval_seconds=0, full_text=False, parse_processes=0)
    data["fetch"]["user_agent"] = f"fetcher-{name}"
    data["cluster"] = {
        "articles_topic": f"{topic}.articles",
        "feeds_topic": f"{topic}.feeds",
        "feeds_partitions": 12,
        "group_prefix": topic,
        "session_timeout_seconds": 6,
    }
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def _by(request: Request) -> str:
    return request.user_agent.split(" ")[0]


@pytest.mark.timeout(240)
def test_two_fetchers_share_the_feeds_and_one_takes_over_when_the_other_dies(
    tmp_path, kafka_bootstrap, topic, feed_server
):
    """Each feed is polled by one fetcher once per interval; SIGKILL one and the other polls its
    feeds within one interval, with the validators the dead one received."""
    for n in range(FEEDS):
        feed_server.routes[f"/f{n:02d}"] = _document(n, 1)
    paths = [_configure(tmp_path, feed_server, kafka_bootstrap, topic, n) for n in ("a", "b")]
    first = RoleProcess(paths[0], "fetch", tmp_path / "a.log")
    second = RoleProcess(paths[1], "fetch", tmp_path / "b.log")
    try:
        for process in (first, second):
            process.wait_for_partitions()
        time.sleep(2)  # let the last rebalance settle
        # new versions: whoever owns a feed now receives its new ETag
        changed = time.monotonic()
        for n in range(FEEDS):
            feed_server.routes[f"/f{n:02d}"] = _document(n, 2)
        time.sleep(INTERVAL + SLACK)
        window = [r for r in feed_server.requests if r.at >= changed]
        owner = {}
        for request in window:
            owner.setdefault(request.path, set()).add(_by(request))
        assert len(owner) == FEEDS, "every feed was polled in the interval after the change"
        assert all(len(who) == 1 for who in owner.values()), owner
        of_second = sorted(p for p, who in owner.items() if who == {"fetcher-b"})
        assert 0 < len(of_second) < FEEDS

        second.kill()
        killed = time.monotonic()
        time.sleep(INTERVAL + SLACK + 2)
    finally:
        first.stop()
        second.stop()

    after = [r for r in feed_server.requests if r.at >= killed]
    for path in of_second:
        taken = [r for r in after if r.path == path]
        assert taken, f"{path} was not polled after its fetcher died"
        assert _by(taken[0]) == "fetcher-a"
        assert taken[0].at - killed <= INTERVAL + SLACK, f"{path} waited more than one interval"
        # the validators moved with the feed: the survivor sends the ETag the dead one received
        assert taken[0].if_none_match == f'"v2-f{int(path[2:])}"'
    # never two polls of one feed within an interval, across start-up, rebalances and the kill
    for path in {r.path for r in feed_server.requests}:
        times = sorted(r.at for r in feed_server.requests if r.path == path)
        gaps = [b - a for a, b in itertools.pairwise(times)]
        assert all(gap > INTERVAL * 0.8 for gap in gaps), (path, gaps)
    # the operator's view: every feed's state as the fetchers left it in the feeds topic
    command = [sys.executable, "-m", "daemon.cli", "--config", str(paths[0]), "feeds", "list"]
    listing = subprocess.run(
        [*command, "--cluster"], capture_output=True, text=True, timeout=60, check=True
    )
    # columns: feed, last success (date and time), status, ...
    rows = [line.split() for line in listing.stdout.splitlines()[1:]]
    assert len(rows) == FEEDS
    assert all(row[3] in ("ok", "not_modified") for row in rows), listing.stdout
    # every story reached the articles topic
    articles = consume_all(kafka_bootstrap, f"{topic}.articles")
    assert {json.loads(m.value)["url"] for m in articles} == {
        f"https://news.test/{n}/{v}" for n in range(FEEDS) for v in (1, 2)
    }
