"""Lowered patterns (the prefilter's and the `Twin`s of the rules) answer exactly as the
case-insensitive originals."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import daemon.extract as extract
from daemon.extract import (
    candidates,
    cast,
    clauses,
    cues,
    dates,
    mention_cues,
    numbers,
    roles,
    stage,
    subjects,
    triggers,
)
from daemon.extract.lowered import UNSAFE, Folded, Twin, lower_in_place, lowercase_pattern, lowered
from daemon.extract.triggers import ACCORD_RE, MILITARY, PREFILTER

ROOT = Path(__file__).resolve().parents[3]
PATTERNS = (MILITARY, ACCORD_RE, PREFILTER)
_WORDS = st.sampled_from([
    "TROOPS", "Soldats", "Armée", "ARMÉES", "Déploiement", "WITHDREW", "Quittent", "Barkhane",
    "Accord de DÉFENSE", "Military Cooperation Agreement", "Casques Bleus", "Niger", "MINUSMA",
    "mission", "Hommes", "Éléments", "air strikes", "Frappes Aériennes", "İstanbul", "ß", "\u212a",
])  # fmt: skip


def test_escapes_keep_their_case():
    r"""\W, \S, \B and \D keep their meaning; letters elsewhere are lowered."""
    assert lowercase_pattern(r"\bTroops\W+\S\B\D[A-Z]") == r"\btroops\W+\S\B\D[a-z]"
    assert lowercase_pattern(r"\\Army") == r"\\army"


def test_only_case_insensitive_patterns_are_lowered():
    """A case-sensitive pattern has no lowered twin (its case means something)."""
    with pytest.raises(ValueError, match="case-insensitive"):
        lowered(re.compile("US"))
    with pytest.raises(ValueError, match="case-insensitive"):
        lowered(re.compile(r"in (?-i:[A-Z])", re.IGNORECASE))
    with pytest.raises(ValueError, match="case-insensitive"):
        lowered(re.compile("İstanbul", re.IGNORECASE))  # lowercases to two characters


def _texts() -> list[str]:
    found = []
    for path in [
        *(ROOT / "tests" / "data").glob("*.jsonl"),
        ROOT / "bench" / "data" / "ordinary_news.jsonl",
    ]:
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            found.append(f"{item['title']}\n\n{item['text']}")
    return found


@pytest.mark.parametrize("regex", PATTERNS, ids=["military", "accord", "triggers"])
def test_same_answer_on_every_article_of_the_corpora(regex):
    """Over the labelled corpus and the ordinary news, every article gets the same answer."""
    twin = lowered(regex)
    texts = _texts()
    assert len(texts) > 250
    assert [bool(regex.search(t)) for t in texts] == [bool(twin.search(t.lower())) for t in texts]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.text(max_size=10)), max_size=30).map(" ".join))
def test_same_answer_on_any_text(text):
    """Mixed-case military wording, accents and odd letters: the same yes or no."""
    for regex in PATTERNS:
        assert bool(regex.search(text)) == bool(lowered(regex).search(text.lower()))


def test_group_names_keep_their_case():
    """A group's name is what callers read: lowering a pattern leaves it alone."""
    assert lowercase_pattern(r"(?P<Digits>\d+)|(?P=Digits)X") == r"(?P<Digits>\d+)|(?P=Digits)x"
    assert lowered(re.compile(r"(?P<Word>Troops)", re.IGNORECASE)).match("troops")


def test_lower_in_place_refuses_the_letters_that_would_move_or_mismatch():
    """Ordinary text (accents included) is lowercased; "İ", "ı" and "ſ" give None."""
    assert lower_in_place("Les SOLDATS Français ÉVACUÉS") == "les soldats français évacués"
    for odd in ("İstanbul", "Dıyarbakır", "Meſſieurs"):
        assert lower_in_place(f"Troops left {odd}") is None


def _code_points() -> str:
    return "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


def test_every_other_character_matches_lowered_letters_as_re_folds_it():
    """Outside UNSAFE, every code point whose lowercase is one character matches each letter
    of the patterns' alphabet, and \\w, \\s, \\d, exactly as re's case-insensitive matching
    does: what makes a lowered pattern on lowercased text find what the original finds."""
    chars = _code_points()
    lows = [c.lower() for c in chars]
    assert {c for c, low in zip(chars, lows, strict=True) if len(low) != 1} <= set(UNSAFE)
    kept = "".join(
        c for c, low in zip(chars, lows, strict=True) if len(low) == 1 and c not in UNSAFE
    )
    low_kept = kept.lower()
    assert len(low_kept) == len(kept)
    # the letters the lowered patterns are written with
    patterns = [PREFILTER, MILITARY, ACCORD_RE, *(t.regex for _n, t in _twins())]
    alphabet = sorted({c for p in patterns for c in p.pattern if c.isalpha()})
    assert "é" in alphabet
    for letter in alphabet:
        folded = {m.start() for m in re.finditer(re.escape(letter), kept, re.IGNORECASE)}
        twin = {m.start() for m in re.finditer(re.escape(letter.lower()), low_kept)}
        assert folded == twin, letter
    for category in (r"\w", r"\s", r"\d"):
        original = [m.start() for m in re.finditer(category, kept)]
        assert original == [m.start() for m in re.finditer(category, low_kept)], category


def _twins() -> list[tuple[str, Twin]]:
    found = []
    modules = (
        numbers,
        roles,
        mention_cues,
        cues,
        stage,
        dates,
        cast,
        clauses,
        subjects,
        candidates,
    )
    for module in (*modules, extract):
        for name, value in vars(module).items():
            if isinstance(value, Twin):
                found.append((f"{module.__name__}.{name}", value))
            elif isinstance(value, tuple) and value and isinstance(value[0], tuple):
                found += [
                    (f"{module.__name__}.{name}", v) for *_k, v in value if isinstance(v, Twin)
                ]
    found += [(f"triggers.{kind}", Twin(p)) for kind, p in triggers._COMPILED.items()]
    found.append(("triggers.any_trigger", triggers.any_trigger()))  # built on first use
    return found


@pytest.mark.parametrize(("name", "twin"), _twins(), ids=[n for n, _t in _twins()])
def test_every_twin_finds_the_original_matches_at_the_same_offsets(name, twin):
    """Over every corpus article, as written and upper-cased, and with letters the twins must
    not lowercase, a Twin finds the original's matches at the same offsets."""
    assert name
    for text in _texts()[:120]:
        for variant in (text, text.upper(), f"İ {text} ı ſ"):
            want = [m.span() for m in twin.regex.finditer(variant)]
            assert [m.span() for m in twin.finditer(Folded(variant))] == want
            found = twin.search(Folded(variant))
            assert (found.span() if found else None) == (want[0] if want else None)
