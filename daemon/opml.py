"""OPML subscription lists read into feed settings (pure: bytes in, feeds out)."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Literal

from pydantic import ValidationError

from daemon.config import FeedSettings
from daemon.errors import InputError


def read(document: bytes) -> list[FeedSettings]:
    """Every outline with an http(s) xmlUrl, named from its title; InputError if not OPML."""
    if b"<!ENTITY" in document:
        raise InputError("OPML with entity declarations is refused")
    try:
        root = ET.fromstring(document)  # noqa: S314 (entities refused above)
    except ET.ParseError as exc:
        raise InputError(f"not an OPML document: {exc}") from None
    if root.tag != "opml":
        raise InputError(f"not an OPML document: root element <{root.tag}>")
    feeds: list[FeedSettings] = []
    taken: set[str] = set()
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        if not url:
            continue
        title = outline.get("title") or outline.get("text") or url
        code = (outline.get("language") or "")[:2].lower()
        lang: Literal["en", "fr"] | None = "en" if code == "en" else "fr" if code == "fr" else None
        try:
            feeds.append(
                FeedSettings(
                    name=unique_name(slug(title), taken),
                    url=url,
                    lang=lang,
                )
            )
        except ValidationError:
            continue  # not an http(s) feed
    return feeds


def slug(title: str) -> str:
    """A feed name from a title: ASCII letters, digits and dashes."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", folded).strip("-").lower()[:60] or "feed"


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name-2`, `name-3`... whichever is free; the result is added to `taken`."""
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{name}-{number}"
    taken.add(candidate)
    return candidate


def new_feeds(
    imported: Iterable[FeedSettings], existing: Iterable[FeedSettings]
) -> list[FeedSettings]:
    """The imported feeds whose URL is not configured yet, renamed where a name is taken."""
    existing = list(existing)
    urls = {feed.url.rstrip("/") for feed in existing}
    taken = {feed.name for feed in existing}
    fresh = []
    for feed in imported:
        if feed.url.rstrip("/") in urls:
            continue
        urls.add(feed.url.rstrip("/"))
        fresh.append(feed.model_copy(update={"name": unique_name(feed.name, taken)}))
    return fresh
