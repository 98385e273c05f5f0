"""Unit tests for daemon.extract.numbers and daemon.extract.dates."""

from __future__ import annotations

from datetime import date

import pytest

from daemon.extract.dates import event_date
from daemon.extract.numbers import TroopCount, pronoun_count, troop_count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("roughly 1,000 troops", TroopCount(1000, True)),
        ("some 1 500 soldats", TroopCount(1500, True)),
        ("plus de 2.400 militaires", TroopCount(2400, True)),
        ("a thousand soldiers", TroopCount(1000, False)),
        ("une centaine de commandos danois", TroopCount(100, True)),
        ("about 300 Wagner contractors", TroopCount(300, True)),
        ("une centaine de soldats", TroopCount(100, True)),
        ("a contingent of 120", TroopCount(120, False)),
        ("350 French military personnel", TroopCount(350, False)),
        ("une cinquantaine de militaires européens", TroopCount(50, True)),
        ("une soixantaine de membres de ses forces spéciales", TroopCount(60, True)),
        ("Environ 400 membres des forces spéciales", TroopCount(400, True)),
        ("cent cinquante soldats", TroopCount(150, False)),
        ("one hundred and fifty soldiers", TroopCount(150, False)),
        ("Le nombre de soldats français au Mali doit atteindre 3 500", TroopCount(3500, False)),
        ("the number of U.S. troops in Niger will rise to about 1,100", TroopCount(1100, True)),
    ],
)
def test_troop_counts_in_both_languages(text, expected):
    """Digits with EN/FR grouping, number words and hedges give the count and the hedge flag."""
    assert troop_count(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "12 soldiers were killed in the ambush",
        "the attack killed 30 soldiers",
        "15 militaires ont été tués",
        "several hundred troops",
        "des centaines de soldats",
        "In 2013 troops arrived",
        "BAMAKO, Nov 21 - Malian troops backed by French forces",
        "NIAMEY, 3 mai - Des militaires russes se sont installés",
        "killed 1,000 jihadists for the loss of 52 of its own men",
        "Deux militaires français des forces spéciales ont été tués",
        "Quatre soldats sénégalais de l'Ecomig tués",
        "the number of soldiers killed has reached 50",
        "the blast, killing 20 civilians and 3 soldiers",
        "Quatre soldats sénégalais de la Mission de la Cédéao en Gambie (Ecomig) ont été tués",
        # a date or a span of time before the noun, not a figure of it
        "denounced the accords on Aug. 3 and gave the troops a month to leave",
        "Two years after American troops were told to leave Niger",
        "Trois mois après le départ des soldats français",
        "des combats ont coûté la vie à 26 militaires tchadiens",
        "the rebels freed seven Senegalese soldiers held since the clash",
    ],
)
def test_no_count_from_death_tolls_or_vague_amounts(text):
    """Casualty figures (also "the loss of", "ont été tués" further on), vague amounts, years and
    a dateline's day are not troop counts."""
    assert troop_count(text) is None


def test_a_casualty_verb_in_a_later_clause_is_not_the_figures():
    """A passive casualty verb after a relative or a comma belongs to another clause."""
    assert troop_count("600 troops arrived in Gao, where two soldiers were killed") == TroopCount(
        600, False
    )


def test_count_skips_toll_and_takes_strength():
    """A strength after a death toll in the same sentence is still found."""
    assert troop_count("Five soldiers were killed; 600 troops remain") == TroopCount(600, False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the 5,100-strong Barkhane force will send 500 troops to Niger", TroopCount(500, False)),
        ("a 1,200-strong contingent", TroopCount(1200, False)),
        (
            "cut its force from a peak of about 4,500 to keep 1,000 soldiers",
            TroopCount(1000, False),
        ),
        ("Quelque 2 400 militaires sur un total de 4 600 soldats au Sahel", TroopCount(2400, True)),
        ("France will withdraw 300 of its 1,000 troops", TroopCount(300, False)),
        ("Of the 4,500 troops, about 2,000 will leave", TroopCount(2000, True)),
        ("between 300 and 400 soldiers", TroopCount(300, True)),
        ("entre 300 et 400 soldats", TroopCount(300, True)),
        ("four Mirage jets and 300 airmen", TroopCount(300, False)),
    ],
)
def test_the_moving_part_before_a_total_and_ranges(text, expected):
    """A "-strong" or "a total of" figure yields to the part an event moves; "N of its M" and
    "of the M, N" give the part N; a range gives its lower end, hedged."""
    assert troop_count(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ils sont une trentaine.", TroopCount(30, True)),
        ("They number about 1,200.", TroopCount(1200, True)),
        ("Elles étaient 45 à bord.", TroopCount(45, False)),
        ("They were in 2013 in Gao.", None),
        ("Some 300 of them are there.", None),
    ],
)
def test_pronoun_counts(text, expected):
    """ "Ils sont une trentaine": a figure whose noun is the pronoun, at the sentence start only."""
    assert pronoun_count(text) == expected


PUBLISHED = date(2024, 7, 8)  # a Monday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Sunday the troops left", date(2024, 7, 7)),
        ("on Monday", date(2024, 7, 8)),
        ("in April the junta ordered", date(2024, 4, 1)),
        ("en septembre", date(2023, 9, 1)),
        ("last month", date(2024, 6, 1)),
        ("le mois dernier", date(2024, 6, 1)),
        ("hier", date(2024, 7, 7)),
        ("on 3 March 2022", date(2022, 3, 3)),
        ("le 22 décembre 2023", date(2023, 12, 22)),
        ("Sept. 15", date(2023, 9, 15)),
    ],
)
def test_dates_resolve_against_publication(text, expected):
    """Explicit and relative dates resolve against the publication date, never the clock."""
    assert event_date(text, PUBLISHED) == expected


def test_planned_dates_look_forward():
    """A deadline month after publication is in the same year when the event is planned."""
    assert event_date("by Sept. 15", PUBLISHED, future=True) == date(2024, 9, 15)


def test_relative_dates_need_a_publication_date():
    """Without a publication date only self-contained dates resolve."""
    assert event_date("on Sunday", None) is None
    assert event_date("on 3 March 2022", None) == date(2022, 3, 3)
