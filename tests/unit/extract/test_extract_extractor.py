"""Tests for daemon.extract.Extractor, decide and evaluate, plus the golden articles."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from daemon.extract import Extractor, detect_language
from daemon.extract.candidates import generate, rules_may_accept
from daemon.extract.decide import decide
from daemon.extract.evaluate import score
from daemon.extract.gazetteer import find_mentions
from daemon.extract.nlp import sentences
from daemon.extract.places import find_places
from daemon.extract.sentence import scan_sentences
from daemon.extract.triggers import ACCORD_RE, MILITARY, PREFILTER
from daemon.model import Article, Event, EventType, Status
from daemon.offline import parse_line

GOLDEN = sorted((Path(__file__).parent / "golden").glob("*.json"))
HOSTS = frozenset({"ML", "NE", "TD", "CM", "SN", "MR", "BF", "NG", "GM", "GN"})


def article(text: str, *, title: str = "", lang: str | None = "en", day: int = 8) -> Article:
    return Article("a1", "https://example.org/a1", title, text,
                   published=datetime(2024, 7, day, 12, tzinfo=UTC), lang=lang)  # fmt: skip


def golden_article(path: Path) -> tuple[Article, list[dict[str, object]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    raw = data["article"]
    art = Article(raw["id"], "", raw["title"], raw["text"],
                  published=datetime.fromisoformat(raw["published"]), lang=raw["lang"])  # fmt: skip
    return art, data["expected"]


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden_article(extractor, path):
    """Each golden article yields exactly its expected (type, actor, host, troops)."""
    art, expected = golden_article(path)
    got = {(e.type.value, e.actor, e.host, e.troops) for e in extractor.extract(art)}
    assert got == {(e["type"], e["actor"], e["host"], e["troops"]) for e in expected}


def test_golden_set_mixes_relevant_and_near_miss():
    """The golden set keeps both kinds, so precision and recall are both pinned."""
    expectations = [golden_article(p)[1] for p in GOLDEN]
    assert len(GOLDEN) >= 10
    assert sum(not e for e in expectations) >= 3
    assert sum(bool(e) for e in expectations) >= 5


def test_event_fields_are_filled(extractor):
    """A clear withdrawal fills force, status, troops, hedge, places, date and evidence."""
    text = (
        "NIAMEY (Wire) - French troops of Operation Barkhane completed their withdrawal "
        "of some 1,500 soldiers from Air Base 101 in Niger on Sunday, the army said."
    )
    (event,) = extractor.extract(article(text))
    assert (event.type, event.actor, event.host) == (EventType.WITHDRAW, "FR", "NE")
    assert event.actor_force == "Operation Barkhane"
    assert event.status is Status.COMPLETED
    assert (event.troops, event.troops_approximate) == (1500, True)
    assert [p.name for p in event.places] == ["Air Base 101"]
    assert event.event_date == date(2024, 7, 7)
    assert event.evidence == (text,)
    assert 0.5 <= event.confidence <= 1


def test_host_carried_over_from_earlier_sentence(extractor):
    """A host named only in an earlier sentence is carried to the event sentence."""
    text = (
        "Mali's junta has grown closer to Moscow. "
        "On Friday, Russian instructors arrived at the airport, witnesses said."
    )
    found = {(e.type, e.actor, e.host) for e in extractor.extract(article(text))}
    assert found == {(EventType.DEPLOY, "RU", "ML")}


def test_hosts_outside_the_configured_set_yield_nothing():
    """An extractor configured for Mali only ignores a withdrawal from Niger."""
    text = "French troops withdrew from Niger on Sunday."
    assert Extractor(hosts=frozenset({"ML"})).extract(article(text)) == []


def test_irrelevant_article_is_rejected_before_the_pipeline():
    """An article with no trigger word never loads a spaCy pipeline."""
    fresh = Extractor()
    assert fresh.extract(article("Cotton prices rose in Mali this season.")) == []
    assert fresh.loaded == {}


def test_extraction_is_deterministic(extractor):
    """The same article always gives the same events in the same order."""
    art, _expected = golden_article(GOLDEN[0])
    assert extractor.extract(art) == extractor.extract(art)


def test_language_detected_when_missing(extractor):
    """An article without lang is routed to the French pipeline when it reads as French."""
    text = "Les soldats français ont quitté le Mali dimanche, selon l'armée."
    events = extractor.extract(article(text, lang=None))
    assert [(e.type, e.actor, e.host) for e in events] == [(EventType.WITHDRAW, "FR", "ML")]
    assert "fr" in extractor.loaded


def test_one_event_per_key_with_merged_evidence():
    """Two sentences about the same withdrawal merge into one event with both sentences."""
    sentences = ["French troops left Mali on Sunday.", "The French soldiers withdrew from Gao."]
    events = decide(generate(sentences, HOSTS, None), HOSTS)
    assert len(events) == 1
    assert events[0].evidence == tuple(sentences)


def test_actor_equal_to_host_is_never_an_event():
    """A host's own army acting at home is not a foreign event."""
    sentences = ["Malian troops launched an offensive in central Mali."]
    assert decide(generate(sentences, HOSTS, None), HOSTS) == []


def test_score_counts_per_language():
    """score() computes P/R/F1 on (type, actor, host) and relevance accuracy per language."""
    hit = Event(EventType.WITHDRAW, "FR", "ML", ("s",), 0.9)
    wrong = Event(EventType.DEPLOY, "RU", "ML", ("s",), 0.9)
    gold = [
        {
            "lang": "en",
            "relevant": True,
            "events": [{"type": "WITHDRAW", "actor": "FR", "host": "ML"}],
        },
        {"lang": "fr", "relevant": False, "events": []},
    ]
    result = score(gold, [[hit], [wrong]])
    assert result["en"]["f1"] == 1.0
    assert (result["fr"]["fp"], result["fr"]["relevance_accuracy"]) == (1, 0.0)
    assert result["all"]["precision"] == 0.5


def test_score_rejects_misaligned_inputs():
    """Gold and predictions of different lengths are an error, not a silent zip."""
    with pytest.raises(ValueError, match="2 gold"):
        score([{}, {}], [[]])


def keys(sentences: list[str]) -> set[tuple[EventType, str, str]]:
    return {(e.type, e.actor, e.host) for e in decide(generate(sentences, HOSTS, None), HOSTS)}


def test_neighbours_named_at_a_border_are_not_hosts():
    """'near the borders with Burkina Faso and Niger' does not make them hosts of a Mali strike."""
    sentences = [
        "French forces carried out an air strike in central Mali on Friday.",
        "The strike by French jets hit a camp near the borders with Burkina Faso and Niger.",
    ]
    assert keys(sentences) == {(EventType.OPERATION, "FR", "ML")}


def test_equipment_alone_is_not_a_deployment():
    """Drones or jets sent without personnel do not make a DEPLOY."""
    assert keys(["Turkey sent a dozen armed drones to the army of Burkina Faso."]) == set()


def test_purpose_is_not_an_operation():
    """'sent troops to fight militants' is a deployment, not a reported battle."""
    sentences = ["Chad sent 500 troops into Niger to fight Boko Haram militants."]
    assert keys(sentences) == {(EventType.DEPLOY, "TD", "NE")}


def test_carried_host_is_the_story_country_not_a_passing_neighbour():
    """Carry-over prefers the most named host over one mentioned once just before."""
    sentences = [
        "Russian instructors are expanding their role in Burkina Faso.",
        "Burkina Faso's junta has turned to Moscow, as Mali did before it.",
        "The Russian trainers arrived in the capital last week, witnesses said.",
    ]
    assert keys(sentences) == {(EventType.DEPLOY, "RU", "BF")}


def test_deployment_elsewhere_ignores_the_senders_demonym():
    """Senegalese units sent to the Central African Republic give no event for Senegal."""
    sentences = ["Des unités sénégalaises vont être déployées en République centrafricaine."]
    assert keys(sentences) == set()


def _states_read_in_full(extractor: Extractor, text: str) -> tuple[bool, bool]:
    """(might_report, _worth_reading) as defined on every state the text names, read in full."""
    if not (MILITARY.search(text) or ACCORD_RE.search(text)) or not PREFILTER.search(text):
        return False, False
    named = {m.code for m in find_mentions(text) if m.code}
    hosts = (named | {entry.host for _offset, entry in find_places(text)}) & extractor.hosts
    return bool(hosts), bool(named - hosts) if len(hosts) == 1 else len(hosts) > 1


def test_prefilter_stops_reading_names_without_changing_its_answer(extractor):
    """The prefilter reads names only until its answer is certain: on every corpus and ordinary
    article it answers as if it had read them all."""
    root = Path(__file__).resolve().parents[3]
    paths = [
        *(root / "tests" / "data").glob("corpus_*.jsonl"),
        root / "bench/data/ordinary_news.jsonl",
    ]
    texts = [
        f"{item['title']}\n\n{item['text']}"
        for path in paths
        for item in map(json.loads, path.read_text(encoding="utf-8").splitlines())
    ]
    assert len(texts) > 250
    for text in texts:
        want = _states_read_in_full(extractor, text)
        assert (extractor.might_report(text), extractor._worth_reading(text)) == want


def test_prefilter_passes_an_event_written_with_a_turkish_capital_i(extractor):
    """ "İ" lowercases to two characters: the prefilter falls back to the original patterns
    instead of missing wording the rules find ("security İSTANBUL agreement")."""
    text = "Moscow and Bamako sealed a new security İSTANBUL agreement on Tuesday."
    assert extractor._worth_reading(text)
    assert [(e.type, e.actor, e.host) for e in extractor.extract(article(text))] == [
        (EventType.AGREEMENT, "RU", "ML")
    ]


def _every_article() -> list[Article]:
    """The articles of every labelled set, the ordinary news, the seed and the phrasings."""
    root = Path(__file__).resolve().parents[3]
    paths = [
        *(root / "tests" / "data").glob("corpus_*.jsonl"),
        root / "bench/data/ordinary_news.jsonl",
        *(root / "tests" / "unit" / "extract" / "phrasings").glob("*.jsonl"),
    ]
    lines = [line for path in paths for line in path.read_text(encoding="utf-8").splitlines()]
    lines.append(json.dumps(json.loads((root / "tests/data/seed_retold.json").read_text())))
    return [parse_line(line, number)[0] for number, line in enumerate(lines, 1) if line.strip()]


def test_rules_early_test_never_drops_an_event(extractor):
    """Wherever rules_may_accept says no, generating and deciding (the rules) gives no event, on
    every article of every set; and it does say no to some the prefilter passes."""
    refused = 0
    for art in _every_article():
        full = f"{art.title}\n\n{art.text}"
        if not extractor._worth_reading(full):
            continue
        lang = art.lang if art.lang in ("en", "fr") else detect_language(full)
        parts = [art.title.strip()] if art.title.strip() else []
        parts += sentences(extractor.pipeline(lang), art.text)
        shared = scan_sentences(parts)
        if not rules_may_accept(parts, shared):
            refused += 1
            published = art.published.date() if art.published else None
            assert (
                decide(generate(parts, extractor.hosts, published, shared), extractor.hosts) == []
            )
    assert refused >= 3


def test_rules_early_test_reads_an_accord_a_signing_and_nearby_wording():
    """A signing needs no military wording; another trigger needs it in its sentence, the ones
    around it, or an accord in the trigger itself."""

    def may(sentences: list[str]) -> bool:
        return rules_may_accept(sentences, scan_sentences(sentences))

    assert not may(["The delegation left Bamako on Monday.", "Talks went well."])
    assert may(["The delegation left Bamako on Monday.", "The troops stay."])
    assert may(["Russia and Mali signed a security agreement."])
    assert not may(["Prices rose in Niamey.", "Nothing else happened."])
