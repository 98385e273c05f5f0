"""Unit tests for daemon.extract.sentence: a sentence's scans, shared by the steps reading it."""

from __future__ import annotations

from daemon.extract.gazetteer import find_mentions
from daemon.extract.numbers import troop_count, troop_counts
from daemon.extract.places import find_places
from daemon.extract.sentence import SentenceScans, scan_sentences

SENTENCES = [
    "Roughly 1,000 American personnel were stationed in Niger, at Air Base 201 near Agadez.",
    "Quelque 2 400 militaires français sont déployés au Mali, dont 300 à Gao.",
    "The junta in Niamey said nothing.",
    "",
]


def test_scans_are_what_the_scanners_find():
    """Mentions, places, figures and the first figure are exactly the scanners' answers."""
    for text in SENTENCES:
        scans = SentenceScans(text)
        assert scans.text == text
        assert scans.mentions == find_mentions(text)
        assert scans.places == find_places(text)
        assert scans.counts == troop_counts(text)
        assert scans.troops == troop_count(text)


def test_each_scan_runs_once():
    """A second reader gets the very object the first one got: nothing is scanned twice."""
    scans = SentenceScans(SENTENCES[0])
    assert scans.mentions is scans.mentions
    assert scans.places is scans.places
    assert scans.counts is scans.counts


def test_one_scan_object_per_sentence_in_order():
    """An article's scans follow its sentences, one each."""
    assert [s.text for s in scan_sentences(SENTENCES)] == SENTENCES
