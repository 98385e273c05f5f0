"""Loading the spaCy pipelines: sentence segmentation for the rule layer, never a download.

French is a blank pipeline with the rule-based sentencizer by default (`FRENCH = "blank"`): on the
project and shared corpora it scores as well as fr_core_news_sm, whose parser only served to split
sentences, at a small fraction of its cost. `"trained"` selects fr_core_news_sm. English uses
en_core_web_sm when installed, else a blank pipeline with the sentencizer. Components the rules do
not read (lemmatizer, NER, tagger) are excluded: they cost load and run time.
"""

from __future__ import annotations

import importlib.util
import re
from typing import Any, Literal

import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language

_UNUSED = ["lemmatizer", "ner", "morphologizer", "attribute_ruler", "tagger", "senter"]
FrenchPipeline = Literal["blank", "trained"]
FRENCH: FrenchPipeline = "blank"  # chosen by the figures; see the module docstring
MAX_CHARS = 20_000  # longer pages are navigation or live blogs; their head carries the news


@Language.component("sahelwatch_paragraphs")
def paragraph_breaks(doc: Any) -> Any:
    """Start a sentence after every line break: headlines and datelines carry no full stop."""
    # The tokenizer keeps every run of whitespace but a single trailing space as a token of its
    # own (a token's whitespace_ is "" or " "), so a line break is inside a space token: read
    # those from one array, rather than rebuilding doc.text and visiting every token.
    for index, space in enumerate(doc.to_array(IS_SPACE)[:-1].tolist()):
        if space and "\n" in doc[index].text:
            doc[index + 1].is_sent_start = True
    return doc


def load(lang: str, *, french: FrenchPipeline = FRENCH) -> Any:
    """The pipeline for 'en' or 'fr', built from what is installed; `french` picks the blank or
    the trained French pipeline."""
    if lang == "fr" and french == "trained":
        return _trained("fr_core_news_sm")
    if lang == "en" and importlib.util.find_spec("en_core_web_sm") is not None:
        return _trained("en_core_web_sm")
    nlp = spacy.blank("fr" if lang == "fr" else "en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("sahelwatch_paragraphs", after="sentencizer")
    return nlp


def _trained(name: str) -> Any:
    """An installed trained pipeline reduced to its parser, which splits the sentences."""
    nlp = spacy.load(name, exclude=_UNUSED)
    nlp.add_pipe("sahelwatch_paragraphs", before="parser")
    return nlp


_FINAL = re.compile(r"[.!?…:;»\"”)\]]\s*$")


def sentences(nlp: Any, text: str) -> list[str]:
    """The text's sentences, stripped, empty ones dropped.

    The parser sometimes cuts a clause with no final punctuation ("Les soldats américains |
    quittent Niamey"); such a cut is undone unless a line break made it.
    """
    full = text[:MAX_CHARS]
    # spaCy's tokenizer loses no character, so doc.text (rebuilt from the tokens on every access,
    # a pass over all of them) is `full` itself
    doc = nlp(full)
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        if (
            spans
            and not _FINAL.search(full[spans[-1][0] : start])
            and "\n" not in (full[spans[-1][1] : start] + full[spans[-1][0] : start][-1:])
        ):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return _at_quotes([piece for a, b in spans if (piece := full[a:b].strip())])


# 'He left. "We go," he said.' / « Il est parti. « Nous partons », a-t-il dit. »: the
# sentencizer keeps an opening quote with the sentence before it, or does not split there at all
_QUOTE_START = re.compile(r"(?<=[.!?…])\s+(?=[«\"“]\s*[A-ZÀ-Ý])")
_DANGLING_QUOTE = re.compile(r"(?<=[.!?…])\s+([«\"“])$")


def _at_quotes(pieces: list[str]) -> list[str]:
    """Sentences split where a quotation opens after a full stop, the quote mark kept with it."""
    found: list[str] = []
    carry = ""
    for piece in pieces:
        for part in _QUOTE_START.split(carry + piece):
            dangling = _DANGLING_QUOTE.search(part)
            carry = dangling.group(1) if dangling else ""
            text = (part[: dangling.start()] if dangling else part).strip()
            if text:
                found.append(text)
    return found
