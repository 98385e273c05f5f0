"""Curated Sahel places (cities, regions, bases) with coordinates, and finding them in text.

GeoNames-based packages miss many garrison towns (Ménaka, Tessalit, Sévaré, Boulkessi...) and are
large, so a small hand-checked table ships here instead. Coordinates are approximate (town centre).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from daemon.extract.gazetteer import first_chars
from daemon.extract.scan import scan
from daemon.model import Place, PlaceKind


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    """A known place: canonical name, host code, kind, coordinates and the spellings to match."""

    name: str
    host: str
    kind: PlaceKind
    lat: float
    lon: float
    aliases: tuple[str, ...] = ()

    def to_place(self) -> Place:
        """The model's Place for this entry."""
        return Place(self.name, self.kind, self.lat, self.lon)


_C, _B, _R = PlaceKind.CITY, PlaceKind.BASE, PlaceKind.REGION

PLACES: tuple[PlaceEntry, ...] = (
    # Niger
    PlaceEntry(
        "Air Base 101", "NE", _B, 13.481, 2.184, (r"(?:Air Base|[Bb]ase a[ée]rienne|BA) ?101",)
    ),
    PlaceEntry(
        "Air Base 201", "NE", _B, 16.966, 8.013, (r"(?:Air Base|[Bb]ase a[ée]rienne|BA) ?201",)
    ),
    PlaceEntry("Niamey", "NE", _C, 13.512, 2.112),
    PlaceEntry("Agadez", "NE", _C, 16.974, 7.991),
    PlaceEntry("Ouallam", "NE", _C, 14.318, 2.086),
    PlaceEntry("Diffa", "NE", _C, 13.315, 12.611),
    PlaceEntry("Tillabéri", "NE", _R, 14.212, 1.453, ("Tillab[ée]r[iy]",)),
    PlaceEntry("Tahoua", "NE", _C, 14.890, 5.263),
    PlaceEntry("Dirkou", "NE", _C, 18.987, 12.887),
    PlaceEntry("Madama", "NE", _B, 21.954, 13.643),
    PlaceEntry("Zinder", "NE", _C, 13.805, 8.988),
    PlaceEntry("Arlit", "NE", _C, 18.739, 7.393),
    PlaceEntry("Inatès", "NE", _C, 14.933, 0.850, ("Inat[èe]s",)),
    PlaceEntry("Bosso", "NE", _C, 13.698, 13.310),
    PlaceEntry("N'Guigmi", "NE", _C, 14.253, 13.111, ("N'? ?Guigmi",)),
    PlaceEntry("Mainé-Soroa", "NE", _C, 13.211, 12.024, ("Main[ée][- ]Soroa",)),
    PlaceEntry("Maradi", "NE", _C, 13.500, 7.102),
    PlaceEntry("Dosso", "NE", _C, 13.049, 3.194),
    PlaceEntry("Téra", "NE", _C, 14.010, 0.753, ("T[ée]ra",)),
    PlaceEntry("Ayorou", "NE", _C, 14.731, 0.918),
    PlaceEntry("Banibangou", "NE", _C, 15.040, 2.700),
    PlaceEntry("Tongo Tongo", "NE", _C, 14.900, 1.330, ("Tongo[- ]Tongo",)),
    PlaceEntry("Tillia", "NE", _C, 16.130, 4.790),
    PlaceEntry("Imouraren", "NE", _C, 17.760, 7.330),
    # Mali
    PlaceEntry("Bamako", "ML", _C, 12.639, -8.003),
    PlaceEntry("Gao", "ML", _C, 16.272, -0.044),
    PlaceEntry("Ménaka", "ML", _C, 15.918, 2.402, ("M[ée]naka",)),
    PlaceEntry("Tessalit", "ML", _C, 20.201, 1.011),
    PlaceEntry("Kidal", "ML", _C, 18.441, 1.408),
    PlaceEntry("Timbuktu", "ML", _C, 16.773, -3.007, ("Tombouctou", "Timbuktu")),
    PlaceEntry("Mopti", "ML", _C, 14.484, -4.183),
    PlaceEntry("Sévaré", "ML", _C, 14.527, -4.101, ("S[ée]var[ée]",)),
    PlaceEntry("Aguelhok", "ML", _C, 19.461, 0.858, ("Aguel'?hok",)),
    PlaceEntry("Anefis", "ML", _C, 17.983, 0.650),
    PlaceEntry("Ansongo", "ML", _C, 15.663, 0.502),
    PlaceEntry("Boulkessi", "ML", _C, 15.000, -1.550, ("Bouli?kessi",)),
    PlaceEntry("Hombori", "ML", _C, 15.283, -1.700),
    PlaceEntry("Ségou", "ML", _C, 13.431, -6.266, ("S[ée]gou",)),
    PlaceEntry("Kati", "ML", _C, 12.744, -8.072),
    PlaceEntry("Konna", "ML", _C, 14.946, -3.889),
    PlaceEntry("Diabaly", "ML", _C, 14.687, -6.017),
    PlaceEntry(
        "Tinzaouaten", "ML", _C, 19.960, 2.920, ("Tin-?[Zz]aou?at[eè]ne?", "Tinzawat[eè]ne")
    ),
    PlaceEntry("Ber", "ML", _C, 16.530, -2.890),
    PlaceEntry("Douentza", "ML", _C, 15.002, -2.948),
    PlaceEntry("Bourem", "ML", _C, 16.955, -0.349),
    PlaceEntry("Gourma-Rharous", "ML", _C, 16.880, -1.920, ("Gourma[- ]Rharous",)),
    PlaceEntry("Goundam", "ML", _C, 16.417, -3.667),
    PlaceEntry("Niafunké", "ML", _C, 15.932, -3.990, ("Niafunk[ée]",)),
    PlaceEntry("Léré", "ML", _C, 15.720, -4.910, ("L[ée]r[ée]",)),
    PlaceEntry("Nampala", "ML", _C, 15.280, -5.550),
    PlaceEntry("Niono", "ML", _C, 14.252, -5.993),
    PlaceEntry("Moura", "ML", _C, 13.970, -4.620),
    PlaceEntry("Bandiagara", "ML", _C, 14.350, -3.610),
    PlaceEntry("Djenné", "ML", _C, 13.906, -4.553, ("Djenn[ée]",)),
    PlaceEntry("Koulikoro", "ML", _C, 12.863, -7.559),
    PlaceEntry("Kayes", "ML", _C, 14.447, -11.445),
    PlaceEntry("Nioro du Sahel", "ML", _C, 15.230, -9.590),
    PlaceEntry("Sikasso", "ML", _C, 11.317, -5.667),
    PlaceEntry("Labbezanga", "ML", _C, 14.950, 0.700),
    PlaceEntry(
        "Adrar des Ifoghas", "ML", _R, 19.500, 1.500, ("Adrar des If[oô]ghas", "Ifoghas mountains")
    ),
    PlaceEntry("Gossi", "ML", _C, 15.820, -1.300),
    PlaceEntry("Tabankort", "ML", _C, 16.830, 0.170),
    PlaceEntry("Ametettaï", "ML", _R, 19.250, 1.050, ("Amet[eé]tta[iï]",)),
    PlaceEntry("Tigharghar", "ML", _R, 19.100, 1.200),
    PlaceEntry("Ogossagou", "ML", _C, 14.100, -3.450),
    PlaceEntry("Gourma", "ML", _R, 15.500, -1.500),
    PlaceEntry("Boni", "ML", _C, 15.050, -1.950),
    PlaceEntry("Anéfis", "ML", _C, 18.050, 0.600, ("An[ée]fis",)),
    PlaceEntry("Bounti", "ML", _C, 14.770, -2.780),
    PlaceEntry("Almoustarat", "ML", _C, 17.450, 0.920),
    PlaceEntry("N'Tillit", "ML", _C, 15.950, -0.500, ("N'? ?Tillit",)),
    PlaceEntry("Intahaka", "ML", _C, 16.550, -0.390),
    PlaceEntry("Markala", "ML", _C, 13.700, -6.070),
    PlaceEntry("Banamba", "ML", _C, 13.550, -7.450),
    PlaceEntry("Wagadou", "ML", _R, 15.000, -6.500, ("[WO]u?agadou",)),
    PlaceEntry("Camp Castor", "ML", _B, 16.270, -0.030),
    # Burkina Faso
    PlaceEntry("Ouagadougou", "BF", _C, 12.371, -1.519),
    PlaceEntry("Djibo", "BF", _C, 14.102, -1.627),
    PlaceEntry("Kaya", "BF", _C, 13.092, -1.084),
    PlaceEntry("Pô", "BF", _B, 11.170, -1.150, ("P[ôo](?= (?:base|camp|military))", "Pô")),
    PlaceEntry("Dori", "BF", _C, 14.035, -0.035),
    PlaceEntry("Kamboinsin", "BF", _B, 12.462, -1.548, ("Kambo[ié]n?sin",)),
    PlaceEntry("Bobo-Dioulasso", "BF", _C, 11.178, -4.297),
    PlaceEntry("Fada N'Gourma", "BF", _C, 12.062, 0.358, ("Fada N'? ?Gourma",)),
    PlaceEntry("Arbinda", "BF", _C, 14.229, -0.867),
    PlaceEntry("Gorom-Gorom", "BF", _C, 14.443, -0.235, ("Gorom[- ]Gorom",)),
    PlaceEntry("Ouahigouya", "BF", _C, 13.583, -2.417),
    PlaceEntry("Barsalogho", "BF", _C, 13.420, -1.060),
    PlaceEntry("Diapaga", "BF", _C, 12.070, 1.790),
    PlaceEntry("Sebba", "BF", _C, 13.440, 0.530),
    # Chad
    PlaceEntry("N'Djamena", "TD", _C, 12.134, 15.056, ("N'? ?Dj[ae]m[ae]na",)),
    PlaceEntry("Faya-Largeau", "TD", _B, 17.924, 19.104, ("Faya(?:-Largeau)?",)),
    PlaceEntry("Abéché", "TD", _C, 13.829, 20.832, ("Ab[ée]ch[ée]",)),
    PlaceEntry("Bol", "TD", _C, 13.459, 14.714),
    PlaceEntry("Adji Kossei", "TD", _B, 12.133, 15.034, ("Adji[- ]Koss[eé][iï]",)),
    PlaceEntry("Moussoro", "TD", _C, 13.640, 16.490),
    PlaceEntry("Amdjarass", "TD", _C, 16.070, 22.840),
    PlaceEntry("Adré", "TD", _C, 13.466, 22.200, ("Adr[ée]",)),
    PlaceEntry("Baga Sola", "TD", _C, 13.530, 14.320),
    PlaceEntry("Mongo", "TD", _C, 12.180, 18.690),
    PlaceEntry("Fada", "TD", _C, 17.180, 21.580),
    PlaceEntry("Ennedi", "TD", _R, 17.500, 22.000),
    PlaceEntry("Tibesti", "TD", _R, 21.000, 17.500),
    PlaceEntry("Zouar", "TD", _C, 20.450, 16.520),
    # Mauritania
    PlaceEntry("Nouakchott", "MR", _C, 18.079, -15.965),
    PlaceEntry("Bassikounou", "MR", _C, 15.867, -5.950),
    PlaceEntry("Néma", "MR", _C, 16.617, -7.250, ("N[ée]ma",)),
    PlaceEntry("Atar", "MR", _C, 20.517, -13.050),
    PlaceEntry("Fassala", "MR", _C, 15.550, -5.520),
    PlaceEntry("Zouérat", "MR", _C, 22.730, -12.470, ("Zou[ée]rate?",)),
    PlaceEntry("Nouadhibou", "MR", _C, 20.940, -17.040),
    PlaceEntry("Kaédi", "MR", _C, 16.150, -13.500, ("Ka[ée]di",)),
    # Nigeria, Cameroon, Senegal, Gambia, Guinea
    PlaceEntry("Abuja", "NG", _C, 9.058, 7.489),
    PlaceEntry("Maiduguri", "NG", _C, 11.846, 13.160),
    PlaceEntry("Borno", "NG", _R, 11.500, 13.000, ("Borno(?: State)?",)),
    PlaceEntry("Kano", "NG", _C, 12.000, 8.517),
    PlaceEntry("Sokoto", "NG", _C, 13.063, 5.243),
    PlaceEntry("Gamboru", "NG", _C, 12.372, 14.208, ("Gamb[oa]ru",)),
    PlaceEntry("Kumshe", "NG", _C, 11.000, 14.300),
    PlaceEntry("Abadam", "NG", _C, 13.500, 13.300),
    PlaceEntry("Ngoshe", "NG", _C, 10.980, 13.890),
    PlaceEntry("Damasak", "NG", _C, 13.100, 12.510),
    PlaceEntry("Dikwa", "NG", _C, 12.030, 13.920),
    PlaceEntry("Malam Fatori", "NG", _C, 13.670, 13.340),
    PlaceEntry("Baga", "NG", _C, 13.110, 13.830),
    PlaceEntry("Monguno", "NG", _C, 12.670, 13.610),
    PlaceEntry("Bama", "NG", _C, 11.520, 13.690),
    PlaceEntry("Gwoza", "NG", _C, 11.080, 13.690),
    PlaceEntry("Sambisa", "NG", _R, 11.300, 13.400),
    PlaceEntry("Yola", "NG", _C, 9.210, 12.480),
    PlaceEntry("Kaduna", "NG", _C, 10.520, 7.440),
    PlaceEntry("Lagos", "NG", _C, 6.450, 3.390),
    PlaceEntry("Yaoundé", "CM", _C, 3.848, 11.502, ("Yaound[ée]",)),
    PlaceEntry("Maroua", "CM", _C, 10.591, 14.316),
    PlaceEntry("Far North", "CM", _R, 10.600, 14.300, ("Far North", "Extrême-Nord")),
    PlaceEntry("Fotokol", "CM", _C, 12.370, 14.220),
    PlaceEntry("Kolofata", "CM", _C, 11.170, 14.030),
    PlaceEntry("Kousseri", "CM", _C, 12.080, 15.030, ("Kouss[ée]r[ié]",)),
    PlaceEntry("Maltam", "CM", _C, 12.160, 14.780),
    PlaceEntry("Waza", "CM", _C, 11.400, 14.570),
    PlaceEntry("Mokolo", "CM", _C, 10.740, 13.800),
    PlaceEntry("Garoua", "CM", _C, 9.300, 13.400),
    PlaceEntry("Douala", "CM", _C, 4.050, 9.700),
    PlaceEntry("Dakar", "SN", _C, 14.717, -17.467),
    PlaceEntry("Ouakam", "SN", _B, 14.723, -17.488),
    PlaceEntry("Thiès", "SN", _C, 14.790, -16.930, ("Thi[èe]s",)),
    PlaceEntry("Ziguinchor", "SN", _C, 12.560, -16.270),
    PlaceEntry("Casamance", "SN", _R, 12.800, -15.500),
    PlaceEntry("Kédougou", "SN", _C, 12.560, -12.180, ("K[ée]dougou",)),
    PlaceEntry("Thiaroye", "SN", _C, 14.750, -17.380),
    PlaceEntry("Camp Geille", "SN", _B, 14.720, -17.490, ("[Cc]amp Geille",)),
    PlaceEntry("Rufisque", "SN", _C, 14.716, -17.270),
    PlaceEntry("Saint-Louis", "SN", _C, 16.030, -16.490),
    PlaceEntry("Bakel", "SN", _C, 14.900, -12.460),
    PlaceEntry("Podor", "SN", _C, 16.650, -14.960),
    PlaceEntry("Banjul", "GM", _C, 13.454, -16.579),
    PlaceEntry("Yundum", "GM", _C, 13.340, -16.650),
    PlaceEntry("Kanilai", "GM", _C, 13.160, -16.090),
    PlaceEntry("Farafenni", "GM", _C, 13.570, -15.600),
    PlaceEntry("Bwiam", "GM", _C, 13.240, -16.050),
    PlaceEntry("Conakry", "GN", _C, 9.641, -13.578),
    PlaceEntry("Kankan", "GN", _C, 10.380, -9.310),
    PlaceEntry("N'Zérékoré", "GN", _C, 7.760, -8.820, ("N'? ?Z[ée]r[ée]kor[ée]",)),
)


@cache
def _matcher() -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    """A finder of the word starts a place may begin at, and per first character one alternation
    of the spellings that can begin with it (group name = index into PLACES).

    Trying only the spellings that share the word's first character gives the same matches as one
    alternation of them all, several times faster (see gazetteer._matcher).
    """
    by_char: dict[str, list[str]] = {}
    for i, entry in enumerate(PLACES):
        for spelling in entry.aliases or (re.escape(entry.name),):
            chars = first_chars(spelling)
            if chars is None:
                raise ValueError(f"place spelling with no fixed first character: {spelling}")
            for char in chars:
                by_char.setdefault(char, []).append(f"(?P<p{i}_{len(by_char[char])}>{spelling})")
    buckets = {
        char: re.compile(rf"(?:{'|'.join(parts)})(?![\w-])") for char, parts in by_char.items()
    }
    starts = re.compile(rf"(?<![\w-])[{re.escape(''.join(sorted(by_char)))}]")
    return starts, buckets


def find_places(text: str) -> list[tuple[int, PlaceEntry]]:
    """Known places named in `text`, as (char offset, entry), left to right."""
    return list(iter_places(text))


def iter_places(text: str) -> Iterator[tuple[int, PlaceEntry]]:
    """find_places's places one at a time, for a reader that may stop early."""
    return (
        (match.start(), PLACES[int(match.lastgroup[1:].split("_")[0])])
        for match in scan(*_matcher(), text)
        if match.lastgroup
    )


def places_in(text: str, host: str) -> tuple[Place, ...]:
    """Distinct known places of `host` named in `text`, in order of first mention."""
    return places_of(find_places(text), host)


def places_of(found: list[tuple[int, PlaceEntry]], host: str) -> tuple[Place, ...]:
    """Distinct places of `host` among those `find_places` found, in order of first mention."""
    seen: dict[str, Place] = {}
    for _offset, entry in found:
        if entry.host == host and entry.name not in seen:
            seen[entry.name] = entry.to_place()
    return tuple(seen.values())
