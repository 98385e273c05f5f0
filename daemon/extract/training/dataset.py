"""Labelled candidates: documents run through the rule layer's candidate generator, each candidate
labelled by whether its (type, actor, host) is among the document's gold events."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from daemon.actors import SAHEL_HOSTS
from daemon.extract.candidates import Candidate, generate
from daemon.extract.decide import impossible
from daemon.extract.decider import encode
from daemon.extract.nlp import load, sentences
from daemon.extract.training.compose import Doc, Key

HOSTS = frozenset(SAHEL_HOSTS)
_PUBLISHED = date(2024, 8, 5)


@dataclass(frozen=True, slots=True)
class Example:
    """One candidate as the model sees it, with its gold label and where it came from."""

    text: str
    accept: bool
    lang: str
    source: str


def read_gold(path: Path) -> list[Doc]:
    """A corpus/bank JSONL file as documents (title and text joined as the extractor does)."""
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record: dict[str, Any] = json.loads(line)
            text = "\n\n".join(p for p in (record.get("title", ""), record["text"]) if p)
            events = frozenset(
                (str(e["type"]), str(e["actor"]), str(e["host"])) for e in record["events"]
            )
            docs.append(Doc(str(record["lang"]), text, events, str(record.get("id", ""))))
    return docs


def doc_candidates(docs: Sequence[Doc], pipelines: dict[str, Any]) -> list[list[Candidate]]:
    """Every document's candidates that the contract does not rule out, as the extractor makes
    them (a title ends at its line break, so it is a sentence of its own)."""
    found = []
    for doc in docs:
        if doc.lang not in pipelines:
            pipelines[doc.lang] = load(doc.lang)
        parts = sentences(pipelines[doc.lang], doc.text)
        found.append([c for c in generate(parts, HOSTS, _PUBLISHED) if not impossible(c, HOSTS)])
    return found


def examples(
    docs: Sequence[Doc], candidates: Sequence[Sequence[Candidate]], source: str
) -> list[Example]:
    """Labelled model inputs for the candidates of each document."""
    return [
        Example(encode(c), key(c) in doc.events, doc.lang, source)
        for doc, cands in zip(docs, candidates, strict=True)
        for c in cands
    ]


def key(candidate: Candidate) -> Key:
    """A candidate's (type, actor, host)."""
    return (candidate.type.value, candidate.actor, candidate.host)


def deduplicated(rows: Iterable[Example]) -> list[Example]:
    """One example per (text, label), first seen kept: repeated fills add nothing to learn."""
    seen: dict[tuple[str, bool], Example] = {}
    for row in rows:
        seen.setdefault((row.text, row.accept), row)
    return list(seen.values())
