"""The seed article retold (tests/data/seed_retold.json) gives exactly its six expected events."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from daemon.model import Article, Event

SEED = Path(__file__).parents[2] / "data" / "seed_retold.json"


@pytest.fixture(scope="module")
def seed() -> dict[str, Any]:
    """The retold seed article with its gold events."""
    return json.loads(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def events(extractor, seed) -> list[Event]:
    """What the extractor reads from the seed article."""
    published = datetime.fromisoformat(seed["published"])
    art = Article("seed", "", seed["title"], seed["text"], published=published, lang=seed["lang"])
    return extractor.extract(art)


def test_seed_gives_exactly_its_six_events(seed, events):
    """The extracted (type, actor, host) triples are the six gold ones, no more, no fewer."""
    gold = {(e["type"], e["actor"], e["host"]) for e in seed["events"]}
    assert len(gold) == 6
    assert {(e.type.value, e.actor, e.host) for e in events} == gold
    assert len(events) == 6


def test_seed_coordinated_hosts_each_get_the_expulsion(events):
    """ "Mali and Burkina Faso each expelled French forces" gives EXPEL FR->ML and FR->BF."""
    expels = {e.host for e in events if e.type.value == "EXPEL" and e.actor == "FR"}
    assert {"ML", "BF"} <= expels


def test_seed_us_withdrawal_counts_its_troops(events):
    """The planned US pullout from Niger carries the 1,000 troops it concerns."""
    withdraw = next(
        e for e in events if (e.type.value, e.actor, e.host) == ("WITHDRAW", "US", "NE")
    )
    assert withdraw.troops == 1000
