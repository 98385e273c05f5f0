"""A daemon killed with SIGKILL in the middle of a cycle loses nothing and repeats nothing."""

import json
import signal
import sqlite3
import subprocess
import sys
import time

import yaml

from .conftest import Route
from .helpers import consume_all, rss

PLACES = [
    ("Mali", "Bamako"),
    ("Niger", "Niamey"),
    ("Burkina Faso", "Ouagadougou"),
    ("Chad", "N'Djamena"),
]
FORCES = ["Russian", "Turkish", "French", "American"]


def items(server):
    """Ten distinct reports of instructors arriving, each with a slow article page."""
    found = []
    for n in range(10):
        country, city = PLACES[n % 4]
        force = FORCES[(n // 4 + n) % 4]
        found.append(
            (
                f"{force} instructors reach {country} ({n})",
                server.url(f"/page/{n}"),
                f"Tue, {n + 1:02d} Oct 2024 09:00:00 +0000",
                (
                    f"{city.upper()} - A group of {force} military instructors arrived in "
                    f"{country} on Monday to train the national army, the defence ministry "
                    f"said in statement {n}."
                ),
            )
        )
    return found


def test_sigkill_mid_cycle_then_restart_processes_every_article_once(
    tmp_path, feed_server, kafka_bootstrap, topic
):
    """Kill -9 during a cycle, run again: every article recorded once, every event on the topic."""
    listed = items(feed_server)
    feed_server.routes["/feed.xml"] = Route(body=rss(listed))
    for n in range(10):
        page = f"<html><body><article><p>{listed[n][3]}</p></article></body></html>"
        feed_server.routes[f"/page/{n}"] = Route(
            body=page.encode(), delay=0.5, headers={"Content-Type": "text/html"}
        )
    state = tmp_path / "state"
    path = tmp_path / "config.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "feeds": [{"name": "wire", "url": feed_server.url("/feed.xml"), "lang": "en"}],
                "kafka": {
                    "bootstrap_servers": [kafka_bootstrap],
                    "topic": topic,
                    "topic_partitions": 2,
                },
                "fetch": {"host_interval_seconds": 0.1, "timeout_seconds": 5},
                "state_dir": str(state),
                "logging": {"format": "json"},
            }
        )
    )
    command = [sys.executable, "-m", "daemon.cli", "--config", str(path), "run", "--once"]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and first.poll() is None:
            if len(consume_all(kafka_bootstrap, topic, idle_ms=300)) >= 2:
                break
        assert first.poll() is None, "the first run ended before it could be killed"
        first.send_signal(signal.SIGKILL)
    finally:
        first.kill()
        # returns only once the parse workers died with their parent (they share its stdout)
        first.communicate(timeout=30)
    with sqlite3.connect(state / "sahelwatch.db") as db:
        done_before = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert done_before < 10, "the kill came after the cycle"
    second = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert second.returncode == 0, second.stdout + second.stderr
    with sqlite3.connect(state / "sahelwatch.db") as db:
        rows = db.execute("SELECT COUNT(*), SUM(events) FROM articles").fetchone()
    with sqlite3.connect(state / "outbox.db") as db:
        waiting = db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]
    published = {json.loads(m.value)["event_id"] for m in consume_all(kafka_bootstrap, topic)}
    assert rows[0] == 10
    assert len(published) == rows[1] >= 10
    assert waiting == 0
