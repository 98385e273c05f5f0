"""Shared steps of the integration tests: settings for a test, reading a topic back."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import yaml
from kafka import KafkaAdminClient, KafkaConsumer
from structlog.testing import capture_logs

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "examples" / "feeds"


def write_config(
    tmp_path: Path, feeds: list[dict[str, Any]], bootstrap: str, topic: str, **kafka: Any
) -> Path:
    """A config file for one test, with its own state directory and topic."""
    data = {
        "feeds": feeds,
        "kafka": {
            "bootstrap_servers": [bootstrap],
            "topic": topic,
            "topic_partitions": 2,
            "bootstrap_timeout_ms": 5000,
            **kafka,
        },
        "scheduling": {"jitter_seconds": 0},
        "fetch": {"timeout_seconds": 5},
        "state_dir": str(tmp_path / "state"),
        "logging": {"format": "json"},
        # tests run daemons side by side: no fixed health port
        "health": {"port": 0},
    }
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def consume_all(bootstrap: str, topic: str, idle_ms: int = 3000) -> list[Any]:
    """Every message on the topic, from the beginning, until it stays quiet for idle_ms.

    A topic that does not exist yet gives nothing: subscribing to it would make the broker
    auto-create it with its defaults (kafka-python 3.0.12 ignores allow_auto_create_topics).
    """
    admin = KafkaAdminClient(bootstrap_servers=[bootstrap])
    try:
        if topic not in admin.list_topics():
            return []
    finally:
        admin.close()
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=[bootstrap],
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        consumer_timeout_ms=idle_ms,
    )
    try:
        return list(consumer)
    finally:
        consumer.close()


def values(messages: list[Any]) -> list[dict[str, Any]]:
    """The decoded JSON values of consumed messages."""
    return [json.loads(m.value) for m in messages]


def rss(items: list[tuple[str, str, str, str]]) -> bytes:
    """An RSS 2.0 document of (title, link, RFC 822 date, description) items."""
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
        f"<description>{text}</description></item>"
        for title, link, date, text in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test</title>'
        f"<link>http://test.example/</link><description>t</description>{entries}</channel></rss>"
    ).encode()


def run_logged(app: Any, index: int = 0) -> tuple[Any, list[dict[str, Any]]]:
    """One cycle of the app's feed `index`, with the log records it wrote."""
    with capture_logs() as logs:
        summary = app.pipeline.run_feed(app.settings.feeds[index])
    return summary, logs


def free_port() -> int:
    """A loopback port nothing listens on (at the time of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
