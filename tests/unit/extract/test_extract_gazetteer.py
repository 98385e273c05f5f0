"""Unit tests for daemon.extract.gazetteer and daemon.extract.places."""

from __future__ import annotations

import pytest

from daemon.extract.gazetteer import REMOTE_FORCES, Form, find_mentions
from daemon.extract.places import PLACES, find_places, places_in
from daemon.model import PlaceKind


def codes(text: str) -> list[str | None]:
    return [m.code for m in find_mentions(text)]


def test_nigerian_and_nigerien_are_different_states():
    """'Nigerian' is Nigeria (NG) and 'Nigerien'/'nigérien' is Niger (NE)."""
    assert codes("Nigerian and Nigerien officers met nigérians et nigériens") == [
        "NG", "NE", "NG", "NE",
    ]  # fmt: skip


def test_guinea_bissau_is_not_guinea():
    """Guinea-Bissau and Equatorial Guinea never read as Guinea (GN)."""
    assert codes("Guinea-Bissau, Equatorial Guinea and Guinea") == ["GW", "GQ", "GN"]


def test_niger_river_is_not_the_state():
    """'Niger Delta' / 'fleuve Niger' are places, not Niger."""
    found = find_mentions("oil in the Niger Delta and boats on the fleuve Niger")
    assert [m.form for m in found] == [Form.OTHER, Form.OTHER]
    assert all(m.code is None for m in found)


@pytest.mark.parametrize(
    ("text", "code", "force"),
    [
        ("the Wagner Group", "RU", "Wagner Group"),
        ("Africa Corps", "RU", "Africa Corps"),
        ("l'opération Barkhane", "FR", "Operation Barkhane"),
        ("MINUSMA", "UN", "MINUSMA"),
        ("EUTM Mali", "EU", "EUTM Mali"),
        ("la CEDEAO", "ECOWAS", None),
        ("the Pentagon", "US", None),
        ("l'Élysée", "FR", None),
    ],
)
def test_forces_and_metonyms_map_to_actor_codes(text, code, force):
    """Named forces, bodies and seats of government resolve to the contract's actor codes."""
    (mention,) = find_mentions(text)
    assert (mention.code, mention.force) == (code, force)


def test_us_needs_capitals():
    """The pronoun 'us' is not the United States."""
    assert codes("they told us about U.S. plans") == ["US"]


def test_places_are_filtered_by_host_with_coordinates():
    """Only the host's places are returned, with kind and coordinates."""
    found = places_in("from Air Base 201 near Agadez to Gao and Faya", "NE")
    assert [p.name for p in found] == ["Air Base 201", "Agadez"]
    assert found[0].kind is PlaceKind.BASE
    assert found[1].lat == pytest.approx(16.97, abs=0.05)


def test_french_place_spellings():
    """French spellings (Tombouctou, base aérienne 101) resolve to the canonical names."""
    assert [p.name for p in places_in("Tombouctou et Ménaka", "ML")] == ["Timbuktu", "Ménaka"]
    assert [p.name for p in places_in("la base aérienne 101", "NE")] == ["Air Base 101"]


# Rough bounding boxes (lat_min, lat_max, lon_min, lon_max) of the host states: a typo in a
# place's coordinates or host puts it outside its state's box.
_BOXES = {
    "ML": (10.1, 25.0, -12.3, 4.3),
    "NE": (11.6, 23.6, 0.1, 16.0),
    "BF": (9.4, 15.1, -5.6, 2.5),
    "TD": (7.4, 23.5, 13.4, 24.0),
    "MR": (14.7, 27.3, -17.1, -4.8),
    "SN": (12.3, 16.7, -17.6, -11.3),
    "NG": (4.2, 13.9, 2.6, 14.7),
    "CM": (1.6, 13.1, 8.4, 16.2),
    "GN": (7.1, 12.7, -15.1, -7.6),
    "GM": (13.0, 13.9, -16.9, -13.7),
}


@pytest.mark.parametrize("entry", PLACES, ids=lambda e: e.name)
def test_every_place_lies_in_its_host(entry):
    lat_min, lat_max, lon_min, lon_max = _BOXES[entry.host]
    assert lat_min <= entry.lat <= lat_max
    assert lon_min <= entry.lon <= lon_max


@pytest.mark.parametrize("entry", PLACES, ids=lambda e: e.name)
def test_every_place_is_found_by_its_name(entry):
    assert [found.name for _offset, found in find_places(f"Troops reached {entry.name}.")] == [
        entry.name
    ]


@pytest.mark.parametrize("name", ["MINUSCA", "Monusco", "MISCA", "AMISOM", "Sangaris", "Licorne"])
def test_forces_serving_outside_the_sahel_are_found_by_name(name):
    """REMOTE_FORCES names what the force table gives these mentions (a renamed force would
    otherwise silently stop placing its events outside the Sahel)."""
    (mention,) = find_mentions(f"Les soldats de {name} sont arrivés.")
    assert mention.force in REMOTE_FORCES
