"""Scanning text for many names at once: one small pattern per first character, tried only where
a word starts with that character (much faster than one huge alternation at every position)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping


def scan(
    starts: re.Pattern[str], buckets: Mapping[str, re.Pattern[str]], text: str
) -> Iterator[re.Match[str]]:
    """The named matches, left to right and never overlapping: at each word start found by
    `starts`, the pattern for its first character; a match's group name says which entry."""
    end = 0
    for start in starts.finditer(text):
        at = start.start()
        if at < end:
            continue
        match = buckets[text[at]].match(text, at)
        if match is not None and match.lastgroup:
            end = match.end()
            yield match
