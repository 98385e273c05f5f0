"""The `feeds` commands: `feeds import FILE.opml` and `feeds list`."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from daemon import config, opml
from daemon.backoff import Policy, next_run
from daemon.bootstrap import DATABASE
from daemon.config import FeedSettings, Settings
from daemon.errors import ConfigError, InputError
from daemon.fetch_group import cluster_states
from daemon.store import FeedState, Store

EXIT_OK, EXIT_USAGE = 0, 2


def register(commands: Any) -> None:
    """Add `feeds import` and `feeds list` to the command's subparsers."""
    feeds = commands.add_parser("feeds", help="manage and inspect the feeds")
    actions = feeds.add_subparsers(dest="feeds_command", required=True)
    importing = actions.add_parser("import", help="add the feeds of an OPML file to the config")
    importing.add_argument("opml", type=Path, help="the OPML file")
    importing.add_argument(
        "--dry-run", action="store_true", help="print the feeds that would be added, change nothing"
    )
    importing.set_defaults(handler=import_opml)
    listing = actions.add_parser("list", help="per feed: last success, status, failures, next run")
    listing.add_argument(
        "--cluster",
        action="store_true",
        help="read the feeds' state from the Kafka feeds topic (run --role fetch), not state_dir",
    )
    listing.set_defaults(handler=list_feeds)


def import_opml(args: argparse.Namespace, settings: Settings) -> int:
    """Append the OPML's new feeds to the config file's `feeds:` list, keeping its comments."""
    try:
        imported = opml.read(args.opml.read_bytes())
    except (OSError, InputError) as exc:
        print(f"sahelwatch: {args.opml}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    fresh = opml.new_feeds(imported, settings.feeds)
    skipped = len(imported) - len(fresh)
    if not fresh or args.dry_run:
        print(_entries(fresh, "  ") if fresh else "", end="")
        print(f"# {len(fresh)} new feeds, {skipped} already configured", file=sys.stderr)
        return EXIT_OK
    text = args.config.read_text(encoding="utf-8")
    updated = add_feeds(text, fresh)
    candidate = args.config.with_name(args.config.name + ".new")
    candidate.write_text(updated, encoding="utf-8")
    try:
        config.load(candidate)
    except ConfigError as exc:
        candidate.unlink()
        print(f"sahelwatch: the import would make the config invalid: {exc}", file=sys.stderr)
        return EXIT_USAGE
    candidate.replace(args.config)
    print(f"added {len(fresh)} feeds to {args.config} ({skipped} already configured)")
    return EXIT_OK


def add_feeds(text: str, feeds: list[FeedSettings]) -> str:
    """The config text with `feeds` appended to its top-level `feeds:` list (comments kept)."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith("feeds:")), None)
    if start is None:
        return text.rstrip("\n") + "\nfeeds:\n" + _entries(feeds, "  ")
    if lines[start].split("#")[0].strip() == "feeds: []":
        lines[start] = "feeds:\n"
    end = start + 1
    indent = "  "
    while end < len(lines):
        line = lines[end]
        if line.strip() and not line[0].isspace() and not line.startswith(("-", "#")):
            break
        if line.lstrip().startswith("- ") and end == _first_item(lines, start):
            indent = line[: len(line) - len(line.lstrip())]
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # keep blank lines after the block where they are
    return "".join([*lines[:end], _entries(feeds, indent), *lines[end:]])


def _first_item(lines: list[str], start: int) -> int:
    return next((i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("- ")), -1)


def _entries(feeds: list[FeedSettings], indent: str) -> str:
    out = []
    for feed in feeds:
        entry = {"name": feed.name, "url": feed.url}
        if feed.lang:
            entry["lang"] = feed.lang
        block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False)
        out.append("".join(indent + line for line in block.splitlines(keepends=True)))
    return "".join(out)


def list_feeds(args: argparse.Namespace, settings: Settings) -> int:
    """One row per configured feed: its state in the store."""
    store = Store(settings.state_dir / DATABASE)
    try:
        seen = store.articles_per_feed()
        shared = cluster_states(settings) if args.cluster else None
        policy = Policy.from_settings(settings.scheduling)
        rows = [("feed", "last success", "status", "failures", "circuit", "next run", "articles")]
        for feed in settings.feeds:
            if shared is None:
                state = store.feed_state(feed.name)
            else:
                state = shared.get(feed.name) or FeedState(feed.name)
            since = datetime.fromisoformat(state.last_attempt) if state.last_attempt else None
            due = next_run(state, feed, since, policy, 0.0) if since else datetime.now(UTC)
            rows.append(
                (
                    feed.name,
                    _short(state.last_success),
                    state.last_status or "never run",
                    str(state.failures),
                    state.breaker,
                    _short(due.isoformat()) if due else "never (gone)",
                    "-" if shared is not None else str(seen.get(feed.name, 0)),
                )
            )
    finally:
        store.close()
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
    return EXIT_OK


def _short(stamp: str | None) -> str:
    return stamp[:16].replace("T", " ") if stamp else "-"
