"""Troop counts: the number of personnel an event concerns, never a death toll or another total.

Handles digits with English or French grouping ("1,000", "1 500", "2.400"), number words ("a
thousand", "deux mille", "une centaine", "une soixantaine") and hedges ("roughly", "some", "plus
de", "près de"). The part an event moves comes before a whole ("300 of its 1,000 troops", "the
5,100-strong force will send 500"); a range gives its lower end, hedged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from daemon.extract.lowered import Folded, Twin, twin

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
_ROUND = {"dozen": 12, "douzaine": 12, "dizaine": 10, "vingtaine": 20, "trentaine": 30,
          "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
          "centaines": 100, "millier": 1000, "milliers": 1000}  # fmt: skip

_WORD = "|".join(sorted({*_UNITS, *_SCALES, *_ROUND}, key=len, reverse=True))
_NUMBER = r"(?:\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+|\d+)"
_AMOUNT = (
    rf"(?P<digits>\d{{1,3}}(?:[,.\u00a0\u202f ]\d{{3}})+|\d+)"
    rf"|(?P<words>(?:(?:{_WORD})(?:[ -]|\s(?:and|et)\s)){{0,3}}(?:{_WORD}))"
)
_HEDGE = (
    r"about|around|roughly|some|nearly|almost|approximately|an estimated|estimated|more than|"
    r"over|up to|close to|at least|fewer than|less than|just under|just over|"
    r"environ|quelque|quelques|plus de|près de|pr[eè]s d'|presque|au moins|moins de|jusqu'à"
)
_NOUNS = (
    r"(?:troops|soldiers|personnel|servicemen|service members|marines|"
    r"peacekeepers|trainers|instructors|advis[eo]rs|mercenaries|paratroopers|legionnaires|"
    r"fighters|men|strong|elite|special forces|troupes|soldats|militaires|hommes|instructeurs|"
    r"conseillers|mercenaires|casques bleus|[ée]l[ée]ments|l[ée]gionnaires|parachutistes|"
    r"forces sp[ée]ciales|airmen|aviateurs|commandos|contractors|formateurs)\b"
)
# Up to three words between the amount and its noun ("1,000 U.S. military personnel"), but not a
# dateline's dash or another figure ("Nov 21 - Malian troops", "3 mai - Des militaires").
# Those words qualify the noun: a conjunction, a time word or a span of time ends the figure
# ("on Aug. 3 and gave the troops", "two years after American troops").
_NOT_QUALIFIER = (
    r"(?:and|et|or|ou|but|mais|after|après|before|avant|since|depuis|when|"
    r"years?|ans|années?|months?|mois|weeks?|semaines?|days?|jours|hours?|heures)\b"
)
_PERSONNEL = rf"(?:(?![\d-]|{_NOT_QUALIFIER})\w[\w.]*\s){{0,3}}?{_NOUNS}"
# Every _COUNT match contains one of the nouns: a sentence without any skips the costly scan.
_ANY_NOUN = twin(_NOUNS, re.IGNORECASE)
# These scans run lowered over lowercased sentences (see lowered.py): most of a count's cost.
_COUNT = twin(
    rf"(?P<hedge>\b(?:{_HEDGE})\s+)?(?:\b(?:d'|de\s+|of\s+))?(?:{_AMOUNT})"
    rf"(?:\s+(?:of\s+|d'|de\s+)?|-(?=strong))(?P<noun>{_PERSONNEL})",
    re.IGNORECASE,
)
# "a contingent of 120", "une force de 600": the number follows its unit.
_UNIT_FIRST = twin(
    rf"\b(?:contingent|force|deployment|battalion|mission|contingent|effectif)\s+(?:of|de|d')\s*"
    rf"(?P<hedge>(?:{_HEDGE})\s+)?(?:{_AMOUNT})\b",
    re.IGNORECASE,
)
# "the number of French troops in Mali will reach 3,500", "l'effectif des soldats sera porté à
# 300": the figure comes last.
_TARGET = twin(
    rf"\b(?:number|strength|nombre|effectifs?)\s+(?:of|de|d'|des)\s*(?:[\w.'-]+\s+){{0,2}}?"
    rf"{_NOUNS}(?:\s+[\w'.-]+){{0,5}}?\s+(?:reach|reached|rise to|risen to|grow to|increase to|"
    rf"be raised to|stand at|stands at|atteindre|atteint|passer à|passera à|porté à|"
    rf"s'élever à|s'élève à)\s+"
    rf"(?P<hedge>(?:{_HEDGE})\s+)?(?:{_AMOUNT})\b",
    re.IGNORECASE,
)
# "300 of its 1,000 troops", "Of the 4,500 troops, 2,000 will leave": the part, not the whole.
_PART_OF = twin(
    rf"(?:(?P<hedge>\b(?:{_HEDGE})\s+)?(?P<part>{_NUMBER})\s+(?:of|out of|sur|parmi)\s+"
    rf"(?:the|its|their|ses|les|leurs)\s+{_NUMBER}\s+{_PERSONNEL}"
    rf"|\b(?:of|out of|sur|parmi)\s+(?:the|its|their|ses|les|leurs)\s+{_NUMBER}\s+{_PERSONNEL}"
    rf"[^,.;]{{0,40}},\s+(?P<hedge2>(?:{_HEDGE})\s+)?(?P<part2>{_NUMBER})\b)",
    re.IGNORECASE,
)
# Wording that makes a figure a total ("the 5,100-strong force", "sur un total de 4 600", "from a
# peak of 4,500"): another figure of the sentence is the part an event moves.
_TOTAL_BEFORE = re.compile(
    r"\b(?:a total of|in all|from a peak of|peak of|at its peak|total d'environ|total de|"
    r"au total|en tout)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
# A range's lower end just before a figure ("300 to 400 troops", "entre 300 et 400 soldats").
_RANGE_LOW = re.compile(rf"(?P<low>{_NUMBER})\s*(?:to|and|or|-|–|à|et|ou)\s*$", re.IGNORECASE)
_FROM = re.compile(r"\b(?:from|de|d')\s*$", re.IGNORECASE)
# "Ils sont une trentaine", "They number about 300": a figure whose noun is the pronoun.
_PRONOUN_FIRST = re.compile(
    rf"^(?:they|ils|elles)\s+(?:are|were|number(?:ed)?|will number|sont|[ée]taient|seront)\s+"
    rf"(?P<hedge>(?:{_HEDGE})\s+)?(?:{_AMOUNT})\b",
    re.IGNORECASE,
)
# A count followed by these is a casualty figure, not a troop strength.
_CASUALTY = re.compile(
    r"^\W*(?:\w+\W+){0,4}?(?:(?:were|was|have been|has been|had been|ont été|a été|sont|"
    r"avaient été|auraient été)\s+)?(?:killed|dead|died|wounded|injured|missing|captured|"
    r"taken hostage|tu[ée]s|morts?|bless[ée]s|disparus|captur[ée]s|enlev[ée]s|neutralis[ée]s|"
    r"perished|lost)\b",
    re.IGNORECASE,
)

# "Quatre soldats sénégalais de la Mission ... (Ecomig) ont été tués": a passive casualty verb
# further on in the same clause, with no relative or new clause between.
_CASUALTY_FAR = re.compile(
    r"^(?:(?!\b(?:who|which|where|when|after|while|as|qui|où|dont|lorsque|quand|après|alors)\b)"
    r"[^,;:.\d]){0,100}?\b(?:were|have been|had been|ont été|a été|avaient été)\s+"
    r"(?:killed|wounded|injured|tu[ée]s|bless[ée]s)\b",
    re.IGNORECASE,
)
_CASUALTY_BEFORE = re.compile(
    r"\b(?:killed|killing|kill|deaths? of|lost|loss of|losses of|wounded|injured|tu[ée]\w*|"
    r"tuant|mort de|bless[ée]\w*|pertes? de|"
    # "coûté la vie à 26 militaires", "claimed the lives of", "freed seven soldiers": not a force
    r"co[ûu]t[ée] la vie (?:à|de)|lives of|free|freed|released|lib[ée]r\w*)\s+(?:\w+\s+){0,4}$",
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
    tokens = [t for t in re.split(r"[ -]", words.lower()) if t not in ("and", "et")]
    # "hundred troops" alone, "des centaines": no figure is given; French "cent", "mille" are one
    if tokens[0] in _SCALES.keys() - {"cent", "mille"} or (
        tokens[0] in _ROUND and tokens[0].endswith("s")
    ):
        return None
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
    return next((count for _start, _end, count in troop_counts(sentence)), None)


Figure = tuple[int, int, TroopCount]  # start, end, count


def troop_counts(sentence: str) -> tuple[Figure, ...]:
    """Every personnel figure of a sentence that is not a casualty count, with its span: the part
    of a whole first ("300 of its 1,000 troops"), then figures with the noun after the number
    ("600 soldats"), then those with it first ("a force of"); totals last."""
    return tuple(_figures(Folded(sentence)))


def _figures(folded: Folded) -> Iterator[Figure]:
    """troop_counts's figures, its patterns run over the sentence's lowercase if it has one."""
    sentence = folded.text
    if not _ANY_NOUN.search(folded):
        yield from _matches(folded, _UNIT_FIRST)
        return
    for match in _PART_OF.finditer(folded):
        part = match.group("part") or match.group("part2")
        hedge = match.group("hedge") or match.group("hedge2")
        value = int(re.sub(r"\D", "", part))
        if 2 <= value <= 200_000:
            yield match.start(), match.end(), TroopCount(value, bool(hedge))
    found = [*_matches(folded, _COUNT), *_matches(folded, _UNIT_FIRST)]
    found += _matches(folded, _TARGET)
    totals = [f for f in found if _total(sentence, f)]
    yield from (f for f in found if f not in totals)
    yield from totals


def _matches(folded: Folded, pattern: Twin) -> list[Figure]:
    """The figures one pattern finds, skipping casualty counts and years (a match's words may be
    lowercased: parse_amount reads them in lowercase anyway)."""
    sentence = folded.text
    found = []
    for match in pattern.finditer(folded):
        amount = match.start("digits") if match.group("digits") else match.start("words")
        after = sentence[match.end() :]
        if (
            _CASUALTY.match(after)
            or _CASUALTY_FAR.match(after)
            or _CASUALTY_BEFORE.search(sentence[:amount])
        ):
            continue
        parsed = parse_amount(match.group("digits"), match.group("words"))
        if parsed is None or not 2 <= parsed[0] <= 200_000 or _is_year(match):
            continue
        value, rough = parsed[0], parsed[1] or bool(match.group("hedge"))
        lower = _RANGE_LOW.search(sentence[: match.start()])
        # "from 4,500 to 1,000 soldiers", "passer de 4 500 à 1 000": a change, not a range
        if lower and match.group("digits") and not _FROM.search(sentence[: lower.start()]):
            value, rough = int(re.sub(r"\D", "", lower.group("low"))), True
        found.append((match.start(), match.end(), TroopCount(value, rough)))
    return found


def _total(sentence: str, figure: Figure) -> bool:
    """Whether a figure is worded as a whole force's total."""
    start, end, _count = figure
    return sentence[start:end].lower().endswith("strong") or bool(
        _TOTAL_BEFORE.search(sentence[:start])
    )


def pronoun_count(sentence: str) -> TroopCount | None:
    """The figure of a sentence that counts "they" ("Ils sont une trentaine"), if it is one."""
    match = _PRONOUN_FIRST.match(sentence)
    parsed = parse_amount(match.group("digits"), match.group("words")) if match else None
    if match is None or parsed is None or _is_year(match):
        return None
    return TroopCount(parsed[0], parsed[1] or bool(match.group("hedge")))


def _is_year(match: re.Match[str]) -> bool:
    """A four-digit number from 1900-2100 with no unit wording is a year, not a strength."""
    digits = match.group("digits") or ""
    return digits.isdigit() and len(digits) == 4 and 1900 <= int(digits) <= 2100
