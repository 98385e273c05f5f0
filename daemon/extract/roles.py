"""Which state in a sentence sends the forces (actor) and which receives them (host).

Decided from surface cues that hold in both languages: a demonym next to a personnel noun names the
forces ("French troops", "soldats français"); a location preposition names the place ("into
Cameroon", "au Mali"); what is left is split by whether the state can be a host at all.
"""

from __future__ import annotations

import enum
import itertools
import re
from dataclasses import dataclass

from daemon.extract.gazetteer import Form, Mention

_PERSONNEL = (
    r"(?:troops|soldiers|forces|military|army|armed forces|personnel|contingents?|peacekeepers|"
    r"trainers|instructors|advis[eo]rs|mercenaries|jets|special forces|air force|drones|"
    r"paratroopers|legionnaires|servicemen|marines|units|battalions?|navy|warplanes|commandos|"
    r"bases?|garrison|contingent|troupes|soldats|militaires|forces armées|armée|contingent|"
    r"instructeurs|mercenaires|casques bleus|avions|paras|hommes|conseillers|unités|bataillons?|"
    r"forces spéciales|éléments|effectifs|légionnaires|paramilit\w+|fighters|reinforcements|"
    r"formateurs|combattants|renforts|casques? bleus?|soldat|militaire|troupes?|soldier|"
    r"peacekeeper)"
)
# "French troops", "Chad's army", "American and French forces", "U.S.-led forces".
_QUALIFIER = (
    r"(?:military|armed|special|combat|elite|ground|regular|militaires|arm[ée]es|sp[ée]ciales)"
)
_NOUN_AFTER = re.compile(
    rf"^(?:'s)?(?:\s*(?:,|and|et)\s*[A-Z]\w+)*(?:-led|-backed)?\s+(?:{_QUALIFIER}\s+)?{_PERSONNEL}\b"
)
# "soldats français", "instructeurs militaires russes", "troops from Chad".
_NOUN_BEFORE = re.compile(
    rf"\b{_PERSONNEL}(?:\s+{_QUALIFIER})?\s+(?:(?:from|of|de|du|des)\s+(?:the\s+|la\s+|l')?)?$",
    re.IGNORECASE,
)
_LEFT_PLACE = re.compile(r"\b(?:from|du|de|des)\s+(?:the\s+|la\s+|l')?$", re.IGNORECASE)
# "Chadian soldiers serving with MINUSMA", "le contingent tchadien de la Minusma": the state acts.
_CONTINGENT_GAP = re.compile(
    r"^(?:'s)?\s+(?:[\w-]+\s+){0,3}?(?:serving (?:with|in)|with|within|in|of|de la|de l'|du|"
    r"au sein de la|au sein de l')\s*(?:the\s+)?(?:[\w-]+\s+){0,3}?$",
    re.IGNORECASE,
)
_MULTINATIONAL = frozenset({"UN", "EU", "ECOWAS", "AU"})
_HOST_PREP = re.compile(
    r"\b(?:in|into|to|from|out of|across|inside|throughout|within|towards?|en|au|aux|du|dans|"
    r"vers|hors du|hors de|depuis|sur le sol|left|leave|leaving|quit|quitt\w+|de)\s+"
    r"(?:the\s+|la\s+|le\s+|l')?(?:(?:north|south|east|west|central|neighbou?ring|remote)"
    r"\w*\s+)?$",
    re.IGNORECASE,
)
# "the border with Mali", "la frontière algérienne": a neighbour, neither side of the event.
_NEIGHBOUR_BEFORE = re.compile(
    r"\b(?:borders?|bordering|frontières?|neighbou?r\w*|voisin\w*|limitroph\w*)\s+"
    r"(?:with\s+|avec\s+)?(?:the\s+|le\s+|la\s+|l')?$",
    re.IGNORECASE,
)
# "a military source in Dakar said": where the speaker is, not where the event is.
_SPEAKER_PLACE = re.compile(
    r"\b(?:sources?|officials?|responsables?|diplomat\w*|correspondents?|correspondant\w*|"
    r"spokes\w+|porte-parole)(?:\s+[\w-]+){0,2}?\s+(?:in|at|à|based in|bas[ée]\w* à)\s+$",
    re.IGNORECASE,
)
# "pulled back since the coups in Mali": a state named to date something else is not its place.
_TIME_PLACE = re.compile(
    r"\b(?:since|after|following|before|depuis|après|avant)\s+(?:the\s+|les?\s+|la\s+|l')?"
    r"(?:coups?|putschs?|coups? d'[ée]tat|takeovers?|attacks?|attaques?|attentats?|elections?|"
    r"[ée]lections?|crisis|crises?|wars?|guerres?|uprisings?|rebellions?|r[ée]bellions?|"
    r"independence|ind[ée]pendance)\s+(?:in|en|au|aux|du|of|de)\s+(?:the\s+|la\s+|le\s+|l')?$",
    re.IGNORECASE,
)
_ORIGIN = re.compile(r"\b(?:from|depuis)\s+(?:the\s+)?$", re.IGNORECASE)
_CIVILIAN_AFTER = re.compile(
    r"^\s+(?:embass(?:y|ies)|consulates?|nationals|citizens|tourists|hostages?|journalists?|"
    r"aid workers|companies|firms|ambassade|consulat|ressortissants|otages?|journalistes?|"
    r"entreprises?|soci[ée]t[ée]s?)\b",
    re.IGNORECASE,
)
_NEIGHBOUR_AFTER = re.compile(r"^(?:'s)?\s+(?:border|frontier)", re.IGNORECASE)
# Stricter: a state outside the host set only counts as the event's place with these.
_ELSEWHERE_PREP = re.compile(
    r"\b(?:in|into|to|inside|en|au|aux|dans|vers)\s+(?:the\s+|la\s+|le\s+|l')?$", re.IGNORECASE
)


class Role(enum.StrEnum):
    """A mention's part in the event."""

    ACTOR = "actor"
    WEAK_ACTOR = "weak actor"  # a foreign demonym with no forces named ("the French minister")
    HOST = "host"
    NEIGHBOUR = "neighbour"  # named as a border or neighbour: not part of the event
    ELSEWHERE = "elsewhere"  # a non-host state named as the place: the event is not in the Sahel
    OPEN = "open"  # no cue either way


@dataclass(frozen=True, slots=True)
class Cast:
    """The actors and hosts a sentence gives a trigger, nearest coordinated group first."""

    actors: tuple[Mention, ...]
    hosts: tuple[str, ...]
    elsewhere: bool
    hosts_cued: bool = False  # a preposition, not mere absence of an actor, made them hosts
    host_mentions: tuple[Mention, ...] = ()


def role_of(
    sentence: str,
    mention: Mention,
    hosts: frozenset[str],
    *,
    deploy: bool = False,
    leaving: bool = False,
) -> Role:
    """The role surface cues give one mention; `deploy` reads "from X" as the sender's origin,
    `leaving` (a withdrawal or an expulsion) reads "troops from X" as the place they leave."""
    before, after = sentence[: mention.start], sentence[mention.end :]
    if mention.form is Form.DEMONYM and _CIVILIAN_AFTER.match(after):
        return Role.NEIGHBOUR  # "the French embassy", "ressortissants français": no forces
    forces = _forces_role(before, after, mention, hosts, leaving=leaving)
    if forces is not None:
        return forces
    if mention.code in hosts:
        return _host_set_role(before, after, mention, deploy=deploy)
    if _NEIGHBOUR_BEFORE.search(before) or _NEIGHBOUR_AFTER.match(after):
        return Role.NEIGHBOUR
    if mention.form is Form.NAME and _ELSEWHERE_PREP.search(before):
        return Role.ELSEWHERE
    return _DEFAULT_ROLE.get(mention.form, Role.ACTOR)


def origin_place(before: str) -> bool:
    """Whether the place after `before` is where deployed forces set out from."""
    return bool(_ORIGIN.search(before))


def speaker_place(before: str) -> bool:
    """Whether the place after `before` is only where a source speaks from."""
    return bool(_SPEAKER_PLACE.search(before))


def _forces_role(
    before: str, after: str, mention: Mention, hosts: frozenset[str], *, leaving: bool
) -> Role | None:
    """ACTOR when the mention names forces ("French troops", "soldats du Tchad"), except that
    forces leaving a host-set state leave it ("pulled its troops from Niger"); else None."""
    if mention.form in (Form.FORCE, Form.BODY) or _NOUN_AFTER.match(after):
        return Role.ACTOR
    noun = _NOUN_BEFORE.search(before)
    if noun is None:
        return None
    if leaving and mention.code in hosts and _LEFT_PLACE.search(noun.group()):
        return Role.HOST
    return Role.ACTOR


# A foreign demonym alone ("the French minister") is a weaker actor cue than a name.
_DEFAULT_ROLE = {Form.OTHER: Role.OPEN, Form.DEMONYM: Role.WEAK_ACTOR}


def _host_set_role(before: str, after: str, mention: Mention, *, deploy: bool) -> Role:
    """Role of a state that can host: a location preposition makes it the host."""
    if speaker_place(before) or _TIME_PLACE.search(before):
        return Role.NEIGHBOUR
    prep = _HOST_PREP.search(before)
    origin = deploy and prep is not None and prep.group().lower().startswith(("from", "depuis"))
    if prep and not origin:
        return Role.HOST  # "into neighbouring Cameroon" is a host even after "neighbouring"
    if origin and mention.form is Form.SEAT:
        return Role.NEIGHBOUR  # "flew in from Ouagadougou": where they set out from
    if _NEIGHBOUR_BEFORE.search(before) or _NEIGHBOUR_AFTER.match(after):
        return Role.NEIGHBOUR
    return Role.HOST if mention.form is Form.SEAT else Role.OPEN


def cast(
    sentence: str,
    mentions: list[Mention],
    place_hosts: list[str],
    hosts: frozenset[str],
    at: int,
    *,
    deploy: bool = False,
    leaving: bool = False,
    nominal_end: int | None = None,
) -> Cast:
    """Actors and hosts of the trigger at offset `at`, preferring the group nearest to it; a
    nominal trigger ending at `nominal_end` ("the arrival of Estonian troops") prefers the actor
    its complement names."""
    coded = [m for m in mentions if m.code]
    roles = _spread_neighbours(
        sentence,
        coded,
        {id(m): role_of(sentence, m, hosts, deploy=deploy, leaving=leaving) for m in coded},
    )
    if deploy:
        # "avec l'appui du Tchad, qui a dépêché des soldats": a relative clause's antecedent sends
        for m in coded:
            if m.end <= at and _RELATIVE.match(sentence[m.end : at]):
                roles[id(m)] = Role.ACTOR
    host_ms = [m for m in coded if roles[id(m)] is Role.HOST]
    actors, open_hosts = _actors(sentence, coded, roles, hosts, at)
    # "arrived in Mali to join Takuba", "arrived at the French base": what the forces join or
    # reach is not who sent them, when someone else in the sentence did
    actors = [m for m in actors if not _JOINED.search(sentence[: m.start])] or actors
    if nominal_end is not None:
        at = next((m.start for m in actors if _complement(sentence, nominal_end, m)), at)
    # "Turkey and Nigeria signed": a state that can host, joined to a foreign actor, is the host
    foreign = any(m.code not in hosts for m in actors)
    actor_group = _nearest_group(sentence, actors, actors if foreign else actors + open_hosts, at)
    own = {m.code for m in actor_group}
    elsewhere = (
        any(roles[id(m)] is Role.ELSEWHERE and _same_clause(sentence, m, at) for m in coded)
        and not host_ms
    )
    # "Senegalese units to deploy in the Central African Republic": the event is elsewhere
    host_ms = [m for m in host_ms if m.code not in own]
    host_pool = [] if elsewhere else [m for m in host_ms + open_hosts if m.code not in own]
    host_group = _nearest_group(sentence, host_ms or host_pool, host_pool, at)
    host_codes = [m.code for m in host_group if m.code in hosts]
    if not host_codes and not elsewhere:
        host_codes = _fallback_hosts(coded, roles, place_hosts, hosts, own if foreign else None)
    return Cast(
        tuple(m for m in actor_group if roles[id(m)] is not Role.ELSEWHERE),
        tuple(dict.fromkeys(host_codes)),
        elsewhere,
        hosts_cued=bool(host_ms),
        host_mentions=tuple(host_group),
    )


_RELATIVE = re.compile(r"^\s*,\s*(?:qui|which|who)\s+(?:[\w'’-]+\s+){0,3}?$", re.IGNORECASE)
_OCCASION = re.compile(
    r"\b(?:after|following|après(?!-)|suite à|à la suite)\b[^.;«»\"“”]*$", re.IGNORECASE
)
_JOINED = re.compile(
    r"\b(?:join|joins|joined|joining|rejoindre|rejoint|rejoignent|int[ée]grer|support|supporting|"
    r"reinforce|reinforcing|renforcer|appuyer|soutenir|at|à)\s+(?:the\s+|la\s+|le\s+|l'|an?\s+)?"
    r"(?:[\w-]+\s+){0,2}?$",
    re.IGNORECASE,
)
# "l'arrivée des premiers contingents estoniens", "the departure of the last French troops"
_OF_COMPLEMENT = re.compile(
    r"^\s*(?:of|des|du|de)\s*(?:the\s+|la\s+|l')?(?:[\w-]+\s+){0,3}?$", re.IGNORECASE
)


def _complement(sentence: str, end: int, mention: Mention) -> bool:
    """Whether `mention` is in the "of" complement of a noun ending at `end`."""
    return mention.start >= end and bool(_OF_COMPLEMENT.match(sentence[end : mention.start]))


# "expelled French forces and turned to Russia": a new verb after "and" starts another clause.
_CLAUSE_BREAK = re.compile(
    r"[;:(]|\s[-–—]\s|,\s*(?:and|but|while|whereas|et|mais|tandis)\b|"
    r"\b(?:and|but|et|mais)\s+(?:then\s+|later\s+|also\s+)?[a-z]+ed\b",
)


def _same_clause(sentence: str, mention: Mention, at: int) -> bool:
    """Whether nothing between the mention and offset `at` starts another clause."""
    low, high = sorted((mention.end, at)) if mention.end <= at else sorted((at, mention.start))
    return not _CLAUSE_BREAK.search(sentence[low:high])


def _actors(
    sentence: str, coded: list[Mention], roles: dict[int, Role], hosts: frozenset[str], at: int
) -> tuple[list[Mention], list[Mention]]:
    """The actor candidates, and the uncued host-set states left over as possible hosts."""
    # "sent troops after the attack that killed Nigerien soldiers": the occasion's forces
    framed = [m for m in coded if not (m.start > at and _OCCASION.search(sentence[at : m.start]))]
    actors = _contingents(sentence, [m for m in framed if roles[id(m)] is Role.ACTOR]) or [
        m for m in framed if roles[id(m)] is Role.WEAK_ACTOR
    ]
    open_hosts = [m for m in coded if roles[id(m)] is Role.OPEN and m.code in hosts]
    cued_host = any(roles[id(m)] is Role.HOST for m in coded)
    if not actors and (cued_host or len({m.code for m in open_hosts}) > 1):
        # "Chad to send troops into Cameroon": the uncued host-set state is the sender.
        actors = _nearest_group(sentence, open_hosts, open_hosts, at, prefer_before=True)
        open_hosts = [m for m in open_hosts if m not in actors]
    return actors, open_hosts


def _contingents(sentence: str, actors: list[Mention]) -> list[Mention]:
    """Drop a multinational force that only frames a state's contingent: in "Chadian soldiers
    serving with MINUSMA" the actor is Chad (the contract's rule for national contingents)."""
    framed = {
        id(m)
        for prev in actors
        for m in actors
        if (m.code in _MULTINATIONAL or m.form is Form.FORCE)
        and prev.code not in _MULTINATIONAL
        and prev.code != m.code
        and prev.form is not Form.FORCE
        and prev.end <= m.start
        and _CONTINGENT_GAP.match(sentence[prev.end : m.start])
    }
    return [m for m in actors if id(m) not in framed]


def _fallback_hosts(
    coded: list[Mention],
    roles: dict[int, Role],
    place_hosts: list[str],
    hosts: frozenset[str],
    foreign_actors: set[str | None] | None,
) -> list[str]:
    """With no host cued: a named place, else a host-set state that acts beside a foreign actor
    ("Niger's army confirmed that all American soldiers had left the country")."""
    places = [code for code in place_hosts if code in hosts]
    if places or foreign_actors is None:
        return places[:1]
    acting = (Role.ACTOR, Role.WEAK_ACTOR, Role.OPEN)
    return [
        m.code
        for m in coded
        if m.code in hosts and m.code not in foreign_actors and roles[id(m)] in acting
    ][:1]


def _spread_neighbours(
    sentence: str, ordered: list[Mention], roles: dict[int, Role]
) -> dict[int, Role]:
    """'the borders with Burkina Faso and Niger': a neighbour's coordinated states are too; so
    are the demonyms coordinated after a forces demonym ("contingents estonien et tchèque")."""
    for prev, cur in itertools.pairwise(ordered):
        if not _COORD.match(sentence[prev.end : cur.start]):
            continue
        if roles[id(prev)] is Role.NEIGHBOUR:
            roles[id(cur)] = Role.NEIGHBOUR
        elif roles[id(prev)] is Role.ACTOR and Form.DEMONYM is prev.form is cur.form:
            roles[id(cur)] = Role.ACTOR
    return roles


_COORD = re.compile(
    r"^\s*(?:,|and|et|or|ou|as well as|&)?\s*(?:,|and|et|or|ou)?\s*(?:the\s+|la\s+|le\s+|l')?$"
    # "du Mali en 2022, puis du Burkina Faso": a date and a repeated preposition in between
    r"|^\s*(?:(?:in|en)\s+\d{4}\s*)?,?\s*(?:and\s+then|then|et\s+puis|puis|and|et)\s+"
    r"(?:(?:from|in|into|du|de|des|au|aux|en)\s+)?(?:the\s+|la\s+|le\s+|l')?$"
)


def _nearest_group(
    sentence: str,
    anchors: list[Mention],
    pool: list[Mention],
    at: int,
    *,
    prefer_before: bool = False,
) -> list[Mention]:
    """The anchor nearest `at` plus pool mentions coordinated with it ("Senegal and Mali")."""
    if not anchors:
        return []

    def distance(m: Mention) -> int:
        gap = at - m.end if m.end <= at else m.start - at
        return gap + (1000 if prefer_before and m.start > at else 0)

    ordered = sorted({id(m): m for m in [*pool, *anchors]}.values(), key=lambda m: m.start)
    best = ordered.index(min(anchors, key=distance))
    low = high = best
    while low > 0 and _COORD.match(sentence[ordered[low - 1].end : ordered[low].start]):
        low -= 1
    while high < len(ordered) - 1 and _COORD.match(
        sentence[ordered[high].end : ordered[high + 1].start]
    ):
        high += 1
    return ordered[low : high + 1]
