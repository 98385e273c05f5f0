"""The words that signal each event type, and the cues around them, in English and French.

Patterns are matched case-insensitively on one sentence. `_GAP` lets a verb and its complement be a
few words apart ("ordered the U.S. to take its troops out"), which is how both languages write them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from daemon.model import EventType, Status

_GAP = r"(?:\W+\w+){0,8}?\W+"  # up to eight intervening words
_SHORT_GAP = r"(?:\W+\w+){0,4}?\W+"

# Military or defence accords: what EXPEL ends and AGREEMENT signs.
ACCORD = (
    r"(?:(?:military|defen[cs]e|security|training)(?: and \w+)?(?: \w+){0,2}?"
    r" (?:cooperation|co-operation|agreements?|accords?|pacts?|deals?|partnerships?|ties|"
    r"treat(?:y|ies))"
    r"|status[- ]of[- ]forces(?: agreements?)?|SOFAs?"
    r"|(?:accords?|coop[ée]ration|partenariats?|trait[ée]s?)(?: \w+){0,2}?"
    r" (?:militaires?|militaro-\w+|de d[ée]fense|de s[ée]curit[ée]|s[ée]curitaires?|"
    r"portant sur la (?:s[ée]curit[ée]|d[ée]fense))|pactes? militaires?"
    r"|statut des forces)"
)

_DEPART = (
    r"(?:to leave|to withdraw|to quit|to depart|to pull out|to exit|to remove|out of|"
    r"(?:the |their |its )?(?:departure|withdrawal|exit|pullout|pull-out)|"
    r"to take\b.{0,60}?\bout|le d[ée]part|le retrait|de quitter|de partir|de retirer|de se retirer)"
)

TRIGGERS: dict[EventType, tuple[str, ...]] = {
    EventType.EXPEL: (
        r"expel(?:s|led|ling)?|expulsions?|expuls\w+|kick(?:s|ed)? out|thrown out|chass[ée]\w*",
        (
            rf"(?:order(?:s|ed|ing)?|demand(?:s|ed|ing)?|call(?:s|ed)? for|ask(?:s|ed)?|told|"
            rf"gave|giving|set)\w*{_GAP}{_DEPART}"
        ),
        rf"(?:exig\w+|r[ée]clam\w+|demand[ée]\w*|ordonn\w+|somm[ée]\w*|enjoint|pri[ée]s?){_GAP}{_DEPART}",
        (
            rf"(?:end(?:s|ed|ing)?|terminat\w+|revok\w+|scrap\w+|cancel\w+|suspend\w+|denounc\w+|"
            rf"tore up|tear up|rip(?:ped|s)? up|renounc\w+|annul\w+|broke off|sever\w*|"
            rf"d[ée]non[cç]\w+|mis fin|mettre fin|met fin|mettent fin|romp\w+|rompu|suspendu\w*|"
            rf"abrog\w+){_GAP}{ACCORD}"
        ),
    ),
    EventType.AGREEMENT: (
        (
            rf"(?:sign(?:s|ed|ing)?|ink(?:s|ed)?|conclud\w+|seal(?:s|ed)?|agree(?:s|d)? (?:on|to)|"
            rf"sign[ée]\w*|conclu\w*|paraph\w+|signature|signing){_GAP}{ACCORD}"
        ),
        rf"{ACCORD}{_SHORT_GAP}(?:signed|sign[ée]e?s?|conclu(?:e|s|es)?)\b",
    ),
    EventType.WITHDRAW: (
        (
            r"withdr(?:aw|aws|awing|awn|ew|awal|awals)|pull(?:s|ed|ing)?-? ?out|pullout|"
            r"pull(?:s|ed|ing)?\b(?:\W+\w+){1,4}?\W+(?:out|back)\b|"
            r"draw(?:s|ing)?[- ]?down|drew down|"
            r"hand(?:s|ed|ing)? (?:over|back)|handover|hand-over|returned (?:\w+ ){0,3}bases?"
        ),
        (
            r"leav(?:e|es|ing)|left|quit(?:s|ting)?|depart(?:s|ed|ing|ure)?|exit(?:s|ed|ing)?|"
            r"evacuat\w+|relocat\w+ out|clos(?:e|es|ed|ing) (?:\w+ ){0,2}bases?|"
            r"(?:scal|wound|wind|scaling|winding)\w* (?:down|back)"
        ),
        (
            r"retrait|retir\w+|d[ée]parts?|quitt\w+|r[ée]troc[ée]\w+|d[ée]sengag\w+|plier bagage|"
            r"sortis?e?s? du|rapatri\w+|partis?e?s?\b|"
            r"fin de (?:la |l')(?:mission|op[ée]ration|pr[ée]sence)|"
            r"ferm\w+ (?:\w+ ){0,2}bases?|r[ée]duction (?:\w+ ){0,2}(?:dispositif|effectifs)"
        ),
    ),
    EventType.DEPLOY: (
        (
            r"deploy(?:s|ed|ing|ment|ments)?|redeploy\w*|dispatch\w*|despatch\w*|send(?:s|ing)?|sent|"
            r"arriv(?:e|es|ed|al|ing)|land(?:s|ed)? in|station(?:s|ing)?\b|reinforcements?|"
            r"commit(?:s|ted|ting)? (?:\w+ ){0,2}troops|"
            r"(?:crossed|moved|entered) into|boots on the ground"
        ),
        (
            r"d[ée]ploi\w*|d[ée]ploy\w+|envo(?:i|ie|ient|yer|y[ée]e?s?|iera|ieront)\b|d[ée]p[êe]ch\w+|"
            r"arriv\w+|d[ée]barqu\w+|renforts?"
        ),
    ),
    EventType.OPERATION: (
        (
            r"(?:air ?|drone |aerial )?strikes?|airstrikes?|bombard\w+|bomb(?:ed|ing)|"
            r"raid(?:s|ed)?|"
            r"ambush\w*|offensive|assault|clash\w*|battle|killed|neutrali[sz]\w+|attack\w*|"
            r"fighting|fought|"
            r"(?:launched|carried out|conducted) (?:an? |the )?(?:\w+ )?operation"
        ),
        (
            r"frappes?|embuscades?|accrochages?|affrontements?|(?<!de )(?<!d')combats?|"
            r"tu[ée]s?|assaut|"
            r"attaqu\w+|(?:op[ée]ration|offensive) (?:\w+ )?(?:lanc[ée]e|men[ée]e)"
        ),
    ),
}

# Triggers that often have non-military senses: they need military wording close by.
WEAK = re.compile(
    r"^(?:leav|left|quit|depart|exit|evacuat|relocat|d[ée]part|quitt|partis?|arriv|land|send|sent|"
    r"envo|station|reinforc|renfor|attack|attaqu|killed|tu[ée]|combat|battle|clash|offensive|"
    r"assault|fight|fought)",
    re.IGNORECASE,
)

MILITARY = re.compile(
    r"\b(?:troops?|soldiers?|forces?|military|army|armed|personnel|contingents?|peacekeep\w*|"
    r"trainers?|instructors?|advis[eo]rs?|mercenar\w+|fighters|servicem[ae]n|service members|"
    r"marines?|paratroop\w*|legionnaires?|battalions?|brigades?|units?|jets?|bases?|garrisons?|"
    r"convoys?|deployment|boots|troupes?|soldats?|militaires?|arm[ée]e|casques|instructeurs?|"
    r"conseillers?|mercenaires?|paramilitaires?|bataillons?|unit[ée]s?|convois?|dispositif|"
    r"hommes|[ée]l[ée]ments|effectifs|parachutistes|garnisons?|Barkhane|Serval|Takuba|Wagner|"
    r"Africa Corps|MINUSMA|EUTM|ECOMIG|casques bleus|blue helmets|mission)\b",
    re.IGNORECASE,
)


# Sending equipment ("a dozen Turkish drones") is not a deployment: DEPLOY needs people.
PERSONNEL = re.compile(
    r"\b(?:troops?|soldiers?|forces?|personnel|contingents?|peacekeep\w*|trainers?|"
    r"instructors?|advis[eo]rs?|mercenar\w+|servicem[ae]n|marines|paratroop\w*|commandos?|"
    r"battalions?|units?|troupes?|soldats?|militaires|casques bleus|instructeurs?|conseillers?|"
    r"mercenaires?|paramilitaires?|bataillons?|hommes|[ée]l[ée]ments|effectifs|Wagner|"
    r"Africa Corps|MINUSMA|ECOMIG|mission)\b",
    re.IGNORECASE,
)
_PURPOSE = re.compile(r"\b(?:to|pour|afin de)\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger found in a sentence: its type, offsets and wording."""

    type: EventType
    start: int
    end: int
    text: str

    @property
    def weak(self) -> bool:
        """Whether the word has common non-military senses ("left", "arrival")."""
        return bool(WEAK.match(self.text))


_COMPILED = {
    kind: re.compile(rf"\b(?:{'|'.join(patterns)})\b", re.IGNORECASE)
    for kind, patterns in TRIGGERS.items()
}

PREFILTER = re.compile("|".join(f"(?:{p.pattern})" for p in _COMPILED.values()), re.IGNORECASE)


def find_triggers(sentence: str) -> list[Trigger]:
    """All triggers in a sentence; WITHDRAW words inside an EXPEL phrase belong to the order."""
    found = [
        Trigger(kind, m.start(), m.end(), m.group())
        for kind, pattern in _COMPILED.items()
        for m in pattern.finditer(sentence)
    ]
    strong = [t for t in found if t.type in (EventType.EXPEL, EventType.AGREEMENT)]
    kept = [t for t in found if not any(_inside(t, s) for s in strong if s is not t)]
    # an accord being ended is not one being signed ("denounced the accords signed with Paris")
    expels = [t for t in kept if t.type is EventType.EXPEL]
    kept = [t for t in kept if t.type is not EventType.AGREEMENT or not _overlaps(t, expels)]
    return sorted(kept, key=lambda t: (t.start, t.type))


def _overlaps(trigger: Trigger, others: list[Trigger]) -> bool:
    """Whether the trigger shares characters with any of `others`."""
    return any(trigger.start < o.end and o.start < trigger.end for o in others)


def _inside(inner: Trigger, outer: Trigger) -> bool:
    """Whether `inner` lies within `outer` (an order to leave is not itself a departure)."""
    return outer.start <= inner.start and inner.end <= outer.end


# Hypothetical, threatened, denied or negated: such actions are not events.
_BLOCK_BEFORE = re.compile(
    r"\b(?:not|n't|never|no plans?|den(?:y|ies|ied)|rejected|threat\w*|could|might|may|if|unless|"
    r"refus\w+|consider\w*|mull\w*|weigh\w*|possib\w+|rumou?r\w*|allegedly|press\w*|urg\w+|"
    r"ne|n'|pas|jamais|aucun\w*|d[ée]men\w+|menac\w+|pourr\w+|envisag\w+|[ée]ventuel\w*|si|"
    r"exclu\w*|sans)\b",
    re.IGNORECASE,
)
_BLOCK_SENTENCE = re.compile(
    r"\b(?:denied|denies|d[ée]menti\w*|d[ée]ment\w*|fake news|infox|hypoth\w+)\b", re.IGNORECASE
)


def blocked(sentence: str, trigger: Trigger) -> bool:
    """Whether the trigger is negated, hypothetical, threatened or denied."""
    if _BLOCK_SENTENCE.search(sentence):
        return True
    if trigger.type is EventType.OPERATION and _PURPOSE.search(sentence[: trigger.start]):
        return True  # "sent to fight militants": an aim, not a reported action
    window = " ".join(sentence[: trigger.start].split()[-5:])
    return bool(_BLOCK_BEFORE.search(window))


_PRESENCE = re.compile(
    r"\b(?:are|is|remain\w*|still|currently|already|sont|restent|toujours|encore|actuellement)"
    r"(?:\W+\w+){0,2}?\W+(?:deployed|stationed|based|present|d[ée]ploy[ée]e?s?|stationn[ée]e?s?|"
    r"bas[ée]e?s?|pr[ée]sente?s?)\b|\b(?:since|depuis)\b|\b(?:are|is) staying\b|\brestent\b",
    re.IGNORECASE,
)
_PARTICIPLE = re.compile(
    r"^(?:deployed|d[ée]ploy[ée]e?s?|stationed|stationn[ée]e?s?)$", re.IGNORECASE
)
_EVENT_AUX = re.compile(
    r"\b(?:was|were|been|be|being|has|have|had|a|ont|avait|avaient|été|être|sera|seront|will)\W*$",
    re.IGNORECASE,
)


def presence_only(sentence: str, trigger: Trigger) -> bool:
    """Whether a DEPLOY trigger only describes a standing presence ("troops are deployed")."""
    if _PRESENCE.search(sentence):
        return True
    if not _PARTICIPLE.match(trigger.text):
        return False
    before = sentence[: trigger.start]
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
_STATUS_RE = tuple((status, re.compile(rf"\b(?:{p})\b", re.IGNORECASE)) for status, p in _STATUS)


_PAST = re.compile(r"(?:ed|left|sent|withdrew|drew down|[ée]e?s?|out|back|over)$", re.IGNORECASE)


def status_of(sentence: str, trigger: Trigger) -> Status | None:
    """The stage the trigger's clause gives its event, by the first cue class that matches."""
    window = sentence[max(0, trigger.start - 60) : trigger.end + 40]
    for status, pattern in _STATUS_RE:
        if pattern.search(window):
            return status
    return Status.COMPLETED if _PAST.search(trigger.text) else None
