"""The general rules added for generalisation: each pins one error class on invented sentences."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from daemon.extract.nlp import load, sentences
from daemon.model import Article, EventType

DEPLOY, WITHDRAW, EXPEL, OPERATION = (
    EventType.DEPLOY,
    EventType.WITHDRAW,
    EventType.EXPEL,
    EventType.OPERATION,
)


def triples(extractor, text: str, lang: str = "en") -> set[tuple[EventType, str, str]]:
    article = Article("g1", "https://example.org/g1", "", text,
                      published=datetime(2024, 7, 8, tzinfo=UTC), lang=lang)  # fmt: skip
    return {(e.type, e.actor, e.host) for e in extractor.extract(article)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nigeria, Niger and Togo said they would send troops to Mali next week.",
            {(DEPLOY, "NG", "ML"), (DEPLOY, "NE", "ML"), (DEPLOY, "TG", "ML")},
        ),
        (
            "Le Tchad a décidé l'envoi de 600 soldats au Niger, aux côtés des forces françaises.",
            {(DEPLOY, "TD", "NE")},
        ),
    ],
)
def test_a_list_of_senders_all_send(extractor, text, expected):
    """Host-set states listed as senders, with a cued host, are all actors."""
    lang = "fr" if "soldats" in text else "en"
    assert triples(extractor, text, lang) == expected


def test_protesters_do_not_expel(extractor):
    """A crowd demanding a departure is not the host government expelling forces."""
    text = "In Bamako, thousands of protesters demanded the departure of French troops from Mali."
    assert (EXPEL, "FR", "ML") not in triples(extractor, text)


def test_a_diplomat_expelled_is_not_forces_expelled(extractor):
    """Expelling an ambassador, with no military wording in the sentence, is no EXPEL."""
    text = "Mali's junta gave the French ambassador 72 hours to leave the country."
    assert triples(extractor, text) == set()


def test_a_contingent_killed_in_a_un_camp_is_the_states(extractor):
    """Peacekeepers of one state killed in an attack on a UN camp: the state, not the UN."""
    text = "Three Togolese peacekeepers were killed when militants attacked a U.N. camp in Mali."
    assert triples(extractor, text) == {(OPERATION, "TG", "ML")}


def test_an_attack_that_would_happen_is_hypothetical(extractor):
    """A nominal attack followed by a conditional is not an operation."""
    text = "Burkina Faso said an attack by French forces on Niger would be a declaration of war."
    assert triples(extractor, text) == set()


def test_leaving_an_organisation_is_no_withdrawal(extractor):
    """Withdrawing from a regional body moves no troops."""
    text = "Le Mali et le Niger ont annoncé leur retrait de la Cédéao, que la France soutient."
    assert triples(extractor, text, "fr") == set()


def test_the_destination_of_leaving_forces_is_not_a_host(extractor):
    """Forces that leave one host for another leave the first, not the second."""
    text = "The last French soldiers left Mali for Niger on Monday."
    assert (WITHDRAW, "FR", "NE") not in triples(extractor, text)
    assert (WITHDRAW, "FR", "ML") in triples(extractor, text)


def test_a_source_list_is_not_the_actor(extractor):
    """States that sign a statement about a deployment are not the deployed forces."""
    text = (
        "Russian mercenaries of the Wagner Group have arrived in Mali. "
        '"We condemn the deployment of mercenary troops," said the statement, signed by '
        "France, Germany and Britain."
    )
    assert triples(extractor, text) == {(DEPLOY, "RU", "ML")}


def test_a_region_stops_the_host_carry_over(extractor):
    """A figure given for the whole Sahel is not a deployment in the story's host."""
    text = (
        "French troops struck a column near Gao in Mali. "
        "France deploys about 5,000 soldiers in the Sahel."
    )
    assert (DEPLOY, "FR", "ML") not in triples(extractor, text)


def test_a_far_state_named_as_place_stops_the_carry_over(extractor):
    """Kenyan police arriving in Haiti, in a story that named Chad, is not in Chad."""
    text = "Chad has offered troops. Kenyan police officers arrived in Haiti on Tuesday."
    assert triples(extractor, text) == set()


def test_quotes_after_a_full_stop_start_a_sentence():
    """An opening quote after a full stop starts a new sentence, in both languages."""
    fr = sentences(load("fr"), "Il a parlé. « Les soldats sont partis », a-t-il dit.")
    en = sentences(load("en"), 'He spoke. "The troops left," he said.')
    assert fr == ["Il a parlé.", "« Les soldats sont partis », a-t-il dit."]
    assert en == ["He spoke.", '"The troops left," he said.']


def test_the_whole_article_prefilter_needs_a_second_state(extractor):
    """An article naming one host and no other state is rejected before any rule runs,
    while the lenient check used on summaries still passes it."""
    text = "The Malian army said its soldiers repelled an attack near Gao on Sunday."
    assert extractor.might_report(text)
    assert not extractor._worth_reading(text)
    assert extractor._worth_reading("French troops left Gao on Sunday.")


def test_a_sentence_opening_on_a_host_turns_the_story_to_it(extractor):
    """After "Niger was last.", a host-less sentence is about Niger, not the most named host."""
    text = (
        "In Mali, French troops left Gao in 2022 and Bamako ordered them out of Mali. "
        "Niger was last. The junta denounced its defence agreements with Paris."
    )
    assert (EXPEL, "FR", "NE") in triples(extractor, text)
    assert (EXPEL, "FR", "ML") in triples(extractor, text)


def test_forced_to_leave_is_expelled_and_left(extractor):
    """A departure the host forced is both an expulsion and a withdrawal, for each host listed."""
    text = "Les militaires français ont été contraints de quitter le Mali en 2022, puis le Niger."
    found = triples(extractor, text, "fr")
    assert {(EXPEL, "FR", "ML"), (EXPEL, "FR", "NE")} <= found
    assert {(WITHDRAW, "FR", "ML"), (WITHDRAW, "FR", "NE")} <= found


@pytest.mark.parametrize(
    "text",
    [
        "The United States has no immediate plans to withdraw its troops from Niger.",
        "Germany is expected to announce the end of its participation in the Mali mission.",
        "France, which keeps troops in Chad, has flown in medical supplies to Abeche.",
    ],
)
def test_plans_denied_decisions_to_come_and_goods_are_not_events(extractor, text):
    """A negated plan, a decision still to come, and goods flown in give no event."""
    assert triples(extractor, text) == set()


def test_ordered_out_in_the_passive_is_an_expulsion(extractor):
    """A passive order ("forces, ordered out in March, finished leaving") is an expulsion too."""
    text = "American forces in Niger, ordered out in March, finished leaving Air Base 201."
    assert triples(extractor, text) == {(EXPEL, "US", "NE"), (WITHDRAW, "US", "NE")}
