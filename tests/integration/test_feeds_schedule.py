"""The running daemon's schedule: SIGHUP reloads the feed list without losing feed state."""

import json
import signal
import subprocess
import sys
import time

import yaml

from .conftest import Route
from .helpers import write_config
from .test_feeds_bad_input import RSS, item, rss


def wait_for(condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_sighup_adds_and_removes_feeds_and_keeps_the_others_going(
    tmp_path, feed_server, kafka_bootstrap, topic
):
    """After SIGHUP a new feed is polled, a removed one is not, and a kept one is not restarted."""
    for name in "abc":
        feed_server.routes[f"/{name}"] = Route(
            body=rss(item(name, f"http://x.org/{name}")), headers=RSS
        )
    feeds = [{"name": n, "url": feed_server.url(f"/{n}")} for n in "ab"]
    path = write_config(tmp_path, feeds, kafka_bootstrap, topic)
    process = subprocess.Popen(
        [sys.executable, "-m", "daemon.cli", "--config", str(path), "run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_for(lambda: feed_server.hits.get("/a") and feed_server.hits.get("/b"))
        data = yaml.safe_load(path.read_text())
        data["feeds"] = [feeds[0], {"name": "c", "url": feed_server.url("/c")}]
        path.write_text(yaml.safe_dump(data))
        process.send_signal(signal.SIGHUP)
        assert wait_for(lambda: feed_server.hits.get("/c"))
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    records = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    (reloaded,) = [r for r in records if r["event"] == "feeds_reloaded"]
    assert (reloaded["added"], reloaded["removed"], reloaded["changed"]) == (["c"], ["b"], [])
    assert feed_server.hits["/a"] == 1
    assert feed_server.hits["/b"] == 1
