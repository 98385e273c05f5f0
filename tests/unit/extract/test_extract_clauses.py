"""Clause-level rules: time references, nominal complements, relative clauses, origins, senses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from daemon.model import Article


def events(extractor, text: str, lang: str, title: str = "") -> set[tuple[str, str, str]]:
    art = Article("t", "", title, text, published=datetime(2024, 7, 8, tzinfo=UTC), lang=lang)
    return {(e.type.value, e.actor, e.host) for e in extractor.extract(art)}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Attacks on the army have doubled since the arrival of Russian troops in Mali.", "en"),
        ("Ten years after it was deployed in Mali, the French force is still fighting.", "en"),
        ("Les attaques ont redoublé depuis l'arrivée des mercenaires russes au Mali.", "fr"),
        ("Le ministre français a quitté N'Djamena pour Paris mardi.", "fr"),
        ("The talks cover the deployment of Russian instructors in Niger.", "en"),
    ],
)
def test_side_references_are_not_events(extractor, text, lang):
    """A deployment named to date something else, talks, or a minister's trip yield nothing."""
    assert not {e for e in events(extractor, text, lang) if e[0] in ("DEPLOY", "WITHDRAW")}


def test_a_time_phrase_does_not_make_its_country_the_host(extractor):
    text = (
        "European states have pulled their soldiers back from the region since the coups in "
        "Burkina Faso and Niger."
    )
    assert not {e for e in events(extractor, text, "en") if e[2] in ("BF", "NE")}


def test_nominal_trigger_prefers_its_complement(extractor):
    got = events(extractor, "", "fr", title="Takuba : arrivée des soldats estoniens au Mali")
    assert ("DEPLOY", "EE", "ML") in got
    assert ("DEPLOY", "FR", "ML") not in got


def test_relative_clause_antecedent_sends_the_troops(extractor):
    text = "Le Cameroun résiste avec l'aide du Tchad, qui a dépêché 2 000 soldats dans le nord."
    assert ("DEPLOY", "TD", "CM") in events(extractor, text, "fr")


def test_a_deployment_stated_in_a_relative_clause_counts(extractor):
    text = "Russian advisers who arrived in Niger in April remain based near the airport."
    assert ("DEPLOY", "RU", "NE") in events(extractor, text, "en")


def test_the_city_forces_fly_in_from_is_not_the_host(extractor):
    text = "Bamako was under attack. Dozens of French soldiers flew in from Ouagadougou at dawn."
    got = events(extractor, text, "en")
    assert ("DEPLOY", "FR", "ML") in got
    assert ("DEPLOY", "FR", "BF") not in got


def test_announced_participation_takes_the_story_host(extractor):
    text = (
        "Des soldats tchèques sont arrivés au Mali pour la force Takuba. "
        "La Suède et la Belgique ont aussi annoncé leur participation."
    )
    got = events(extractor, text, "fr")
    assert {("DEPLOY", "SE", "ML"), ("DEPLOY", "BE", "ML")} <= got


def test_coordination_runs_through_a_date(extractor):
    text = (
        "Les militaires français ont connu un départ forcé du Mali en 2022, puis du Burkina "
        "Faso en 2023."
    )
    got = events(extractor, text, "fr")
    assert {("WITHDRAW", "FR", "ML"), ("WITHDRAW", "FR", "BF")} <= got


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The raid on the French base in Mali left twelve soldiers dead.", "en"),
        ("French helicopters evacuated the wounded to Niamey after the ambush.", "en"),
        ("La junte malienne a repoussé à 2026 les élections promises aux militaires.", "fr"),
    ],
)
def test_other_senses_of_leave_evacuate_and_repel(extractor, text, lang):
    got = events(extractor, text, lang)
    assert not {e for e in got if e[0] == "WITHDRAW"}
    if lang == "fr":
        assert not got


def test_a_leader_saying_forces_must_leave_demands_and_plans_it(extractor):
    text = "Senegal's president said French troops must leave the country next year."
    assert {("EXPEL", "FR", "SN"), ("WITHDRAW", "FR", "SN")} <= events(extractor, text, "en")


def test_a_demonym_naming_civilians_is_not_an_actor(extractor):
    text = "In Niger, protesters attacked the French embassy in Niamey on Sunday, the army said."
    assert not events(extractor, text, "en")


@pytest.mark.parametrize(
    ("text", "lang", "presence"),
    [
        ("Quelque 200 instructeurs chinois sont arrivés à Niamey, une première depuis 2020.",
         "fr", False),
        ("Some 200 Chinese instructors landed in Niamey, the first such group since 2020.",
         "en", False),
        ("Quelque 200 instructeurs chinois sont déployés à Niamey depuis 2020.", "fr", True),
    ],
)  # fmt: skip
def test_since_makes_a_presence_but_not_of_an_arrival(extractor, text, lang, presence):
    """ "since/depuis" marks a standing presence, except beside an arrival, which is an event."""
    got = ("DEPLOY", "CN", "NE") in events(extractor, text, lang)
    assert got is not presence
