"""Tests for daemon.extract.strength: a departure's count stated in another sentence."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from daemon.model import Article, EventType


def counts(extractor, text: str, lang: str) -> dict[tuple[str, str, str], int | None]:
    """Troop count of each extracted event, by (type, actor, host)."""
    art = Article("s1", "https://example.org/s1", "", text,
                  published=datetime(2024, 7, 8, 12, tzinfo=UTC), lang=lang)  # fmt: skip
    return {(e.type.value, e.actor, e.host): e.troops for e in extractor.extract(art)}


def test_departure_takes_the_strength_stated_in_another_sentence(extractor):
    """A withdrawal without a figure takes its forces' strength from a later sentence."""
    text = (
        "The United States began withdrawing its forces from Niger on Monday, officials said. "
        "About 1,000 American troops are based in the country."
    )
    art = Article("s1", "", "", text, published=datetime(2024, 7, 8, tzinfo=UTC), lang="en")
    (event,) = [e for e in extractor.extract(art) if e.type is EventType.WITHDRAW]
    assert (event.actor, event.host, event.troops, event.troops_approximate) == (
        "US", "NE", 1000, True
    )  # fmt: skip


def test_french_strength_set_in_the_host_of_the_previous_sentence(extractor):
    """ "y sont engagés" names no country: the host named before sets it, not the actor's name."""
    text = (
        "Le Tchad a annoncé mardi le retrait de ses soldats du Mali. "
        "Quelque 1 200 militaires tchadiens y sont engagés depuis janvier."
    )
    assert counts(extractor, text, "fr")[("WITHDRAW", "TD", "ML")] == 1200


@pytest.mark.parametrize(
    "second",
    [
        "France also keeps about 1,500 soldiers in Ivory Coast.",  # a presence elsewhere
        # another force's figure, however close the actor's name
        "About 13,000 U.N. peacekeepers serve alongside French forces in the country.",
    ],
)
def test_no_strength_from_elsewhere_or_from_other_forces(extractor, second):
    """A figure set in a third country, or counting someone else's forces, is not taken."""
    text = f"France began withdrawing its troops from Mali on Monday. {second}"
    assert counts(extractor, text, "en")[("WITHDRAW", "FR", "ML")] is None


def test_partial_departure_does_not_take_the_whole_strength(extractor):
    """ "some of its troops" moves a part: the total presence is not its count."""
    text = (
        "The United States will pull some of its troops out of Chad, officials said. "
        "About 100 American soldiers are based in the country."
    )
    assert counts(extractor, text, "en")[("WITHDRAW", "US", "TD")] is None


def test_deployment_does_not_take_a_standing_strength(extractor):
    """Only departures concern the whole presence: forces "already stationed" are not the
    arrival's count."""
    text = (
        "Russia sent military instructors to Burkina Faso on Tuesday. "
        "Some 300 Russian soldiers were already stationed in the country."
    )
    assert counts(extractor, text, "en")[("DEPLOY", "RU", "BF")] is None


def test_a_figure_tied_to_another_host_is_not_this_events_count(extractor):
    """ "1,000 troops from neighbouring Niger" counts the Niger departure, not the Chad one."""
    text = (
        "U.S. troops began leaving Chad on Monday, as Washington negotiates the withdrawal of "
        "about 1,000 soldiers from neighbouring Niger."
    )
    got = counts(extractor, text, "en")
    assert got[("WITHDRAW", "US", "TD")] is None
    assert got[("WITHDRAW", "US", "NE")] == 1000


def test_a_figure_tied_to_the_actors_own_country_still_counts(extractor):
    """ "40 soldiers from Ghana" names where the forces come from: still their count."""
    text = "Forty soldiers from Ghana landed in Bamako on Sunday to join the U.N. mission in Mali."
    assert counts(extractor, text, "en")[("DEPLOY", "GH", "ML")] == 40


@pytest.mark.parametrize(
    ("second", "lang", "expected"),
    [
        ("Ils sont une quarantaine.", "fr", 40),
        ("La mission comptera environ 80 militaires.", "fr", 80),
        ("They number about 250.", "en", 250),
        # the figure names another force: not the arrival's
        ("They serve alongside some 900 U.N. peacekeepers.", "en", None),
    ],
)
def test_an_arrival_takes_the_figure_of_the_sentence_that_goes_on_about_it(
    extractor, second, lang, expected
):
    """The sentence right after an arrival, on "they" or "the mission", gives its count."""
    first = (
        "Des instructeurs militaires belges sont arrivés au Niger mardi."
        if lang == "fr"
        else "Belgian military instructors arrived in Niger on Tuesday."
    )
    assert counts(extractor, f"{first} {second}", lang)[("DEPLOY", "BE", "NE")] == expected


def test_a_strike_does_not_take_the_next_sentences_figure(extractor):
    """Only arrivals take a follow-up figure: a raid's next sentence counts something else."""
    text = (
        "French troops carried out an air strike near Gao in Mali on Monday. "
        "They are about 2,000 in the region."
    )
    assert counts(extractor, text, "en").get(("OPERATION", "FR", "ML")) is None


@pytest.mark.parametrize(
    ("text", "lang", "count"),
    [
        # the accord an expulsion ends covered the presence: its size goes with the departure
        (
            (
                "Roughly 1,000 American troops are based in Niger. In March the junta revoked "
                "the military accord with Washington, calling the presence illegal."
            ),
            "en",
            None,
        ),
        (
            (
                "Quelque 1 500 militaires français sont déployés au Niger. La junte a dénoncé "
                "jeudi les accords de défense qui la liaient à la France."
            ),
            "fr",
            None,
        ),
        # the order names the forces it sends away
        (
            "The junta in Niamey demanded the departure of about 1,500 French soldiers.",
            "en",
            1500,
        ),
        ("La junte a exigé le départ des quelque 1 500 soldats français du Niger.", "fr", 1500),
    ],
)
def test_an_expulsion_counts_only_the_forces_its_order_names(extractor, text, lang, count):
    found = counts(extractor, text, lang)
    expel = next(k for k in found if k[0] == "EXPEL")
    assert found[expel] == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("About 40 French special forces stormed the hotel in Bamako on Friday.", 40),
        (
            (
                "French and Malian troops retook Timbuktu on Monday, and France now has about "
                "3,500 soldiers in Mali."
            ),
            None,
        ),
    ],
)
def test_an_operation_counts_only_the_forces_its_clause_names(extractor, text, count):
    found = counts(extractor, text, "en")
    assert found[("OPERATION", "FR", "ML")] == count


@pytest.mark.parametrize(
    "text",
    [
        "In Mali, France has cut its force to about 2,500 soldiers from a peak of 4,000.",
        "France has begun to reduce its force in Mali and plans to keep 1,000 soldiers there.",
    ],
)
def test_a_drawdown_is_not_counted_by_the_strength_it_leaves(extractor, text):
    found = counts(extractor, text, "en")
    assert found[("WITHDRAW", "FR", "ML")] is None
