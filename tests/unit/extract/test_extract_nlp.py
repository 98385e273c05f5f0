"""The sentence splitter's line breaks (nlp.paragraph_breaks)."""

from __future__ import annotations

import pytest

from daemon.extract.nlp import load, paragraph_breaks

TEXTS = [
    "Headline\nBody starts here. Second sentence",
    "A dateline \n\nThen the story.\r\nAnd more\tafter a tab",
    "No break at all. Just sentences.",
    "\nLeading break\n",
    "Trailing space before break \nnext",
]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_sentence_starts_after_every_line_break_and_nowhere_else(lang):
    """Exactly the tokens after a token holding a line break (in its text or its trailing
    space) become sentence starts: read from one array, as visiting every token would."""
    nlp = load(lang)
    for text in TEXTS:
        doc = paragraph_breaks(nlp.make_doc(text))
        want = {
            token.i
            for token in doc[1:]
            if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_
        }
        assert {token.i for token in doc[1:] if token.is_sent_start} == want
