"""Case-insensitive patterns run as case-sensitive ones over lowercased text.

Python's re tries every alternative of a long case-insensitive alternation with case folding at
each position; the same pattern lowercased, run case-sensitively on `text.lower()`, finds the
same matches for the Latin scripts read here about four times faster. Only for yes/no questions:
lowercasing can change a string's length (rare letters such as "İ"), so offsets may differ.
"""

from __future__ import annotations

import re


def lowercase_pattern(pattern: str) -> str:
    r"""The pattern with its letters lowercased, except escapes (\W must not become \w)."""
    out = []
    escaped = False
    for char in pattern:
        out.append(char if escaped else char.lower())
        escaped = char == "\\" and not escaped
    return "".join(out)


def lowered(regex: re.Pattern[str]) -> re.Pattern[str]:
    """The case-sensitive twin of a case-insensitive pattern, for text passed through lower()."""
    # a case-sensitive part, e.g. (?-i:[A-Z]) for a capital, cannot be asked of lowercased text
    if not regex.flags & re.IGNORECASE or "(?-i" in regex.pattern:
        raise ValueError(f"not a case-insensitive pattern: {regex.pattern[:40]!r}")
    return re.compile(lowercase_pattern(regex.pattern), regex.flags & ~re.IGNORECASE)
