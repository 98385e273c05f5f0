"""The memory of what earlier sentences named (daemon/extract/context.py)."""

from __future__ import annotations

from daemon.extract.context import Context, Named
from daemon.extract.gazetteer import find_mentions
from daemon.extract.roles import mention_roles

HOSTS = frozenset({"BF", "CM", "TD", "GM", "GN", "ML", "MR", "NE", "NG", "SN"})


def told(*sentences: str) -> Context:
    """The context after reading `sentences`, no trigger acting in any of them."""
    context = Context()
    for index, text in enumerate(sentences):
        mentions = find_mentions(text)
        roles = mention_roles(text, mentions, HOSTS)
        context.remember(Named(index, text, mentions, roles, []), HOSTS)
    return context


def test_the_most_named_host_is_carried_over():
    context = told("The junta met in Niamey.", "Officials flew to Niger, then on to Mali.")
    assert context.host == "NE"


def test_a_sentence_opening_on_a_host_turns_the_story_to_it():
    context = told("Niger and its junta were in the news.", "In Chad, the mood was calmer.")
    assert context.host == "TD"


def test_a_list_of_subjects_opening_a_sentence_does_not_turn_the_story():
    listed = told("Soldiers landed in Mali.", "Niger, Burkina Faso and Senegal pledged 500 each.")
    alone = told("Soldiers landed in Mali.", "Niger pledged 500 more.")
    assert listed.topic is None
    assert alone.topic == "NE"


def test_forces_named_are_carried_but_not_the_story_host():
    context = told("French troops are in Mali.", "Le retrait militaire du Mali est acquis.")
    assert context.actor is not None
    assert context.actor.code == "FR"


def test_a_mission_framing_a_national_contingent_is_not_carried():
    framed = told("This is the reconnaissance group, Britain's contribution to Minusma.")
    alone = told("This is the reconnaissance group, deployed with Minusma.")
    assert framed.actor is not None
    assert framed.actor.code == "GB"
    assert alone.actor is not None
    assert alone.actor.code == "UN"


def test_a_place_outside_the_host_set_stops_the_carry_over():
    assert told("French troops left Mali.").host == "ML"
    assert told("French troops left Mali.", "They then deployed to Gabon.").host is None


def test_the_last_mission_named_is_remembered_apart_from_the_actor():
    context = told(
        "The EU training mission arrived in Bamako.",
        "Some 1,000 soldiers, mostly French, are there.",
    )
    assert context.mission is not None
    assert context.mission.code == "EU"
    assert context.actor is not None
    assert context.actor.code == "FR"
