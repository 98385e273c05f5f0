"""Benchmark (not a test): extraction throughput of `run --role extract` with 1, then 2 processes.

    .venv/bin/python bench/scale_out.py [--bootstrap HOST:PORT[,HOST:PORT...]] [--articles 2000]
        [--replication 3]

Each run has its own topics (a 6-partition articles topic, its `.seen` changelog, the events
topic) and consumer group, and the same input. The extractor processes are started and warmed
first: they join the group, then two articles (English, French) on every partition make each
load its spaCy pipelines; that start-up is printed apart. Then the clock starts, `--articles`
distinct articles (the labelled corpus, cycled) are published, and it stops at the last committed
transaction: when the processes' `articles_extracted` log records add up to all of them. The
events topic is then read back (read_committed): each event id must be there exactly once, and
the ids must be the same in both runs (each run starts its processes on the code as it is then: a
change to daemon/ during the benchmark is reported). CPU use is printed beside the rates, the
whole machine's too: on a machine other jobs share, compare articles per extractor CPU second.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.errors import KafkaError

from daemon import config, logs, topics
from daemon.messages import encode_article
from daemon.model import Article
from daemon.offline import parse_line

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "corpus_dev.jsonl"
PARTITIONS = 6
BATCH = 50  # articles per transaction (the default of cluster.batch)
TICK = os.sysconf("SC_CLK_TCK")


def busy() -> float:
    """CPU seconds the whole machine has spent busy (not idle, not waiting on I/O) so far."""
    ticks = [int(n) for n in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / TICK


def code_version() -> float:
    """When a file of the package last changed (each run starts processes on the code as it is)."""
    return max(path.stat().st_mtime for path in (ROOT / "daemon").rglob("*.py"))


def say(line: str) -> None:
    """One line of results on stdout."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def stamp(record: dict[str, Any]) -> float:
    """The time of a log record, in seconds since the epoch."""
    return datetime.fromisoformat(record["timestamp"]).timestamp()


class Member:
    """One `run --role extract` process; its JSON log records, read as the log grows."""

    def __init__(self, config_path: Path, log: Path) -> None:
        self.launched = time.time()
        self._out = log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "daemon.cli", "--config", str(config_path),
             "run", "--role", "extract"],
            stdout=self._out, stderr=subprocess.STDOUT, cwd=ROOT,
        )  # fmt: skip
        self._log = log.open("rb")
        self._partial = b""
        self.records: list[dict[str, Any]] = []

    def read(self) -> list[dict[str, Any]]:
        """Every JSON record so far (a line still being written waits for the next read)."""
        *lines, self._partial = (self._partial + self._log.read()).split(b"\n")
        self.records += [json.loads(line) for line in lines if line.startswith(b"{")]
        if self.process.poll() is not None:
            raise RuntimeError(f"extractor exited with {self.process.returncode}")
        return self.records

    def owned(self) -> list[int]:
        """The partitions it holds now, as its latest assignment or revocation says."""
        changes = [r for r in self.read() if r["event"] in ("partitions_assigned",
                                                           "partitions_revoked")]  # fmt: skip
        if not changes or changes[-1]["event"] == "partitions_revoked":
            return []
        return list(changes[-1]["partitions"])

    def cpu(self) -> float:
        """The CPU seconds (user + system) the process has used so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK

    def batches(self, since: int = 0) -> list[dict[str, Any]]:
        """Its `articles_extracted` records (one per committed transaction) from index `since`."""
        return [r for r in self.read()[since:] if r["event"] == "articles_extracted"]

    def stop(self) -> None:
        """SIGTERM, and wait for the clean exit."""
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._out.close()
        self._log.close()


@dataclass(frozen=True)
class Window:
    """The measured part of a run: the articles published, extracted and committed."""

    seconds: float  # first article published -> last transaction committed
    published: float  # seconds spent publishing (inside `seconds`)
    articles: list[int]  # extracted, per process
    events: int
    cores: list[float]  # per process: CPU seconds used / wall seconds
    machine: float  # the same for the whole machine (the broker, this script, anything else)


@dataclass(frozen=True)
class Result:
    """What one run measured."""

    processes: int
    window: Window
    joined: list[float]  # per process: launch -> owns its final partitions
    warmed: list[float]  # per process: warm-up articles published -> its first commit
    logged_events: int  # every event of a committed transaction, warm-up included
    on_topic: Counter[str]  # event id -> copies read back (read_committed)


@dataclass(frozen=True)
class Inputs:
    """The articles of both runs, read once."""

    warm: list[tuple[int, Article]]  # (partition, article)
    measured: list[Article]


def corpus() -> list[tuple[Article, dict[str, Any]]]:
    """The labelled corpus: each article with its JSON line."""
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [(parse_line(line, n)[0], json.loads(line)) for n, line in enumerate(lines, start=1)]


def measured_articles(pairs: list[tuple[Article, dict[str, Any]]], count: int) -> list[Article]:
    """`count` distinct articles (own ids and URLs) cycling through the corpus."""
    base = [article for article, _ in pairs]
    return [
        replace(base[n % len(base)], id=f"art-{n:05d}", url=f"https://news.test/{n}")
        for n in range(count)
    ]


def warm_up_articles(pairs: list[tuple[Article, dict[str, Any]]]) -> list[tuple[int, Article]]:
    """A relevant English and a relevant French article for every partition (spaCy loads)."""
    chosen = [
        next(a for a, line in pairs if line.get("relevant") and a.lang == lang)
        for lang in ("en", "fr")
    ]
    return [
        (p, replace(a, id=f"warm-{p}-{a.lang}", url=f"https://warm.test/{p}/{a.lang}"))
        for p in range(PARTITIONS)
        for a in chosen
    ]


def write_config(directory: Path, bootstrap: str, run: str, replication: int) -> Path:
    """A config for one extractor process: its own state directory, the run's topics."""
    directory.mkdir()
    path = directory / "config.yaml"
    path.write_text(yaml.safe_dump({
        "kafka": {"bootstrap_servers": bootstrap.split(","), "topic": run,
                  "bootstrap_timeout_ms": 5000, "topic_replication_factor": replication},
        "cluster": {"articles_topic": f"{run}.articles", "articles_partitions": PARTITIONS,
                    "replication_factor": replication,
                    "group_prefix": run, "session_timeout_seconds": 6,
                    "transaction_timeout_seconds": 10, "batch": BATCH},
        "state_dir": str(directory / "state"), "health": {"port": 0},
        "logging": {"format": "json", "level": "INFO"},
    }), encoding="utf-8")  # fmt: skip
    return path


def publish(bootstrap: str, topic: str, articles: Sequence[tuple[int | None, Article]]) -> None:
    """Send articles keyed by id (to a given partition, or where the key hashes), and flush."""
    producer = KafkaProducer(bootstrap_servers=bootstrap.split(","), acks="all", linger_ms=5)
    try:
        for partition, article in articles:
            producer.send(topic, key=article.id.encode(), value=encode_article(article),
                          partition=partition)  # fmt: skip
        producer.flush(timeout=60)
    finally:
        producer.close()


def wait_until(test: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll `test` every 0.1 s; RuntimeError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not test():
        if time.monotonic() > deadline:
            raise RuntimeError(f"no {what} within {timeout:g} s")
        time.sleep(0.1)


def read_events(bootstrap: str, topic: str) -> Counter[str]:
    """How many times each event id is on the topic (committed records only)."""
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=bootstrap.split(","),
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        isolation_level="read_committed",
        consumer_timeout_ms=2000,
    )
    try:
        return Counter(json.loads(m.value)["event_id"] for m in consumer)
    finally:
        consumer.close()


def delete_topics(bootstrap: str, names: list[str]) -> None:
    """Remove a run's topics (best effort: the broker keeps working if it cannot)."""
    with contextlib.suppress(KafkaError):
        admin = KafkaAdminClient(bootstrap_servers=bootstrap.split(","))
        try:
            admin.delete_topics(names)
        finally:
            admin.close()


def start(
    members: list[Member], bootstrap: str, topic: str, warm: list[tuple[int, Article]]
) -> tuple[list[float], list[float]]:
    """Wait for the group to settle, then warm every process up; the start-up times."""

    def settled() -> bool:
        owned = [m.owned() for m in members]
        return all(owned) and sorted(p for o in owned for p in o) == list(range(PARTITIONS))

    wait_until(settled, 90, "settled group")
    joined = [stamp([r for r in m.read() if r["event"] == "partitions_assigned"][-1]) - m.launched
              for m in members]  # fmt: skip
    began = time.time()
    publish(bootstrap, topic, warm)
    wait_until(lambda: extracted(members, [0] * len(members)) == len(warm), 90, "warm-up")
    return joined, [stamp(m.batches()[0]) - began for m in members]


def extracted(members: Sequence[Member], marks: Sequence[int]) -> int:
    """How many articles the members committed since their log marks."""
    return sum(
        b["articles"] for m, mark in zip(members, marks, strict=True) for b in m.batches(mark)
    )


def measure(members: Sequence[Member], bootstrap: str, topic: str, articles: list[Article]
            ) -> Window:  # fmt: skip
    """Publish the articles to warm extractors; time them until all are committed."""
    marks = [len(m.read()) for m in members]
    cpu, machine = [m.cpu() for m in members], busy()
    began = time.time()
    publish(bootstrap, topic, [(None, a) for a in articles])
    published = time.time() - began
    wait_until(lambda: extracted(members, marks) >= len(articles), 300, "every article extracted")
    elapsed = time.time() - began
    batches = [m.batches(mark) for m, mark in zip(members, marks, strict=True)]
    return Window(
        seconds=max(stamp(b) for bs in batches for b in bs) - began,
        published=published,
        articles=[sum(b["articles"] for b in bs) for bs in batches],
        events=sum(b["events"] for bs in batches for b in bs),
        cores=[(m.cpu() - c) / elapsed for m, c in zip(members, cpu, strict=True)],
        machine=(busy() - machine) / elapsed,
    )


def run(
    processes: int, inputs: Inputs, bootstrap: str, workdir: Path, replication: int = 1
) -> Result:
    """One run on a fresh topic set with `processes` extractors."""
    name = f"bench.scale.{uuid.uuid4().hex[:8]}.{processes}"
    paths = [
        write_config(workdir / f"{name}-{n}", bootstrap, name, replication)
        for n in range(processes)
    ]
    settings = config.load(paths[0], {})
    topics.ensure(settings, [topics.articles(settings)])
    members = [Member(path, path.parent / "log.jsonl") for path in paths]
    try:
        joined, warmed = start(members, bootstrap, settings.cluster.articles_topic, inputs.warm)
        window = measure(members, bootstrap, settings.cluster.articles_topic, inputs.measured)
        logged = sum(b["events"] for m in members for b in m.batches())
    finally:
        for member in members:
            member.stop()
    on_topic = read_events(bootstrap, name)
    delete_topics(bootstrap, [name, settings.cluster.articles_topic, topics.seen_topic(settings)])
    return Result(processes, window, joined, warmed, logged, on_topic)


def report(results: list[Result], count: int) -> bool:
    """Print the table, the ratio and the exactly-once checks; True when they pass."""
    say(f"{count} distinct articles (tests/data/corpus_dev.jsonl cycled), {PARTITIONS} "
        f"partitions, {BATCH} articles per transaction, {os.cpu_count()} cores")  # fmt: skip
    say("clock: first article published (extractors already warm) -> last transaction committed")
    say("extractors  articles/s  events/s  seconds  publish s  per process  cores used"
        "  articles/CPU-s  rest of machine")  # fmt: skip
    for r in results:
        w = r.window
        cores = " + ".join(f"{c:.2f}" for c in w.cores)
        say(f"{r.processes:>10}  {sum(w.articles) / w.seconds:>10.1f}  {w.events / w.seconds:>8.1f}"
            f"  {w.seconds:>7.2f}  {w.published:>9.2f}  {'/'.join(map(str, w.articles)):>11}"
            f"  {cores:>10}  {sum(w.articles) / (sum(w.cores) * w.seconds):>14.1f}"
            f"  {w.machine - sum(w.cores):>15.2f}")  # fmt: skip
    say("cores used: each extractor's CPU seconds / wall seconds; rest of machine: the same for")
    say("the broker, this script and any other job (other jobs lower articles/s, hardly")
    say("articles/CPU-s: compare those when the rest of the machine is busy)")
    one, two = (r.window for r in (results[0], results[-1]))
    speed = (sum(two.articles) / two.seconds) / (sum(one.articles) / one.seconds)
    efficiency = (sum(two.cores) * two.seconds) / (sum(one.cores) * one.seconds)
    say(f"2 vs 1 extractors: {speed:.2f}x articles/s, {1 / efficiency:.2f}x articles/CPU-s")
    for r in results:
        say(f"start-up, {r.processes} extractor(s): group joined "
            f"{', '.join(f'{s:.1f}' for s in r.joined)} s after launch; first commit "
            f"{', '.join(f'{s:.1f}' for s in r.warmed)} s after the warm-up articles "
            "(spaCy pipelines load on the first article of each language)")  # fmt: skip
    return exactly_once(results, count)


def exactly_once(results: list[Result], count: int) -> bool:
    """Print whether each run put every event on the topic once; True when all did."""
    ok = True
    for r in results:
        total, distinct = sum(r.on_topic.values()), len(r.on_topic)
        passed = total == distinct == r.logged_events and sum(r.window.articles) == count
        ok = ok and passed
        say(f"exactly once, {r.processes} extractor(s): {total} events on the topic, {distinct} "
            f"distinct ids, {r.logged_events} in committed transactions: "
            f"{'ok' if passed else 'FAILED'}")  # fmt: skip
    one, two = results[0].on_topic.keys(), results[-1].on_topic.keys()
    say(f"same event ids with 1 and 2 extractors: {'yes' if one == two else 'NO'} "
        f"({len(one - two)} only with 1, {len(two - one)} only with 2)")  # fmt: skip
    return ok and one == two


def main() -> int:
    """Measure and print; exit 1 when an exactly-once check fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", default="127.0.0.1:9092")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--replication", type=int, default=1, help="3 on a real cluster")
    args = parser.parse_args()
    logs.configure("WARNING", "json", stream=sys.stderr)  # topic_created etc. are not results
    pairs = corpus()
    inputs = Inputs(warm_up_articles(pairs), measured_articles(pairs, args.articles))
    code = code_version()
    with tempfile.TemporaryDirectory() as workdir:
        results = [run(n, inputs, args.bootstrap, Path(workdir), args.replication) for n in (1, 2)]
    passed = report(results, args.articles)
    if code_version() != code:
        say("daemon/ changed while the benchmark ran: the two runs ran different code")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
