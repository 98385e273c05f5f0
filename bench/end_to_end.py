"""Benchmark (not a test): end-to-end latency and the daemon's memory after 1,000 articles.

    .venv/bin/python bench/end_to_end.py [--bootstrap 127.0.0.1:9092] [--articles 1000]

Latency: a new item appears in a feed served on loopback; the feed's next cycle runs; the clock
stops when a consumer reads the event from the topic. (In production add the wait for the next
cycle: on average half the feed's interval.) Memory: the peak RSS of this process, which is the
real daemon wiring, after `--articles` articles went through extraction and delivery.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml
from kafka import KafkaConsumer

from daemon import config, logs
from daemon.bootstrap import build
from daemon.model import Article

COUNTRIES = ["Mali", "Niger", "Burkina Faso", "Chad", "Mauritania", "Senegal"]
FORCES = ["Russian", "Turkish", "French", "American", "German", "Italian", "Chinese"]


def say(line: str) -> None:
    """One line of results on stdout."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def report(n: int) -> str:
    """A short wire report with one event, different for each n."""
    return (
        f"A group of {FORCES[n % 7]} military instructors arrived in {COUNTRIES[n % 6]} on "
        f"Monday to train the national army, the defence ministry said in statement {n}."
    )


class Feed:
    """An RSS feed on loopback whose items the benchmark adds one by one."""

    def __init__(self) -> None:
        self.items: list[str] = []
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = feed.document()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/feed.xml"

    def document(self) -> bytes:
        entries = "".join(
            f"<item><title>Instructors {n}</title><link>http://wire.example/{n}</link>"
            f"<description>{text}</description></item>"
            for n, text in enumerate(self.items)
        )
        return (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>{entries}'
            "</channel></rss>"
        ).encode()


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", default="127.0.0.1:9092")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    logs.configure("ERROR", "json", stream=sys.stderr)  # one alert per event would flood the table
    feed = Feed()
    topic = f"bench.e2e.{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory() as state:
        path = Path(state) / "config.yaml"
        path.write_text(yaml.safe_dump({
            "feeds": [{"name": "bench", "url": feed.url, "lang": "en"}],
            "kafka": {"bootstrap_servers": [args.bootstrap], "topic": topic},
            # host_interval 0: one feed polled back to back here; in production the per-host
            # minimum interval only spaces requests to one site
            "fetch": {"full_text": False, "parse_processes": 0, "host_interval_seconds": 0},
            "state_dir": str(Path(state) / "state"), "health": {"port": 0},
            "logging": {"level": "ERROR"},
        }))  # fmt: skip
        app = build(config.load(path, {}))
        app.publisher.ensure_topic()
        consumer = KafkaConsumer(topic, bootstrap_servers=[args.bootstrap],
                                 auto_offset_reset="earliest", consumer_timeout_ms=100,
                                 fetch_max_wait_ms=20)  # fmt: skip
        app.pipeline.run_feed(app.settings.feeds[0])  # warm: pipelines loaded, producer connected
        latencies = []
        for n in range(args.rounds):
            feed.items.append(report(n))
            start = time.perf_counter()
            app.pipeline.run_feed(app.settings.feeds[0])
            while not any(
                json.loads(m.value)["article"]["url"] == f"http://wire.example/{n}"
                for m in consumer
            ):
                pass
            latencies.append(time.perf_counter() - start)
        median, worst = statistics.median(latencies) * 1000, max(latencies) * 1000
        say(f"end-to-end latency (item served -> event consumed), median of {args.rounds}: "
            f"{median:.0f} ms (max {worst:.0f} ms)")  # fmt: skip
        start = time.perf_counter()
        for n in range(args.articles):
            text = report(n + 1000) if n % 3 else f"Cotton prices rose in market {n} this week."
            article = Article(id=f"mem-{n}", url=f"http://x.example/{n}", title="", text=text,
                              feed="bench", lang="en")  # fmt: skip
            app.pipeline.process_article(article)
        app.delivery.drain(force=True)
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        say(f"{args.articles} articles through extraction and delivery in {elapsed:.1f} s; "
            f"daemon peak RSS {peak:.0f} MB")  # fmt: skip
        consumer.close()
        app.close()
    feed.server.shutdown()


if __name__ == "__main__":
    main()
