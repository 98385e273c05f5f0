"""Full text: for articles that may report an event, fetch the page and extract its main text.

Feeds often carry only a summary. The page is fetched through the same Fetcher as the feeds (host
turn and minimum interval, timeouts, size cap), and trafilatura extracts the main text; on any
failure, or when the page gives less than the summary, the summary stays. Which text was used is
returned so the store can record it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

import structlog

from daemon.errors import FetchError
from daemon.fetch import PAGE_ACCEPT, FetchResult, Validators
from daemon.model import Article

log = structlog.stdlib.get_logger(__name__)

SUMMARY, FULL_TEXT = "summary", "full_text"


class PageSource(Protocol):
    """Fetches one web page politely."""

    def get(self, url: str, validators: Validators = ..., *, accept: str = ...) -> FetchResult: ...


def main_text(page: bytes, url: str) -> str | None:
    """The main text of an article page (no navigation, asides, comments), None if none found."""
    # imported on first use: it takes a second or two, which start-up should not wait for
    import trafilatura  # noqa: PLC0415

    text = trafilatura.extract(
        page, url=url, include_comments=False, include_tables=False, favor_precision=True
    )
    return text.strip() or None if isinstance(text, str) else None


class FullText:
    """Replaces a relevant-looking article's summary by the text of its page."""

    def __init__(self, pages: PageSource, might_report: Callable[[str], bool]) -> None:
        self._pages = pages
        self._might_report = might_report

    def __call__(self, article: Article) -> tuple[Article, str]:
        """The article with the best text available, and which text that is."""
        if not article.url.startswith(("http://", "https://")):
            return article, SUMMARY
        if not self._might_report(f"{article.title}\n\n{article.text}"):
            return article, SUMMARY
        try:
            page = self._pages.get(article.url, accept=PAGE_ACCEPT)
        except FetchError as exc:
            log.warning("full_text_failed", url=article.url, error=str(exc))
            return article, SUMMARY
        text = main_text(page.body, page.url) if page.body else None
        if text is None or len(text) <= len(article.text):
            return article, SUMMARY
        return replace(article, text=text), FULL_TEXT
