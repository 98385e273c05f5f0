"""Rules alone against rules + decider: event F1 per gold file and speed, in one table.

`python -m daemon.extract.training.measure FILE.jsonl...` (the bank splits are always included).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from daemon.extract import Extractor
from daemon.extract.evaluate import score
from daemon.model import Article, Event

BANK = Path(__file__).resolve().parents[3] / "tests" / "unit" / "extract" / "phrasings"


def main(argv: Sequence[str] | None = None) -> int:
    """Print F1 (all / en / fr) and articles per second for each file, both ways."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("gold", nargs="*", type=Path)
    args = parser.parse_args(argv)
    files = [BANK / "dev.jsonl", BANK / "heldout.jsonl", *args.gold]
    extractors = {"rules": Extractor(model=False), "model": Extractor(model=True)}
    for name, extractor in extractors.items():
        for path in files:
            print(json.dumps({"decider": name, "file": path.name, **measure(extractor, path)}))  # noqa: T201
    return 0


def measure(extractor: Extractor, path: Path) -> dict[str, Any]:
    """F1 per language and speed of one extractor over one gold file."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    articles = [_article(r) for r in records]
    for article in articles[:3]:
        extractor.extract(article)  # load the pipelines before timing
    predicted: list[list[Event]] = []
    timings: list[float] = []
    for article in articles:
        started = time.perf_counter()
        predicted.append(extractor.extract(article))
        timings.append(time.perf_counter() - started)
    scores = score(records, predicted)
    relevant = [t for t, r in zip(timings, records, strict=True) if r.get("events")]
    other = [t for t, r in zip(timings, records, strict=True) if not r.get("events")]
    return {
        **{lang: scores[lang]["f1"] for lang in scores},
        "p": scores["all"]["precision"],
        "r": scores["all"]["recall"],
        "per_s_relevant": round(len(relevant) / sum(relevant), 1) if relevant else None,
        "per_s_irrelevant": round(len(other) / sum(other), 1) if other else None,
    }


def _article(record: dict[str, Any]) -> Article:
    stamp = str(record.get("published") or "")
    stamp += "-01" if len(stamp) == 7 else ""  # month-only dates ("2021-01")
    published = datetime.fromisoformat(stamp) if stamp else None
    return Article(
        str(record.get("id", "")),
        str(record.get("url", "")),
        str(record.get("title", "")),
        str(record["text"]),
        published=published,
        lang=record.get("lang"),
    )


if __name__ == "__main__":
    raise SystemExit(main())
