"""The decision step: accept or reject candidates, score them, and merge them into events.

Two ways to decide: the rules (`rejected` and `confidence`), or a trained `Scorer` (see
decider.py) that gives each candidate its probability of being a real event; with a scorer the rules
keep only the hard constraints of the contract (`impossible`). Merging is the same either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from daemon.extract.candidates import Candidate
from daemon.extract.contingents import MULTINATIONAL
from daemon.model import Event, EventType, Place

Key = tuple[EventType, str, str]
Scored = tuple[Candidate, float]

THRESHOLD = 0.5
MAX_OPERATION_DISTANCE = 12  # words; farther actors are usually bystanders of someone else's attack
_TYPE_ORDER = {kind: i for i, kind in enumerate(EventType)}
# Types whose triggers already say "military" (an accord, an expulsion order) or a strike.
_NEEDS_MILITARY = (EventType.DEPLOY, EventType.WITHDRAW, EventType.EXPEL, EventType.OPERATION)


class Scorer(Protocol):
    """A trained decision: P(real event) per candidate, and the acceptance threshold."""

    @property
    def threshold(self) -> float:
        """Candidates scoring at least this are accepted."""
        ...

    def __call__(self, candidates: Sequence[Candidate]) -> list[float]:
        """One probability per candidate, in order."""
        ...


def impossible(candidate: Candidate, hosts: frozenset[str]) -> bool:
    """What the contract rules out whatever the wording: an army in its own country, or a host
    outside the configured set."""
    return candidate.actor == candidate.host or candidate.host not in hosts


def rejected(candidate: Candidate, hosts: frozenset[str]) -> bool:
    """The rules' rejections: impossible, negated or hypothetical, a mere presence, no military
    wording, equipment only, or a strike with no nearby actor."""
    return (
        impossible(candidate, hosts)
        or candidate.blocked
        or candidate.presence
        or (candidate.type in _NEEDS_MILITARY and not candidate.military)
        or (candidate.type is EventType.DEPLOY and not candidate.personnel)
        or (candidate.type is EventType.OPERATION and _loose_operation(candidate, hosts))
    )


def _loose_operation(candidate: Candidate, hosts: frozenset[str]) -> bool:
    """A strike must name whose forces took part, close to it; a Sahel army fighting with no
    place named is most likely at home, not abroad."""
    return (
        candidate.actor_carried
        or candidate.actor_distance > MAX_OPERATION_DISTANCE
        or (candidate.host_carried and candidate.actor in hosts)
    )


def confidence(candidate: Candidate) -> float:
    """How sure the rules are: trigger strength, and whether actor and host were in the sentence."""
    score = 0.4 if candidate.trigger.weak else 0.55
    score += 0.0 if candidate.actor_carried else 0.2
    score += 0.0 if candidate.host_carried else 0.15
    score += 0.05 if candidate.places or candidate.troops else 0.0
    return round(min(score, 0.95), 3)


def decide(
    candidates: Sequence[Candidate], hosts: frozenset[str], scorer: Scorer | None = None
) -> list[Event]:
    """Accepted candidates merged into one event per (type, actor, host), in a stable order;
    `scorer` decides when given, else the rules do."""
    groups: dict[Key, list[Scored]] = {}
    for candidate, score in _scored(candidates, hosts, scorer):
        if score >= (scorer.threshold if scorer else THRESHOLD):
            key = (candidate.type, candidate.actor, candidate.host)
            groups.setdefault(key, []).append((candidate, score))
    events = [_merge(members) for key, members in groups.items() if not _framed(key, groups)]
    return sorted(events, key=_order)


def _framed(key: tuple[EventType, str, str], groups: Mapping[Key, list[Scored]]) -> bool:
    """A mission's action that the article tells as one national contingent's: "ten Chadian
    peacekeepers killed in an attack on the UN camp" is Chad's (the contract's contingent rule)."""
    kind, actor, host = key
    if kind is not EventType.OPERATION or actor not in MULTINATIONAL:
        return False
    return any(
        other[0] is kind
        and other[2] == host
        and other[1] not in MULTINATIONAL
        and any(_NATIONAL_CONTINGENT.search(c.sentence) for c, _s in members)
        for other, members in groups.items()
    )


# a nationality on the contingent itself ("Chadian peacekeepers", "casques bleus tchadiens", "le
# contingent nigérien"), not beside it ("peacekeepers and French soldiers fought")
_NATIONAL_CONTINGENT = re.compile(
    r"\b[A-Z][a-zé]+(?:ian|ese|ish|an|i|ais|ien|ienne|ois|ain)s?\s+(?:peacekeep\w*|blue helmets|"
    r"contingents?|troops of the UN)|(?:peacekeepers|casques bleus) (?:from|de|du) [A-Z]|"
    r"\b(?:casques? bleus?|contingents?|soldats de la paix)\s+[a-zé]+(?:ien|ienne|ais|aise|ois|"
    r"oise|ain|aine|ite)s?\b"
)


def _scored(
    candidates: Sequence[Candidate], hosts: frozenset[str], scorer: Scorer | None
) -> list[tuple[Candidate, float]]:
    """The candidates that may be events, each with its score."""
    if scorer is None:
        kept = [c for c in candidates if not rejected(c, hosts)]
        return [(c, confidence(c)) for c in kept]
    kept = [c for c in candidates if not impossible(c, hosts)]
    return list(zip(kept, scorer(kept), strict=True)) if kept else []


def _order(event: Event) -> tuple[int, str, str]:
    """Stable output order: by type, then actor, then host."""
    return (_TYPE_ORDER[event.type], event.actor, event.host)


def _merge(members: list[tuple[Candidate, float]]) -> Event:
    """One event from the accepted candidates of one key; the best-scored one leads."""
    ranked = sorted(members, key=lambda pair: (-pair[1], pair[0].sentence_index))
    lead = ranked[0][0]
    in_text_order = sorted((c for c, _s in members), key=lambda c: c.sentence_index)
    troops = next((t for c, _s in ranked if (t := c.troops)), None)
    bonus = 0.05 * (len({c.sentence_index for c in in_text_order}) - 1)
    return Event(
        type=lead.type,
        actor=lead.actor,
        host=lead.host,
        evidence=tuple(dict.fromkeys(c.sentence for c in in_text_order)),
        confidence=round(min(ranked[0][1] + bonus, 0.99), 3),
        actor_force=next((c.force for c, _s in ranked if c.force), None),
        status=next((st for c, _s in ranked if (st := c.status)), None),
        troops=troops.value if troops else None,
        troops_approximate=troops.approximate if troops else False,
        places=_places(c.places for c in in_text_order),
        event_date=next((d for c, _s in ranked if (d := c.event_date)), None),
    )


def _places(groups: Iterable[tuple[Place, ...]]) -> tuple[Place, ...]:
    """Distinct places in order of first mention."""
    seen: dict[str, Place] = {}
    for group in groups:
        for place in group:
            seen.setdefault(place.name, place)
    return tuple(seen.values())
