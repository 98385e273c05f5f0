"""Benchmark (not a test): extraction speed, its overhead over spaCy, and the trained-model floor.

    .venv/bin/python bench/extraction.py [--corpus FILE.jsonl ...] [--ordinary FILE] [--repeat 3]

Over the same labelled articles, in one run, prints: articles/s and words/s for relevant and
for irrelevant articles, peak memory, our time against a bare `nlp.pipe` of our own pipeline
(the overhead of our rules over spaCy), and against a bare `nlp.pipe` of fr_core_news_sm with
all its components (the cost floor of the usual NER-based approach) on the French articles.

The labelled corpus's irrelevant articles are hard negatives (military news from the Sahel
without a foreign-forces event). Most of a real feed is ordinary news (economy, sport,
health...): bench/data/ordinary_news.jsonl is measured as a third group, and the trained-model
comparison is also given over the French labelled and ordinary articles together.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from daemon.extract import Extractor
from daemon.offline import parse_line

ROOT = Path(__file__).resolve().parents[1]

ORDINARY = ROOT / "bench" / "data" / "ordinary_news.jsonl"
DEFAULT_CORPORA = sorted((ROOT / "tests" / "data").glob("corpus_*.jsonl")) or sorted(
    (ROOT / "tests" / "unit" / "extract" / "phrasings").glob("*.jsonl")
)


def say(line: str) -> None:
    """One line of results on stdout."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def load(paths: list[Path]) -> list[tuple[Any, bool]]:
    """(article, relevant) pairs of labelled JSONL files."""
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                article, _ = parse_line(line, number)
                gold = json.loads(line)
                found.append((article, bool(gold.get("relevant", gold.get("events")))))
    return found


def timed(work: Callable[[], object], repeat: int) -> float:
    """Best wall time of `repeat` runs (the least disturbed by the machine's noise)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", default=None)
    parser.add_argument("--ordinary", type=Path, default=ORDINARY)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    articles = load(args.corpus or DEFAULT_CORPORA)
    ordinary = [a for a, _ in load([args.ordinary])] if args.ordinary.exists() else []
    extractor = Extractor()
    for lang in ("en", "fr"):
        extractor.pipeline(lang)  # loading is not what we measure
    for article, _ in articles[:5]:
        extractor.extract(article)
    relevant = [a for a, r in articles if r]
    irrelevant = [a for a, r in articles if not r]
    rows = []
    groups = [("relevant", relevant), ("irrelevant", irrelevant)]
    groups += [("ordinary", ordinary)] if ordinary else []
    for label, group in groups:
        words = sum(len(a.text.split()) for a in group)
        seconds = timed(lambda g=group: [extractor.extract(a) for a in g], args.repeat)
        rows.append((label, len(group), words, seconds))
        say(f"{label:<11} {len(group):5d} articles {len(group) / seconds:8.1f} articles/s "
            f"{words / seconds:10.0f} words/s")  # fmt: skip
    (_, _, _, rel_s), (_, _, _, irr_s) = rows[:2]
    per_rel = rel_s / max(1, len(relevant))
    per_irr = irr_s / max(1, len(irrelevant))
    say(f"irrelevant article cost / relevant article cost: {per_irr / per_rel:.3f} "
        "(hard negatives: Sahel military news without a foreign-forces event)")  # fmt: skip
    if ordinary:
        per_ord = rows[2][3] / len(ordinary)
        passed = sum(extractor.might_report(f"{a.title}\n\n{a.text}") for a in ordinary)
        say(f"ordinary news article cost / relevant article cost: {per_ord / per_rel:.4f} "
            f"({len(ordinary) - passed} of {len(ordinary)} stop at the prefilter)")  # fmt: skip
    ours = rel_s + irr_s
    everything = [a for a, _ in articles]
    by_lang = {
        lang: [a.text for a in everything if (a.lang or "en") == lang] for lang in ("en", "fr")
    }

    def bare_own() -> None:
        for lang, texts in by_lang.items():
            list(extractor.pipeline(lang).pipe(texts, batch_size=64))

    own = timed(bare_own, args.repeat)
    say(f"ours / bare nlp.pipe of our own pipelines: {ours / own:.2f}x")
    french = [a for a in everything if a.lang == "fr"]
    if french:
        import spacy  # noqa: PLC0415

        trained = spacy.load("fr_core_news_sm")
        floor = timed(lambda: list(trained.pipe([a.text for a in french], batch_size=64)),
                      args.repeat)  # fmt: skip
        our_fr = timed(lambda: [extractor.extract(a) for a in french], args.repeat)
        say(f"French: trained fr_core_news_sm nlp.pipe / ours: {floor / our_fr:.1f}x "
            f"({len(french)} labelled articles; ours {len(french) / our_fr:.1f}/s, "
            f"trained floor {len(french) / floor:.1f}/s)")  # fmt: skip
        mixed = french + [a for a in ordinary if a.lang == "fr"]
        if len(mixed) > len(french):
            floor = timed(lambda: list(trained.pipe([a.text for a in mixed], batch_size=64)),
                          args.repeat)  # fmt: skip
            ours_mixed = timed(lambda: [extractor.extract(a) for a in mixed], args.repeat)
            say(f"French, labelled + ordinary news: trained nlp.pipe / ours: "
                f"{floor / ours_mixed:.1f}x ({len(mixed)} articles)")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    say(f"peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
