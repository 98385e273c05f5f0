"""Who is named in a sentence: states, multinational bodies and named forces, in English and French.

Every entry is a regular-expression fragment; the table is matched longest-first so that
"Guinea-Bissau" is never read as "Guinea" and "Nigerian" (NG) never as "Niger" (NE).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import Any

from daemon.extract.scan import scan

# The standard library's own regex parser (untyped, hence imported by name): reads first characters.
_RE_PARSER: Any = import_module("re._parser")


class Form(enum.StrEnum):
    """How a mention names its state; the form drives its likely role in the sentence."""

    NAME = "name"  # "Mali", "la France": can be host or actor
    DEMONYM = "demonym"  # "French", "maliens": usually qualifies forces
    SEAT = "seat"  # "Paris", "the Pentagon", "Niamey": a government acting
    FORCE = "force"  # "Barkhane", "Wagner", "MINUSMA": always an actor
    BODY = "body"  # "ECOWAS", "United Nations": a multinational actor
    OTHER = "other"  # a place that is not a state ("Niger Delta"): blocks the bare name


@dataclass(frozen=True, slots=True)
class Mention:
    """One state/actor named in a text, with character offsets into that text."""

    code: str | None
    form: Form
    start: int
    end: int
    text: str
    force: str | None = None


def _i(fragment: str) -> str:
    """Case-insensitive fragment: French demonyms and lowercase forms vary in case."""
    return f"(?i:{fragment})"


# States far from the Sahel, named mostly as where other forces serve: (code, names, demonyms).
_REMOTE: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("HT", ("Haiti", "Haïti"), ("Haitians?", _i("haïtien(?:ne)?s?"))),
    ("LB", ("Lebanon", "Liban"), ("Lebanese", _i("libanais(?:es?)?"))),
    ("KE", ("Kenya",), ("Kenyans?", _i("kényan(?:e)?s?"))),
    ("UG", ("Uganda", "Ouganda"), ("Ugandans?", _i("ougandais(?:es?)?"))),
    ("BI", ("Burundi",), ("Burundians?", _i("burundais(?:es?)?"))),
    ("ET", ("Ethiopia", "Éthiopie"), ("Ethiopians?", _i("éthiopien(?:ne)?s?"))),
    ("MZ", ("Mozambique",), ("Mozambicans?", _i("mozambicain(?:e)?s?"))),
    (
        "ZA",
        ("South Africa", "Afrique du Sud"),
        ("South Africans?", _i("sud-africain(?:e)?s?")),
    ),
    ("TZ", ("Tanzania", "Tanzanie"), ("Tanzanians?", _i("tanzanien(?:ne)?s?"))),
    ("GA", ("Gabon",), ("Gabonese", _i("gabonais(?:es?)?"))),
    ("CG", ("Republic of (?:the )?Congo", "Congo-Brazzaville"), ("Congolese",)),
    ("SS", ("South Sudan", "Soudan du Sud"), ("South Sudanese",)),
    ("ER", ("Eritrea", "Érythrée"), ("Eritreans?",)),
    ("YE", ("Yemen", "Yémen"), ("Yemenis?",)),
    ("IL", ("Israel", "Israël"), ("Israelis?", _i("israélien(?:ne)?s?"))),
    ("TN", ("Tunisia", "Tunisie"), ("Tunisians?", _i("tunisien(?:ne)?s?"))),
    ("SA", ("Saudi Arabia", "Arabie saoudite"), ("Saudis?", _i("saoudien(?:ne)?s?"))),
    ("QA", ("Qatar",), ("Qataris?",)),
    ("JM", ("Jamaica", "Jamaïque"), ("Jamaicans?",)),
    ("BR", ("Brazil", "Brésil"), ("Brazilians?", _i("brésilien(?:ne)?s?"))),
    ("JP", ("Japan", "Japon"), ("Japanese", _i("japonais(?:es?)?"))),
    ("PL", ("Poland", "Pologne"), ("Polish", _i("polonais(?:es?)?"))),
    ("RO", ("Romania", "Roumanie"), ("Romanians?", _i("roumain(?:e)?s?"))),
    ("GR", ("Greece", "Grèce"), ("Greek",)),
    ("AT", ("Austria", "Autriche"), ("Austrians?", _i("autrichien(?:ne)?s?"))),
    ("CH", ("Switzerland", "Suisse"), ("Swiss",)),
    ("NO", ("Norway", "Norvège"), ("Norwegians?", _i("norvégien(?:ne)?s?"))),
    ("FI", ("Finland", "Finlande"), ("Finnish", _i("finlandais(?:es?)?"))),
    ("LT", ("Lithuania", "Lituanie"), ("Lithuanians?", _i("lituanien(?:ne)?s?"))),
    ("BY", ("Belarus", "Biélorussie"), ("Belarusians?", _i("biélorusses?"))),
    ("CV", ("Cape Verde", "Cabo Verde", "Cap-Vert"), ("Cape Verdeans?",)),
    ("AO", ("Angola",), ("Angolans?", _i("angolais(?:es?)?"))),
    ("ZM", ("Zambia", "Zambie"), ("Zambians?",)),
    ("MW", ("Malawi",), ("Malawians?",)),
)
REMOTE = frozenset(code for code, _names, _demonyms in _REMOTE)
# named forces that serve outside the Sahel (Central African Republic, DR Congo, Somalia, Côte
# d'Ivoire): an event of theirs is not in a Sahel host
REMOTE_FORCES = frozenset(
    {"MINUSCA", "MONUSCO", "MISCA", "AMISOM", "Operation Sangaris", "Operation Licorne"}
)

# code -> (names, demonyms, seats). Names are case-sensitive unless wrapped in _i().
_STATES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "BF": (("Burkina Faso", "Burkina"), (_i(r"burkinab[eèé]s?"),), ("Ouagadougou",)),
    "CM": (
        ("Cameroon", "Cameroun"),
        ("Cameroonians?", _i(r"camerounais(?:es?)?")),
        ("Yaound[ée]",),
    ),
    "TD": (("Chad", "Tchad"), ("Chadians?", _i(r"tchadien(?:ne)?s?")), ("N'? ?Dj[ae]m[ae]na",)),
    "GM": (("The Gambia", "Gambia", "Gambie"), ("Gambians?", _i(r"gambien(?:ne)?s?")), ("Banjul",)),
    "GN": (("Guinea", "Guinée"), ("Guineans?", _i(r"guinéen(?:ne)?s?")), ("Conakry",)),
    "ML": (("Mali",), ("Malians?", _i(r"malien(?:ne)?s?")), ("Bamako", "Koulouba")),
    "MR": (
        ("Mauritania", "Mauritanie"),
        ("Mauritanians?", _i(r"mauritanien(?:ne)?s?")),
        ("Nouakchott",),
    ),
    "NE": (("Niger",), (_i(r"nig[eé]rien(?:ne)?s?"),), ("Niamey",)),
    "NG": (("Nigeria", "Nigéria"), (_i(r"nig[eé]rian(?:e)?s?"),), ("Abuja",)),
    "SN": (("Senegal", "Sénégal"), ("Senegalese", _i(r"sénégalais(?:es?)?")), ("Dakar",)),
    "US": (
        ("United States", "U\\.S\\.A?", "US", "USA", "America", _i("[ée]tats-unis")),
        ("Americans?", _i(r"américain(?:e)?s?")),
        (
            "Washington",
            "the Pentagon",
            "Pentagon",
            "Pentagone",
            "AFRICOM",
            "Africom",
            "White House",
        ),
    ),
    "FR": (
        ("France",),
        ("French", _i(r"fran[çc]ais(?:es?)?")),
        ("Paris", "Élysée", "Elysée", "Elysee", "Quai d'Orsay"),
    ),
    "RU": (("Russia", "Russie"), (_i(r"russes?"), "Russians?"), ("Moscow", "Moscou", "Kremlin")),
    "DE": (
        ("Germany", "Allemagne"),
        ("Germans?", _i(r"allemand(?:e)?s?")),
        ("Berlin", "Bundeswehr"),
    ),
    "IT": (("Italy", "Italie"), ("Italians?", _i(r"italien(?:ne)?s?")), ("Rome",)),
    "TR": (("Turkey", "Türkiye", "Turquie"), ("Turkish", _i(r"turc(?:s|que|ques)?")), ("Ankara",)),
    "CN": (("China", "Chine"), ("Chinese", _i(r"chinois(?:es?)?")), ("Beijing", "Pékin")),
    "GB": (
        ("United Kingdom", "Britain", "UK", "U\\.K\\.", "Royaume-Uni"),
        ("British", _i(r"britanniques?")),
        ("London", "Londres"),
    ),
    "HU": (("Hungary", "Hongrie"), ("Hungarians?", _i(r"hongrois(?:es?)?")), ("Budapest",)),
    "ES": (("Spain", "Espagne"), ("Spanish", _i(r"espagnol(?:e)?s?")), ("Madrid",)),
    "BE": (("Belgium", "Belgique"), ("Belgians?", _i(r"belges?")), ("Brussels", "Bruxelles")),
    "NL": (
        ("Netherlands", "Pays-Bas"),
        ("Dutch", _i(r"néerlandais(?:es?)?")),
        ("The Hague", "La Haye"),
    ),
    "SE": (("Sweden", "Suède"), ("Swedish", _i(r"suédois(?:es?)?")), ("Stockholm",)),
    "DK": (
        ("Denmark", "Danemark"),
        ("Danish", _i(r"danois(?:es?)?")),
        ("Copenhagen", "Copenhague"),
    ),
    "EE": (("Estonia", "Estonie"), ("Estonians?", _i(r"estonien(?:ne)?s?")), ("Tallinn",)),
    "CZ": (
        ("Czech Republic", "Czechia", "République tchèque"),
        ("Czech", _i(r"tchèques?")),
        ("Prague",),
    ),
    "PT": (("Portugal",), ("Portuguese", _i(r"portugais(?:es?)?")), ("Lisbon", "Lisbonne")),
    "IE": (("Ireland", "Irlande"), ("Irish", _i(r"irlandais(?:es?)?")), ()),
    "CA": (("Canada",), ("Canadians?", _i(r"canadien(?:ne)?s?")), ("Ottawa",)),
    "UA": (("Ukraine",), ("Ukrainians?", _i(r"ukrainien(?:ne)?s?")), ("Kyiv", "Kiev")),
    "IR": (("Iran",), ("Iranians?", _i(r"iranien(?:ne)?s?")), ("Tehran", "Téhéran")),
    "AE": (
        (
            "United Arab Emirates",
            "UAE",
            "Émirats arabes unis",
            "Emirats arabes unis",
            "Emirates",
            "Émirats",
            "Emirats",
        ),
        ("Emiratis?", _i("émiratie?s?")),
        ("Abu Dhabi", "Abou Dhabi"),
    ),
    "MA": (("Morocco", "Maroc"), ("Moroccans?", _i(r"marocain(?:e)?s?")), ("Rabat",)),
    "DZ": (("Algeria", "Algérie"), ("Algerians?", _i(r"algérien(?:ne)?s?")), ("Algiers", "Alger")),
    "LY": (("Libya", "Libye"), ("Libyans?", _i(r"libyen(?:ne)?s?")), ("Tripoli",)),
    "EG": (("Egypt", "Égypte", "Egypte"), ("Egyptians?", _i(r"égyptien(?:ne)?s?")), ("Cairo",)),
    "BJ": (("Benin", "Bénin"), ("Beninese", _i(r"béninois(?:es?)?")), ("Cotonou",)),
    "TG": (("Togo",), ("Togolese", _i(r"togolais(?:es?)?")), ("Lomé",)),
    "GH": (("Ghana",), ("Ghanaians?", _i(r"ghanéen(?:ne)?s?")), ("Accra",)),
    "CI": (
        ("Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"),
        ("Ivorians?", _i(r"ivoirien(?:ne)?s?")),
        (),
    ),
    "SL": (("Sierra Leone",), ("Sierra Leoneans?",), ("Freetown",)),
    "LR": (("Liberia",), ("Liberians?", _i(r"libérien(?:ne)?s?")), ("Monrovia",)),
    "GW": (("Guinea-Bissau", "Guinée-Bissau"), ("Bissau-Guineans?",), ("Bissau",)),
    "RW": (("Rwanda",), ("Rwandans?", _i(r"rwandais(?:es?)?")), ("Kigali",)),
    "BD": (("Bangladesh",), ("Bangladeshi",), ()),
    # other states that sent peacekeepers to MINUSMA
    "LK": (("Sri Lanka",), ("Sri Lankans?", _i(r"sri-lankais(?:es?)?")), ()),
    "NP": (("Nepal", "Népal"), ("Nepalese", "Nepali", _i(r"népalais(?:es?)?")), ()),
    "KH": (("Cambodia", "Cambodge"), ("Cambodians?", _i(r"cambodgien(?:ne)?s?")), ()),
    "JO": (("Jordan", "Jordanie"), ("Jordanians?", _i(r"jordanien(?:ne)?s?")), ()),
    "TN": (("Tunisia", "Tunisie"), ("Tunisians?", _i(r"tunisien(?:ne)?s?")), ()),
    "BI": (("Burundi",), ("Burundians?", _i(r"burundais(?:es?)?")), ()),
    "PK": (("Pakistan",), ("Pakistani",), ()),
    "IN": (("India", "Inde"), ("Indian",), ()),
    # Not actors here, but naming them as the place of an event must stop the host carry-over.
    "SO": (("Somalia", "Somalie"), ("Somali",), ("Mogadishu",)),
    "CD": (
        ("Democratic Republic of (?:the )?Congo", "DR Congo", "DRC", "RDC", "Congo"),
        (),
        ("Kinshasa",),
    ),
    "CF": (
        ("Central African Republic", "Centrafrique", _i("république centrafricaine"), "RCA", "CAR"),
        (_i("centrafricain(?:e)?s?"),),
        ("Bangui",),
    ),
    "SD": (("Sudan", "Soudan"), ("Sudanese",), ("Khartoum",)),
    "SY": (("Syria", "Syrie"), ("Syrian",), ()),
    "AF": (("Afghanistan",), ("Afghan",), ("Kabul",)),
    "IQ": (("Iraq", "Irak"), ("Iraqi",), ("Baghdad",)),
    "DJ": (("Djibouti",), (), ()),
    "GQ": (("Equatorial Guinea", "Guinée équatoriale"), (), ()),
    # Where else foreign forces serve: named, they stop the carry-over of a Sahel host.
    **{code: ((*names,), (*demonyms,), ()) for code, names, demonyms in _REMOTE},
}

# Named forces and multinational bodies: pattern -> (code, force name or None, form).
_FORCES: dict[str, tuple[str, str | None, Form]] = {
    r"(?:[Oo]p[ée]ration |[Ff]orce )?Barkhane": ("FR", "Operation Barkhane", Form.FORCE),
    r"(?:[Oo]p[ée]ration )?Serval": ("FR", "Operation Serval", Form.FORCE),
    r"(?:[Tt]ask [Ff]orce |[Ff]orce )?Takuba": ("FR", "Takuba Task Force", Form.FORCE),
    r"(?:[Tt]he )?Wagner(?: [Gg]roup)?|(?:[Gg]roupe )?Wagner": ("RU", "Wagner Group", Form.FORCE),
    r"Africa Corps": ("RU", "Africa Corps", Form.FORCE),
    r"(?:[Oo]p[ée]ration |[Tt]ask [Ff]orce |[Ff]orce )?Sabre": (
        "FR",
        "Operation Sabre",
        Form.FORCE,
    ),
    r"(?:[Oo]p[ée]ration |[Dd]ispositif )?[ÉE]pervier": ("FR", "Operation Epervier", Form.FORCE),
    r"(?:French )?Foreign Legion|[Ll][ée]gion [ée]trang[èe]re": (
        "FR",
        "French Foreign Legion",
        Form.FORCE,
    ),
    r"Royal Air Force|RAF": ("GB", "Royal Air Force", Form.FORCE),
    # host states' own armies by their names: partners of foreign forces, never foreign at home
    r"FAMa|FAMA": ("ML", None, Form.FORCE),
    r"Jambaars": ("SN", None, Form.FORCE),
    r"NAF": ("NG", None, Form.FORCE),  # the Nigerian Air Force, in Nigerian papers
    r"Green Berets|Navy SEALs?": ("US", None, Form.FORCE),
    r"Spetsnaz|Bear [Bb]rigade|[Bb]rigade (?:de l')?Ours": ("RU", None, Form.FORCE),
    r"AFISMA|MISMA|Misma": ("ECOWAS", "AFISMA", Form.FORCE),
    r"ECOMOG|Ecomog": ("ECOWAS", "ECOMOG", Form.FORCE),
    r"EUMPM(?: Niger)?": ("EU", "EUMPM Niger", Form.FORCE),
    r"MINUSMA|Minusma": ("UN", "MINUSMA", Form.FORCE),
    # forces that serve outside the Sahel: naming one places the event there (REMOTE_FORCES)
    r"MINUSCA|Minusca": ("UN", "MINUSCA", Form.FORCE),
    r"MONUSCO|Monusco": ("UN", "MONUSCO", Form.FORCE),
    r"MISCA|Misca": ("AU", "MISCA", Form.FORCE),
    r"AMISOM|Amisom|ATMIS|AUSSOM": ("AU", "AMISOM", Form.FORCE),
    r"(?:[Oo]p[ée]ration )?Sangaris": ("FR", "Operation Sangaris", Form.FORCE),
    r"(?:[Oo]p[ée]ration |[Ff]orce )?Licorne": ("FR", "Operation Licorne", Form.FORCE),
    r"United Nations|U\.N\.|UN|Nations [Uu]nies|ONU|[Bb]lue [Hh]elmets|[Cc]asques bleus": (
        "UN",
        None,
        Form.BODY,
    ),
    r"EUTM(?: Mali)?": ("EU", "EUTM Mali", Form.FORCE),
    r"EUCAP(?: Sahel)?(?: Niger| Mali)?": ("EU", "EUCAP Sahel", Form.FORCE),
    r"European Union|EU|Union européenne|UE": ("EU", None, Form.BODY),
    r"Europeans?|" + _i(r"européen(?:ne)?s?"): ("EU", None, Form.DEMONYM),
    r"ECOMIG": ("ECOWAS", "ECOMIG", Form.FORCE),
    # the regional bloc's forces by their region ("a West African intervention force")
    # (bare "West African forces" may be any of the region's armies)
    r"West African (?:intervention|standby) force|"
    r"[Ff]orce (?:d'intervention|en attente) ouest-africaine": ("ECOWAS", None, Form.FORCE),
    r"ECOWAS|Ecowas|CEDEAO|Cédéao": ("ECOWAS", None, Form.BODY),
    r"African Union|Union africaine": ("AU", None, Form.BODY),
    # Bare "Niger" inside these names is not the state.
    r"Niger (?:Delta|River)|River Niger|[Ff]leuve Niger|[Bb]oucle du Niger": ("", None, Form.OTHER),
    r"Niger State": ("NG", None, Form.OTHER),
    r"Gulf of Guinea|[Gg]olfe de Guinée|Papua New Guinea|New Guinea": ("", None, Form.OTHER),
    r"Latin America|South America|North America": ("", None, Form.OTHER),
    # the lake is shared by Chad, Cameroon, Niger and Nigeria: naming it names none of them
    r"Lake Chad|[Ll]ac[- ]Tchad": ("", None, Form.OTHER),
}


def _entries() -> list[tuple[str, str, Form, str | None]]:
    """Flatten the tables into (fragment, code, form, force) rows."""
    rows: list[tuple[str, str, Form, str | None]] = []
    for code, (names, demonyms, seats) in _STATES.items():
        rows += [(n, code, Form.NAME, None) for n in names]
        rows += [(d, code, Form.DEMONYM, None) for d in demonyms]
        rows += [(s, code, Form.SEAT, None) for s in seats]
    rows += [(p, c, f, force) for p, (c, force, f) in _FORCES.items()]
    return rows


@cache
def _matcher() -> tuple[re.Pattern[str], dict[str, re.Pattern[str]], tuple[_Meta, ...]]:
    """A finder of the places a mention may start, one alternation per first character (named
    group per entry, longest literal first), and what each group names.

    One alternation of every entry tried at every word start costs ~10 ms an article; trying only
    the entries that can begin with the word's first character gives the same matches.
    """
    rows = sorted(_entries(), key=lambda r: -len(r[0]))
    firsts = [first_chars(frag) for frag, *_rest in rows]
    if any(chars is None for chars in firsts):  # an entry that may start anywhere: no dispatch
        alternation = "|".join(f"(?P<g{i}>{frag})" for i, (frag, *_rest) in enumerate(rows))
        whole = re.compile(rf"(?:{alternation})(?![\w-])")
        starts = re.compile(r"(?<![\w-])(?=.)", re.DOTALL)
        return starts, _AnyFirst(whole), tuple((c, f, force) for _p, c, f, force in rows)
    by_char: dict[str, list[int]] = {}
    for i, chars in enumerate(firsts):
        for char in chars or ():
            by_char.setdefault(char, []).append(i)
    buckets = {
        char: re.compile(
            "(?:" + "|".join(f"(?P<g{i}>{rows[i][0]})" for i in indices) + r")(?![\w-])"
        )
        for char, indices in by_char.items()
    }
    starts = re.compile(rf"(?<![\w-])[{re.escape(''.join(sorted(by_char)))}]")
    return starts, buckets, tuple((code, form, force) for _p, code, form, force in rows)


_Meta = tuple[str, Form, str | None]


class _AnyFirst(dict[str, re.Pattern[str]]):
    """The fallback dispatch: the whole alternation for every first character."""

    def __init__(self, whole: re.Pattern[str]) -> None:
        super().__init__()
        self.whole = whole

    def __missing__(self, key: str) -> re.Pattern[str]:
        return self.whole


def first_chars(fragment: str) -> frozenset[str] | None:
    """The characters a match of `fragment` can begin with (both cases), or None if any."""
    chars = _first(list(_RE_PARSER.parse(fragment)))
    return None if chars is None or chars[1] else frozenset(chars[0])


def _first(items: list[tuple[Any, Any]]) -> tuple[set[str], bool] | None:
    """(possible first characters, whether the sequence can match empty); None when unknown."""
    found: set[str] = set()
    for op, av in items:
        step = _first_of(op, av)
        if step is None:
            return None
        found |= step[0]
        if not step[1]:
            return found, False
    return found, True


def _first_of(op: Any, av: Any) -> tuple[set[str], bool] | None:
    """First characters of one parsed regex item; None when it could be anything."""
    name = str(op)
    if name in ("ASSERT", "ASSERT_NOT", "AT"):
        return set(), True  # zero-width
    if name in ("LITERAL", "IN"):
        codes = [av] if name == "LITERAL" else [v for kind, v in av if str(kind) == "LITERAL"]
        if name == "IN" and len(codes) != len(av):
            return None  # a range, a category or a negation
        return {c for v in codes for c in (chr(v).lower(), chr(v).upper())}, False
    nested = {"SUBPATTERN": (3,), "MAX_REPEAT": (2,), "MIN_REPEAT": (2,)}
    if name == "BRANCH":
        sequences = list(av[1])
    elif name in nested:
        sequences = [av[nested[name][0]]]
    else:
        return None
    parts = [_first(list(sequence)) for sequence in sequences]
    if any(part is None for part in parts):
        return None
    chars = {c for part in parts if part for c in part[0]}
    optional = name.endswith("REPEAT") and av[0] == 0
    return chars, optional or any(part[1] for part in parts if part)


def find_mentions(text: str) -> list[Mention]:
    """All actor/state mentions in `text`, left to right, non-overlapping."""
    return list(iter_mentions(text))


def iter_mentions(text: str) -> Iterator[Mention]:
    """find_mentions's mentions one at a time, for a reader that may stop early."""
    starts, buckets, meta = _matcher()
    for match in scan(starts, buckets, text):
        code, form, force = meta[int(str(match.lastgroup)[1:])]
        yield Mention(code or None, form, match.start(), match.end(), match.group(), force)
