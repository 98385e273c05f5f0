"""Composing labelled documents from the templates: every fact in many phrasings, and near-misses.

A document is one template sentence with its slots filled from the lexicon, sometimes with the
host moved to an earlier context sentence ("the country") or a distractor sentence about another
actor before it. Its gold events are the template's type for (actor, host), or none.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from daemon.extract.training import lexicon as lx
from daemon.extract.training import templates_en as en
from daemon.extract.training import templates_fr as fr

Key = tuple[str, str, str]
_TYPES = ("DEPLOY", "WITHDRAW", "EXPEL", "AGREEMENT", "OPERATION")


@dataclass(frozen=True, slots=True)
class Doc:
    """A composed text with its gold (type, actor, host) triples and the template it came from."""

    lang: str
    text: str
    events: frozenset[Key]
    template: str


def templates(lang: str) -> list[tuple[str, str]]:
    """(gold type or "-", pattern) for every template of a language."""
    module = en if lang == "en" else fr
    rows = [(kind, p) for kind in _TYPES for p in getattr(module, kind)]
    return rows + [("-", p) for p in module.NONE]


def compose(lang: str, count: int, seed: int) -> list[Doc]:
    """`count` documents cycling through the language's templates, filled at random (seeded);
    half of them are short articles where near-miss sentences about other actors surround the
    template's sentence, as in real copy."""
    rng = random.Random(seed)  # noqa: S311 - seeded sampling, not security
    rows = templates(lang)
    negatives = [p for kind, p in rows if kind == "-"]
    docs = []
    for i in range(count):
        extra = rng.sample(negatives, rng.choice((0, 0, 1, 2, 3)))
        docs.append(_doc(lang, *rows[i % len(rows)], extra, rng))
    return docs


def _doc(lang: str, kind: str, pattern: str, extra: list[str], rng: random.Random) -> Doc:
    """One document from one template, with `extra` near-miss sentences (each with its own
    actor, so that no near-miss shares the event's key) around it."""
    actors = lx.EN_ACTORS if lang == "en" else lx.FR_ACTORS
    host = rng.choice(lx.EN_HOSTS if lang == "en" else lx.FR_HOSTS)
    cast = rng.sample([a for a in actors if a.code != host.code], 2 + len(extra))
    module = en if lang == "en" else fr
    before: list[str] = []
    roll = rng.random()
    if roll < 0.25 and _hides_host(lang, pattern):
        before.append(rng.choice(module.CONTEXT))
        pattern = _the_country(lang, pattern, rng)
    elif roll < 0.4:
        before.append(rng.choice(module.DISTRACTOR))
    sentences = [_fill(p, _slots(lang, cast[0], host, cast[1], rng)) for p in [*before, pattern]]
    for actor, near_miss in zip(cast[2:], extra, strict=True):
        filled = _fill(near_miss, _slots(lang, actor, host, cast[1], rng))
        sentences.insert(rng.randrange(len(sentences) + 1), filled)
    events = frozenset() if kind == "-" else frozenset({(kind, cast[0].code, host.code)})
    return Doc(lang, " ".join(sentences), events, pattern)


def _slots(
    lang: str, actor: lx.Actor, host: lx.Host, other: lx.Actor, rng: random.Random
) -> dict[str, str]:
    """Values for every slot a template of `lang` may use."""
    french = lang == "fr"
    name = rng.choice(actor.names)
    elsewhere = rng.choice(lx.FR_ELSEWHERE if french else lx.EN_ELSEWHERE)
    slots = {
        "A": name,
        "F": rng.choice(actor.forces),
        "D": actor.dem,
        "H": host.name,
        "C": host.capital,
        "HD": host.dem,
        "P": rng.choice(host.places or (host.capital,)),
        "N": rng.choice(lx.FR_NUMBERS if french else lx.EN_NUMBERS),
        "W": rng.choice(lx.FR_WHEN if french else lx.EN_WHEN),
        "E": elsewhere,
        "Y": rng.choice(lx.FR_PAST if french else lx.EN_PAST),
        "A2": rng.choice(other.names),
        "F2": rng.choice(other.forces),
    }
    if french:
        slots |= {
            "Hin": lx.fr_in(host.name),
            "Hde": lx.fr_de(host.name),
            "Ade": lx.fr_de(name),
            "Aa": lx.fr_a(name),
            "Ein": lx.fr_in(elsewhere),
            "HDf": _feminine(host.dem),
            "HDp": _plural(host.dem),
            "Dp": _plural(actor.dem),
        }
    return slots


def _feminine(adjective: str) -> str:
    """ "malien" -> "malienne", "sénégalais" -> "sénégalaise", "burkinabè" unchanged."""
    if adjective.endswith("en"):
        return adjective + "ne"
    return adjective if adjective.endswith(("è", "e")) else adjective + "e"


def _plural(adjective: str) -> str:
    """ "malien" -> "maliens", "sénégalais" unchanged."""
    return adjective if adjective.endswith(("s", "x")) else adjective + "s"


def _fill(pattern: str, slots: dict[str, str]) -> str:
    """A pattern with its slots filled and its first letter capitalised."""
    pattern = pattern.replace("{HD}ne", "{HDf}").replace("{HD}s", "{HDp}").replace("{D}s", "{Dp}")
    text = pattern.format(**slots)
    return text[:1].upper() + text[1:]


def _hides_host(lang: str, pattern: str) -> bool:
    """Whether the host can be named only in a sentence before this one."""
    if lang == "en":
        return "{H}" in pattern and "{C}" not in pattern and "{P}" not in pattern
    return any(s in pattern for s in fr.THE_COUNTRY) and "{C}" not in pattern


def _the_country(lang: str, pattern: str, rng: random.Random) -> str:
    """The pattern with the host replaced by an anaphor ("the country", "dans le pays")."""
    if lang == "en":
        return pattern.replace("{H}'s", "the country's").replace("{H}", rng.choice(en.THE_COUNTRY))
    for slot, words in fr.THE_COUNTRY.items():
        pattern = pattern.replace(slot, words)
    return pattern
