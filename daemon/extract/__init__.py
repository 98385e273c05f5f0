"""The NLP core: read an article, return the foreign-military events it reports.

Layout: gazetteer/places (who and where), triggers/numbers/dates (what, how many, when), roles
(what each state named in a sentence can be), cast (actor vs host for one trigger), cues (what
voids a trigger: negation, hypothesis, other senses), stage (status and mere presence), context
(the host and actor carried across sentences), candidates (every possible event), decide
(accept, score, merge), strength (a departure's count stated in another sentence), sentence (one
sentence's scans, shared by those steps), lowered (patterns run over lowercased text), branches
(long alternations tried by first character), nlp (spaCy loading), evaluate (scoring against
gold). Pure once loaded: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from daemon.actors import SAHEL_HOSTS
from daemon.extract.candidates import generate, rules_may_accept
from daemon.extract.decide import Scorer, decide
from daemon.extract.decider import load_decider
from daemon.extract.gazetteer import iter_mentions
from daemon.extract.lang import detect_language
from daemon.extract.lowered import Folded, Twin
from daemon.extract.nlp import FRENCH, FrenchPipeline, load, sentences
from daemon.extract.places import iter_places
from daemon.extract.sentence import scan_sentences
from daemon.extract.strength import with_standing_counts
from daemon.extract.triggers import MILITARY_OR_ACCORD, any_trigger
from daemon.model import Article, Event

__all__ = ["Extractor", "detect_language"]


# The prefilter's patterns, run over lowercased text (see lowered.py): most articles stop here.
_WORDING = Twin(MILITARY_OR_ACCORD)

# What the prefilter asks of the states a text names: (hosts named or through a place, whether
# it names a state outside the host set). Both can only become true as more names are read.
Enough = Callable[[set[str], bool], bool]


def _any_host(hosts: set[str], _foreign: bool) -> bool:
    return bool(hosts)


def _host_and_another(hosts: set[str], foreign: bool) -> bool:
    return len(hosts) > 1 or (bool(hosts) and foreign)


# Whether the trained decider (daemon/data/decider/) decides by default, rather than the rules.
USE_MODEL = False


class Extractor:
    """Reads events from articles; spaCy pipelines load on first use per language and are kept.

    `model` chooses the decision step: the trained decider (falling back to the rules, with a
    logged warning, when its weights are missing) or the rules alone. `french` chooses the French
    sentence splitter: a blank pipeline with rules (default) or fr_core_news_sm.
    """

    def __init__(
        self,
        hosts: frozenset[str] = frozenset(SAHEL_HOSTS),
        *,
        model: bool = USE_MODEL,
        french: FrenchPipeline = FRENCH,
    ) -> None:
        self.hosts = hosts
        self.model = model
        self.french = french
        self._pipelines: dict[str, Any] = {}
        self._decider: Scorer | None = None
        self._decider_tried = False

    def extract(self, article: Article) -> list[Event]:
        """Events of one article: deterministic, at most one per (type, actor, host)."""
        full = f"{article.title}\n\n{article.text}"
        if not self._worth_reading(full):
            return []
        lang = article.lang if article.lang in ("en", "fr") else detect_language(full)
        parts = [article.title.strip()] if article.title.strip() else []
        parts += sentences(self.pipeline(lang), article.text)
        published = article.published.date() if article.published else None
        shared = scan_sentences(parts)  # both steps read the same sentences: scan them once
        if self.decider is None and not rules_may_accept(parts, shared):
            return []  # the rules would reject every candidate: generating them is wasted
        events = decide(generate(parts, self.hosts, published, shared), self.hosts, self.decider)
        return with_standing_counts(events, parts, self.hosts, shared)

    def might_report(self, text: str) -> bool:
        """Cheap prefilter: military wording (or a military accord), a trigger and a host must all
        appear. Lenient, because the daemon also asks it of a title and summary before fetching
        the full page, where the actor is often not named yet."""
        return self._names_enough(text, _any_host)

    def _worth_reading(self, text: str) -> bool:
        """The prefilter for a whole article: also a second state besides one host.

        Every event needs a host (named, or through a place in it) and an actor named as another
        state or a force, so this loses no event: "the Malian army repelled an attack near Gao"
        names no second state and needs no rule run.
        """
        return self._names_enough(text, _host_and_another)

    def _names_enough(self, text: str, enough: Enough) -> bool:
        """Whether the text has military wording (or a military accord) and a trigger, and names
        `enough` states; checked cheapest and most selective first, and the names are read only
        until `enough` holds (more names cannot undo it)."""
        folded = Folded(text)
        if not _WORDING.search(folded):
            return False
        if not any_trigger().search(folded):
            return False
        hosts: set[str] = set()
        foreign = False  # a named state outside the host set
        for mention in iter_mentions(text):
            if mention.code in self.hosts:
                hosts.add(mention.code)
            foreign = foreign or (bool(mention.code) and mention.code not in self.hosts)
            if enough(hosts, foreign):
                return True
        for _offset, entry in iter_places(text):
            if entry.host in self.hosts:
                hosts.add(entry.host)
                if enough(hosts, foreign):
                    return True
        return False

    def pipeline(self, lang: str) -> Any:
        """The cached spaCy pipeline for a language, loaded on first use."""
        if lang not in self._pipelines:
            self._pipelines[lang] = load(lang, french=self.french)
        return self._pipelines[lang]

    @property
    def decider(self) -> Scorer | None:
        """The trained decider when the model is on and its weights load, else None (rules)."""
        if self.model and not self._decider_tried:
            self._decider_tried = True
            self._decider = load_decider()
        return self._decider

    @property
    def loaded(self) -> Mapping[str, Any]:
        """Pipelines loaded so far, by language (for health checks and tests)."""
        return dict(self._pipelines)
