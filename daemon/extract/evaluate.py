"""Scoring predictions against gold labels: event-level P/R/F1 and article relevance, per language.

An event matches when (type, actor, host) agree within the same article; troops and places are not
scored here. Pure: the CLI reads the gold file and runs the extractor, this only counts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from daemon.model import Event

Key = tuple[str, str, str]


@dataclass(slots=True)
class _Tally:
    """Running counts for one slice of the gold set."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    articles: int = 0
    relevance_correct: int = 0

    def add(self, gold: set[Key], predicted: set[Key], relevant: bool) -> None:
        """Count one article."""
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)
        self.articles += 1
        self.relevance_correct += relevant == bool(predicted)

    def report(self) -> dict[str, float | int]:
        """Counts and ratios; a ratio with an empty denominator is 0.0."""
        precision = _ratio(self.tp, self.tp + self.fp)
        recall = _ratio(self.tp, self.tp + self.fn)
        return {
            "articles": self.articles,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(_ratio(2 * precision * recall, precision + recall), 4),
            "relevance_accuracy": round(_ratio(self.relevance_correct, self.articles), 4),
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
    """Scores overall ("all") and per gold `lang`; `predicted[i]` are the events of `gold[i]`."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold articles but {len(predicted)} predictions")
    tallies: dict[str, _Tally] = {"all": _Tally()}
    for record, events in zip(gold, predicted, strict=True):
        keys = gold_keys(record)
        relevant = bool(record.get("relevant", bool(keys)))
        found = {(e.type.value, e.actor, e.host) for e in events}
        lang = str(record.get("lang") or "unknown")
        for name in ("all", lang):
            tallies.setdefault(name, _Tally()).add(keys, found, relevant)
    return {name: tally.report() for name, tally in sorted(tallies.items())}
