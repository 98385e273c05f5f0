"""Who a sentence makes the subject of its verb: a state just before a sending verb, the
antecedent of "qui"/"which", the state a later "it"/"il" stands for, and the owner of forces a
possessive names ("its troops", "ses Casques bleus"). Casting (cast.py) reads them."""

from __future__ import annotations

import itertools
import re

from daemon.extract.gazetteer import Form, Mention
from daemon.extract.mention_cues import COORD
from daemon.extract.roles import Role

SUBJECT_FORMS = (Form.NAME, Form.SEAT)


# between a state and its verb: "Chad has", "Niger's parliament approved", "Le Tchad a aussi"
_SUBJECT_GAP = re.compile(
    r"^(?:'s\s+(?:government|parliament|army|military|president|junta|leaders?)\s+"
    r"(?:\w+\s+){0,2}?)?\s*(?:(?:has|have|had|will|would|is to|plans to|is set to|also|already|"
    r"then|on \w+day|a|ont|avait|va|doit|aussi|d[ée]j[àa]|alors|each|chacun|together|ensemble)"
    r"\s+)*"
    # "Chad decided the dispatch of", "Niger's parliament approved sending"
    r"(?:(?:decided|approved|announced|ordered|voted|agreed|d[ée]cid[ée]|annonc[ée]|approuv[ée]|"
    r"ordonn[ée]|vot[ée])\s+(?:to\s+|de\s+|d'|on\s+)?(?:the\s+|l'|le\s+|la\s+)?)?$",
    re.IGNORECASE,
)


# "it"/"il"/"elle" as the trigger's subject, after a reporting verb or opening a later clause
_PRONOUN_SUBJECT = re.compile(
    r"(?:\b(?:said|says|announced|declared|added|a (?:annoncé|déclaré|indiqué|affirmé|précisé)|"
    r"annonce|affirme|(?:a|ont|avait) fait savoir)\s+(?:that\s+|qu['’]\s*)?|"
    # "Romania is due to fill the gap in October, when it sends": a later clause's subject
    r"(?:\b(?:when|as|and|but|because|quand|et|mais|car)|\blorsqu['’]|,)\s*)"
    r"(?:it|il|elle)\s+(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
# (after an opening phrase: "Hors du cadre de la Cédéao, N'Djamena a fait savoir qu'il...")
_SENTENCE_SUBJECT = re.compile(
    r"^\W*(?:[^,;]{0,60},\s*)?(?:the\s+|le\s+|la\s+|l['’])?$", re.IGNORECASE
)


# a later clause opening on its subject: ", and Chad", ", et le Tchad"
_CLAUSE_SUBJECT = re.compile(
    r",\s*(?:and|but|while|et|mais|tandis que)\s+(?:the\s+|le\s+|la\s+|l['’])?$", re.IGNORECASE
)


_RELATIVE = re.compile(r"^\s*,\s*(?:qui|which|who)\s+(?:[\w'’-]+\s+){0,3}?$", re.IGNORECASE)


def mark_senders(sentence: str, coded: list[Mention], roles: dict[int, Role], at: int) -> None:
    """Mark as actors the states a sending verb names as its subject: "avec l'appui du Tchad,
    qui a dépêché des soldats" (a relative's antecedent), "Chad has sent troops alongside French
    forces" (the subject)."""
    for m in coded:
        gap = sentence[m.end : at]
        if m.end <= at and (
            _RELATIVE.match(gap) or (m.form in SUBJECT_FORMS and _SUBJECT_GAP.match(gap))
        ):
            roles[id(m)] = Role.ACTOR
    # "Chad, whose border runs..., said it had sent reinforcements": the pronoun is the subject
    # of the clause it is in ("Niger pledged 500, and Chad, which ..., said it would send 2,000")
    pronoun = _PRONOUN_SUBJECT.search(sentence[:at])
    subject = clause_subject(sentence, coded, pronoun.start()) if pronoun else None
    if subject is not None:
        roles[id(subject)] = Role.ACTOR


def clause_subject(sentence: str, coded: list[Mention], before: int) -> Mention | None:
    """The state that opens the sentence or its last clause before offset `before`, as the
    subject of what follows ("Le Tchad, qui a payé un lourd tribut, a annoncé")."""
    subjects = [
        m
        for m in coded
        if m.end <= before
        and (
            _SENTENCE_SUBJECT.match(sentence[: m.start])
            or _CLAUSE_SUBJECT.search(sentence, 0, m.start)
        )
    ]
    return subjects[-1] if subjects and subjects[-1].form in SUBJECT_FORMS else None


def owns_forces_after(sentence: str, end: int) -> bool:
    """Whether the noun ending at `end` has the subject's own forces as its complement: "le
    retrait de ses quelque 2 000 soldats", "the withdrawal of its troops"."""
    return bool(_OWNED_COMPLEMENT.match(sentence, end))


_POSSESSIVE = r"\b(?:its|their|ses|leurs)\s+"
# "its troops", "ses soldats": forces the sentence's subject owns
_POSSESSED = re.compile(
    rf"{_POSSESSIVE}(?:own\s+)?(?:[\w-]+\s+){{0,4}}?(?:troops|forces|soldiers|"
    r"units|contingents?|peacekeepers|jets|warplanes|aircraft|helicopters|drones|soldats|"
    r"militaires|troupes|casques bleus|"
    r"unit[ée]s|hommes|avions|h[ée]licopt[èe]res)\b",
    re.IGNORECASE,
)


_OWNED_COMPLEMENT = re.compile(rf"\s+(?:of|de|d')\s*{_POSSESSED.pattern}", re.IGNORECASE)


# (singular only: "their deployment" may be the forces' own, named just before)
_OWNS_SINGULAR = re.compile(r"\b(?:its|son|sa)\s+$", re.IGNORECASE)
_CLAUSE_STOP = re.compile(r"[;:]")


def possessive_owner(sentence: str, coded: list[Mention], at: int) -> Mention | None:
    """The clause's subject when a singular possessive stands right before offset `at`: "Le Mali
    a annoncé son retrait" (not the last state named: "sa base de Faya, dans le nord du Tchad,
    première étape de son départ" is the subject's departure)."""
    owns = _OWNS_SINGULAR.search(sentence, max(0, at - 8), at)
    subject = clause_subject(sentence, coded, owns.start()) if owns else None
    if subject is None or _CLAUSE_STOP.search(sentence, subject.end, at):
        return None
    return subject


# "ses Casques bleus": the possessive owns the forces mention itself
_OWNS_NEXT = re.compile(rf"{_POSSESSIVE}$", re.IGNORECASE)


def possessive_start(sentence: str, first: int) -> int | None:
    """Where the possessive naming forces that end by offset `first` starts ("its troops, working
    with Chadian units" before "Chadian"; "ses Casques bleus"), or None."""
    owned = [p for p in _POSSESSED.finditer(sentence, 0, first) if p.end() <= first]
    # (a possessive is a few characters long: only the end of the text before can hold it)
    own = owned[-1] if owned else _OWNS_NEXT.search(sentence, max(0, first - 8), first)
    return None if own is None else own.start()


def sending_subjects(sentence: str, coded: list[Mention], starts: list[int]) -> frozenset[int]:
    """Ids of the mentions a sending verb starting at one of `starts` has as its subject, with
    the states listed with them ("Niger and Togo have each pledged 500 soldiers"): senders in
    their own clause, never where another clause's forces go."""
    found: set[int] = set()
    for at in starts:
        roles = {id(m): Role.OPEN for m in coded}
        mark_senders(sentence, coded, roles, at)
        found |= {key for key, role in roles.items() if role is Role.ACTOR}
    listed = [
        (id(prev), id(cur))
        for prev, cur in itertools.pairwise(coded)
        if COORD.match(sentence[prev.end : cur.start])
    ]
    # (walked from the end: "Senegal, Niger and Burkina Faso pledged" marks Burkina Faso)
    for prev, cur in reversed(listed):
        if cur in found:
            found.add(prev)
    return frozenset(found)
