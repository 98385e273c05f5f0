"""Benchmark: publish throughput and bytes on the wire, with and without gzip compression.

Usage: .venv/bin/python bench/publish.py [--bootstrap 127.0.0.1:9092] [--events 5000]
Needs a running broker (deploy/kafka/broker.sh start). Prints one row per compression setting.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
import uuid
from datetime import UTC, date, datetime

from daemon import logs
from daemon.config import KafkaSettings
from daemon.model import Article, Event, EventType, Place, PlaceKind, Status
from daemon.publish import KafkaPublisher, encode
from daemon.records import build


def sample_records(count: int) -> list:
    """Realistic records: one article's event, varied ids and evidence."""
    event = Event(
        EventType.WITHDRAW,
        "US",
        "NE",
        (
            (
                "NIAMEY - The United States has withdrawn its last troops from Air Base 201 "
                "near Agadez, the Pentagon said on Monday, ending a decade of drone flights."
            ),
        ),
        0.9,
        status=Status.COMPLETED,
        troops=1000,
        troops_approximate=True,
        places=(Place("Agadez", PlaceKind.CITY, 16.97, 7.99),),
        event_date=date(2024, 8, 5),
    )
    now = datetime.now(UTC)
    return [
        build(
            event,
            Article(
                id=f"a{i}",
                url=f"https://news.example/{i}",
                title=f"US leaves {i}",
                text="",
                source="Example",
                feed="wire",
                lang="en",
            ),
            now,
        )
        for i in range(count)
    ]


def run(bootstrap: str, count: int, compression: str) -> tuple[float, float]:
    settings = KafkaSettings(
        bootstrap_servers=(bootstrap,),
        topic=f"bench.{compression}.{uuid.uuid4().hex[:8]}",
        compression_type=compression,
    )  # type: ignore[arg-type]
    publisher = KafkaPublisher(settings)
    records = sample_records(count)
    publisher.publish(records[:10])  # connect and create the topic outside the timing
    start = time.perf_counter()
    for i in range(10, count, 100):
        publisher.publish(records[i : i + 100])
    elapsed = time.perf_counter() - start
    publisher.close()
    return (count - 10) / elapsed, elapsed


def say(line: str) -> None:
    """One line of results on stdout."""
    sys.stdout.write(line + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bootstrap", default="127.0.0.1:9092")
    parser.add_argument("--events", type=int, default=5000)
    args = parser.parse_args()
    logs.configure("ERROR", "json", stream=sys.stderr)
    batch = b"".join(encode(r) for r in sample_records(100))
    ratio = len(batch) / len(gzip.compress(batch))
    say(f"record size {len(batch) / 100:.0f} B; gzip ratio on a 100-record batch {ratio:.1f}x")
    say(f"{'compression':<12} {'events/s':>10} {'seconds':>8}")
    for compression in ("gzip", "none", "gzip", "none"):
        rate, elapsed = run(args.bootstrap, args.events, compression)
        say(f"{compression:<12} {rate:>10.0f} {elapsed:>8.2f}")


if __name__ == "__main__":
    main()
