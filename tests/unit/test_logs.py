"""Logging renders one JSON object per line, for our records and library records alike."""

import io
import json
import logging

import structlog

from daemon import logs


def test_json_lines_for_structlog_and_stdlib():
    """Both structlog events and stdlib warnings come out as JSON with a UTC timestamp."""
    stream = io.StringIO()
    logs.configure("INFO", "json", stream=stream)
    try:
        structlog.stdlib.get_logger("daemon.test").warning("troop_event", actor="US", host="NE")
        logging.getLogger("kafka.producer").warning("broker %s gone", "b1")
        logging.getLogger("kafka.conn").info("chatter that is filtered")
    finally:
        logging.getLogger().handlers.clear()
        structlog.reset_defaults()
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert len(lines) == 2
    ours, theirs = lines
    assert ours["event"] == "troop_event"
    assert (ours["actor"], ours["host"], ours["level"]) == ("US", "NE", "warning")
    assert ours["timestamp"].endswith("Z")
    assert theirs["event"] == "broker b1 gone"
    assert theirs["logger"] == "kafka.producer"
