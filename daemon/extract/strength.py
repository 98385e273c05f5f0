"""Standing strength: the count a departure concerns when another sentence of the article states it.

News copy reports a withdrawal or an expulsion in one sentence and the size of the force that leaves
in another ("Roughly 1,000 American personnel were stationed in Niger", "Quelque 2 400 militaires
français sont déployés au Mali"). A withdrawal that concerns the whole presence takes such a
figure when its own sentences give none; one that moves only a part ("withdraw part of its
contingent") does not. The figure must name the event's forces next to it, in a sentence set in the
event's host (named there, or the last host named before it) and in no third country, so that
another state's figure or a presence elsewhere is never taken. An arrival takes only the figure of
the sentence right after its own, when that sentence goes on about the same forces ("Ils sont une
trentaine") and no others ("already there").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from daemon.extract.gazetteer import Form, Mention
from daemon.extract.numbers import TroopCount, pronoun_count
from daemon.extract.sentence import SentenceScans, scan_sentences
from daemon.model import Event, EventType

# An expulsion is counted only by the forces its own order names (candidates.py): the order, or
# the accord it ends, concerns the presence as a whole, and the count goes with the departure
# ("EXPEL US->NE" beside "WITHDRAW US->NE, 1,000 troops").
_STANDING = (EventType.WITHDRAW, EventType.DEPLOY)
# What may stand between a figure and the mention of whose forces it counts: a verb or two
# before it ("The United States has around 1,000", "les militaires tchadiens, environ 2 000"), only
# linking words after it ("400 militaires de la task force Sabre"), not "alongside French forces".
_BEFORE = re.compile(r"[\s,]*(?:[\w']+[\s,]+){0,2}")
_AFTER = re.compile(
    r"(?:[\s,]|\b(?:of|from|the|its|de|du|des|la|le|les|ses|leur|task|force|op[ée]ration|"
    r"operation)\b|\b[dl]')*",
    re.IGNORECASE,
)
# Forms that place a sentence in a country ("in Côte d'Ivoire", "Abidjan"), unlike a demonym.
_PLACING = (Form.NAME, Form.SEAT)
# A sentence that goes on about forces just named: "They are about 30", "La mission comptera".
_ANAPHOR = re.compile(
    r"(?:they|ils|elles|these|ces|the (?:troops|soldiers|force|contingent|mission|unit|"
    r"deployment|detachment)|(?:la|le|les|ce|cette|l')\s*(?:mission|force|contingent|troupes|"
    r"soldats|militaires|d[ée]tachement|unit[ée]|d[ée]ploiement|effectifs?))\b",
    re.IGNORECASE,
)
# "300 Russian soldiers were already there": forces besides the ones that arrived.
_BESIDES = re.compile(r"\b(?:already|still|also|other|d[ée]j[àa]|encore|toujours|aussi|autres)\b",
                      re.IGNORECASE)  # fmt: skip
# Every sentence of the event moves only part of the force: the whole presence is not its count.
_PART = re.compile(
    r"\b(?:part of|some of|some (?:\S+ ){0,2}(?:troops|soldiers|personnel|forces)|a\W+(?:small\W+)?"
    r"number\W+of|a portion|a few|partie d|certains d|quelques|une fraction)",
    re.IGNORECASE,
)


def with_standing_counts(
    events: Sequence[Event],
    sentences: Sequence[str],
    hosts: frozenset[str],
    shared: Sequence[SentenceScans] | None = None,
) -> list[Event]:
    """The events, each without a count given one stated elsewhere: a withdrawal the standing
    strength of its forces in its host, an arrival the figure of the sentence right after its own
    when that sentence goes on about the same forces. `shared` are the sentences' scans when an
    earlier step read them already (see sentence.py)."""
    needy = [e for e in events if e.troops is None and e.type in _STANDING]
    if not needy:
        return list(events)
    figures = _figures(shared if shared is not None else scan_sentences(sentences), hosts)
    counts = {id(e): _count_elsewhere(figures, e) for e in needy}
    return [
        replace(e, troops=c.value, troops_approximate=c.approximate)
        if (c := counts.get(id(e)))
        else e
        for e in events
    ]


def _count_elsewhere(figures: Sequence[_Figures], event: Event) -> TroopCount | None:
    """The count another sentence gives the event, if any: none for an event that moves a part."""
    if all(_PART.search(sentence) for sentence in event.evidence):
        return None
    if event.type is EventType.WITHDRAW:
        return _standing_count(figures, event.actor, event.host)
    # a strike's or an accord's next figure is rarely the forces' own: only arrivals get here
    evidence = set(event.evidence)
    for before, sentence in itertools.pairwise(figures):
        if before.text in evidence and sentence.text not in evidence:
            count = _follow_up(sentence, event.actor, event.host)
            if count is not None:
                return count
    return None


def _follow_up(sentence: _Figures, actor: str, host: str) -> TroopCount | None:
    """The figure of a sentence that goes on about the forces of the one before: it names no
    other state or force nor forces besides them ("already there"), and counts the actor's forces
    or opens on "they" or "the mission"."""
    if (
        sentence.placed - {actor, host}
        or any(m.code not in (None, actor, host) for m in sentence.mentions)
        or _BESIDES.search(sentence.text)
    ):
        return None
    count = _standing_count([sentence], actor, host)
    if count is not None or not _ANAPHOR.match(sentence.text):
        return count
    counts = [count for _start, _end, count in sentence.counts]
    return pronoun_count(sentence.text) or (counts[0] if counts else None)


@dataclass(frozen=True, slots=True)
class _Figures:
    """One sentence's personnel figures and where it is set."""

    text: str
    scans: SentenceScans
    mentions: tuple[Mention, ...]
    placed: frozenset[str]  # every country it names or names a place in
    # the hosts named in it, else in the last sentence before it that named one, in text order
    setting: tuple[str, ...]

    @property
    def counts(self) -> tuple[tuple[int, int, TroopCount], ...]:
        """Its figures, read on first use: most sentences are ruled out by where they are set,
        and reading figures is the costliest scan."""
        return self.scans.counts


def _figures(sentences: Sequence[SentenceScans], hosts: frozenset[str]) -> list[_Figures]:
    """Each sentence's figures and setting, in text order."""
    found: list[_Figures] = []
    last: tuple[str, ...] = ()
    for sentence in sentences:
        mentions = sentence.mentions
        located = [(m.start, m.code) for m in mentions if m.form in _PLACING and m.code]
        located += [(offset, entry.host) for offset, entry in sentence.places]
        in_hosts = sorted((offset, code) for offset, code in located if code in hosts)
        last = tuple(code for _offset, code in in_hosts) or last
        placed = frozenset(code for _offset, code in located)
        found.append(_Figures(sentence.text, sentence, tuple(mentions), placed, last))
    return found


def _standing_count(figures: Sequence[_Figures], actor: str, host: str) -> TroopCount | None:
    """The first figure in the text that counts `actor`'s forces, in a sentence set in `host`
    and in no other country."""
    for sentence in figures:
        if sentence.placed - {actor, host}:
            continue
        # "Chad's 2,000 soldiers" set in the story's host: the actor's own name does not set it
        if host not in sentence.placed and [c for c in sentence.setting if c != actor][-1:] != [
            host
        ]:
            continue
        own = [m for m in sentence.mentions if m.code == actor]
        for start, end, count in sentence.counts:
            if any(_beside(sentence.text, start, end, m) for m in own):
                return count
    return None


def _beside(text: str, start: int, end: int, mention: Mention) -> bool:
    """Whether the mention qualifies the figure spanning start..end: inside it, just before it,
    or after it with only linking words between."""
    if start <= mention.start and mention.end <= end:
        return True
    if mention.end <= start:
        return bool(_BEFORE.fullmatch(text, mention.end, start))
    return mention.start >= end and bool(_AFTER.fullmatch(text, end, mention.start))
