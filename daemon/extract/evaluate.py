"""Scoring predictions against gold labels, per language: event-level P/R/F1 (overall and per event
type), article relevance P/R/F1, and troop-count accuracy.

An event matches when (type, actor, host) agree within the same article; a matched event's troop
count is right when it equals the gold count, scored only where the gold count is not null. Pure:
the CLI reads the gold file and runs the extractor, this only counts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from daemon.model import Event

Key = tuple[str, str, str]


@dataclass(slots=True)
class _Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[Any], predicted: set[Any]) -> None:
        """Count one comparison of gold against predicted items."""
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def report(self) -> dict[str, float | int]:
        """The counts with precision, recall and F1; a ratio with an empty denominator is 0.0."""
        precision = _ratio(self.tp, self.tp + self.fp)
        recall = _ratio(self.tp, self.tp + self.fn)
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(_ratio(2 * precision * recall, precision + recall), 4),
        }


@dataclass(slots=True)
class _Tally:
    """Running counts for one slice of the gold set."""

    events: _Counts = field(default_factory=_Counts)
    relevance: _Counts = field(default_factory=_Counts)
    types: dict[str, _Counts] = field(default_factory=dict)
    articles: int = 0
    relevance_correct: int = 0
    troops_scored: int = 0
    troops_correct: int = 0
    troops_unstated: int = 0  # a count given where the gold states none

    def add(
        self, gold: Mapping[Key, int | None], predicted: Mapping[Key, int | None], relevant: bool
    ) -> None:
        """Count one article: gold and predicted troop counts keyed by (type, actor, host)."""
        self.events.add(set(gold), set(predicted))
        self.relevance.add({True} if relevant else set(), {True} if predicted else set())
        for kind in {key[0] for key in (*gold, *predicted)}:
            self.types.setdefault(kind, _Counts()).add(
                {k for k in gold if k[0] == kind}, {k for k in predicted if k[0] == kind}
            )
        self.articles += 1
        self.relevance_correct += relevant == bool(predicted)
        for key in set(gold) & set(predicted):
            if gold[key] is not None:
                self.troops_scored += 1
                self.troops_correct += gold[key] == predicted[key]
            else:
                self.troops_unstated += predicted[key] is not None

    def report(self) -> dict[str, Any]:
        """Counts and ratios of the slice: events, relevance, per type and troop counts."""
        relevance = self.relevance.report()
        return {
            "articles": self.articles,
            **self.events.report(),
            "relevance_accuracy": round(_ratio(self.relevance_correct, self.articles), 4),
            "relevance_precision": relevance["precision"],
            "relevance_recall": relevance["recall"],
            "relevance_f1": relevance["f1"],
            "troops_scored": self.troops_scored,
            "troops_accuracy": round(_ratio(self.troops_correct, self.troops_scored), 4),
            "troops_unstated": self.troops_unstated,
            "types": {kind: self.types[kind].report() for kind in sorted(self.types)},
        }


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def gold_keys(record: Mapping[str, Any]) -> set[Key]:
    """The (type, actor, host) triples of one gold line."""
    return {(str(e["type"]), str(e["actor"]), str(e["host"])) for e in record.get("events", [])}


def differences(record: Mapping[str, Any], events: Sequence[Event]) -> list[str]:
    """Readable lines for the missed (-) and spurious (+) events of one article."""
    keys = gold_keys(record)
    found = {(e.type.value, e.actor, e.host) for e in events}
    ident = record.get("id", "?")
    return [f"{ident}: - {' '.join(k)}" for k in sorted(keys - found)] + [
        f"{ident}: + {' '.join(k)}" for k in sorted(found - keys)
    ]


def score(
    gold: Sequence[Mapping[str, Any]], predicted: Sequence[Sequence[Event]]
) -> dict[str, Any]:
    """Scores overall ("all") and per gold `lang`; `predicted[i]` are the events of `gold[i]`.

    Each slice has event tp/fp/fn/precision/recall/f1, relevance accuracy and P/R/F1, troop-count
    accuracy over matched events with a gold count (`troops_scored` of them), `troops_unstated`
    (matched events given a count where the gold states none), and `types`: event
    P/R/F1 per event type."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold articles but {len(predicted)} predictions")
    tallies: dict[str, _Tally] = {"all": _Tally()}
    for record, events in zip(gold, predicted, strict=True):
        keys = _gold_troops(record)
        relevant = bool(record.get("relevant", bool(keys)))
        found = {(e.type.value, e.actor, e.host): e.troops for e in events}
        lang = str(record.get("lang") or "unknown")
        for name in ("all", lang):
            tallies.setdefault(name, _Tally()).add(keys, found, relevant)
    return {name: tally.report() for name, tally in sorted(tallies.items())}


def _gold_troops(record: Mapping[str, Any]) -> dict[Key, int | None]:
    """The gold triples of one line with their troop counts (None when not stated)."""
    return {
        (str(e["type"]), str(e["actor"]), str(e["host"])): (
            int(e["troops"]) if e.get("troops") is not None else None
        )
        for e in record.get("events", [])
    }
