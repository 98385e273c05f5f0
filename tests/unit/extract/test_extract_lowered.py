"""The prefilter's lowered patterns answer exactly as the case-insensitive originals."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daemon.extract.lowered import lowercase_pattern, lowered
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
