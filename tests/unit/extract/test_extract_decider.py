"""The trained decider: shipped weights, deterministic scores, rules fallback, held-out floor."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources

import pytest
from structlog.testing import capture_logs
from test_extract_phrasings import run

import daemon.extract as extract_module
from daemon.extract import Extractor
from daemon.extract.candidates import generate
from daemon.extract.decide import decide
from daemon.extract.decider import MODEL_DIR, encode, load_decider
from daemon.extract.evaluate import score
from daemon.model import Article, EventType

HOSTS = frozenset({"ML", "NE", "TD", "CM", "SN", "MR", "BF", "NG", "GM", "GN"})
# Measured when the weights were built: bank held-out F1 0.943 (rules alone 0.955).
HELDOUT_FLOOR = 0.92
SENTENCES = [
    "Niger's junta ordered French troops to leave the country last month.",
    "Chad sent 1,000 soldiers into Cameroon on Tuesday.",
    "France could send troops to Mali.",
    "Les derniers soldats français ont quitté le Niger vendredi.",
]


@pytest.fixture(scope="module")
def model_extractor() -> Extractor:
    """An extractor that decides with the shipped model."""
    return Extractor(model=True)


def article(text: str, lang: str = "en") -> Article:
    return Article("d1", "", "", text, published=datetime(2024, 7, 8, tzinfo=UTC), lang=lang)


def test_weights_ship_as_package_data():
    """The decider's settings and weights are files of the installed `daemon` package."""
    root = resources.files("daemon") / "data" / "decider"
    assert (root / "decider.json").is_file()
    assert (root / "model" / "textcat" / "model").is_file()
    assert MODEL_DIR.name == "decider"


def test_decider_loads_with_a_threshold_between_0_and_1():
    """The shipped decider loads and carries the threshold chosen on dev."""
    decider = load_decider()
    assert decider is not None
    assert 0.0 < decider.threshold < 1.0


def test_scores_are_deterministic_across_loads():
    """Two independently loaded deciders give identical scores to the same candidates."""
    candidates = [c for s in SENTENCES for c in generate([s], HOSTS, None)]
    first, second = load_decider(), load_decider()
    assert first is not None
    assert second is not None
    scores = first(candidates)
    assert len(scores) == len(candidates) > 0
    assert scores == second(candidates)
    assert all(0.0 <= s <= 1.0 for s in scores)


def test_extraction_with_the_model_is_deterministic(model_extractor):
    """The same article gives the same events twice and from a fresh model extractor."""
    text = " ".join(SENTENCES)
    once = model_extractor.extract(article(text))
    assert once == model_extractor.extract(article(text))
    assert once == Extractor(model=True).extract(article(text))


def test_encoding_masks_the_roles_and_marks_the_trigger():
    """The model sees role tokens, not country names, and the trigger between type markers."""
    (candidate,) = [c for c in generate([SENTENCES[0]], HOSTS, None) if c.type is EventType.EXPEL]
    text = encode(candidate)
    assert "xactordemonym" in text
    assert "xhostname" in text
    assert "xtrgexpel" in text
    assert "niger" not in text.split()
    assert "french" not in text.split()


def test_model_accepts_events_and_rejects_a_hypothetical(model_extractor):
    """A reported expulsion and a departure are read; "could send" is not."""
    keys = {
        (e.type.value, e.actor, e.host)
        for s, lang in zip(SENTENCES, ("en", "en", "en", "fr"), strict=True)
        for e in model_extractor.extract(article(s, lang))
    }
    assert ("EXPEL", "FR", "NE") in keys
    assert ("WITHDRAW", "FR", "NE") in keys
    assert not any(actor == "FR" and host == "ML" for _t, actor, host in keys)


def test_hard_constraints_hold_whatever_the_scorer_says():
    """Even a scorer that accepts everything yields no own-country or non-host event."""

    class Yes:
        threshold = 0.5

        def __call__(self, candidates):
            return [1.0] * len(candidates)

    text = "Chad sent troops to the Central African Republic and to Cameroon."
    events = decide(generate([text], HOSTS, None), frozenset({"CM"}), Yes())
    assert events
    assert all(e.host == "CM" and e.actor != e.host for e in events)


def test_missing_weights_fall_back_to_rules_with_a_warning(tmp_path, monkeypatch):
    """Without weights the model extractor logs a warning and decides exactly as the rules do."""
    monkeypatch.setattr(extract_module, "load_decider", lambda: load_decider(tmp_path))
    fallback = Extractor(model=True)
    text = " ".join(SENTENCES[:3])
    with capture_logs() as logs:
        events = fallback.extract(article(text))
    assert [entry["event"] for entry in logs] == ["decider_missing"]
    assert logs[0]["log_level"] == "warning"
    assert fallback.decider is None
    assert events == Extractor(model=False).extract(article(text))


def test_rules_extractor_never_loads_the_model():
    """With the model off, no decider is loaded."""
    assert Extractor(model=False).decider is None


def test_model_heldout_f1_stays_above_its_floor(model_extractor):
    """Bank held-out event F1 with the model deciding does not fall below its floor."""
    items, predicted = run(model_extractor, "heldout")
    assert score(items, predicted)["all"]["f1"] >= HELDOUT_FLOOR
