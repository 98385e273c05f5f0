"""Property tests: extraction never raises on arbitrary text and gives the same answer twice."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daemon.extract import Extractor
from daemon.model import Article

# Sahel wording mixed into random text, so generated articles reach the full rules, not only the
# prefilter.
_WORDS = st.sampled_from([
    "French", "troops", "soldats", "withdrew", "quittent", "Niger", "Mali", "Tchad", "expelled",
    "deployed", "1,000", "1 500", "plus de", "roughly", "<p>", "</div>", "&amp;", "\n", ".", ",",
    "«", "»", "Wagner", "Barkhane", "Air Base 201", "Agadez", "strike", "tués", "accord de défense",
    "signed", "denied", "not", "99999999999999999999", "M.", "U.S.", "🙂", "\u202f", "\x00",
])  # fmt: skip
_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(_WORDS, st.text(max_size=12)), max_size=80).map(" ".join),
)
_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _article(title: str, text: str, lang: str | None) -> Article:
    return Article("p1", "", title, text,
                   published=datetime(2024, 4, 20, tzinfo=UTC), lang=lang)  # fmt: skip


@_SETTINGS
@given(title=st.text(max_size=80), text=_TEXT, lang=st.sampled_from(["en", "fr", None]))
def test_extract_never_raises_and_is_deterministic(extractor: Extractor, title, text, lang):
    """Any text (unicode, markup, huge numbers, empty) gives a list of events, the same twice."""
    first = extractor.extract(_article(title, text, lang))
    second = extractor.extract(_article(title, text, lang))
    assert isinstance(first, list)
    assert first == second
    for event in first:
        assert event.actor != event.host
        assert event.troops is None or event.troops > 0


@_SETTINGS
@given(text=_TEXT)
def test_prefilter_never_raises(extractor: Extractor, text):
    """The cheap prefilter answers a boolean for any text."""
    assert extractor.might_report(text) in (True, False)
