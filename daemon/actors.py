"""Codes and English names of the actors and hosts the contract speaks of."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# The ten host countries of the UN Integrated Strategy for the Sahel (the default host set).
SAHEL_HOSTS: Mapping[str, str] = MappingProxyType(
    {
        "BF": "Burkina Faso",
        "CM": "Cameroon",
        "TD": "Chad",
        "GM": "Gambia",
        "GN": "Guinea",
        "ML": "Mali",
        "MR": "Mauritania",
        "NE": "Niger",
        "NG": "Nigeria",
        "SN": "Senegal",
    }
)

MULTINATIONAL: Mapping[str, str] = MappingProxyType(
    {
        "UN": "United Nations",
        "EU": "European Union",
        "ECOWAS": "Economic Community of West African States",
        "AU": "African Union",
    }
)

# States whose forces appear in Sahel reporting, beyond the hosts themselves.
STATES: Mapping[str, str] = MappingProxyType(
    {
        **SAHEL_HOSTS,
        "US": "United States",
        "FR": "France",
        "RU": "Russia",
        "DE": "Germany",
        "IT": "Italy",
        "TR": "Turkey",
        "CN": "China",
        "GB": "United Kingdom",
        "ES": "Spain",
        "BE": "Belgium",
        "NL": "Netherlands",
        "SE": "Sweden",
        "DK": "Denmark",
        "EE": "Estonia",
        "CZ": "Czechia",
        "PT": "Portugal",
        "IE": "Ireland",
        "CA": "Canada",
        "UA": "Ukraine",
        "IR": "Iran",
        "AE": "United Arab Emirates",
        "MA": "Morocco",
        "DZ": "Algeria",
        "LY": "Libya",
        "EG": "Egypt",
        "BJ": "Benin",
        "TG": "Togo",
        "GH": "Ghana",
        "CI": "Côte d'Ivoire",
        "SL": "Sierra Leone",
        "LR": "Liberia",
        "GW": "Guinea-Bissau",
        "RW": "Rwanda",
        "BD": "Bangladesh",
        "PK": "Pakistan",
        "HU": "Hungary",
        "IN": "India",
    }
)

ACTOR_NAMES: Mapping[str, str] = MappingProxyType({**STATES, **MULTINATIONAL})


def actor_name(code: str) -> str:
    """English name of an actor code; the code itself when unknown."""
    return ACTOR_NAMES.get(code, code)
