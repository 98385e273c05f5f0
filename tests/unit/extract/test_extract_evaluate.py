"""Tests for the detail of daemon.extract.evaluate.score: per type, relevance P/R/F1, troops."""

from __future__ import annotations

from daemon.extract.evaluate import score
from daemon.model import Event, EventType

GOLD = [
    {
        "lang": "en",
        "relevant": True,
        "events": [
            {"type": "WITHDRAW", "actor": "FR", "host": "ML", "troops": 2400},
            {"type": "DEPLOY", "actor": "RU", "host": "ML", "troops": None},
            {"type": "EXPEL", "actor": "FR", "host": "ML", "troops": 500},
        ],
    },
    {"lang": "en", "relevant": False, "events": []},
    {"lang": "fr", "relevant": True, "events": [{"type": "DEPLOY", "actor": "TD", "host": "CM"}]},
]


def _event(kind: EventType, actor: str, host: str, troops: int | None = None) -> Event:
    return Event(kind, actor, host, ("s",), 0.9, troops=troops)


PREDICTED = [
    [
        _event(EventType.WITHDRAW, "FR", "ML", 2400),
        _event(EventType.DEPLOY, "RU", "ML", 1000),
        _event(EventType.EXPEL, "FR", "ML", 400),
    ],
    [_event(EventType.DEPLOY, "FR", "NE")],
    [],
]


def test_score_reports_each_event_type():
    """Per-type counts: DEPLOY has 1 hit, 1 spurious and 1 missed event; WITHDRAW is perfect."""
    types = score(GOLD, PREDICTED)["all"]["types"]
    assert (types["DEPLOY"]["tp"], types["DEPLOY"]["fp"], types["DEPLOY"]["fn"]) == (1, 1, 1)
    assert types["DEPLOY"]["f1"] == 0.5
    assert types["WITHDRAW"]["f1"] == 1.0
    assert set(types) == {"DEPLOY", "EXPEL", "WITHDRAW"}


def test_score_reports_relevance_precision_recall_f1():
    """Relevance: 1 of 2 predicted-relevant articles is relevant, 1 of 2 relevant ones found."""
    row = score(GOLD, PREDICTED)["all"]
    assert (row["relevance_precision"], row["relevance_recall"]) == (0.5, 0.5)
    assert row["relevance_f1"] == 0.5
    assert row["relevance_accuracy"] == round(1 / 3, 4)


def test_troop_accuracy_counts_only_matched_events_with_a_gold_count():
    """Troops are scored on matched events whose gold count is set: 1 right of 2."""
    row = score(GOLD, PREDICTED)["all"]
    assert (row["troops_scored"], row["troops_accuracy"]) == (2, 0.5)
    assert score(GOLD, PREDICTED)["fr"]["troops_scored"] == 0


def test_counts_given_where_the_gold_states_none_are_reported_apart():
    """The RU->ML deployment has no gold count but was given 1,000: one unstated count."""
    row = score(GOLD, PREDICTED)["all"]
    assert row["troops_unstated"] == 1
    assert score(GOLD, PREDICTED)["fr"]["troops_unstated"] == 0
