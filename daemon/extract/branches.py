"""Long alternations rewritten as a trie of first characters, with the same matches.

Python's re tries every branch of an alternation at every position it searches; a branch that
opens with a group, a class or a lookbehind is entered before it can fail. The trigger and
wording patterns have hundreds of branches, so that cost dominates them. `regroup` rewrites
`A|B|C` as `x(?:A'|C')|y(?:B')`, where A and C start with "x": re then tests a few dozen first
characters and enters only the branches that can match there. Each rewrite step is exact for
re's ordered, backtracking alternation (`(?:a|b)R` is `aR|bR`; `(?<!X)c` is `c(?<!(?:X)c)`;
`c?R` is `cR|R`), and branches keep their order within a group, so the first match at a position
and every later backtracking choice are unchanged. What the steps cannot open (`\\w`, a
repeat, a lookahead, a capture) leaves the alternation as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# A branch as (its first character, the rest), or None when its start cannot be opened.
Firsts = list[tuple[str, str]] | None

_QUANTIFIERS = "?*+{"
_LOOKBEHINDS = ("(?<!", "(?<=")


# `\b(?:A|B)...` or `\b(?=\w)(?:A|B)...`: words to try at each word start, `regroup_words` opens
_WORDS = re.compile(r"\\b(?:\(\?=\\w\))?\(\?:")


def regroup_words(pattern: str) -> str:
    """A case-sensitive pattern opening on `_WORDS` with that first alternation regrouped (the
    same matches in the same order of preference, so the pattern around it matches as before);
    any other pattern as it is."""
    found = _WORDS.match(pattern)
    if found is None:
        return pattern
    end = _group_end(pattern, found.end() - 3)
    words = pattern[found.end() : end - 1]
    return f"{pattern[: found.end()]}{regroup(words)}{pattern[end - 1 :]}"


def regroup(alternation: str, depth: int = 2) -> str:
    """An alternation matching as `alternation` does, grouped by first character `depth` levels
    deep; unchanged when a branch's first character is unknown. For patterns without capturing
    groups (a branch may be copied into several groups)."""
    if depth <= 0 or re.compile(alternation).groups:
        return alternation
    groups: dict[str, list[str]] = {}
    for branch in split_branches(alternation):
        firsts = first_characters(branch)
        if firsts is None:
            return alternation
        for char, rest in firsts:
            groups.setdefault(char, []).append(rest)
    return "|".join(
        f"{re.escape(char)}(?:{_inner('|'.join(rests), depth - 1)})"
        for char, rests in groups.items()
    )


def _inner(alternation: str, depth: int) -> str:
    """The rests of one group, regrouped deeper unless one of them may match nothing."""
    if "" in split_branches(alternation):
        return alternation
    return regroup(alternation, depth)


def split_branches(pattern: str) -> list[str]:
    """The top-level branches of a pattern (its `|` outside groups and classes)."""
    bars = [at for at, char, depth in _structure(pattern) if char == "|" and depth == 0]
    starts, ends = [0, *(at + 1 for at in bars)], [*bars, len(pattern)]
    return [pattern[start:end] for start, end in zip(starts, ends, strict=True)]


def _structure(pattern: str, at: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) for each character from `at` that is neither
    escaped nor inside a character class."""
    depth = 0
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 2
            continue
        if char == "[":
            at = _class_end(pattern, at)
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        yield at, char, depth
        at += 1


def _class_end(pattern: str, at: int) -> int:
    """The index just past the character class opening at `at`."""
    end = at + 1
    if pattern[end : end + 1] == "^":
        end += 1
    if pattern[end : end + 1] == "]":
        end += 1  # a leading "]" is a member
    while pattern[end] != "]":
        end += 2 if pattern[end] == "\\" else 1
    return end + 1


def _group_end(pattern: str, at: int) -> int:
    """The index just past the group opening at `at`."""
    for end, _char, depth in _structure(pattern, at):
        if depth == 0:
            return end + 1
    raise ValueError(f"unbalanced group at {at} in {pattern[:40]!r}")


def first_characters(branch: str) -> Firsts:
    """The branch as (first character, rest) pairs in re's order of trial, or None."""
    if branch.startswith(_LOOKBEHINDS):
        return _after_lookbehind(branch)
    if branch.startswith("(?:"):
        return _opened_group(branch)
    if branch[:1] == "[":
        return _opened_class(branch)
    return _opened_char(branch)


def _opened_char(branch: str) -> Firsts:
    """A branch opening on one character, plain or escaped ("\\."), perhaps optional."""
    if branch[:1] == "\\":
        char, end = branch[1:2], 2
        known = bool(char) and not char.isalnum()  # \b, \w, \d... are not one character
    else:
        char, end = branch[:1], 1
        known = bool(char) and char not in "().^$|" + _QUANTIFIERS
    return _maybe_optional(char, branch, end) if known else None


def _opened_class(branch: str) -> Firsts:
    """`[ab]R` as `aR|bR`, for a class of plain characters that is not repeated."""
    end = _class_end(branch, 0)
    members = branch[1 : end - 1]
    if members[:1] == "^" or "\\" in members or "-" in members or _quantified(branch, end):
        return None
    return [(char, branch[end:]) for char in dict.fromkeys(members)]


def _maybe_optional(char: str, branch: str, end: int) -> Firsts:
    """A literal first character, possibly made optional by a greedy `?`."""
    if not _quantified(branch, end):
        return [(char, branch[end:])]
    if branch[end] != "?" or branch[end + 1 : end + 2] in ("?", "+"):
        return None
    rest = branch[end + 1 :]
    without = first_characters(rest)
    return None if without is None else [(char, rest), *without]


def _quantified(branch: str, end: int) -> bool:
    """Whether a repeat applies to the item ending at `end`."""
    return branch[end : end + 1] in tuple(_QUANTIFIERS)


def _after_lookbehind(branch: str) -> Firsts:
    """`(?<!X)cR` as `c(?<!(?:X)c)R`: the same test, made after the first character."""
    end = _group_end(branch, 0)
    kind, body, rest = branch[:4], branch[4 : end - 1], branch[end:]
    firsts = first_characters(rest)
    if firsts is None:
        return None
    return [(char, f"{kind}(?:{body}){re.escape(char)}){tail}") for char, tail in firsts]


def _opened_group(branch: str) -> Firsts:
    """`(?:a|b)R` as `aR|bR`, and `(?:a|b)?R` as `aR|bR|R`."""
    end = _group_end(branch, 0)
    options = split_branches(branch[3 : end - 1])
    after = branch[end:]
    if _quantified(branch, end):
        if after[0] != "?" or after[1:2] in ("?", "+"):
            return None
        options, after = [*options, ""], after[1:]
    found: list[tuple[str, str]] = []
    for option in options:
        firsts = first_characters(option + after)
        if firsts is None:
            return None
        found += firsts
    return found
