"""The `sahelwatch` command: run, check-config, extract, eval."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal, TextIO, cast

import structlog
import yaml
from tqdm import tqdm

from daemon import __version__, backfill, config, feedcmd, health, logs, offline, roles, tail
from daemon.bootstrap import App, build, build_extractor
from daemon.errors import BrokerUnavailableError, ConfigError, InputError, PublishError
from daemon.extract.evaluate import differences, score
from daemon.incidents import Incidents
from daemon.pipeline import read_article
from daemon.scheduler import StopFlag, run_forever
from daemon.status import status_lines

log = structlog.stdlib.get_logger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = _parser().parse_args(argv)
    try:
        settings = config.load(args.config)
    except ConfigError as exc:
        print(f"sahelwatch: {exc}", file=sys.stderr)
        return EXIT_USAGE
    logs.configure(
        settings.logging.level,
        settings.logging.format,
        stream=sys.stderr if args.command != "run" else None,
    )
    try:
        code: int = args.handler(args, settings)
    except BrokenPipeError:
        # the reader went away (`... | head`): not an error, and no traceback at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sahelwatch", description=__doc__)
    parser.add_argument("--version", action="version", version=f"sahelwatch {__version__}")
    parser.add_argument(
        "--config",
        type=Path,
        default=Path(os.environ.get(config.CONFIG_PATH_VARIABLE, "config.yaml")),
        help="configuration file (default: $SAHELWATCH_CONFIG or ./config.yaml)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="poll the feeds and publish events")
    run.add_argument("--once", action="store_true", help="run every feed once, then exit")
    run.add_argument(
        "--role",
        choices=("all", "fetch", "extract"),
        default="all",
        help="all: one process does everything (default); fetch: poll feeds and publish articles; "
        "extract: consume articles and publish events (see README, Scaling out)",
    )
    run.set_defaults(handler=_run)
    backfill_cmd = commands.add_parser("backfill", help="publish the events of an archive")
    source = backfill_cmd.add_mutually_exclusive_group(required=True)
    source.add_argument("--jsonl", type=Path, help="articles in the `extract` input format")
    source.add_argument("--html-dir", type=Path, help="a folder of saved article pages")
    source.add_argument("--urls", type=Path, help="a file of article URLs, one per line")
    backfill_cmd.set_defaults(handler=_backfill)
    probe = commands.add_parser("check", help="exit 0 if the running daemon is healthy, else 1")
    probe.set_defaults(handler=_check)
    status = commands.add_parser("status", help="a one-screen summary of the daemon's state")
    status.set_defaults(handler=_status)
    check = commands.add_parser("check-config", help="validate and print the configuration")
    check.set_defaults(handler=_check_config)
    extract = commands.add_parser("extract", help="extract events from a JSONL file of articles")
    extract.add_argument("--input", default="-", help="JSONL input, - for stdin")
    extract.add_argument("--output", default="-", help="JSONL output, - for stdout")
    extract.set_defaults(handler=_extract)
    evaluate = commands.add_parser("eval", help="score extraction against a labelled JSONL file")
    evaluate.add_argument("--gold", required=True, type=Path, help="labelled JSONL (corpus format)")
    evaluate.add_argument("--errors", action="store_true", help="list missed and spurious events")
    evaluate.set_defaults(handler=_eval)
    _tail_parser(commands)
    feedcmd.register(commands)
    return parser


def _tail_parser(commands: Any) -> None:
    tail = commands.add_parser("tail", help="show events from the topic")
    tail.add_argument("--from-beginning", action="store_true", help="start at the oldest event")
    tail.add_argument("--group", help="consumer group (offsets are committed); none by default")
    for name in ("type", "host", "actor"):
        tail.add_argument(
            f"--{name}",
            action="append",
            default=[],
            metavar="X",
            help=f"only this {name} (repeatable, or comma-separated)",
        )
    tail.add_argument("--since", type=_moment, help="only events published since this ISO time")
    tail.add_argument("--json", action="store_true", help="one JSON record per line")
    tail.add_argument("--max-messages", type=int, help="stop after this many events")
    tail.add_argument("--timeout", type=float, help="stop after this many idle seconds")
    tail.set_defaults(handler=_tail)


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _tail(args: argparse.Namespace, settings: config.Settings) -> int:
    def wanted(values: list[str]) -> frozenset[str]:
        return frozenset(v.strip().upper() for text in values for v in text.split(",") if v)

    filters = tail.Filters(wanted(args.type), wanted(args.host), wanted(args.actor), args.since)
    shown = 0
    messages = tail.consume(
        settings.kafka,
        group=args.group,
        from_beginning=args.from_beginning,
        idle_timeout_s=args.timeout,
    )
    for message in messages:
        if not filters.match(message.value, message.timestamp_ms):
            continue
        print(tail.as_json(message) if args.json else tail.as_line(message), flush=True)
        shown += 1
        if args.max_messages is not None and shown >= args.max_messages:
            break
    return EXIT_OK


def _run(args: argparse.Namespace, settings: config.Settings) -> int:
    if args.role != "all":
        if args.once:
            print("sahelwatch: --once works with --role all only", file=sys.stderr)
            return EXIT_USAGE
        try:
            return roles.run(args.role, settings, args.config)
        except PublishError as exc:
            print(f"sahelwatch: {exc}", file=sys.stderr)
            return EXIT_FAILED
    with _wired(settings) as app:
        if app is None:
            return EXIT_FAILED
        if args.once:
            return _run_once(app)
        return _run_daemon(app, args.config)


@contextmanager
def _wired(settings: config.Settings) -> Iterator[App | None]:
    """The daemon wired, with signals routed to its stop flag; None when its topic is unusable."""
    stop = StopFlag()
    stop.install()
    app = build(settings, stop)
    try:
        yield app if _topic_ready(app) else None
    finally:
        log.info("stopped", outbox_depth=app.delivery.depth())
        app.close()


def _run_daemon(app: App, path: Path) -> int:
    settings, monitor = app.settings, app.monitor
    try:
        monitor.start_endpoints()
    except OSError as exc:
        where = f"{settings.health.host}:{settings.health.port}"
        print(f"sahelwatch: cannot serve health endpoints on {where}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    monitor.scheduler_running = True
    monitor.beat()
    try:
        run_forever(
            settings,
            settings.feeds,
            monitor.observed(app.pipeline.run_feed),
            app.stop,
            extra_jobs=[
                ("outbox", app.delivery.drain, settings.outbox.retry_base_seconds),
                ("heartbeat", monitor.beat, settings.health.heartbeat_seconds),
            ],
            next_run=app.pipeline.next_run,
            reload=lambda: config.load(path).feeds,
        )
        app.delivery.drain()
    finally:
        monitor.close()
    return EXIT_OK


def _topic_ready(app: App) -> bool:
    """Check or create the topic; a dead broker is not fatal (the outbox waits for it)."""
    try:
        app.publisher.ensure_topic()
    except BrokerUnavailableError as exc:
        log.error("broker_unavailable", error=str(exc), outbox_depth=app.delivery.depth())
    except PublishError as exc:
        log.critical("topic_unusable", error=str(exc))
        print(f"sahelwatch: {exc}", file=sys.stderr)
        return False
    return True


def _run_once(app: App) -> int:
    summaries = [
        app.pipeline.run_feed(feed) for feed in app.settings.feeds if not app.stop.is_set()
    ]
    result = app.delivery.drain(force=True)
    for summary in summaries:
        print(summary.line(), flush=True)
    waiting = f"outbox: {app.delivery.delivered_total} delivered, {result.pending} waiting"
    print(f"{waiting} ({result.error})" if result.error else waiting, flush=True)
    failed = any(s.outcome == "failed" for s in summaries) or result.pending > 0
    return EXIT_FAILED if failed else EXIT_OK


def _backfill(args: argparse.Namespace, settings: config.Settings) -> int:
    with _wired(settings) as app:
        if app is None:
            return EXIT_FAILED
        kind, path = next((k, p) for k, p in (("jsonl", args.jsonl), ("html", args.html_dir),
                                                ("urls", args.urls)) if p is not None)  # fmt: skip
        entries = {
            "jsonl": lambda: backfill.from_jsonl(path),
            "html": lambda: backfill.from_html_dir(path),
            "urls": lambda: backfill.from_urls(path, app.fetcher),
        }[kind]()
        tally = backfill.Tally(total=backfill.count(path, kind))
        with _Progress(tally.total) as progress:
            backfill.run(
                entries, tally,
                seen=lambda a: not app.store.unseen([a]),
                process=app.pipeline.process_article,
                failed=lambda where, exc: log.error("backfill_bad_entry", entry=where,
                                                    error=str(exc)),
                progress=progress.update,
                should_stop=app.stop.is_set,
            )  # fmt: skip
        result = app.delivery.drain(force=True)
        print(f"backfill: {tally.processed} processed, {tally.skipped} already done, "
              f"{tally.errors} bad entries, {tally.events} events; outbox {result.pending} "
              f"waiting")  # fmt: skip
        if result.pending:
            return EXIT_FAILED
        return EXIT_USAGE if tally.errors else EXIT_OK


class _Progress:
    """A progress bar on a terminal; otherwise a `backfill_progress` record every 10 seconds."""

    def __init__(self, total: int) -> None:
        self._bar = (
            tqdm(total=total, unit="article", file=sys.stderr) if sys.stderr.isatty() else None
        )
        self._started = time.monotonic()
        self._last_log = 0.0

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._bar is not None:
            self._bar.close()

    def update(self, tally: backfill.Tally) -> None:
        if self._bar is not None:
            self._bar.n = tally.done
            self._bar.set_postfix(events=tally.events, refresh=False)
            self._bar.refresh()
            return
        now = time.monotonic()
        if now - self._last_log < 10 and tally.done < tally.total:
            return
        self._last_log = now
        elapsed = now - self._started
        eta = backfill.eta_seconds(tally.done, tally.total, elapsed)
        log.info("backfill_progress", done=tally.done, total=tally.total, events=tally.events,
                 rate=round(tally.done / elapsed, 2) if elapsed else None,
                 eta_seconds=round(eta) if eta is not None else None)  # fmt: skip


def _check(_args: argparse.Namespace, settings: config.Settings) -> int:
    beat = health.read(settings.state_dir)
    limit = timedelta(seconds=settings.health.max_age_seconds)
    ok, reason = health.verdict(beat, datetime.now(UTC), limit)
    print(reason)
    return EXIT_OK if ok else EXIT_FAILED


def _status(_args: argparse.Namespace, settings: config.Settings) -> int:
    beat = health.read(settings.state_dir)
    ok, reason = health.verdict(
        beat, datetime.now(UTC), timedelta(seconds=settings.health.max_age_seconds)
    )
    print(f"daemon:   {'healthy' if ok else 'NOT HEALTHY'} ({reason})")
    if beat is not None:
        print(f"          pid {beat.pid}, last successful cycle {beat.last_cycle or 'none yet'}")
        print(f"broker:   {beat.broker_error or 'ok'}")
    for line in status_lines(settings):
        print(line)
    return EXIT_OK


def _check_config(args: argparse.Namespace, settings: config.Settings) -> int:
    print(f"# {args.config}: valid")
    print(yaml.safe_dump(config.effective(settings), sort_keys=False, allow_unicode=True), end="")
    return EXIT_OK


def _extract(args: argparse.Namespace, settings: config.Settings) -> int:
    extractor = build_extractor(settings)
    failed = False
    with _open(args.input, "r") as source, _open(args.output, "w") as sink:
        results = offline.run(
            source,
            lambda a: read_article(extractor, a),
            datetime.now(UTC),
            Incidents(":memory:", settings.incidents.window_days),
        )
        for result, is_error in results:
            sink.write(json.dumps(result, ensure_ascii=False) + "\n")
            failed |= is_error
    return EXIT_USAGE if failed else EXIT_OK


def _eval(args: argparse.Namespace, settings: config.Settings) -> int:
    extractor = build_extractor(settings)
    gold, predicted = [], []
    with args.gold.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            try:
                article, _ident = offline.parse_line(line, number)
            except InputError as exc:
                print(f"{args.gold}:{number}: {exc}", file=sys.stderr)
                return EXIT_USAGE
            gold.append(json.loads(line))
            predicted.append(read_article(extractor, article)[1])
    scores = score(gold, predicted)
    print(f"{'slice':<10} {'articles':>8} {'P':>6} {'R':>6} {'F1':>6} {'rel.acc':>7} "
          f"{'rel.P':>6} {'rel.R':>6} {'rel.F1':>6} {'troops':>6} {'of':>4} "
          f"{'extra':>5}")  # fmt: skip
    for name, row in scores.items():
        print(
            f"{name:<10} {row['articles']:>8} {row['precision']:>6.3f} {row['recall']:>6.3f} "
            f"{row['f1']:>6.3f} {row['relevance_accuracy']:>7.3f} "
            f"{row['relevance_precision']:>6.3f} {row['relevance_recall']:>6.3f} "
            f"{row['relevance_f1']:>6.3f} {row['troops_accuracy']:>6.3f} {row['troops_scored']:>4} "
            f"{row['troops_unstated']:>5}"
        )
    print(f"\n{'slice':<10} {'type':<10} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for name, row in scores.items():
        for kind, counts in row["types"].items():
            print(
                f"{name:<10} {kind:<10} {counts['tp']:>4} {counts['fp']:>4} {counts['fn']:>4} "
                f"{counts['precision']:>6.3f} {counts['recall']:>6.3f} {counts['f1']:>6.3f}"
            )
    if args.errors:
        for record, events in zip(gold, predicted, strict=True):
            for line in differences(record, events):
                print(line)
    return EXIT_OK


@contextmanager
def _open(name: str, mode: Literal["r", "w"]) -> Iterator[TextIO]:
    if name == "-":
        yield sys.stdin if mode == "r" else sys.stdout
        return
    with Path(name).open(mode, encoding="utf-8") as handle:
        yield cast("TextIO", handle)


if __name__ == "__main__":
    sys.exit(main())
