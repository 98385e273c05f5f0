"""The trained decider: a small spaCy text classifier that accepts or rejects each candidate.

A candidate is shown to the model as its sentence with the roles masked and marked (the actor's
and host's mentions become `xactor…`/`xhost…` tokens, the trigger is wrapped in type-named
markers) and prefixed by the rule cues (negated, presence, no military wording...), so it learns
which cue to trust in which wording, for any pair of states. Weights ship in
`daemon/data/decider/`, built by `python -m daemon.extract.training.build`; without them the
extractor keeps its rules (see `load_decider`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import structlog

from daemon.extract.candidates import Candidate
from daemon.extract.decide import MAX_OPERATION_DISTANCE
from daemon.extract.gazetteer import find_mentions
from daemon.extract.places import find_places

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "decider"
LABEL = "ACCEPT"
_TOKEN = re.compile(r"\w+|[^\w\s]")
_log = structlog.stdlib.get_logger(__name__)


def encode(candidate: Candidate) -> str:
    """The model's view of a candidate: cue tokens, then the masked, marked, lowercased sentence."""
    sentence, trigger = candidate.sentence, candidate.trigger
    spans: list[tuple[int, int, str]] = [
        (trigger.start, trigger.start, f" xtrg{candidate.type.value.lower()} "),
        (trigger.end, trigger.end, " xtrgend "),
    ]
    for mention in find_mentions(sentence):
        if mention.code == candidate.actor:
            role = "xactor"
        elif mention.code == candidate.host:
            role = "xhost"
        else:
            role = "xstate" if mention.code else "xother"
        spans.append((mention.start, mention.end, f" {role}{mention.form.value} "))
    for offset, entry in find_places(sentence):
        role = "xhostplace" if entry.host == candidate.host else "xplace"
        spans.append((offset, offset, f" {role} "))
    text = _splice(sentence, spans)
    return " ".join([*_cues(candidate), *_TOKEN.findall(text.lower())])


def _splice(sentence: str, spans: list[tuple[int, int, str]]) -> str:
    """The sentence with each (start, end) replaced by its text, right to left; an overlapping
    span (a place inside a state's name) is dropped."""
    out, limit = sentence, len(sentence) + 1
    for start, end, text in sorted(spans, key=lambda s: (s[0], s[1]), reverse=True):
        if end > limit:
            continue
        out = out[:start] + text + out[end:]
        limit = start
    return out


def _cues(candidate: Candidate) -> list[str]:
    """The rule layer's findings as tokens."""
    flags = {
        "xblocked": candidate.blocked,
        "xpresence": candidate.presence,
        "xnomilitary": not candidate.military,
        "xnopersonnel": not candidate.personnel,
        "xactorcarried": candidate.actor_carried,
        "xhostcarried": candidate.host_carried,
        "xweak": candidate.trigger.weak,
        "xfar": candidate.actor_distance > MAX_OPERATION_DISTANCE,
    }
    return [f"xtype{candidate.type.value.lower()}", *(name for name, on in flags.items() if on)]


@dataclass(frozen=True)
class Decider:
    """A loaded decider: scores candidates as the probability that they are real events."""

    nlp: Any
    threshold: float
    version: str

    def __call__(self, candidates: Sequence[Candidate]) -> list[float]:
        """P(real event) for each candidate, in order."""
        docs = self.nlp.pipe(encode(c) for c in candidates)
        return [round(float(doc.cats[LABEL]), 4) for doc in docs]


def load_decider(path: Path = MODEL_DIR) -> Decider | None:
    """The decider shipped at `path`, or None (logged) when its weights are missing or broken."""
    settings = path / "decider.json"
    if not settings.is_file():
        _log.warning("decider_missing", path=str(path), fallback="rules")
        return None
    import spacy  # noqa: PLC0415 - deferred: only a present model needs it here

    try:
        meta = json.loads(settings.read_text(encoding="utf-8"))
        nlp = spacy.load(path / "model")
    except (OSError, ValueError) as error:
        _log.warning("decider_unreadable", path=str(path), error=str(error), fallback="rules")
        return None
    return Decider(nlp, float(meta["threshold"]), str(meta.get("version", "?")))
