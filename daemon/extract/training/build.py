"""Build the shipped decider: `python -m daemon.extract.training.build` (or `make model`).

Composes the training documents (seeded), adds the phrasing bank's dev split and the project
corpus's dev part when present (never a held-out split), labels every candidate, trains, picks the
acceptance threshold that maximises event F1 on the dev documents, and writes
`daemon/data/decider/`. The same seed gives the same weights.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from daemon.extract.candidates import Candidate
from daemon.extract.decide import decide
from daemon.extract.decider import MODEL_DIR, Decider
from daemon.extract.evaluate import score
from daemon.extract.training.compose import Doc, compose
from daemon.extract.training.dataset import (
    HOSTS,
    Example,
    deduplicated,
    doc_candidates,
    examples,
    read_gold,
)
from daemon.extract.training.train import train

ROOT = Path(__file__).resolve().parents[3]
BANK_DEV = ROOT / "tests" / "unit" / "extract" / "phrasings" / "dev.jsonl"
CORPUS_DEV = ROOT / "tests" / "data" / "corpus_dev.jsonl"
VERSION = "decider-1"


def main(argv: Sequence[str] | None = None) -> int:
    """Build the decider and print what went into it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=MODEL_DIR)
    parser.add_argument("--docs", type=int, default=4000, help="composed documents per language")
    parser.add_argument("--architecture", default="bow", choices=("bow", "ensemble"))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.monotonic()
    report = build(args.output, docs=args.docs, architecture=args.architecture, seed=args.seed)
    report["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(report, indent=2))  # noqa: T201 - the command's output
    return 0


def build(output: Path, *, docs: int, architecture: str, seed: int) -> dict[str, Any]:
    """Compose, label, train, calibrate the threshold and save; returns the build's figures."""
    pipelines: dict[str, Any] = {}
    train_docs = [*compose("en", docs, seed), *compose("fr", docs, seed + 1)]
    dev_docs = [*compose("en", docs // 5, seed + 100), *compose("fr", docs // 5, seed + 101)]
    gold = read_gold(BANK_DEV) + (read_gold(CORPUS_DEV) if CORPUS_DEV.is_file() else [])
    train_cands = doc_candidates(train_docs, pipelines)
    gold_cands = doc_candidates(gold, pipelines)
    # the bank's own sentences count twice: they are real phrasings, the composed ones are not
    rows = deduplicated(examples(train_docs, train_cands, "composed"))
    rows += examples(gold, gold_cands, "gold") * 2
    nlp = train(rows, architecture=architecture, seed=seed)
    dev_cands = doc_candidates(dev_docs, pipelines)
    threshold, f1 = choose_threshold(nlp, [*dev_docs, *gold], [*dev_cands, *gold_cands])
    save(nlp, output, threshold=threshold, architecture=architecture)
    return {
        "architecture": architecture,
        "documents": {"composed": len(train_docs), "gold": len(gold), "dev": len(dev_docs)},
        "examples": _counts(rows),
        "threshold": threshold,
        "dev_f1": f1,
        "weights_bytes": sum(p.stat().st_size for p in output.rglob("*") if p.is_file()),
    }


def choose_threshold(
    nlp: Any, docs: Sequence[Doc], candidates: Sequence[Sequence[Candidate]]
) -> tuple[float, float]:
    """The threshold with the best event F1 on `docs` (the lowest such, on a tie)."""
    best = (0.5, -1.0)
    for step in range(10, 91, 5):
        decider = Decider(nlp, step / 100, VERSION)
        predicted = [decide(cands, HOSTS, decider) for cands in candidates]
        gold = [{"lang": d.lang, "events": _events(d)} for d in docs]
        f1 = float(score(gold, predicted)["all"]["f1"])
        if f1 > best[1]:
            best = (step / 100, f1)
    return best


def _events(doc: Doc) -> list[dict[str, str]]:
    return [{"type": t, "actor": a, "host": h} for t, a, h in sorted(doc.events)]


def _counts(rows: Sequence[Example]) -> dict[str, int]:
    counts: dict[str, int] = {"total": len(rows)}
    for row in rows:
        name = f"{row.lang}_{row.source}_{'accept' if row.accept else 'reject'}"
        counts[name] = counts.get(name, 0) + 1
    return dict(sorted(counts.items()))


def save(nlp: Any, output: Path, *, threshold: float, architecture: str) -> None:
    """Write the pipeline and its settings, replacing what was there."""
    if output.exists():
        shutil.rmtree(output)
    output.mkdir(parents=True)
    nlp.meta["name"] = "sahelwatch_decider"
    nlp.meta["version"] = "1.0.0"
    nlp.to_disk(output / "model")
    settings = {"version": VERSION, "threshold": threshold, "architecture": architecture}
    (output / "decider.json").write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
