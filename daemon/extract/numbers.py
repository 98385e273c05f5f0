"""Troop counts: the number of personnel an event concerns, never a death toll or another total.

Handles digits with English or French grouping ("1,000", "1 500", "2.400"), number words ("a
thousand", "deux mille", "une centaine") and hedges ("roughly", "some", "plus de", "près de").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "cent": 100, "cents": 100, "mille": 1000}
# "une centaine", "a few hundred": approximate by nature.
_ROUND = {"dozen": 12, "douzaine": 12, "centaine": 100, "centaines": 100, "millier": 1000,
          "milliers": 1000}  # fmt: skip

_WORD = "|".join(sorted({*_UNITS, *_SCALES, *_ROUND}, key=len, reverse=True))
_AMOUNT = (
    rf"(?P<digits>\d{{1,3}}(?:[,.\u00a0\u202f ]\d{{3}})+|\d+)"
    rf"|(?P<words>(?:(?:{_WORD})[ -]){{0,3}}(?:{_WORD}))"
)
_HEDGE = (
    r"about|around|roughly|some|nearly|almost|approximately|an estimated|estimated|more than|"
    r"over|up to|close to|at least|fewer than|less than|just under|just over|"
    r"environ|quelque|quelques|plus de|près de|pr[eè]s d'|presque|au moins|moins de|jusqu'à|"
    r"une? (?:vingtaine|trentaine|cinquantaine)"
)
_NOUNS = (
    r"(?:troops|soldiers|personnel|servicemen|service members|marines|"
    r"peacekeepers|trainers|instructors|advis[eo]rs|mercenaries|paratroopers|legionnaires|"
    r"fighters|men|strong|elite|special forces|troupes|soldats|militaires|hommes|instructeurs|"
    r"conseillers|mercenaires|casques bleus|[ée]l[ée]ments|l[ée]gionnaires|parachutistes)\b"
)
_PERSONNEL = rf"(?:(?:\w[\w.]*|-)\s){{0,3}}?{_NOUNS}"
# Every _COUNT match contains one of the nouns: a sentence without any skips the costly scan.
_ANY_NOUN = re.compile(_NOUNS, re.IGNORECASE)
_COUNT = re.compile(
    rf"(?P<hedge>\b(?:{_HEDGE})\s+)?(?:\b(?:d'|de\s+|of\s+))?(?:{_AMOUNT})\s+(?:of\s+|d'|de\s+)?"
    rf"(?P<noun>{_PERSONNEL})",
    re.IGNORECASE,
)
# "a contingent of 120", "une force de 600": the number follows its unit.
_UNIT_FIRST = re.compile(
    rf"\b(?:contingent|force|deployment|battalion|mission|contingent|effectif)\s+(?:of|de|d')\s*"
    rf"(?P<hedge>(?:{_HEDGE})\s+)?(?:{_AMOUNT})\b",
    re.IGNORECASE,
)
# A count followed by these is a casualty figure, not a troop strength.
_CASUALTY = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:killed|dead|died|wounded|injured|missing|captured|taken hostage|"
    r"tu[ée]s|morts?|bless[ée]s|disparus|captur[ée]s|enlev[ée]s|neutralis[ée]s|perished|lost)\b",
    re.IGNORECASE,
)

_CASUALTY_BEFORE = re.compile(
    r"\b(?:killed|killing|kill|deaths? of|lost|wounded|injured|tu[ée]\w*|tuant|mort de|"
    r"bless[ée]\w*|perte de)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TroopCount:
    """A personnel figure and whether the text hedged it."""

    value: int
    approximate: bool


def parse_amount(digits: str | None, words: str | None) -> tuple[int, bool] | None:
    """Value of a matched amount and whether its wording is itself approximate."""
    if digits:
        return int(re.sub(r"\D", "", digits)), False
    if not words:
        return None
    tokens = re.split(r"[ -]", words.lower())
    if tokens[0] in _SCALES or (tokens[0] in _ROUND and tokens[0].endswith("s")):
        return None  # "hundred troops" alone, "des centaines": no figure is given
    total, current, rough = 0, 0, False
    for word in tokens:
        if word in _ROUND:
            current, rough = max(current, 1) * _ROUND[word], True
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] == 1000:
                total, current = total + current, 0
        elif word in _UNITS:
            current += _UNITS[word]
    value = total + current
    return (value, rough) if value > 1 else None


def troop_count(sentence: str) -> TroopCount | None:
    """The first personnel figure in a sentence that is not a casualty count."""
    patterns = (_COUNT, _UNIT_FIRST) if _ANY_NOUN.search(sentence) else (_UNIT_FIRST,)
    for pattern in patterns:
        for match in pattern.finditer(sentence):
            if _CASUALTY.match(sentence[match.end() :]) or _CASUALTY_BEFORE.search(
                sentence[: match.start()]
            ):
                continue
            parsed = parse_amount(match.group("digits"), match.group("words"))
            if parsed is None or not 2 <= parsed[0] <= 200_000 or _is_year(match):
                continue
            return TroopCount(parsed[0], parsed[1] or bool(match.group("hedge")))
    return None


def _is_year(match: re.Match[str]) -> bool:
    """A four-digit number from 1900-2100 with no unit wording is a year, not a strength."""
    digits = match.group("digits") or ""
    return digits.isdigit() and len(digits) == 4 and 1900 <= int(digits) <= 2100
