"""The stage of an event and a mere presence: whether a DEPLOY trigger only describes forces
already there ("troops are deployed"), and which stage (announced, planned, ongoing, completed)
the sentence gives an event. Read from fixed cue lists in both languages.
"""

from __future__ import annotations

import re

from daemon.extract.lowered import Folded, Twin
from daemon.extract.triggers import Trigger
from daemon.model import Status

_PRESENCE = re.compile(
    # "le pays accueille déjà quelque 800 militaires américains": hosting them now
    r"\b(?:accueille|accueillent|abrite|abritent|hosts|host)\s+(?:(?:d[ée]j[àa]|already|still|"
    r"toujours|encore)\b|(?:quelque|about|some|around|plus de|près de|environ|\d))|"
    r"\b(?:are|is|remain\w*|still|currently|already|sont|restent|toujours|encore|actuellement)"
    r"(?:\W+\w+){0,2}?\W+(?:deployed|stationed|based|present|d[ée]ploy[ée]e?s?|stationn[ée]e?s?|"
    r"bas[ée]e?s?|pr[ée]sente?s?)\b|\b(?:since|depuis)\b|\b(?:are|is) staying\b|\brestent\b|"
    # "800 U.S. personnel are in Niger", "2 000 soldats se trouvent au Mali"
    r"\b(?:are|is|sont|se trouvent)\s+(?:(?:currently|still|already|now|actuellement|encore)\s+)?"
    r"(?:in|au|aux|en|dans)\s+(?:the\s+|le\s+|la\s+|l')?(?-i:[A-ZÉ])|"
    # "the United States has about 800 military personnel in Niger", "Paris maintient 400 soldats"
    r"\b(?:has|have|had|keeps?|kept|maintains?|maintained|dispose de|disposait de|maintient|"
    r"maintenait|entretient|entretenait)\s+(?:(?:about|some|around|roughly|nearly|almost|more|"
    r"than|over|fewer|only|still|plus|pr[eè]s|de|d'|quelque|environ|encore|"
    r"\d[\d,. ]*)\s*){1,4}(?:military\s+)?(?:troops|"
    r"soldiers|personnel|service members|soldats|militaires|hommes)\b",
    re.IGNORECASE,
)
_ARRIVAL = re.compile(
    r"^(?:arrived|arriv[ée]e?s?|landed|d[ée]barqu[ée]e?s?)(?: (?:in|at|à|au|en))?$", re.IGNORECASE
)
_SINCE = re.compile(r"since|depuis", re.IGNORECASE)
_PARTICIPLE = re.compile(
    r"^(?:deployed|d[ée]ploy[ée]e?s?|stationed|stationn[ée]e?s?|install[ée]e?s?)$", re.IGNORECASE
)
_RELATIVE_EVENT = re.compile(
    r"\b(?:which|who|qui)\s+(?:(?:first|initially|later|then|recently|had|have|has|ont|a|avait|"
    r"avaient|d'abord|r[ée]cemment)\s+){0,2}$",
    re.IGNORECASE,
)
_EVENT_AUX = re.compile(
    r"(?:\b(?:was|were|been|be|being|has|have|had|a|ont|avait|avaient|été|être|sera|seront|will)|"
    r"\bse sont|\bs'est|\bs'[ée]taient)\W*$",
    re.IGNORECASE,
)


def presence_only(sentence: str, trigger: Trigger) -> bool:
    """Whether a DEPLOY trigger only describes a standing presence ("troops are deployed"); a
    relative clause stating the arrival is an event ("instructors who arrived in April remain
    based there", "Wagner, which first deployed in 2021")."""
    before = sentence[: trigger.start]
    if _RELATIVE_EVENT.search(before):
        return False
    # "sont arrivés ..., une première depuis 2022": an arrival is an event however long ago the
    # last one was
    arrival = bool(_ARRIVAL.match(trigger.text))
    if any(not (arrival and _SINCE.fullmatch(m.group())) for m in _PRESENCE.finditer(sentence)):
        return True
    if not _PARTICIPLE.match(trigger.text):
        return False
    after = sentence[trigger.end :].lstrip()
    active = bool(
        re.match(
            r"(?:\d|some|about|around|roughly|nearly|more|an?\b|the\b|its\b|"
            r"their\b|des\b|les\b|plus|quelque|environ|près)",
            after,
            re.IGNORECASE,
        )
    )
    return not active and not _EVENT_AUX.search(before)


_STATUS = (
    (
        Status.ONGOING,
        (
            r"start(?:ed|s)?|beg[au]n|beginning|under ?way|ongoing|in progress|continu\w+|"
            r"are (?:leaving|withdrawing|arriving)|en cours|commenc\w+|entam\w+|se poursui\w+|"
            r"se d[ée]roule"
        ),
    ),
    (
        Status.PLANNED,
        (
            r"will|shall|plans?|planned|planning|intends?|expected to|set to|due to|"
            r"deadline|by the end|would|schedul\w+|d'ici|pr[ée]voi\w+|pr[ée]vu\w*|devr\w+|"
            r"va|vont|doit|doivent|compte|projet\w*|prochain\w*"
        ),
    ),
    (Status.ANNOUNCED, r"announc\w+|annon[cç]\w+|decided|d[ée]cid\w+|declared|d[ée]clar\w+"),
    (
        Status.COMPLETED,
        (
            r"completed?|finished|wrapped up|last (?:troops|soldiers|contingent)|"
            r"achev\w+|termin[ée]\w*|boucl[ée]\w*|derniers? (?:soldats|militaires)|"
            r"have left|has left|ont quitt[ée]|a quitt[ée]|withdrew|pulled out|left|"
            r"handed (?:over|back)|arrived|landed|sent|deployed|signed|ended|expelled|"
            r"ordered|sign[ée]\w*|arriv[ée]\w*|d[ée]barqu[ée]\w*|parti\w*|expuls[ée]\w*"
        ),
    ),
)
# run lowered over the window's lowercase (see lowered.py)
_STATUS_RE = tuple(
    (status, Twin(re.compile(rf"\b(?:{p})\b", re.IGNORECASE))) for status, p in _STATUS
)


_PAST = re.compile(r"(?:ed|left|sent|withdrew|drew down|[ée]e?s?|out|back|over)$", re.IGNORECASE)


def status_of(sentence: str, trigger: Trigger) -> Status | None:
    """The stage the trigger's clause gives its event, by the first cue class that matches."""
    window = Folded(sentence[max(0, trigger.start - 60) : trigger.end + 40])
    for status, pattern in _STATUS_RE:
        if pattern.search(window):
            return status
    return Status.COMPLETED if _PAST.search(trigger.text) else None
