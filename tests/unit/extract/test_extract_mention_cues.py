"""Unit tests for daemon.extract.mention_cues: what the words around a state's mention say."""

from __future__ import annotations

import pytest

from daemon.extract.mention_cues import (
    COORD,
    CUES_REACH,
    NOUN_AFTER,
    bound_to,
    origin_place,
    regional,
    speaker_place,
    tail,
)


def test_tail_keeps_only_what_a_cue_can_reach_cut_at_a_word_start():
    before = "word " * 100 + "troops from "
    cut = tail(before)
    assert len(cut) <= CUES_REACH
    assert cut.endswith("troops from ")
    assert cut.startswith("word")
    assert tail("troops from ") == "troops from "


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("France deploys 4,500 soldiers across the Sahel.", True),
        ("Des frappes dans la zone des trois frontières.", True),
        ("French troops arrived in Gao.", False),
    ],
)
def test_regional(sentence, expected):
    assert regional(sentence) is expected


def test_the_cues_before_a_place_or_a_partner():
    assert bound_to("l'accord qui liait Bamako à ")
    assert origin_place("special forces based in ")
    assert speaker_place("a military source in ")
    assert not origin_place("troops arrived in ")


def test_a_personnel_noun_after_a_state_names_its_forces_not_its_accords():
    assert NOUN_AFTER.match(" troops landed")
    assert NOUN_AFTER.match("'s army said")
    assert not NOUN_AFTER.match("'s military cooperation agreement")


@pytest.mark.parametrize(
    ("gap", "joined"),
    [
        (", ", True),
        (" and ", True),
        (", du ", True),
        (" et le ", True),
        (" sent troops to ", False),
    ],
)
def test_coordination_between_two_mentions(gap, joined):
    assert bool(COORD.match(gap)) is joined
