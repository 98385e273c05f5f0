"""The parts of a sentence that decide which states a trigger's event reads: its clauses, an
opening "as/while" or "since" clause, what follows the trigger (a source, an occasion, a standing
presence, a contrasting "while" clause), and a noun's "of" and "from" complements. Casting
(cast.py) reads them."""

from __future__ import annotations

import re

from daemon.extract.gazetteer import Mention

# "as jihadists advanced in neighbouring Mali, Paris sent special forces to Arlit": the
# opening clause's place is its own
_OPENING_CLAUSE = re.compile(
    r"^\W*(?:[^,;]{0,40},\s*)?(?:as|while|when|whereas|alors que|tandis que|lorsque|quand)\b"
    r"[^,;]*$",
    re.IGNORECASE,
)


# "Since the French left, ...", "Depuis le départ de la Minusma, ...": a time clause
_SINCE_CLAUSE = re.compile(r"^\W*(?:since|after|following|depuis|apr[èe]s)\b[^,;]*$", re.IGNORECASE)


def in_opening_clause(sentence: str, mention: Mention, at: int, *, since: bool = False) -> bool:
    """Whether `mention` sits in a subordinate clause closed by a comma before the trigger
    ("as", "while"; with `since`, also a time clause opening the sentence)."""
    if mention.end > at or "," not in sentence[mention.end : at]:
        return False
    before = sentence[: mention.start]
    return bool(_OPENING_CLAUSE.search(before) or (since and _SINCE_CLAUSE.search(before)))


_OCCASION = re.compile(
    r"\b(?:after|following|après(?!-)|suite à|à la suite)\b[^.;«»\"“”]*$", re.IGNORECASE
)


# "l'arrivée des premiers contingents estoniens", "the departure of the last French troops"
_OF_COMPLEMENT = re.compile(
    r"^\s*(?:of|des|du|de)\s*(?:the\s+|la\s+|l')?(?:[\w-]+\s+){0,3}?$", re.IGNORECASE
)


_FROM_COMPLEMENT = re.compile(
    r"^\s*(?:(?:of|des|du|de)\s+)?(?:[\w,.'’-]+\s+){0,6}?(?:from|out of|de|du|hors du)\s+"
    r"(?:the\s+|la\s+|le\s+|l')?(?:neighbou?ring\s+|voisin\s+)?$",
    re.IGNORECASE,
)


def from_complement(sentence: str, end: int, mention: Mention) -> bool:
    """Whether `mention` is the "from" place in the complement of a noun ending at `end`."""
    return mention.start >= end and bool(_FROM_COMPLEMENT.match(sentence[end : mention.start]))


def of_complement(sentence: str, end: int, mention: Mention) -> bool:
    """Whether `mention` is in the "of" complement of a noun ending at `end`."""
    return mention.start >= end and bool(_OF_COMPLEMENT.match(sentence[end : mention.start]))


# "expelled French forces and turned to Russia": a new verb after "and" starts another clause.
_CLAUSE_BREAK = re.compile(
    r"[;:(]|\s[-–—]\s|,\s*(?:and|but|while|whereas|et|mais|tandis)\b|"
    # a relative or a person's whereabouts: "..., exilé en Guinée équatoriale"
    r",\s*(?:who|which|whose|qui|dont|now|exiled|living|born|exil[ée]e?s?|n[ée]e?s?)\b|"
    r"\b(?:and|but|et|mais)\s+(?:then\s+|later\s+|also\s+)?[a-z]+ed\b|"
    r"\b(?:et|mais)\s+(?:a\s+|ont\s+|avait\s+|avaient\s+)?(?:aussi\s+|ensuite\s+)?"
    r"[a-zéè]+[ée](?:e|s|es)?\s",
)


def same_clause(sentence: str, mention: Mention, at: int) -> bool:
    """Whether nothing between the mention and offset `at` starts another clause."""
    low, high = sorted((mention.end, at)) if mention.end <= at else sorted((at, mention.start))
    return not _CLAUSE_BREAK.search(sentence[low:high])


# After the trigger, these start a part of the sentence whose states are not its actors: a
# source ("said the statement, signed by France, Germany"), or a place's standing presence
# ("attacked Diffa, where Chadian troops are based").
_ASIDE = re.compile(
    r"\b(?:said|says|told|according to|signed by|endorsed by|selon|sign[ée]e? par|"
    r"(?:a|ont|avait|avaient) (?:annoncé|indiqué|déclaré|affirmé|précisé|dit))\b|"
    r",\s*(?:where|où|in which|dans lequel|dans laquelle)\b",
    re.IGNORECASE,
)


def outside(sentence: str, mention: Mention, at: int) -> bool:
    """Whether a mention after the trigger belongs to an occasion, a source or a presence aside."""
    if mention.start <= at:
        return False
    between = sentence[at : mention.start]
    # the trigger's own verb may be a reporting one ("said French forces must leave")
    aside = next((m for m in _ASIDE.finditer(between) if m.start() > 0), None)
    return bool(_OCCASION.search(between) or aside)


# "retook Damasak, while Cameroon sealed its side of the border": another clause, its own states
_WHILE = re.compile(r"\b(?:while|whereas|tandis que|alors que)\b", re.IGNORECASE)


def in_while_clause(sentence: str, mention: Mention, at: int) -> bool:
    """Whether a mention after the trigger sits in a contrasting "while" clause."""
    return mention.start > at and bool(_WHILE.search(sentence, at, mention.start))
