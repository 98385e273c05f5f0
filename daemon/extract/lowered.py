"""Case-insensitive patterns run as case-sensitive ones over lowercased text.

Python's re tries every alternative of a long case-insensitive alternation with case folding at
each position; the same pattern lowercased, run case-sensitively on `text.lower()`, finds the
same matches for the Latin scripts read here about four times faster. `lower_in_place` gives the
lowercased text only when that holds at the same offsets, so callers may also use match positions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from daemon.extract.branches import regroup_words

# Letters for which lower() and re's case folding part ways: "İ" lowercases to two characters
# (shifting every later offset), and re folds "ı" and "ſ" onto "i" and "s" while lower() keeps
# them apart. Every other character matches a lowered pattern's letters as its lowercase does
# (tests/unit/extract/test_extract_lowered.py checks every code point).
UNSAFE = "\u0130\u0131\u017f"
_UNSAFE = re.compile(f"[{UNSAFE}]")


def lower_in_place(text: str) -> str | None:
    """`text.lower()`, where the lowered twins of patterns match exactly what the originals match
    in `text`, at the same offsets; None for the rare text where that does not hold."""
    low = text.lower()
    # UNSAFE's letters tested with `in`, not _UNSAFE.search: for a text with no character beyond
    # Latin-1 (most of them) each answers at once, where the regex would visit every character
    if len(low) != len(text) or "\u0130" in low or "\u0131" in low or "\u017f" in low:
        return None
    return low


# What must keep its case: an escape (\W is not \w) and a group's name, which callers read.
_KEEP = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)", re.DOTALL)


def lowercase_pattern(pattern: str) -> str:
    r"""The pattern with its letters lowercased, except escapes (\W must not become \w) and
    group names ("(?P<Digits>" stays)."""
    out = []
    done = 0
    for keep in _KEEP.finditer(pattern):
        out += [pattern[done : keep.start()].lower(), keep.group()]
        done = keep.end()
    return "".join([*out, pattern[done:].lower()])


def lowered(regex: re.Pattern[str]) -> re.Pattern[str]:
    """The case-sensitive twin of a case-insensitive pattern, for text passed through lower()."""
    # a case-sensitive part, e.g. (?-i:[A-Z]) for a capital, cannot be asked of lowercased text,
    # nor can a letter that lower() and re fold differently
    if not regex.flags & re.IGNORECASE or "(?-i" in regex.pattern or _UNSAFE.search(regex.pattern):
        raise ValueError(f"not a case-insensitive pattern: {regex.pattern[:40]!r}")
    low = lowercase_pattern(regex.pattern)
    if not regex.flags & re.VERBOSE:  # (branches.py reads the pattern as written, spaces and all)
        # once case-sensitive, a list of words can be tried by first character (branches.py)
        low = regroup_words(low)
    return re.compile(low, regex.flags & ~re.IGNORECASE)


class Folded:
    """A text with its `lower_in_place` lowercase (None when it has none), computed once for
    every `Twin` asked of it."""

    __slots__ = ("low", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = lower_in_place(text)


class Twin:
    """A case-insensitive pattern and its lowered twin: asked of a `Folded` text, the twin runs
    over the lowercase when there is one, else the original over the text. The same matches at
    the same offsets either way, but a match's own text may be lowercased (slice `text.text` at
    its offsets for the original wording).
    """

    __slots__ = ("low", "regex")

    def __init__(self, regex: re.Pattern[str], low: re.Pattern[str] | None = None) -> None:
        """`low`, when given, must match over lowercased text exactly as `lowered(regex)` would."""
        self.regex = regex
        self.low = lowered(regex) if low is None else low

    def search(self, text: Folded) -> re.Match[str] | None:
        """The first match, as `regex.search(text.text)` would find it."""
        return self.regex.search(text.text) if text.low is None else self.low.search(text.low)

    def search_end(self, text: Folded, reach: int) -> re.Match[str] | None:
        """`search` over the last `reach` characters only, for a pattern anchored at the end
        that cannot match longer: the same match, without trying every earlier start."""
        found = text.text if text.low is None else text.low
        regex = self.regex if text.low is None else self.low
        return regex.search(found, max(0, len(found) - reach))

    def match(self, text: Folded) -> re.Match[str] | None:
        """A match at the start, as `regex.match(text.text)` would find it."""
        return self.regex.match(text.text) if text.low is None else self.low.match(text.low)

    def finditer(self, text: Folded) -> Iterator[re.Match[str]]:
        """Every match, as `regex.finditer(text.text)` would find them."""
        if text.low is None:
            return self.regex.finditer(text.text)
        return self.low.finditer(text.low)


def twin(pattern: str, flags: int = re.IGNORECASE) -> Twin:
    """`Twin(re.compile(pattern, flags))`: written where `re.compile` would be."""
    return Twin(re.compile(pattern, flags))
