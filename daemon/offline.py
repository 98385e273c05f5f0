"""The `extract` command's line protocol: JSON lines of articles in, JSON lines of events out."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from daemon import records
from daemon.errors import InputError
from daemon.incidents import Incidents
from daemon.model import Article, Event


def parse_line(line: str, number: int) -> tuple[Article, object]:
    """The article of one input line and the id to answer with; InputError saying what is wrong."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(data, dict):
        raise InputError(f"not a JSON object but {type(data).__name__}")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("no 'text' string")
    lang = data.get("lang")
    if lang not in (None, "en", "fr"):
        raise InputError(f"'lang' must be 'en' or 'fr', not {lang!r}")
    ident = data.get("id")
    article = Article(
        id=str(ident) if ident is not None else _content_id(text, number),
        url=_optional_str(data, "url"),
        title=_optional_str(data, "title"),
        text=text,
        source=_optional_str(data, "source"),
        published=_published(data.get("published")),
        lang=lang,
    )
    return article, number if ident is None else ident


def _optional_str(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise InputError(f"'{key}' must be a string")
    return value or ""


def _published(value: object) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError("'published' must be an ISO date or datetime string")
    if len(value) in (4, 7):  # a year or a month alone, as archives often date articles
        value = value + "-01-01"[: 10 - len(value)]
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"'published' is not an ISO date or datetime: {value!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _content_id(text: str, number: int) -> str:
    return f"line-{number}-" + hashlib.sha256(text.encode()).hexdigest()[:12]


def run(
    lines: Iterable[str],
    read: Callable[[Article], tuple[Article, list[Event]]],
    now: datetime,
    incidents: Incidents | None = None,
) -> Iterator[tuple[dict[str, Any], bool]]:
    """One output object per input line, with a flag telling whether the line was an error.

    With `incidents`, reports of one incident on several lines share its id.
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            yield {"id": number, "error": "empty line"}, True
            continue
        try:
            article, ident = parse_line(line, number)
        except InputError as exc:
            yield {"id": number, "error": str(exc)}, True
            continue
        article, events = read(article)
        outbound = [
            records.build(
                e,
                article,
                now,
                incidents.assign(records.event_id(article.id, e), e, article, now)
                if incidents
                else None,
            ).value
            for e in events
        ]
        yield {"id": ident, "relevant": bool(outbound), "events": outbound}, False
