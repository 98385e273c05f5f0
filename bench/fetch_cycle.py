"""Benchmark (not a test): one fetch cycle over N local feeds of M items, all 200 then all 304.

    .venv/bin/python bench/fetch_cycle.py [--feeds 1000] [--items 30] [--workers 10]

A separate process serves the feeds on 20 loopback addresses (127.0.1.1-20), each feed with an
ETag, so the measured process is the daemon's ingestion alone: the real Fetcher (host turns,
caps), feedparser, normalisation, the SQLite store and dedup, and the extractor's cheap
prefilter. The items read like ordinary, irrelevant news, as most of a real cycle does, so no
spaCy model loads and nothing is published. The host minimum interval is 0 here: 50 feeds per
loopback address stand in for 1,000 different sites. Prints seconds, CPU seconds and peak RSS.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import resource
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import structlog

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from daemon.backoff import Policy
from daemon.config import FeedSettings, FetchSettings
from daemon.extract import Extractor
from daemon.fetch import Fetcher
from daemon.parsing import ParsePool
from daemon.pipeline import Extraction, Pipeline
from daemon.store import Store

HOSTS = [f"127.0.1.{n}" for n in range(1, 21)]
WORDS = [
    *("market", "harvest", "cotton", "rains", "minister", "school", "festival", "prices"),
    *("election", "football", "road", "bridge", "water", "health", "vaccine", "teachers"),
    *("strike", "budget", "trade", "farmers", "cattle", "river", "bank", "mobile", "music"),
]


def feed_body(feed: int, items: int) -> bytes:
    """One RSS document of `items` distinct, irrelevant news items."""
    entries = []
    for n in range(items):
        words = " ".join(WORDS[(feed * 7 + n * 3 + k) % len(WORDS)] for k in range(12))
        entries.append(
            f"<item><title>Story {feed}-{n}: {words[:60]}</title>"
            f"<link>https://site{feed}.example/news/{n}?utm_source=rss</link>"
            f"<guid>https://site{feed}.example/news/{n}</guid>"
            f"<pubDate>Mon, 05 Aug 2024 {n % 24:02d}:00:00 +0000</pubDate>"
            f"<description>&lt;p&gt;{words}. {words}.&lt;/p&gt;</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Site {feed}</title><language>en</language>{''.join(entries)}</channel></rss>"
    ).encode()


def serve(port: int, feeds: int, items: int, ready: Any) -> None:
    """The feed server process: /feed/N on every address, with ETag and 304."""
    bodies = {f"/feed/{n}": feed_body(n, items) for n in range(feeds)}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            body = bodies.get(self.path)
            if body is None:
                self.send_error(404)
                return
            etag = f'"{self.path}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    servers = [ThreadingHTTPServer((host, port), Handler) for host in HOSTS]
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ready.set()
    servers[0].serve_forever()


class NoEvents:
    """Stands for incidents and the outbox: the bench's items report nothing."""

    def submit(self, records: object) -> None:
        """Nothing to queue."""

    def assign(self, *args: object) -> object:
        """Never called: no item reports an event."""
        raise AssertionError(args)


def cycle(
    pipeline: Pipeline, feeds: list[FeedSettings], workers: int
) -> tuple[float, float, list[Any]]:
    """Run every feed once on a pool like the scheduler's; wall and CPU seconds, summaries."""
    cpu = time.process_time()
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        summaries = list(pool.map(pipeline.run_feed, feeds))
    return time.perf_counter() - start, time.process_time() - cpu, summaries


def say(line: str) -> None:
    """One line of results on stdout."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    """Serve, run a 200 cycle and a 304 cycle, print the figures."""
    # the per-feed info records would cost more than some cycles: warnings only
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=30)
    parser.add_argument("--workers", type=int, default=10)
    parser.add_argument("--port", type=int, default=18765)
    parser.add_argument("--parse-processes", type=int, default=2, help="0: parse in the threads")
    args = parser.parse_args()
    ready = multiprocessing.Event()
    server = multiprocessing.Process(
        target=serve, args=(args.port, args.feeds, args.items, ready), daemon=True
    )
    server.start()
    ready.wait(60)
    feeds = [
        FeedSettings(name=f"feed{n}", url=f"http://{HOSTS[n % len(HOSTS)]}:{args.port}/feed/{n}")
        for n in range(args.feeds)
    ]
    with tempfile.TemporaryDirectory() as state:
        store = Store(Path(state) / "bench.db")
        fetcher = Fetcher(FetchSettings(host_interval_seconds=0, full_text=False))
        sink = NoEvents()
        pool = ParsePool(args.parse_processes) if args.parse_processes else None
        clock = partial(datetime.now, UTC)
        extraction = Extraction(Extractor(), sink, sink, store, clock)  # type: ignore[arg-type]
        pipeline = Pipeline(
            fetcher, store, extraction, policy=Policy(), clock=clock,
            **({"parser": pool.parse} if pool else {}),
        )  # fmt: skip
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        say(
            f"{args.feeds} feeds x {args.items} items, {args.workers} workers, "
            f"{args.parse_processes} parse processes"
        )
        for label in ("200 (all new)", "304 (not modified)"):
            wall, cpu, summaries = cycle(pipeline, feeds, args.workers)
            outcomes: dict[str, int] = {}
            for summary in summaries:
                outcomes[summary.outcome] = outcomes.get(summary.outcome, 0) + 1
            new = sum(s.new for s in summaries)
            say(f"{label:<20} {wall:7.2f} s  CPU {cpu:7.2f} s  new {new:6d}  {outcomes}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        say(f"peak RSS {peak / 1024:.0f} MB (before the cycles {rss_before / 1024:.0f} MB)")
        fetcher.close()
        store.close()
        if pool:
            pool.close()
    server.terminate()


if __name__ == "__main__":
    main()
