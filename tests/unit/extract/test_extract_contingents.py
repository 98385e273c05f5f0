"""National contingents and the missions they serve in (daemon/extract/contingents.py)."""

from __future__ import annotations

import pytest

from daemon.extract.contingents import contingents, framing_missions
from daemon.extract.gazetteer import find_mentions


def coded(text: str):
    return [m for m in find_mentions(text) if m.code]


@pytest.mark.parametrize(
    "text",
    [
        "Chadian soldiers serving with MINUSMA were ambushed near Aguelhok.",
        "Le contingent tchadien de la Minusma a été attaqué.",
        "Des Casques bleus chinois sont arrivés à Gao.",
        "U.N. peacekeepers from Burkina Faso were killed near Ber.",
    ],
)
def test_a_state_contingent_makes_its_mission_a_frame(text):
    assert framing_missions(text, coded(text)) == {"UN"}


def test_a_mission_beside_a_state_is_no_frame():
    text = "MINUSMA peacekeepers and French soldiers fought off the attack."
    assert framing_missions(text, coded(text)) == set()


def test_contingents_keep_the_state_and_drop_the_framing_mission():
    text = "Chadian soldiers serving with MINUSMA were ambushed near Aguelhok."
    assert [m.code for m in contingents(text, coded(text))] == ["TD"]
