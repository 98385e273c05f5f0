"""The decision step: accept or reject candidates, score them, and merge them into events.

Rules now; a trained classifier can replace `confidence` (same inputs, same 0..1 output) without
touching candidate generation or merging.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from daemon.extract.candidates import Candidate
from daemon.model import Event, EventType, Place

THRESHOLD = 0.5
MAX_OPERATION_DISTANCE = 12  # words; farther actors are usually bystanders of someone else's attack
_TYPE_ORDER = {kind: i for i, kind in enumerate(EventType)}
# Types whose triggers already say "military" (an accord, an expulsion order) or a strike.
_NEEDS_MILITARY = (EventType.DEPLOY, EventType.WITHDRAW, EventType.EXPEL, EventType.OPERATION)


def rejected(candidate: Candidate, hosts: frozenset[str]) -> bool:
    """Hard rules: what is never an event whatever the score."""
    return (
        candidate.actor == candidate.host
        or candidate.host not in hosts
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
    score += 0.05 if candidate.troops or candidate.places else 0.0
    return round(min(score, 0.95), 3)


def decide(candidates: Sequence[Candidate], hosts: frozenset[str]) -> list[Event]:
    """Accepted candidates merged into one event per (type, actor, host), in a stable order."""
    groups: dict[tuple[EventType, str, str], list[tuple[Candidate, float]]] = {}
    for candidate in candidates:
        if rejected(candidate, hosts):
            continue
        score = confidence(candidate)
        if score >= THRESHOLD:
            key = (candidate.type, candidate.actor, candidate.host)
            groups.setdefault(key, []).append((candidate, score))
    events = [_merge(members) for members in groups.values()]
    return sorted(events, key=_order)


def _order(event: Event) -> tuple[int, str, str]:
    """Stable output order: by type, then actor, then host."""
    return (_TYPE_ORDER[event.type], event.actor, event.host)


def _merge(members: list[tuple[Candidate, float]]) -> Event:
    """One event from the accepted candidates of one key; the best-scored one leads."""
    ranked = sorted(members, key=lambda pair: (-pair[1], pair[0].sentence_index))
    lead = ranked[0][0]
    in_text_order = sorted((c for c, _s in members), key=lambda c: c.sentence_index)
    troops = next((c.troops for c, _s in ranked if c.troops), None)
    bonus = 0.05 * (len({c.sentence_index for c in in_text_order}) - 1)
    return Event(
        type=lead.type,
        actor=lead.actor,
        host=lead.host,
        evidence=tuple(dict.fromkeys(c.sentence for c in in_text_order)),
        confidence=round(min(ranked[0][1] + bonus, 0.99), 3),
        actor_force=next((c.force for c, _s in ranked if c.force), None),
        status=next((c.status for c, _s in ranked if c.status), None),
        troops=troops.value if troops else None,
        troops_approximate=troops.approximate if troops else False,
        places=_places(c.places for c in in_text_order),
        event_date=next((c.event_date for c, _s in ranked if c.event_date), None),
    )


def _places(groups: Iterable[tuple[Place, ...]]) -> tuple[Place, ...]:
    """Distinct places in order of first mention."""
    seen: dict[str, Place] = {}
    for group in groups:
        for place in group:
            seen.setdefault(place.name, place)
    return tuple(seen.values())
