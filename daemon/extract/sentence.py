"""One sentence's scans, each run at most once per article whichever step asks for it.

Candidate generation reads a sentence's triggers, wording, mentions, places and personnel
figures; the rules' early test (candidates.rules_may_accept) reads the triggers and wording first,
and the standing strengths (strength.py) read the figures again for every sentence of an article
with a leaving event. All take them from here, so each scan runs once per sentence of an article.
The scans live as long as the article's extraction: nothing is kept from one article to the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from daemon.extract.gazetteer import Mention, find_mentions
from daemon.extract.lowered import Folded, Twin
from daemon.extract.numbers import Figure, TroopCount, troop_counts
from daemon.extract.places import PlaceEntry, find_places
from daemon.extract.triggers import MILITARY, Trigger, find_triggers

MILITARY_WORDING = Twin(MILITARY)  # run lowered over the lowercase (see lowered.py)


class SentenceScans:
    """A sentence and what the gazetteers and the count reader find in it, read on first use."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def triggers(self) -> list[Trigger]:
        """Its triggers, as find_triggers reads them (shared, like `mentions`)."""
        return find_triggers(self.text)

    @cached_property
    def military(self) -> bool:
        """Whether it has military wording itself."""
        return bool(MILITARY_WORDING.search(Folded(self.text)))

    @cached_property
    def mentions(self) -> list[Mention]:
        """The states and forces it names (shared: callers must not change the list)."""
        return find_mentions(self.text)

    @cached_property
    def places(self) -> list[tuple[int, PlaceEntry]]:
        """The known places it names, with their offsets (shared, like `mentions`)."""
        return find_places(self.text)

    @cached_property
    def counts(self) -> tuple[Figure, ...]:
        """Its personnel figures with their spans, in troop_counts's order."""
        return troop_counts(self.text)

    @property
    def troops(self) -> TroopCount | None:
        """Its first personnel figure, as troop_count reads it."""
        return self.counts[0][2] if self.counts else None


def scan_sentences(sentences: Sequence[str]) -> list[SentenceScans]:
    """Scans for each sentence of an article, to share between the steps that read them."""
    return [SentenceScans(sentence) for sentence in sentences]
