"""What earlier sentences of an article named: the host and the actor a sentence that does not
repeat them carries over ("the country", "the troops", "Paris").

News copy names a country once and then writes around it; candidates.py asks this memory for
the host and actor a trigger's own sentence lacks, and tells it what each sentence named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from daemon.extract.contingents import framing_missions
from daemon.extract.gazetteer import Form, Mention
from daemon.extract.mention_cues import COORD
from daemon.extract.roles import Role


@dataclass(frozen=True, slots=True)
class Named:
    """What one sentence named: its mentions, their roles read for no trigger in particular,
    and the host codes of the places it names."""

    index: int
    text: str
    mentions: list[Mention]
    roles: dict[int, Role]
    places: list[tuple[int, str]]


@dataclass(slots=True)
class Context:
    """What earlier sentences named, for sentences that do not repeat it."""

    actor: Mention | None = None
    # the last mission or named force that acted or was named as forces: what "the mission",
    # "la force" refer back to
    mission: Mention | None = None
    # "the American president" names no forces: it may not displace forces named earlier
    actor_weak: bool = False
    forces: dict[str, str] = field(default_factory=dict)
    # host code -> (times named, sentence last named): the story's own country outweighs a
    # neighbour mentioned in passing just before
    named: dict[str, tuple[int, int]] = field(default_factory=dict)
    cleared: bool = False  # the last place named was outside the host set
    acting: set[int] = field(default_factory=set)  # ids of this sentence's actor mentions
    # "Niger was last.", "Au Tchad, ...": a sentence that opens on a host turns the story to it
    topic: str | None = None

    @property
    def host(self) -> str | None:
        """The host to carry over: the one the story last turned to, else the most named so
        far, the latest on a tie."""
        if self.cleared or not self.named:
            return None
        return self.topic or max(self.named, key=lambda code: self.named[code])

    def name_host(self, code: str, index: int) -> None:
        """Record that sentence `index` named `code` as a place."""
        count, _last = self.named.get(code, (0, index))
        self.named[code] = (count + 1, index)
        self.cleared = False

    def remember(self, named: Named, hosts: frozenset[str]) -> None:
        """Update the carried-over host and actor with what one sentence named."""
        # forces that acted in this sentence outrank forces it only mentions ("Chadian troops
        # arrived in Kidal, where French forces are based": the story goes on about the Chadians)
        acted = any(id(m) in self.acting for m in named.mentions)
        # "Britain's contribution to Minusma": the story goes on about Britain's soldiers
        frames = framing_missions(named.text, [m for m in named.mentions if m.code])
        for mention in named.mentions:
            if mention.code:
                self._note(named, mention, hosts, frames, acted=acted)
        for _offset, host in named.places:
            if host in hosts:
                self.name_host(host, named.index)

    def _note(
        self,
        named: Named,
        mention: Mention,
        hosts: frozenset[str],
        frames: set[str],
        *,
        acted: bool,
    ) -> None:
        """What one coded mention changes: the carried actor, a host named, or a place
        elsewhere that stops the carry-over."""
        code, role = mention.code or "", named.roles[id(mention)]
        if mention.force:
            self.forces.setdefault(code, mention.force)
        if mention.form in _MISSION_FORMS and role in (Role.ACTOR, Role.WEAK_ACTOR):
            self.mission = mention
        if id(mention) in self.acting:
            self.actor, self.actor_weak = mention, False  # "Chad sends troops": not a host
        elif code in hosts and role in (Role.HOST, Role.OPEN):
            self.name_host(code, named.index)
            if mention.form is Form.NAME and _opens_on(named.text, mention, named.mentions):
                self.topic = code
        elif role in (Role.ACTOR, Role.WEAK_ACTOR) and self._may_carry(mention, frames):
            weak = role is Role.WEAK_ACTOR
            if not acted and (not weak or self.actor is None or self.actor_weak):
                self.actor, self.actor_weak = mention, weak
        elif role is Role.ELSEWHERE:
            self.cleared = True

    def _may_carry(self, mention: Mention, frames: set[str]) -> bool:
        """Whether a mention read as forces may become the carried actor: not a place-like
        name, not the story's host ("le retrait militaire du Mali"), not a mission named only
        as the frame of a state's contingent (`frames`)."""
        return (
            mention.form is not Form.OTHER
            and mention.code != self.host
            and mention.code not in frames
        )


_MISSION_FORMS = (Form.BODY, Form.FORCE)


def _opens_on(text: str, mention: Mention, mentions: list[Mention]) -> bool:
    """Whether the sentence opens on `mention` alone ("Au Tchad, ..."), not on a list of
    subjects ("Niger, Burkina Faso and Senegal have each pledged 500")."""
    if not _OPENING.match(text[: mention.start]):
        return False
    later = [m for m in mentions if m.code and m.start >= mention.end]
    return not (later and COORD.match(text[mention.end : later[0].start]))


# nothing but a preposition or an article before a sentence's first mention
_OPENING = re.compile(
    r"^\W*(?:(?:in|au|aux|en|à|dans|for|pour)\s+)?(?:the\s+|le\s+|la\s+|l')?$", re.IGNORECASE
)
