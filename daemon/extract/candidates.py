"""Candidate events: every (trigger, actor, host) a sentence offers, with the features to judge it.

Generation is deliberately generous; `decide` accepts or rejects. When a sentence lacks its host or
actor, the most recent one from earlier sentences is carried over and the candidate says so, because
news copy names the country once and then writes "the country", "the troops", "Paris".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property

from daemon.extract.cast import Cast, cast
from daemon.extract.context import Context, Named
from daemon.extract.cues import blocked
from daemon.extract.dates import event_date as date_of
from daemon.extract.gazetteer import Form, Mention
from daemon.extract.lowered import Folded, Twin
from daemon.extract.mention_cues import origin_place, regional, speaker_place
from daemon.extract.numbers import TroopCount
from daemon.extract.places import PlaceEntry, places_of
from daemon.extract.roles import Role, mention_roles
from daemon.extract.sentence import MILITARY_WORDING, SentenceScans, scan_sentences
from daemon.extract.stage import presence_only, status_of
from daemon.extract.subjects import sending_subjects
from daemon.extract.triggers import PERSONNEL, Trigger, overlaps
from daemon.model import EventType, Place, Status

_LEAVING = (EventType.WITHDRAW, EventType.EXPEL)
_PERSONNEL = Twin(PERSONNEL)  # run lowered over sentences' lowercase (see lowered.py)
_PLACING = (Form.NAME, Form.SEAT)
# The types whose count is the figure of the trigger's own clause: an order's object (after
# it), an operation's subject or object (either side).
_OWN_FIGURE = (EventType.EXPEL, EventType.OPERATION)
_CLAUSE_GAP = re.compile(r"[^,;:.()«»\"“”]{0,40}")


def _own_figure(sentence: str, trigger: Trigger, start: int, end: int) -> bool:
    """Whether the figure spanning start..end counts the trigger's forces: inside the trigger or
    near it in its clause (an expulsion's only after it: what it orders out)."""
    if trigger.start <= start <= trigger.end:
        return True
    if start > trigger.end:
        return bool(_CLAUSE_GAP.fullmatch(sentence, trigger.end, start))
    return (
        trigger.type is EventType.OPERATION
        and end <= trigger.start
        and bool(_CLAUSE_GAP.fullmatch(sentence, end, trigger.start))
    )


# A strength a departure leaves behind, before or after it: "cut its force to 1,700", "from a
# peak of 4,500", "plans to keep about 1,000 there", "doivent tomber à 300"
_LEVEL_BEFORE = re.compile(
    r"\b(?:to|peak of|keep|keeping|maintain\w*|retain\w*|garder|maintenir|conserver|"
    r"ramen\w+ à|tomber à|passer à|porter à|jusqu'à)\s+$",
    re.IGNORECASE,
)


# A figure followed by where those forces are: "1,000 troops from neighbouring Niger", "2 000
# soldats au Niger voisin".
_TIED = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:in|from|into|to|at|au|aux|du|des|de|en|dans|à)\s+"
    r"(?:(?:the|neighbouring|neighboring|nearby|le|la|les|l')\s*){0,2}",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible event read from one sentence, with the evidence a decision needs."""

    type: EventType
    actor: str
    host: str
    sentence_index: int
    sentence: str
    trigger: Trigger
    actor_carried: bool
    host_carried: bool
    military: bool
    blocked: bool
    presence: bool
    personnel: bool = True  # people, not only equipment, are named
    actor_distance: int = 0  # words between the actor's mention and the trigger
    force: str | None = None
    troops: TroopCount | None = None
    places: tuple[Place, ...] = ()
    published: date | None = None  # the article's date, against which dates resolve

    # The stage and date matter only for accepted candidates: read on demand, not for every
    # candidate the rules reject.

    @property
    def status(self) -> Status | None:
        """The stage the sentence gives the event."""
        return status_of(self.sentence, self.trigger)

    @property
    def event_date(self) -> date | None:
        """The event's date, resolved against the publication date."""
        return date_of(self.sentence, self.published, future=self.status is Status.PLANNED)


class _Sentence:
    """One sentence's scans, each run at most once however many triggers read it (those other
    steps also read are in `shared`)."""

    def __init__(self, sentences: Sequence[str], index: int, shared: SentenceScans) -> None:
        self.sentences = sentences
        self.index = index
        self.text = sentences[index]
        self.shared = shared
        self._roles: dict[bool, dict[int, Role]] = {}

    @property
    def military(self) -> bool:
        """Military wording in the sentence itself."""
        return self.shared.military

    @cached_property
    def nearby(self) -> bool:
        """Military wording in this, the previous or the next sentence."""
        return _military_near(self.sentences, self.index)

    @cached_property
    def personnel(self) -> bool:
        """People, not only equipment, are named."""
        return bool(_PERSONNEL.search(Folded(self.text)))

    @property
    def troops(self) -> TroopCount | None:
        """The sentence's personnel figure."""
        return self.shared.troops

    def troops_in(
        self, actor: str, host: str, mentions: list[Mention], trigger: Trigger
    ) -> TroopCount | None:
        """The sentence's first figure that is not tied to a third country ("the exit of 1,000
        troops from neighbouring Niger" does not count a withdrawal from Chad; "49 soldiers from
        Ivory Coast" still counts Ivorian soldiers). An expulsion or an operation counts only
        the forces its own clause names ("demanded the departure of about 1,500 French soldiers",
        "40 French commandos stormed"), not a presence said beside it ("the accord under which
        1,000 U.S. troops were stationed", "and France now has 3,500 soldiers there")."""
        if self.troops is None:
            return None
        ours = (actor, host)
        elsewhere = [
            m.start for m in mentions if m.code not in (None, *ours) and m.form in _PLACING
        ] + [offset for offset, entry in self.places if entry.host not in ours]
        for start, end, count in self.shared.counts:
            if trigger.type in _OWN_FIGURE and not _own_figure(self.text, trigger, start, end):
                continue
            if trigger.type is EventType.WITHDRAW and _LEVEL_BEFORE.search(self.text, 0, start):
                continue  # "cut its force to 1,700", "keep about 1,000 there": what stays
            if not any(
                _TIED.fullmatch(self.text, end, place) for place in elsewhere if place > end
            ):
                return count
        return None

    @property
    def places(self) -> list[tuple[int, PlaceEntry]]:
        """Every known place the sentence names."""
        return self.shared.places

    def roles(
        self, mentions: list[Mention], hosts: frozenset[str], *, leaving: bool
    ) -> dict[int, Role]:
        """The mentions' roles for leaving triggers or for the others, each read once (role_of
        reads `leaving` only: a deployment's roles are the plain ones)."""
        if leaving not in self._roles:
            self._roles[leaving] = mention_roles(self.text, mentions, hosts, leaving=leaving)
        return self._roles[leaving]

    @cached_property
    def sending(self) -> frozenset[int]:
        """Ids of the states the sentence's sending verbs have as their subjects."""
        starts = [t.start for t in self.shared.triggers if t.type is EventType.DEPLOY]
        coded = [m for m in self.shared.mentions if m.code]
        return sending_subjects(self.text, coded, starts) if starts else frozenset()

    @cached_property
    def event_places(self) -> list[tuple[int, str]]:
        """Host codes of the places named, skipping where a source speaks from."""
        return _event_places(self.text, self.places)


def generate(
    sentences: Sequence[str],
    hosts: frozenset[str],
    published: date | None,
    shared: Sequence[SentenceScans] | None = None,
) -> list[Candidate]:
    """All candidates of a document, in sentence order; `shared` are the sentences' scans when
    a later step reads them too (see sentence.py)."""
    shared = shared if shared is not None else scan_sentences(sentences)
    context = Context()
    found: list[Candidate] = []
    # what a sentence names only matters to the triggers after it: stop at the last trigger
    last = max((i for i, scans in enumerate(shared) if scans.triggers), default=-1)
    for index in range(last + 1):
        mentions = shared[index].mentions
        context.acting.clear()
        scans = _Sentence(sentences, index, shared[index])
        triggers = _towards(shared[index], hosts)
        # "les départs forcés du Mali": a departure the host imposed is as military as the order
        expelled = any(t.type is EventType.EXPEL for t in triggers)
        for trigger in triggers:
            # "completed its withdrawal" then "the last troops flew out": military wording in the
            # next or previous sentence vouches for a strong trigger
            found.extend(
                _for_trigger(
                    index,
                    scans,
                    trigger,
                    mentions,
                    context,
                    hosts=hosts,
                    published=published,
                    military=scans.military
                    or trigger.accord
                    or (not trigger.weak and trigger.type in _LEAVING and scans.nearby)
                    or ((trigger.joining or expelled) and scans.nearby),
                )
            )
        plain = scans.roles(mentions, hosts, leaving=False)
        context.remember(Named(index, scans.text, mentions, plain, scans.event_places), hosts)
    return found


def _towards(scans: SentenceScans, hosts: frozenset[str]) -> list[Trigger]:
    """The sentence's triggers, a departure "for" somewhere read once: towards a host it is a
    deployment there ("to leave in the coming days for Bamako"), else a withdrawal from where
    the forces are ("to leave for Germany")."""
    triggers = scans.triggers
    onward = [t for t in triggers if t.onward]
    if not onward:
        return triggers
    arriving = [t for t in onward if _destination(scans, t.end) in hosts]
    return [
        t
        for t in triggers
        if t in arriving
        or (t not in onward and not (t.type is EventType.WITHDRAW and overlaps(t, arriving)))
    ]


_DESTINATION_REACH = 16  # characters between "for" and the place: "for the capital, Bamako"


def _destination(scans: SentenceScans, end: int) -> str | None:
    """The host code of the first state or place named right after offset `end`."""
    named = [(m.start, m.code) for m in scans.mentions if m.code] + [
        (offset, entry.host) for offset, entry in scans.places
    ]
    near = [pair for pair in named if end <= pair[0] <= end + _DESTINATION_REACH]
    return min(near)[1] if near else None


def rules_may_accept(sentences: Sequence[str], shared: Sequence[SentenceScans]) -> bool:
    """Whether the rules could accept any candidate `generate` gives, by a test much cheaper than
    generating them; for the rules only (a trained decider also scores the others).

    The rules reject a candidate without military wording unless it signs an accord
    (decide.rejected), and a candidate has its type and that flag from its trigger (only EXPEL
    can replace the type). The flag needs military wording in the trigger's sentence or in the
    sentences around it, or an accord in the trigger: with none of those for any trigger, no
    candidate can be accepted. An article that passes the prefilter on wording far from its
    triggers (ordinary news: "les effectifs" of a hospital, "arrivée" of a minister) stops here.
    """
    return any(
        trigger.type is EventType.AGREEMENT
        or scans.military
        or trigger.accord
        or _military_near(sentences, index)
        for index, scans in enumerate(shared)
        for trigger in scans.triggers
    )


def _military_near(sentences: Sequence[str], index: int) -> bool:
    """Military wording in sentence `index`, the one before or the one after."""
    return bool(MILITARY_WORDING.search(Folded(" ".join(sentences[max(0, index - 1) : index + 2]))))


def _for_trigger(
    index: int,
    scans: _Sentence,
    trigger: Trigger,
    mentions: list[Mention],
    context: Context,
    *,
    hosts: frozenset[str],
    published: date | None,
    military: bool,
) -> Iterator[Candidate]:
    """Candidates for one trigger: its actors crossed with its hosts."""
    sentence = scans.text
    roles = _sender_subject(_cast_trigger(scans, trigger, mentions, hosts), trigger, context)
    context.acting.update(id(m) for m in roles.actors)
    host_codes = roles.hosts
    if not host_codes and context.host and not roles.elsewhere and not regional(sentence):
        host_codes = (context.host,)
    actors = _chosen_actors(sentence, trigger, roles, host_codes, context)
    pairs = [(a, h) for a in actors for h in host_codes if a.code and a.code != h]
    if not pairs or _actor_ends(sentence, trigger, roles, host_codes):
        return  # an army in its own country, or a state suspending its own cooperation
    template = _template(index, scans, trigger, roles, published=published, military=military)
    if _host_ends(sentence, trigger, roles):
        template = replace(template, type=EventType.EXPEL)
    for actor, host in pairs:
        code = actor.code or ""
        yield replace(
            template,
            actor_distance=_words_between(sentence, actor, trigger) if roles.actors else 0,
            actor=code,
            host=host,
            force=actor.force or _force_in(mentions, code) or context.forces.get(code),
            places=places_of(scans.places, host),
            troops=scans.troops_in(code, host, mentions, trigger),
        )


# "Niamey avait aussi mis fin à la mission de l'UE": the host ends someone else's mission
_ENDING = re.compile(r"^(?:end|fin\b)", re.IGNORECASE)
_ENDER_GAP = re.compile(
    r"^(?:'s\s+(?:government|junta|authorities|rulers|leaders?)\s+)?\s*"
    r"(?:(?:has|have|had|also|then|finally|a|avait|ont|aussi|d[ée]j[àa]|enfin)\s+)*"
    r"(?:mis|met|mettent|put)?\s*$",
    re.IGNORECASE,
)


# "Washington suspended most of its military cooperation with Mali": the partner's own decision
_SUSPENDING = re.compile(
    r"^(?:suspend|end|terminat|cancel|scrap|halt|froze|freez|cut|sever|broke off|break)",
    re.IGNORECASE,
)


def _actor_ends(sentence: str, trigger: Trigger, roles: Cast, host_codes: tuple[str, ...]) -> bool:
    """Whether a foreign actor, not the host, is the subject that ends or suspends cooperation:
    no expulsion (EVENTS.md: the host ends it)."""
    foreign = [m for m in roles.actors if m.code not in host_codes]
    return (
        trigger.type is EventType.EXPEL
        and bool(_SUSPENDING.match(trigger.text))
        and _ends_it(sentence, trigger, foreign)
    )


def _host_ends(sentence: str, trigger: Trigger, roles: Cast) -> bool:
    """Whether the host is the subject that ends the mission: an expulsion, not a departure."""
    return (
        trigger.type is EventType.WITHDRAW
        and bool(_ENDING.match(trigger.text))
        and _ends_it(sentence, trigger, roles.host_mentions)
    )


def _ends_it(sentence: str, trigger: Trigger, mentions: Sequence[Mention]) -> bool:
    """Whether one of `mentions`, a state's name or seat, is the subject of the ending verb."""
    return any(
        m.form in _PLACING
        and m.end <= trigger.start
        and _ENDER_GAP.match(sentence[m.end : trigger.start])
        for m in mentions
    )


def _cast_trigger(
    scans: _Sentence, trigger: Trigger, mentions: list[Mention], hosts: frozenset[str]
) -> Cast:
    """The actors and hosts the trigger's own sentence gives it."""
    sentence = scans.text
    deploy = trigger.type is EventType.DEPLOY
    leaving = trigger.type in _LEAVING
    place_hosts = [
        (offset, host)
        for offset, host in scans.event_places
        if not (trigger.type not in _LEAVING and origin_place(sentence[:offset]))
    ]
    return cast(
        sentence,
        mentions,
        place_hosts,
        hosts,
        trigger.start,
        deploy=deploy,
        leaving=leaving,
        nominal_end=_nominal_end(sentence, trigger),
        known=scans.roles(mentions, hosts, leaving=leaving),
        senders=trigger.type in (EventType.DEPLOY, EventType.WITHDRAW),
        signing=trigger.type is EventType.AGREEMENT,
        # "ordered French special forces out": an order's forces are its object
        object_end=trigger.end if trigger.type is EventType.EXPEL else None,
        sending=scans.sending,
    )


def _chosen_actors(
    sentence: str, trigger: Trigger, roles: Cast, host_codes: tuple[str, ...], context: Context
) -> tuple[Mention, ...]:
    """The sentence's actors, else the story's; the story's when the sentence only names whom
    the forces help; the next nearest when the nearest are the host's own forces."""
    actors = roles.actors or _carried(sentence, trigger, context)
    if roles.helped and context.actor:
        actors = (context.actor,)  # "the deployment will help France": the story's sender
    if (
        roles.alternates
        and all(a.code in host_codes for a in roles.actors)
        and not any(_words_between(sentence, a, trigger) <= 1 for a in roles.actors)
    ):
        actors = roles.alternates  # "German trainers instruct Nigerien commandos in Niger"
    return actors


def _carried(sentence: str, trigger: Trigger, context: Context) -> tuple[Mention, ...]:
    """The story's actor for a trigger whose sentence names none: the mission named before when
    the sentence speaks of "the mission" or "la force", else the forces last named."""
    mission = context.mission if _MISSION_SUBJECT.search(sentence, 0, trigger.start) else None
    carried = mission or context.actor
    return (carried,) if carried else ()


# "La mission avait été déployée", "the force will leave": the mission named before, not the
# last state
_MISSION_SUBJECT = re.compile(
    r"\b(?:the|this|la|cette)\s+(?:[\w-]+\s+)?(?:mission|force)\b(?!\s+(?:of|de|du|d')\b)",
    re.IGNORECASE,
)


def _template(
    index: int,
    scans: _Sentence,
    trigger: Trigger,
    roles: Cast,
    *,
    published: date | None,
    military: bool,
) -> Candidate:
    """The features a trigger's candidates share, before actor and host are filled in."""
    sentence = scans.text
    return Candidate(
        type=trigger.type,
        actor="",
        host="",
        sentence_index=index,
        sentence=sentence,
        trigger=trigger,
        actor_carried=not roles.actors,
        host_carried=not roles.hosts,
        military=military,
        personnel=scans.personnel or trigger.joining,
        blocked=blocked(sentence, trigger),
        presence=trigger.type is EventType.DEPLOY and presence_only(sentence, trigger),
        troops=scans.troops,
        published=published,
    )


def _sender_subject(roles: Cast, trigger: Trigger, context: Context) -> Cast:
    """A lone, uncued host-set state sends forces to the article's host ("Chad's parliament
    voted to dispatch troops" in a story about Cameroon); an expelling state stays the host."""
    lone = len(roles.host_mentions) == 1 and not roles.actors and not roles.hosts_cued
    if not lone or trigger.type is not EventType.DEPLOY or context.host in (None, *roles.hosts):
        return roles
    subject = roles.host_mentions[0]
    if subject.form is not Form.NAME or subject.start > trigger.start:
        return roles
    return Cast(roles.host_mentions, (), elsewhere=False)


# "obtenu le départ du contingent danois": the noun after a verb trigger names the forces
_NOUN_NEXT = re.compile(
    r"^\W+(?:[\w'’]+\W+){0,2}?(?:departure|withdrawal|d[ée]part|retrait)\b", re.IGNORECASE
)


def _nominal_end(sentence: str, trigger: Trigger) -> int | None:
    """Where the noun whose "of" complement names the trigger's forces ends, if there is one."""
    if trigger.nominal:
        return trigger.end
    noun = _NOUN_NEXT.match(sentence[trigger.end :])
    return trigger.end + noun.end() if noun else None


def _words_between(sentence: str, mention: Mention, trigger: Trigger) -> int:
    """How many words separate a mention from a trigger, either side."""
    low, high = (
        sorted((mention.end, trigger.start))
        if mention.end <= trigger.start
        else sorted((trigger.end, mention.start))
    )
    return len(sentence[low:high].split())


def _force_in(mentions: list[Mention], code: str) -> str | None:
    """A named force of `code` in the same sentence ("French troops of Operation Barkhane")."""
    return next((m.force for m in mentions if m.code == code and m.force), None)


def _event_places(sentence: str, found: list[tuple[int, PlaceEntry]]) -> list[tuple[int, str]]:
    """Host codes of the places `found` in a sentence, skipping where a source speaks from."""
    return [(offset, entry.host) for offset, entry in found if not speaker_place(sentence[:offset])]
