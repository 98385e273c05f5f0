"""Unit tests for daemon.extract.numbers and daemon.extract.dates."""

from __future__ import annotations

from datetime import date

import pytest

from daemon.extract.dates import event_date
from daemon.extract.numbers import TroopCount, troop_count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("roughly 1,000 troops", TroopCount(1000, True)),
        ("some 1 500 soldats", TroopCount(1500, True)),
        ("plus de 2.400 militaires", TroopCount(2400, True)),
        ("a thousand soldiers", TroopCount(1000, False)),
        ("une centaine de soldats", TroopCount(100, True)),
        ("a contingent of 120", TroopCount(120, False)),
        ("350 French military personnel", TroopCount(350, False)),
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
    ],
)
def test_no_count_from_death_tolls_or_vague_amounts(text):
    """Casualty figures, vague amounts and years are not troop counts."""
    assert troop_count(text) is None


def test_count_skips_toll_and_takes_strength():
    """A strength after a death toll in the same sentence is still found."""
    assert troop_count("Five soldiers were killed; 600 troops remain") == TroopCount(600, False)


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
