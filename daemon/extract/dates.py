"""When an event happened: explicit dates and relative expressions, resolved against publication.

Pure: the reference date is the article's publication date, never the clock. A month without a day
("in April", "le mois dernier") resolves to the first of that month; with no publication date,
only expressions that carry their own year resolve.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from daemon.extract.lowered import Folded, twin

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12, "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5,
    "juin": 6, "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10,
    "novembre": 11, "décembre": 12, "decembre": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
    "dimanche": 6,
}  # fmt: skip

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# These run lowered over the sentence's lowercase (see lowered.py); names are read lowercased.
_DAY_MONTH = twin(
    rf"\b(?P<day>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?P<month>{_MONTH})\.?(?:,?\s+(?P<year>\d{{4}}))?\b",
    re.IGNORECASE,
)
_MONTH_DAY = twin(
    rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?",
    re.IGNORECASE,
)
_MONTH_ONLY = twin(
    rf"\b(?:in|since|by|until|en|d'|de|depuis|fin|début|mi-|late|early|mid-?)\s*"
    rf"(?P<month>{_MONTH})\b(?:\s+(?P<year>\d{{4}}))?",
    re.IGNORECASE,
)
_WEEKDAY = twin(rf"\b(?P<weekday>{'|'.join(WEEKDAYS)})\b", re.IGNORECASE)
_RELATIVE = twin(
    r"\b(?P<rel>yesterday|today|hier|aujourd'hui|last (?:week|month|year)|"
    r"(?:la semaine|le mois|l'an|l'année) derni[eè]re?|earlier this (?:week|month))\b",
    re.IGNORECASE,
)


def event_date(sentence: str, published: date | None, *, future: bool = False) -> date | None:
    """The date a sentence gives its event, or None when it gives none that can be resolved.

    `future` says the event is planned, so a bare month or day lies after publication
    ("by 15 September" in a July article is this September, not last year's).
    """
    folded = Folded(sentence)
    for resolve in (_full_date, _month):
        found = resolve(folded, published, future)
        if found is not None:
            return found
    if future:
        return None  # weekday and "last month" phrases point backwards
    return _weekday(folded, published) or _relative(folded, published)


def _year_for(month: int, year: str | None, published: date | None, future: bool) -> int | None:
    """Explicit year, else the year that puts the month on the right side of publication."""
    if year:
        return int(year)
    if published is None:
        return None
    if future:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def _full_date(sentence: Folded, published: date | None, future: bool) -> date | None:
    """'15 April 2024', 'le 22 décembre', 'Sept. 15'."""
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        match = pattern.search(sentence)
        if not match:
            continue
        month = MONTHS[match.group("month").lower()]
        year = _year_for(month, match.group("year"), published, future)
        if year is not None:
            try:
                return date(year, month, int(match.group("day")))
            except ValueError:
                continue
    return None


def _weekday(sentence: Folded, published: date | None) -> date | None:
    """'on Sunday', 'lundi': the latest such day on or before publication."""
    match = _WEEKDAY.search(sentence)
    if not match or published is None:
        return None
    back = (published.weekday() - WEEKDAYS[match.group("weekday").lower()]) % 7
    return published - timedelta(days=back)


def _relative(sentence: Folded, published: date | None) -> date | None:
    """'yesterday', 'last month', 'le mois dernier'."""
    match = _RELATIVE.search(sentence)
    if not match or published is None:
        return None
    rel = match.group("rel").lower()
    if rel in ("today", "aujourd'hui"):
        return published
    if rel in ("yesterday", "hier"):
        return published - timedelta(days=1)
    if "week" in rel or "semaine" in rel:
        return published - timedelta(days=7)
    if "month" in rel or "mois" in rel:
        first = published.replace(day=1)
        return first if "earlier" in rel else (first - timedelta(days=1)).replace(day=1)
    return None  # a year alone is too coarse to be a date


def _month(sentence: Folded, published: date | None, future: bool) -> date | None:
    """'in April', 'en avril 2023': the first of that month."""
    match = _MONTH_ONLY.search(sentence)
    if not match:
        return None
    month = MONTHS[match.group("month").lower()]
    year = _year_for(month, match.group("year"), published, future)
    return date(year, month, 1) if year is not None else None
