"""National contingents and the missions they serve in: the contract's contingent rule.

EVENTS.md: a report about one state's contingent inside a UN mission has that state as the
actor ("Chadian soldiers serving with MINUSMA", "le contingent tchadien de la Minusma",
"Casques bleus chinois"); the corpus applies it to every multinational force
(tests/data/README.md, rule 1). Casting (cast.py), the story's memory (context.py) and the
decision (decide.py) read the same rule from here.
"""

from __future__ import annotations

import re

from daemon.extract.gazetteer import Form, Mention

# the bodies whose missions are made of national contingents
MULTINATIONAL = frozenset({"UN", "EU", "ECOWAS", "AU"})


def contingents(sentence: str, actors: list[Mention]) -> list[Mention]:
    """Drop a multinational force that only frames a state's contingent: in "Chadian soldiers
    serving with MINUSMA" the actor is Chad (the contract's rule for national contingents)."""
    framed = framing_missions(sentence, actors)
    # one framing names the mission's role: its other mentions in the sentence frame it too
    return [m for m in actors if m.code not in framed or m.form is Form.DEMONYM]


def framing_missions(sentence: str, mentions: list[Mention]) -> set[str]:
    """Codes of the missions or forces that `mentions` name only as the frame of a state's
    contingent ("Britain's contribution to Minusma", "le contingent tchadien de la Minusma")."""
    missions = [m for m in mentions if m.code and (m.code in MULTINATIONAL or m.form is Form.FORCE)]
    if not missions:
        return set()  # most sentences: the pairs below would be read for nothing
    return {
        m.code
        for state in mentions
        if state.code not in MULTINATIONAL and state.form is not Form.FORCE
        for m in missions
        if m.code and state.code != m.code and _frames(sentence, m, state)
    }


def _frames(sentence: str, mission: Mention, state: Mention) -> bool:
    """Whether `mission` names the body `state`'s contingent serves in: "le contingent tchadien
    de la Minusma", "Casques bleus chinois"."""
    if state.end <= mission.start:
        return bool(_CONTINGENT_GAP.match(sentence[state.end : mission.start]))
    gap = sentence[mission.end : state.start]
    # "Casques bleus chinois"; "U.N. peacekeepers from Burkina Faso"
    return (state.form is Form.DEMONYM and not gap.strip()) or bool(_FROM_STATE.match(gap))


_FROM_STATE = re.compile(
    r"^\s+(?:peacekeepers|troops|soldiers|casques bleus|soldats)\s+(?:from|de|du|des)\s+"
    r"(?:the\s+|la\s+|l')?$",
    re.IGNORECASE,
)


# "Chadian soldiers serving with MINUSMA", "le contingent tchadien de la Minusma": the state acts.
_CONTINGENT_GAP = re.compile(
    r"^(?:'s)?\s+(?:[\w-]+\s+){0,3}?(?:serving (?:with|in)|with|within|in|of|to|de la|de l'|du|"
    r"à la|à l'|"
    r"au sein de la|au sein de l')\s*(?:the\s+)?(?:[\w-]+\s+){0,5}?(?:des\s+|of\s+)?$",
    re.IGNORECASE,
)
