"""Training the decider with spaCy's own textcat and `nlp.update`, seeded, on CPU."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import spacy
from spacy.training import Example as SpacyExample
from thinc.api import fix_random_seed

from daemon.extract.decider import LABEL
from daemon.extract.training.dataset import Example

REJECT = "REJECT"
# Bag of n-grams (up to trigrams) over the masked sentence: a linear model whose features are
# the marked role/trigger tokens and their neighbours. Compared with the CNN ensemble in build.
ARCHITECTURES: dict[str, dict[str, Any]] = {
    "bow": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 3,
        "no_output_layer": False,
        "length": 2**18,
    },
    "ensemble": {
        "@architectures": "spacy.TextCatEnsemble.v2",
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2",
                "width": 64,
                "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                "rows": [5000, 1000, 2500, 1000],
                "include_static_vectors": False,
            },
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": 64,
                "window_size": 1,
                "maxout_pieces": 3,
                "depth": 2,
            },
        },
        "linear_model": {
            "@architectures": "spacy.TextCatBOW.v3",
            "exclusive_classes": True,
            "ngram_size": 3,
            "no_output_layer": False,
            "length": 2**18,
        },
    },
}


def train(
    rows: Sequence[Example], *, architecture: str = "bow", epochs: int = 12, seed: int = 0
) -> Any:
    """A blank multilingual pipeline with a trained two-class textcat (ACCEPT / REJECT)."""
    fix_random_seed(seed)
    nlp = spacy.blank("xx")
    textcat: Any = nlp.add_pipe("textcat", config={"model": ARCHITECTURES[architecture]})
    textcat.add_label(LABEL)
    textcat.add_label(REJECT)
    data = [
        SpacyExample.from_dict(
            nlp.make_doc(row.text),
            {"cats": {LABEL: float(row.accept), REJECT: float(not row.accept)}},
        )
        for row in rows
    ]
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(seed)  # noqa: S311 - seeded sampling, not security
    for _epoch in range(epochs):
        rng.shuffle(data)
        for start in range(0, len(data), 32):
            nlp.update(data[start : start + 32], sgd=optimizer, drop=0.2)
    return nlp
