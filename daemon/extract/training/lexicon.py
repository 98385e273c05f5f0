"""The slot fillers of the training templates: actors, hosts, places elsewhere, numbers, times.

Each entry gives the surface forms a template needs in one language; French forms carry their
article so that `fr_de`/`fr_a`/`fr_in` can contract them ("du Mali", "au Tchad", "en Guinée").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Actor:
    """A state or force that sends troops, as one language names it."""

    code: str
    names: tuple[str, ...]  # the state as a subject ("France", "Paris")
    forces: tuple[str, ...]  # its forces, no determiner ("French troops", "soldats français")
    dem: str  # the bare adjective ("French", "français")


@dataclass(frozen=True, slots=True)
class Host:
    """A country where events happen, as one language names it."""

    code: str
    name: str  # "Mali", "le Mali"
    capital: str
    dem: str  # "Malian", "malien"
    places: tuple[str, ...] = ()


def _fr_forces(masc: str, fem: str) -> tuple[str, ...]:
    """French personnel nouns with the demonym agreed in gender."""
    return (
        f"soldats {masc}",
        f"militaires {masc}",
        f"troupes {fem}",
        f"forces {fem}",
        f"instructeurs militaires {masc}",
        f"forces spéciales {fem}",
    )


def _en_forces(dem: str) -> tuple[str, ...]:
    return (
        f"{dem} troops",
        f"{dem} soldiers",
        f"{dem} forces",
        f"{dem} military personnel",
        f"{dem} special forces",
        f"{dem} military instructors",
    )


EN_ACTORS = (
    Actor(
        "US",
        ("the United States", "Washington", "the Pentagon", "the U.S."),
        (*_en_forces("American"), *_en_forces("U.S."), "US Marines"),
        "American",
    ),
    Actor("FR", ("France", "Paris"), (*_en_forces("French"), "French legionnaires"), "French"),
    Actor(
        "RU",
        ("Russia", "Moscow"),
        (
            *_en_forces("Russian"),
            "Wagner mercenaries",
            "Africa Corps fighters",
            "Russian paramilitaries of the Wagner Group",
        ),
        "Russian",
    ),
    Actor("DE", ("Germany", "Berlin"), _en_forces("German"), "German"),
    Actor("IT", ("Italy", "Rome"), _en_forces("Italian"), "Italian"),
    Actor("TR", ("Turkey", "Ankara"), _en_forces("Turkish"), "Turkish"),
    Actor("CN", ("China", "Beijing"), _en_forces("Chinese"), "Chinese"),
    Actor("GB", ("Britain", "London"), _en_forces("British"), "British"),
    Actor("BE", ("Belgium",), _en_forces("Belgian"), "Belgian"),
    Actor("SE", ("Sweden",), _en_forces("Swedish"), "Swedish"),
    Actor(
        "UN",
        ("the United Nations", "MINUSMA"),
        ("UN peacekeepers", "MINUSMA peacekeepers", "blue helmets"),
        "UN",
    ),
    Actor(
        "EU",
        ("the European Union", "EUTM Mali"),
        ("European trainers", "EU military trainers", "EUTM instructors"),
        "European",
    ),
    Actor("ECOWAS", ("ECOWAS",), ("ECOWAS troops", "ECOWAS forces", "ECOMIG soldiers"), "ECOWAS"),
    Actor("TD", ("Chad", "N'Djamena"), _en_forces("Chadian"), "Chadian"),
    Actor("NG", ("Nigeria", "Abuja"), _en_forces("Nigerian"), "Nigerian"),
    Actor("SN", ("Senegal", "Dakar"), _en_forces("Senegalese"), "Senegalese"),
)

FR_ACTORS = (
    Actor(
        "US", ("Washington", "le Pentagone"), _fr_forces("américains", "américaines"), "américain"
    ),
    Actor(
        "FR",
        ("la France", "Paris"),
        (*_fr_forces("français", "françaises"), "légionnaires français"),
        "français",
    ),
    Actor(
        "RU",
        ("la Russie", "Moscou"),
        (*_fr_forces("russes", "russes"), "mercenaires de Wagner", "paramilitaires d'Africa Corps"),
        "russe",
    ),
    Actor("DE", ("l'Allemagne", "Berlin"), _fr_forces("allemands", "allemandes"), "allemand"),
    Actor("IT", ("l'Italie", "Rome"), _fr_forces("italiens", "italiennes"), "italien"),
    Actor("TR", ("la Turquie", "Ankara"), _fr_forces("turcs", "turques"), "turc"),
    Actor("CN", ("la Chine", "Pékin"), _fr_forces("chinois", "chinoises"), "chinois"),
    Actor(
        "GB",
        ("le Royaume-Uni", "Londres"),
        _fr_forces("britanniques", "britanniques"),
        "britannique",
    ),
    Actor("BE", ("la Belgique",), _fr_forces("belges", "belges"), "belge"),
    Actor(
        "UN",
        ("l'ONU", "la Minusma"),
        ("casques bleus de la Minusma", "casques bleus de l'ONU"),
        "onusien",
    ),
    Actor(
        "EU",
        ("l'Union européenne", "l'EUTM"),
        ("formateurs européens", "instructeurs de l'EUTM"),
        "européen",
    ),
    Actor(
        "ECOWAS", ("la Cédéao",), ("troupes de la Cédéao", "soldats de la Cédéao"), "ouest-africain"
    ),
    Actor("TD", ("le Tchad", "N'Djamena"), _fr_forces("tchadiens", "tchadiennes"), "tchadien"),
    Actor("NG", ("le Nigeria", "Abuja"), _fr_forces("nigérians", "nigérianes"), "nigérian"),
    Actor("SN", ("le Sénégal", "Dakar"), _fr_forces("sénégalais", "sénégalaises"), "sénégalais"),
)

_PLACES = {
    "ML": ("Gao", "Ménaka", "Tessalit", "Kidal", "Timbuktu", "Mopti", "Sévaré"),
    "NE": ("Agadez", "Air Base 201", "Air Base 101", "Diffa", "Ouallam", "Tillabéri"),
    "BF": ("Djibo", "Kaya", "Dori", "Kamboinsin"),
    "TD": ("Faya-Largeau", "Abéché", "Bol"),
    "MR": ("Bassikounou", "Néma", "Atar"),
    "NG": ("Maiduguri", "Borno", "Sokoto"),
    "CM": ("Maroua",),
    "SN": ("Ouakam",),
}

EN_HOSTS = (
    Host("ML", "Mali", "Bamako", "Malian", _PLACES["ML"]),
    Host("NE", "Niger", "Niamey", "Nigerien", _PLACES["NE"]),
    Host("BF", "Burkina Faso", "Ouagadougou", "Burkinabe", _PLACES["BF"]),
    Host("TD", "Chad", "N'Djamena", "Chadian", _PLACES["TD"]),
    Host("MR", "Mauritania", "Nouakchott", "Mauritanian", _PLACES["MR"]),
    Host("NG", "Nigeria", "Abuja", "Nigerian", _PLACES["NG"]),
    Host("CM", "Cameroon", "Yaoundé", "Cameroonian", _PLACES["CM"]),
    Host("SN", "Senegal", "Dakar", "Senegalese", _PLACES["SN"]),
    Host("GN", "Guinea", "Conakry", "Guinean"),
    Host("GM", "the Gambia", "Banjul", "Gambian"),
)
FR_HOSTS = (
    Host(
        "ML",
        "le Mali",
        "Bamako",
        "malien",
        tuple(p.replace("Timbuktu", "Tombouctou") for p in _PLACES["ML"]),
    ),
    Host("NE", "le Niger", "Niamey", "nigérien", ("Agadez", "la base aérienne 201", "Diffa")),
    Host("BF", "le Burkina Faso", "Ouagadougou", "burkinabè", _PLACES["BF"]),
    Host("TD", "le Tchad", "N'Djamena", "tchadien", _PLACES["TD"]),
    Host("MR", "la Mauritanie", "Nouakchott", "mauritanien", _PLACES["MR"]),
    Host("NG", "le Nigeria", "Abuja", "nigérian", ("Maiduguri",)),
    Host("CM", "le Cameroun", "Yaoundé", "camerounais", ("Maroua",)),
    Host("SN", "le Sénégal", "Dakar", "sénégalais", ("Ouakam",)),
    Host("GN", "la Guinée", "Conakry", "guinéen"),
    Host("GM", "la Gambie", "Banjul", "gambien"),
)
# States outside the host set: events there are near-misses.
EN_ELSEWHERE = (
    "the Central African Republic",
    "Somalia",
    "Libya",
    "Ivory Coast",
    "the DR Congo",
    "Benin",
    "Ghana",
    "Sudan",
    "Haiti",
    "Ukraine",
)
FR_ELSEWHERE = (
    "la Centrafrique",
    "la Somalie",
    "la Libye",
    "la Côte d'Ivoire",
    "la RDC",
    "le Bénin",
    "le Ghana",
    "le Soudan",
    "la Syrie",
)

EN_NUMBERS = (
    "",
    "",
    "",
    "1,000 ",
    "some 400 ",
    "about 1,500 ",
    "nearly 2,000 ",
    "a thousand ",
    "200 ",
    "hundreds of ",
    "roughly 1,100 ",
    "more than 3,000 ",
    "150 ",
    "a few hundred ",
)
FR_NUMBERS = (
    "",
    "",
    "",
    "1 000 ",
    "quelque 400 ",
    "plus de 1.500 ",
    "près de 2 000 ",
    "200 ",
    "environ 1 100 ",
    "des centaines de ",
    "150 ",
    "3 000 ",
)
EN_WHEN = (
    "",
    "",
    " on Tuesday",
    " last month",
    " in March",
    " on 15 September",
    " this week",
    " earlier this year",
    " in 2023",
    " on Friday",
)
FR_WHEN = (
    "",
    "",
    " mardi",
    " le mois dernier",
    " en mars",
    " le 15 septembre",
    " cette semaine",
    " en 2023",
    " vendredi",
)
EN_PAST = ("2013", "2014", "the 1980s", "independence", "2020")
FR_PAST = ("2013", "2014", "les années 1980", "l'indépendance", "2020")


def fr_de(phrase: str) -> str:
    """French "de" + a noun phrase: "du Mali", "des États-Unis", "de la France", "d'Agadez"."""
    for article, contracted in (("le ", "du "), ("les ", "des ")):
        if phrase.startswith(article):
            return contracted + phrase[len(article) :]
    if phrase[:1].lower() in "aeiouéèêâîôûy":
        return "d'" + phrase
    return "de " + phrase


def fr_a(phrase: str) -> str:
    """French "à" + a noun phrase: "au Tchad", "aux États-Unis", "à la France", "à Paris"."""
    for article, contracted in (("le ", "au "), ("les ", "aux ")):
        if phrase.startswith(article):
            return contracted + phrase[len(article) :]
    return "à " + phrase


def fr_in(phrase: str) -> str:
    """French "in" a country: "au Mali", "en Mauritanie", "en Côte d'Ivoire"."""
    for article, prep in (("le ", "au "), ("les ", "aux "), ("la ", "en "), ("l'", "en ")):
        if phrase.startswith(article):
            return prep + phrase[len(article) :]
    return "à " + phrase


def bare(phrase: str) -> str:
    """A French country name without its article ("Mali", "Mauritanie")."""
    for article in ("le ", "la ", "les ", "l'"):
        if phrase.startswith(article):
            return phrase[len(article) :]
    return phrase
