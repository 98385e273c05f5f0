"""Backfill: run an archive (JSONL of articles, a folder of HTML pages, a list of URLs) through
the daemon's own pipeline, resumable: articles already recorded are skipped on a second run.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from daemon import offline
from daemon.errors import FetchError, InputError
from daemon.feeds import canonical_url
from daemon.fetch import PAGE_ACCEPT
from daemon.fulltext import PageSource
from daemon.model import Article

FEED = "backfill"
# One unit of an archive: an article, or what is wrong with that entry, with where it was.
Entry = tuple[str, Article | InputError]


def from_jsonl(path: Path) -> Iterator[Entry]:
    """Articles of a JSONL file in the `extract` input format."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            where = f"{path}:{number}"
            try:
                article, _ident = offline.parse_line(line, number)
            except InputError as exc:
                yield where, exc
                continue
            yield where, _in_backfill(article, f"{path.name}:{article.id}")


def from_html_dir(folder: Path) -> Iterator[Entry]:
    """Articles of the HTML pages in a folder (sorted, so a resumed run sees the same order)."""
    for page in sorted([*folder.glob("*.html"), *folder.glob("*.htm")]):
        url = page.resolve().as_uri()
        try:
            yield str(page), page_article(page.read_bytes(), url)
        except (OSError, InputError) as exc:
            yield str(page), exc if isinstance(exc, InputError) else InputError(str(exc))


def from_urls(path: Path, pages: PageSource) -> Iterator[Entry]:
    """Articles behind a list of URLs, one per line (# comments and blank lines skipped)."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            url = line.strip()
            if not url or url.startswith("#"):
                continue
            where = f"{path}:{number}"
            try:
                page = pages.get(url, accept=PAGE_ACCEPT)
                yield where, page_article(page.body or b"", page.url)
            except (FetchError, InputError) as exc:
                yield where, exc if isinstance(exc, InputError) else InputError(str(exc))


def count(path: Path, kind: str) -> int:
    """How many entries an archive holds (for progress), without reading the articles."""
    if kind == "html":
        return len([*path.glob("*.html"), *path.glob("*.htm")])
    with path.open(encoding="utf-8") as lines:
        return sum(1 for line in lines if line.strip() and not line.startswith("#"))


def page_article(page: bytes, url: str) -> Article:
    """An Article from an HTML page: its main text, title, date and canonical URL."""
    # imported on first use: it takes a second or two, which other commands should not wait for
    import trafilatura  # noqa: PLC0415

    found = trafilatura.extract(page, url=url, output_format="json", with_metadata=True,
                                favor_precision=True)  # fmt: skip
    if not found:
        raise InputError(f"no article text in {url}")
    data = json.loads(found)
    link = data.get("url") or url
    published = _date(data.get("date"))
    return Article(
        id=hashlib.sha256(canonical_url(link).encode()).hexdigest()[:24],
        url=link,
        title=data.get("title") or "",
        text=data.get("text") or "",
        source=data.get("sitename") or data.get("hostname") or "",
        feed=FEED,
        published=published,
    )


def _date(text: object) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(text)) if text else None
    except ValueError:
        return None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def _in_backfill(article: Article, key: str) -> Article:
    """A JSONL article under a stable id of the archive's name and its own id, so that a
    resumed run recognises it."""
    ident = hashlib.sha256(key.encode()).hexdigest()[:24]
    return Article(ident, article.url, article.title, article.text, article.source, FEED,
                   article.published, article.lang)  # fmt: skip


@dataclass(slots=True)
class Tally:
    """What a backfill did so far."""

    total: int
    processed: int = 0
    skipped: int = 0
    events: int = 0
    errors: int = 0

    @property
    def done(self) -> int:
        """Entries handled in any way."""
        return self.processed + self.skipped + self.errors


def eta_seconds(done: int, total: int, elapsed: float) -> float | None:
    """Seconds left at the rate so far; None before the first entry."""
    if done <= 0 or elapsed <= 0:
        return None
    return max(0, total - done) * elapsed / done


def run(
    entries: Iterator[Entry],
    tally: Tally,
    *,
    seen: Callable[[Article], bool],
    process: Callable[[Article], int],
    failed: Callable[[str, InputError], None],
    progress: Callable[[Tally], None],
    should_stop: Callable[[], bool],
) -> Tally:
    """Process each new article of the archive; skip those already recorded."""
    for where, entry in entries:
        if should_stop():
            break
        if isinstance(entry, InputError):
            tally.errors += 1
            failed(where, entry)
        elif seen(entry):
            tally.skipped += 1
        else:
            tally.events += process(entry)
            tally.processed += 1
        progress(tally)
    return tally
