"""Backfill against the real broker: interrupted, resumed, every event exactly once."""

import contextlib
import json
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter

from .conftest import Route
from .helpers import consume_all, write_config

COUNTRIES = ["Mali", "Niger", "Burkina Faso", "Chad", "Mauritania", "Senegal"]
FORCES = ["Russian", "Turkish", "French", "American", "German", "Italian", "Chinese"]


def archive(path, size=42):
    """`size` distinct reports of instructors arriving, plus one broken line."""
    lines = []
    for n in range(size):
        country, force = COUNTRIES[n % 6], FORCES[n % 7]
        text = (
            f"A group of {force} military instructors arrived in {country} on Monday to "
            f"train the national army, the defence ministry said in statement {n}."
        )
        lines.append(
            json.dumps(
                {
                    "id": f"story-{n}",
                    "lang": "en",
                    "text": text,
                    "published": f"2024-{n % 12 + 1:02d}-10",
                }
            )
        )
    lines.insert(5, "{broken")
    path.write_text("\n".join(lines) + "\n")


def test_interrupted_backfill_resumes_without_duplicates(tmp_path, kafka_bootstrap, topic):
    """SIGTERM mid-way, run again: the rest is processed and no event is published twice."""
    source = tmp_path / "archive.jsonl"
    archive(source)
    path = write_config(tmp_path, [], kafka_bootstrap, topic)
    command = [
        sys.executable,
        "-m",
        "daemon.cli",
        "--config",
        str(path),
        "backfill",
        "--jsonl",
        str(source),
    ]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    database = tmp_path / "state" / "sahelwatch.db"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and first.poll() is None:
        if database.exists():
            with sqlite3.connect(database) as db, contextlib.suppress(sqlite3.OperationalError):
                # the file exists a moment before its tables do
                if db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] >= 3:
                    break
        time.sleep(0.05)
    first.send_signal(signal.SIGTERM)
    out, err = first.communicate(timeout=60)
    assert first.returncode in (0, 2), err
    done = int(out.split(" processed")[0].split()[-1])
    assert 3 <= done < 42, out
    second = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert second.returncode == 2, second.stderr  # the broken line is reported again
    assert f"{42 - done} processed, {done} already done, 1 bad entries" in second.stdout
    records = [json.loads(m.value) for m in consume_all(kafka_bootstrap, topic)]
    counts = Counter(r["event_id"] for r in records)
    assert len(counts) >= 42
    assert max(counts.values()) == 1
    progress = [json.loads(line) for line in second.stderr.splitlines() if line.startswith("{")]
    assert any(p["event"] == "backfill_progress" and p["total"] == 43 for p in progress)
    bad = [p for p in progress if p["event"] == "backfill_bad_entry"]
    assert bad[0]["entry"] == f"{source}:6"


def test_backfill_from_urls_and_html_pages(tmp_path, feed_server, kafka_bootstrap, topic):
    """Pages fetched from a URL list and pages saved in a folder give the same events."""
    sentence = (
        "NIAMEY - The United States has withdrawn its last troops from Niger, the Pentagon "
        "said on Monday, completing a pullout demanded by the junta."
    )
    body = " ".join([sentence] * 3)
    page = (
        f"<html><head><title>US leaves Niger</title></head><body><nav>Menu</nav><article>"
        f"<h1>US leaves Niger</h1><p>{body}</p></article></body></html>"
    ).encode()
    feed_server.routes["/story"] = Route(body=page, headers={"Content-Type": "text/html"})
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# archive\n{feed_server.url('/story')}\n{feed_server.url('/gone')}\n")
    path = write_config(tmp_path, [], kafka_bootstrap, topic)
    result = subprocess.run(
        [sys.executable, "-m", "daemon.cli", "--config", str(path), "backfill", "--urls",
         str(urls)], capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr  # the 404 is a bad entry, reported
    assert "1 processed, 0 already done, 1 bad entries" in result.stdout
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "story.html").write_bytes(page)
    again = subprocess.run(
        [sys.executable, "-m", "daemon.cli", "--config", str(path), "backfill", "--html-dir",
         str(folder)], capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    records = [json.loads(m.value) for m in consume_all(kafka_bootstrap, topic)]
    found = {(r["type"], r["actor"], r["host"], r["article"]["title"]) for r in records}
    assert ("WITHDRAW", "US", "NE", "US leaves Niger") in found
    assert {r["incident_id"] for r in records if r["type"] == "WITHDRAW"} == {
        records[0]["incident_id"]
    }
