"""Running `sahelwatch run --role ...` processes in integration tests and reading their logs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition

from daemon.changelog import rewind
from tests.integration.helpers import ROOT


class RoleProcess:
    """One daemon process of a role, its JSON log lines written to a file."""

    def __init__(self, config: Path, role: str, log: Path, **env: str) -> None:
        self.log = log
        self._out = log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "daemon.cli", "--config", str(config), "run", "--role", role],
            stdout=self._out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            env={**os.environ, **env},
        )

    def records(self) -> list[dict[str, Any]]:
        """The JSON log records written so far."""
        found = []
        for line in self.log.read_text(encoding="utf-8").splitlines():
            if line.startswith("{"):
                found.append(json.loads(line))
        return found

    def wait_for(
        self, test: Callable[[dict[str, Any]], bool], timeout: float, what: str
    ) -> dict[str, Any]:
        """The first log record passing `test`; AssertionError (with the log) after `timeout`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for record in self.records():
                if test(record):
                    return record
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise AssertionError(f"no {what} within {timeout} s; log:\n{self.log.read_text()[-4000:]}")

    def wait_for_partitions(self, timeout: float = 60) -> dict[str, Any]:
        """The first log record of a non-empty share of partitions."""
        return self.wait_for(
            lambda r: r.get("event") == "partitions_assigned" and bool(r["partitions"]),
            timeout,
            "a share of the partitions",
        )

    def kill(self) -> None:
        """SIGKILL: no clean-up, no leaving the group, a transaction left open."""
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self) -> int:
        """SIGTERM, then the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=60)
        finally:
            self._out.close()


def committed(bootstrap: str, topic: str, timeout: float = 90) -> list[Any]:
    """Every committed message of a topic (read_committed), once no transaction is open on it.

    A SIGKILLed producer leaves its transaction open until the broker aborts it (the
    transaction timeout, checked every ten seconds): until then a read_committed reader stops at
    the open transaction, so reading "until quiet" could return only part of the topic.
    """
    _wait_settled(bootstrap, topic, timeout)
    consumer = KafkaConsumer(
        bootstrap_servers=[bootstrap], enable_auto_commit=False, isolation_level="read_committed"
    )
    try:
        return list(rewind(consumer, topic, None, timeout))
    finally:
        consumer.close()


def _wait_settled(bootstrap: str, topic: str, timeout: float) -> None:
    """Wait until the last stable offset has reached the high watermark on every partition (no
    transaction left open)."""
    readers = {
        level: KafkaConsumer(
            bootstrap_servers=[bootstrap], enable_auto_commit=False, isolation_level=level
        )
        for level in ("read_committed", "read_uncommitted")
    }
    try:
        partitions = [
            TopicPartition(topic, p)
            for p in sorted(readers["read_committed"].partitions_for_topic(topic) or ())
        ]
        deadline = time.monotonic() + timeout
        while True:
            stable = readers["read_committed"].end_offsets(partitions)
            high = readers["read_uncommitted"].end_offsets(partitions)
            if stable == high:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"a transaction stays open on {topic}: {stable} vs {high}")
            time.sleep(0.5)
    finally:
        for reader in readers.values():
            reader.close()


def wait_caught_up(bootstrap: str, group: str, topic: str, timeout: float = 120) -> None:
    """Wait until `group` has committed offsets at the end of every partition of `topic`.

    The extractors commit offsets in the transaction that carries the events, so once the
    group has caught up every event it will ever publish is committed; a quiet log is no such
    proof (a takeover can sit waiting for a dead extractor's transaction to time out).
    """
    admin = KafkaAdminClient(bootstrap_servers=[bootstrap])
    consumer = KafkaConsumer(bootstrap_servers=[bootstrap], enable_auto_commit=False)
    try:
        partitions = [
            TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())
        ]
        ends = consumer.end_offsets(partitions)
        deadline = time.monotonic() + timeout
        lag = None
        while time.monotonic() < deadline:
            offsets = admin.list_group_offsets({group: None})[group]
            lag = {
                tp.partition: ends[tp] - (offsets[tp].offset if tp in offsets else 0)
                for tp in partitions
            }
            if not any(lag.values()):
                return
            time.sleep(0.5)
        raise AssertionError(f"group {group} still behind on {topic} after {timeout} s: {lag}")
    finally:
        consumer.close()
        admin.close()
