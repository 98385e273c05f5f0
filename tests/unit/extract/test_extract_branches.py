"""Alternations regrouped by first character (branches.py) match exactly as written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daemon.extract import triggers
from daemon.extract.branches import first_characters, regroup, regroup_words, split_branches
from daemon.extract.lowered import lowercase_pattern

ROOT = Path(__file__).resolve().parents[3]

# Each opens its branches in a different way: literals, a class, a leading group, an optional
# group or letter, lookbehinds before the first letter, a branch copied into two groups.
ALTERNATIONS = [
    "ab|ac|b|abc",
    "[ée]vacu\\w+|evade|été",
    "(?:withdr|with)(?:aw|ew)s?|wind",
    "(?:air ?|drone )?strikes?|striker|air",
    "x?yz|xy|y",
    "(?<!une )(?<!la )partis?|part|(?<=part )forc[ée]",
    "(?:ne sont )?plus les|plus|ne",
    "a(?:b|)c|ab",
]
_TEXT = st.text(alphabet="abcxyzéeuvwtrsindpol ", max_size=40)


@pytest.mark.parametrize("alternation", ALTERNATIONS)
@settings(max_examples=300, deadline=None)
@given(text=_TEXT)
def test_same_matches_at_the_same_offsets(alternation, text):
    """Every match, its span and (through a trailing test) every backtracking choice agree."""
    for shape in ("(?:{})", r"\b(?:{})\b", "(?:{})z"):
        original = re.compile(shape.format(alternation))
        grouped = re.compile(shape.format(regroup(alternation)))
        assert [m.span() for m in grouped.finditer(text)] == [
            m.span() for m in original.finditer(text)
        ]


def test_branches_are_grouped_by_first_character():
    """The first characters become one group each, branches kept in order inside them."""
    assert regroup("ab|c|ad", depth=1) == "a(?:b|d)|c(?:)"
    assert regroup("[xy]z|x", depth=1) == "x(?:z|)|y(?:z)"


def test_unknown_starts_leave_the_alternation_as_written():
    """A branch opening on \\w, a repeat or a capture cannot be opened: nothing changes."""
    for alternation in (r"\w+|ab", "a*b|c", "(?P<x>a)|b", "(a)|b", "(?=a)a|b"):
        assert regroup(alternation) == alternation


def test_first_characters_open_lookbehinds_and_optional_parts():
    """A lookbehind moves after the letter it precedes; an optional part is there and not."""
    assert first_characters("(?<!une )part") == [("p", "(?<!(?:une )p)art")]
    assert first_characters("(?:ne )?plus") == [("n", "e plus"), ("p", "lus")]
    assert first_characters("s?ab") == [("s", "ab"), ("a", "b")]
    assert first_characters(r"\bab") is None


def test_split_branches_ignores_bars_in_groups_and_classes():
    """Only top-level bars separate branches."""
    assert split_branches(r"a(?:b|c)|[|]d|\|e") == ["a(?:b|c)", "[|]d", r"\|e"]


def test_regroup_words_opens_the_leading_word_list_only():
    """`\\b(?:...)` and `\\b(?=\\w)(?:...)` open; the rest, groups included, stays."""
    assert regroup_words(r"\b(?:ab|ac)\s+(?P<n>\d+)") == r"\b(?:a(?:b(?:)|c(?:)))\s+(?P<n>\d+)"
    assert regroup_words(r"\b(?=\w)(?:ab|cd)\b") == r"\b(?=\w)(?:a(?:b(?:))|c(?:d(?:)))\b"
    assert regroup_words(r"(?:ab|ac)") == "(?:ab|ac)"


def _texts() -> list[str]:
    paths = [*(ROOT / "tests" / "data").glob("*.jsonl"), ROOT / "bench/data/ordinary_news.jsonl"]
    return [
        f"{item['title']}\n\n{item['text']}".lower()
        for path in paths
        for item in map(json.loads, path.read_text(encoding="utf-8").splitlines())
    ]


_WORDING = {
    "military": triggers.MILITARY,
    "accord": triggers.ACCORD_RE,
    "military_or_accord": triggers.MILITARY_OR_ACCORD,
    "personnel": triggers.PERSONNEL,
    **{kind.value: pattern for kind, pattern in triggers._COMPILED.items()},
}


@pytest.mark.parametrize("name", _WORDING)
def test_regrouped_rules_match_as_written_on_the_corpora(name):
    """The lowered trigger and wording patterns, regrouped, find every match the written ones
    find on the corpus and ordinary articles, at the same offsets."""
    written = re.compile(lowercase_pattern(_WORDING[name].pattern))
    grouped = re.compile(regroup_words(written.pattern))
    assert grouped.pattern != written.pattern
    for text in _texts():
        assert [m.span() for m in grouped.finditer(text)] == [
            m.span() for m in written.finditer(text)
        ]


def test_wording_in_one_pass_answers_as_the_two_patterns():
    """Military wording or an accord, in one pattern, is found where either one is."""
    for text in _texts():
        either = bool(triggers.MILITARY.search(text) or triggers.ACCORD_RE.search(text))
        assert bool(triggers.MILITARY_OR_ACCORD.search(text)) == either


def test_the_whole_text_trigger_test_starts_where_the_prefilter_does():
    """any_trigger()'s lowered pattern finds PREFILTER's first match start on every article."""
    for text in _texts():
        want = triggers.PREFILTER.search(text)
        found = triggers.any_trigger().low.search(text)
        assert (found.start() if found else None) == (want.start() if want else None)
