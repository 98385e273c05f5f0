"""Who acts on whom for one trigger: the actors and hosts a sentence gives it.

Built on the mentions' roles (roles.py): the nearest coordinated group of actors and of hosts,
with the sentence's structure deciding between rivals: the subject before a verb, the complement
after a noun ("the arrival of Estonian troops"), a list of senders, the host's own forces as
partners, and what is only an aside (a source, an occasion, a standing presence). The
sentence's parts are read in clauses.py, its subjects and possessives in subjects.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from daemon.extract.clauses import (
    from_complement,
    in_opening_clause,
    in_while_clause,
    of_complement,
    outside,
    same_clause,
)
from daemon.extract.contingents import MULTINATIONAL, contingents
from daemon.extract.gazetteer import REMOTE_FORCES, Form, Mention
from daemon.extract.lowered import Folded, twin
from daemon.extract.mention_cues import COORD, bound_to, tail
from daemon.extract.roles import Role, mention_roles
from daemon.extract.subjects import (
    clause_subject,
    mark_senders,
    owns_forces_after,
    possessive_owner,
    possessive_start,
)


@dataclass(frozen=True, slots=True)
class Cast:
    """The actors and hosts a sentence gives a trigger, nearest coordinated group first."""

    actors: tuple[Mention, ...]
    hosts: tuple[str, ...]
    elsewhere: bool
    hosts_cued: bool = False  # a preposition, not mere absence of an actor, made them hosts
    host_mentions: tuple[Mention, ...] = ()
    # the next nearest actors, for when the nearest turn out to be the host's own forces, as
    # when German special forces train Nigerien commandos in Niger
    alternates: tuple[Mention, ...] = ()
    helped: bool = False  # the actors are only whom the forces join or help ("to help France")


def cast(
    sentence: str,
    mentions: list[Mention],
    place_hosts: list[tuple[int, str]],
    hosts: frozenset[str],
    at: int,
    *,
    deploy: bool = False,
    leaving: bool = False,
    nominal_end: int | None = None,
    known: dict[int, Role] | None = None,
    senders: bool = False,
    signing: bool = False,
    object_end: int | None = None,
    sending: frozenset[int] = frozenset(),
) -> Cast:
    """Actors and hosts of the trigger at offset `at`, preferring the group nearest to it; a
    nominal trigger ending at `nominal_end` ("the arrival of Estonian troops") prefers the actor
    its complement names; `known` are the mentions' roles when already read (`mention_roles`);
    `senders` (a deployment or a withdrawal) lets a list of states be a list of senders;
    `signing` (an accord) ignores where it was signed; an actor named inside the trigger, before
    `object_end`, is its object ("ordered French forces out") and wins; `sending` are the ids of
    states another sending verb of the sentence has as its subject, never a host."""
    coded = [m for m in mentions if m.code]
    roles = dict(
        known if known is not None else mention_roles(sentence, mentions, hosts, leaving=leaving)
    )
    if deploy:
        mark_senders(sentence, coded, roles, at)
    if signing:
        # "a signé à Moscou un accord": where an accord is signed is mostly the partner's capital
        for m in coded:
            if roles[id(m)] is Role.ELSEWHERE and m.form is Form.SEAT:
                roles[id(m)] = Role.ACTOR
    # "entered The Gambia hours after Barrow was sworn in in Dakar": the occasion's place
    host_ms = [
        m
        for m in coded
        if roles[id(m)] is Role.HOST
        and not outside(sentence, m, at)
        and not in_opening_clause(sentence, m, at)
    ]
    picked = _pick_actors(
        sentence, coded, roles, hosts, at, host_ms=host_ms, nominal_end=nominal_end, senders=senders
    )
    if object_end is not None:
        picked = _object_actors(picked, at, object_end)
    if nominal_end is not None and senders:
        picked = _attached_actors(sentence, coded, picked, at, nominal_end)
    at = picked.at
    own = {m.code for m in picked.group}
    # where an accord is signed does not matter ("signed in Rome"); a Sahel place nearer the
    # trigger places it ("killed near Tongo Tongo ... have become household names in the United
    # States")
    away = [
        m
        for m in coded
        if (roles[id(m)] is Role.ELSEWHERE or m.force in REMOTE_FORCES)
        and same_clause(sentence, m, at)
    ]
    elsewhere = (
        not signing
        and bool(away)
        and not host_ms
        and not _placed_nearer(place_hosts, hosts, at, away)
    )
    # "Senegalese units to deploy in the Central African Republic": the event is elsewhere
    host_ms = [m for m in host_ms if m.code not in own]
    open_hosts = [m for m in picked.open_hosts if id(m) not in sending]
    host_pool = [] if elsewhere else [m for m in host_ms + open_hosts if m.code not in own]
    # "the exit of 1,000 troops from neighbouring Niger": the noun's own "from" names the host
    own_place = next(
        (
            m.start
            for m in host_ms
            if nominal_end is not None and from_complement(sentence, nominal_end, m)
        ),
        at,
    )
    host_group = _nearest_group(sentence, host_ms or host_pool, host_pool, own_place)
    if signing:
        # "The United States and Niger have signed": the co-signing host, whatever else is named
        host_group = _cosigners(sentence, picked.group, picked.open_hosts, at) or host_group
    host_codes = [m.code for m in host_group if m.code in hosts]
    if not host_codes and not elsewhere:
        foreign = own if picked.foreign else None
        places = [code for _offset, code in place_hosts]
        unsent = [m for m in coded if id(m) not in sending]
        host_codes = _fallback_hosts(unsent, roles, places, hosts, foreign, senders=senders)
    return Cast(
        tuple(m for m in picked.group if roles[id(m)] is not Role.ELSEWHERE),
        tuple(dict.fromkeys(host_codes)),
        elsewhere,
        hosts_cued=bool(host_ms),
        host_mentions=tuple(host_group),
        alternates=tuple(_nearest_group(sentence, picked.others, picked.others, at)),
        helped=picked.helped,
    )


def _placed_nearer(
    place_hosts: list[tuple[int, str]], hosts: frozenset[str], at: int, away: list[Mention]
) -> bool:
    """Whether a place in a host lies nearer offset `at` than every state named elsewhere."""
    nearest_away = min(abs(m.start - at) for m in away)
    return any(code in hosts and abs(offset - at) < nearest_away for offset, code in place_hosts)


def _cosigners(
    sentence: str, actors: list[Mention], open_hosts: list[Mention], at: int
) -> list[Mention]:
    """Host-set states listed with the signing actor before the trigger ("X and Niger signed")."""
    return [
        h
        for h in open_hosts
        if h.end <= at
        and any(COORD.match(sentence[min(a.end, h.end) : max(a.start, h.start)]) for a in actors)
    ]


@dataclass(frozen=True, slots=True)
class _Picked:
    """The actor group chosen for a trigger, and what was left."""

    group: list[Mention]
    others: list[Mention]  # actors outside the group, nearest first
    open_hosts: list[Mention]  # uncued host-set states, possible hosts
    helped: bool  # the actors are only whom the forces join or help
    foreign: bool  # some actor is outside the host set
    at: int  # where the trigger's forces are named: its noun's complement, or the trigger


def _pick_actors(
    sentence: str,
    coded: list[Mention],
    roles: dict[int, Role],
    hosts: frozenset[str],
    at: int,
    *,
    host_ms: list[Mention],
    nominal_end: int | None,
    senders: bool,
) -> _Picked:
    """The nearest coordinated group of actors for the trigger at `at`."""
    actors, open_hosts, helped = _actors(sentence, coded, roles, hosts, at)
    # "arrived in Mali to join Takuba", "arrived at the French base": what the forces join or
    # reach is not who sent them, when someone else in the sentence did
    actors = [m for m in actors if not _JOINED.search(Folded(tail(sentence[: m.start])))] or actors
    if nominal_end is not None:
        at = next((m.start for m in actors if of_complement(sentence, nominal_end, m)), at)
    # "Turkey and Nigeria signed": a state that can host, joined to a foreign actor, is the host
    foreign = any(m.code not in hosts for m in actors)
    # "French trainers arrived to train Malian soldiers in Mali": the host's own forces are
    # partners, not senders
    hosted = {m.code for m in host_ms}
    actors = [m for m in actors if m.code not in hosted] or actors
    # ...but "Nigeria, Niger and Togo will send troops to Mali": a list of senders
    # ...and "le Niger, le Burkina Faso et le Togo ont promis 500 soldats chacun": a list before
    # the verb with no state that can host after it
    listed = not foreign or (
        senders
        and (
            bool(host_ms)
            or all(m.end <= at or not same_clause(sentence, m, at) for m in open_hosts)
        )
    )
    # a verb's actor is its subject, before it; a noun's is its complement, after it
    group = _nearest_group(
        sentence,
        actors,
        actors + open_hosts if listed else actors,
        at,
        after=_OBJECT_SIDE if nominal_end is None else 0,
    )
    owner = _possessor(sentence, group, actors + open_hosts)
    if not group and nominal_end is not None and owns_forces_after(sentence, nominal_end):
        # "Le Tchad, qui ..., a annoncé le retrait de ses quelque 2 000 soldats": the subject's
        subject = clause_subject(sentence, coded, at)
        owner = [subject] if subject is not None else []
    # "Le Tchad ... : ses Casques bleus de la Minusma": a mission's contingent is its state's
    mission = owner and all(m.code in MULTINATIONAL for m in group)
    group = owner if mission else [*owner, *group]
    own = {m.code for m in group}
    others = [m for m in actors if m.code not in own]
    return _Picked(group, others, open_hosts, helped, foreign, at)


def _possessor(sentence: str, group: list[Mention], pool: list[Mention]) -> list[Mention]:
    """The owner of the forces a possessive names, when the chosen actors sit after it: in
    "Cameroon said its troops, working with Chadian units, had entered Nigeria" Cameroon acts
    too, beside the Chadians."""
    start = possessive_start(sentence, min(m.start for m in group)) if group else None
    if start is None:
        return []
    # (a colon may introduce what the subject did: "Le Niger a suivi : ses soldats...")
    before = [m for m in pool if m.end <= start and ";" not in sentence[m.end : start]]
    return _nearest_group(sentence, before, pool, start) if before else []


# "the French exit", "Chad's withdrawal", "le retrait français", "le départ militaire tchadien":
# a demonym or possessive attached to the noun names whose forces move
_ATTACHED_BEFORE = re.compile(r"^(?:'s)?\s+(?:[a-z-]+\s+){0,2}$")
_ATTACHED_AFTER = re.compile(r"^\s+(?:militaires?\s+)?$")
# (singular only: "their deployment" may be the forces' own, named just before)


def _attached_actors(
    sentence: str, coded: list[Mention], picked: _Picked, at: int, end: int
) -> _Picked:
    """The state attached to a nominal trigger, when one is, instead of the nearest actors."""
    attached = [m for m in coded if _before_noun(sentence, m, at) or _after_noun(sentence, m, end)]
    # "Le Mali a annoncé son retrait du Comité": the possessive's owner
    owner = None if attached else possessive_owner(sentence, coded, at)
    attached = [owner] if owner is not None else attached
    if not attached or all(m in picked.group for m in attached):
        return picked
    group = _nearest_group(sentence, attached, coded, attached[0].start)
    others = [m for m in (*picked.group, *picked.others) if m not in group]
    return _Picked(group, others, picked.open_hosts, picked.helped, picked.foreign, picked.at)


def _before_noun(sentence: str, mention: Mention, at: int) -> bool:
    """ "the French exit", "Chad's withdrawal": the state qualifies the noun starting at `at`."""
    owns = mention.form is Form.DEMONYM or sentence.startswith("'s", mention.end)
    return mention.end <= at and owns and bool(_ATTACHED_BEFORE.match(sentence[mention.end : at]))


def _after_noun(sentence: str, mention: Mention, end: int) -> bool:
    """ "le retrait français": the demonym follows the noun ending at `end`."""
    return (
        mention.start >= end
        and mention.form is Form.DEMONYM
        and bool(_ATTACHED_AFTER.match(sentence[end : mention.start]))
    )


def _object_actors(picked: _Picked, at: int, end: int) -> _Picked:
    """The actors named inside the trigger's own span, when there are, instead of the nearest."""
    inside = [m for m in (*picked.group, *picked.others) if at <= m.start and m.end <= end]
    if not inside or all(m in picked.group for m in inside):
        return picked
    others = [m for m in (*picked.group, *picked.others) if m not in inside]
    return _Picked(inside, others, picked.open_hosts, picked.helped, picked.foreign, picked.at)


# characters: how much farther an actor after a verb trigger counts than one before it
_OBJECT_SIDE = 80


_JOINED = twin(  # run lowered over the lowercase (see lowered.py)
    r"\b(?:join|joins|joined|joining|rejoindre|rejoint|rejoignent|int[ée]grer|support|supporting|"
    r"reinforce|reinforcing|renforcer|appuyer|soutenir|(?<!the )help(?:s|ed|ing)?|assist\w*|"
    # ("send 380 troops to the U.N. force": the force they join)
    r"aider|alongside|aux côtés d[eu]s?|at|à|to|trained (?:in part )?by|form[ée]e?s? par|"
    r"entra[îi]n[ée]e?s? par)"
    r"\s+(?:the\s+|la\s+|le\s+|l'|an?\s+)?"
    r"(?:[\w-]+\s+){0,2}?$",
    re.IGNORECASE,
)


def _actors(
    sentence: str, coded: list[Mention], roles: dict[int, Role], hosts: frozenset[str], at: int
) -> tuple[list[Mention], list[Mention], bool]:
    """The actor candidates, the uncued host-set states left over as possible hosts, and whether
    the only candidates are states the forces join or help."""
    # "sent troops after the attack that killed Nigerien soldiers": the occasion's forces
    # ("Depuis le départ de la Minusma, le nord a renoué avec les combats": the opening
    # clause's own forces)
    framed = [
        m
        for m in coded
        if not outside(sentence, m, at)
        and not in_opening_clause(sentence, m, at, since=True)
        and not in_while_clause(sentence, m, at)
    ]
    # "British personnel arrived at the French base": who is joined is not who is sent
    joined = _joined(sentence, framed)
    free = [m for m in framed if id(m) not in joined]
    acting = (Role.ACTOR, Role.WEAK_ACTOR)
    pool = free if any(roles[id(m)] in acting for m in free) else framed
    helped = pool is framed and any(roles[id(m)] in acting for m in framed)
    strong = contingents(sentence, [m for m in pool if roles[id(m)] is Role.ACTOR])
    weak = [m for m in pool if roles[id(m)] is Role.WEAK_ACTOR]
    # "le Parlement hongrois a approuvé l'envoi au Tchad ... : former l'armée tchadienne": the
    # host's own forces named as partners leave the foreign state, however weakly named, to act
    hosted = {m.code for m in coded if roles[id(m)] is Role.HOST}
    guests = [m for m in weak if m.code not in hosted]
    only_hosts = bool(strong) and all(m.code in hosted for m in strong)
    actors = guests if only_hosts and guests else (strong or weak)
    open_hosts = [
        m
        for m in coded
        if roles[id(m)] is Role.OPEN and m.code in hosts and not in_while_clause(sentence, m, at)
    ]
    cued_host = any(roles[id(m)] is Role.HOST for m in coded)
    if not actors and (cued_host or len({m.code for m in open_hosts}) > 1):
        # "Chad to send troops into Cameroon": the uncued host-set state is the sender.
        actors = _nearest_group(sentence, open_hosts, open_hosts, at, prefer_before=True)
        open_hosts = [m for m in open_hosts if m not in actors]
    return actors, open_hosts, helped


def _joined(sentence: str, mentions: list[Mention]) -> set[int]:
    """Ids of the mentions naming whom forces join or help, with the states listed after them
    ("rejoignent des éléments nigérians, ivoiriens et ghanéens")."""
    found: set[int] = set()
    previous: Mention | None = None
    for mention in mentions:
        listed = (
            previous is not None
            and id(previous) in found
            and bool(COORD.match(sentence[previous.end : mention.start]))
        )
        before = tail(sentence[: mention.start])
        # ("qui liait Bamako à Paris": the partner an accord binds, not whom forces join)
        if listed or (_JOINED.search(Folded(before)) and not bound_to(before)):
            found.add(id(mention))
        previous = mention
    return found


def _fallback_hosts(
    coded: list[Mention],
    roles: dict[int, Role],
    place_hosts: list[str],
    hosts: frozenset[str],
    foreign_actors: set[str | None] | None,
    *,
    senders: bool,
) -> list[str]:
    """With no host cued: a named place, else a host-set state that acts beside a foreign actor
    ("Niger's army confirmed that all American soldiers had left the country")."""
    places = [code for code in place_hosts if code in hosts]
    if places or foreign_actors is None:
        return places[:1]
    acting = (Role.ACTOR, Role.WEAK_ACTOR, Role.OPEN)
    # ("the Togolese contingent and the Nigerian troops flew home": a list of senders, not a
    # place; "American and Nigerien soldiers died" fought in Niger)
    return [
        m.code
        for m in coded
        if m.code in hosts
        and m.code not in foreign_actors
        and roles[id(m)] in acting
        and not (senders and m.form is Form.DEMONYM)
    ][:1]


def _nearest_group(
    sentence: str,
    anchors: list[Mention],
    pool: list[Mention],
    at: int,
    *,
    prefer_before: bool = False,
    after: int = 0,
) -> list[Mention]:
    """The anchor nearest `at` plus pool mentions coordinated with it ("Senegal and Mali");
    anchors after `at` count `after` characters farther, or always farther with
    `prefer_before`."""
    if not anchors:
        return []

    def distance(m: Mention) -> int:
        gap = at - m.end if m.end <= at else m.start - at
        if m.start <= at:
            return gap
        return gap + (1000 if prefer_before else after)

    ordered = sorted({id(m): m for m in [*pool, *anchors]}.values(), key=lambda m: m.start)
    best = ordered.index(min(anchors, key=distance))
    low = high = best
    while low > 0 and COORD.match(sentence[ordered[low - 1].end : ordered[low].start]):
        low -= 1
    while high < len(ordered) - 1 and COORD.match(
        sentence[ordered[high].end : ordered[high + 1].start]
    ):
        high += 1
    return ordered[low : high + 1]
