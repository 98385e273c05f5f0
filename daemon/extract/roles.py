"""What each state named in a sentence can be: the forces' sender (actor), the place (host), a
neighbour, or somewhere else; cast.py then picks the actor and host of each trigger.

Decided from surface cues that hold in both languages: a demonym next to a personnel noun names the
forces ("French troops", "soldats français"); a location preposition names the place ("into
Cameroon", "au Mali"); what is left is split by whether the state can be a host at all.
"""

from __future__ import annotations

import enum
import itertools
import re

from daemon.extract.gazetteer import REMOTE, Form, Mention
from daemon.extract.lowered import Folded, Twin, twin

_PERSONNEL = (
    r"(?:troops|soldiers|forces|military|army|armed forces|personnel|contingents?|peacekeepers|"
    r"trainers|instructors|advis[eo]rs|mercenaries|jets|special forces|air force|drones|"
    r"paratroopers|legionnaires|servicemen|marines|units|battalions?|navy|warplanes|commandos|"
    # "l'armée et ses alliés russes", "supplétifs russes": foreign forces fighting beside it
    r"alli[ée]s|allies|suppl[ée]tifs|auxiliaries|"
    r"bases?|garrison|contingent|troupes|soldats|militaires|forces armées|armée|contingent|"
    r"instructeurs|mercenaires|casques bleus|avions|paras|hommes|conseillers|unités|bataillons?|"
    r"forces spéciales|éléments|effectifs|légionnaires|paramilit\w+|fighters|reinforcements|"
    r"formateurs|combattants|renforts|casques? bleus?|soldat|militaire|troupes?|soldier|"
    r"peacekeeper|(?:advance\s+)?teams?|detachments?|squadrons?|officers|staff|experts|aircraft|"
    r"helicopters|planes|crews?|brigades?|regiments?|companies|équipes?|"
    r"détachements?|escadrons?|officiers|hélicoptères|appareils|brigades?|régiments?)"
)


# "French troops", "Chad's army", "American and French forces", "U.S.-led forces".
_QUALIFIER = (
    r"(?:military|armed|special|combat|elite|ground|regular|militaires|arm[ée]es|sp[ée]ciales)"
)


_NOUN_AFTER = re.compile(
    rf"^(?:'s)?(?:\s*(?:,|and|et)\s*[A-Z][\w.]*)*(?:-led|-backed)?\s+(?:{_QUALIFIER}\s+)?"
    # "Dutch Apache helicopters", "French Mirage jets": a model name may come between
    r"(?:(?:Apache|Mirage(?: 2000)?|Rafale|Reaper|MQ-9|Chinook|Tigre|Tiger|Puma|Caracal|Cougar|"
    r"Gazelle|Merlin|Black Hawk|Super Puma)\s+)?"
    rf"{_PERSONNEL}\b"
    # ("Niger's military cooperation agreement": an adjective, the state's accord, not forces)
    r"(?!\s+(?:cooperation|co-operation|agreements?|accords?|pacts?|deals?|ties|relations|"
    r"partnerships?|aid|assistance|budget|spending|equipment|hardware|sales?)\b)"
)


# The cues read before a mention (`twin`) run lowered over its lowercase (see lowered.py).
# "soldats français", "instructeurs militaires russes", "troops from Chad".
_NOUN_BEFORE = twin(
    rf"\b{_PERSONNEL}(?:\s+{_QUALIFIER})?\s+(?:(?:from|of|de|du|des)\s+(?:the\s+|la\s+|l')?)?$",
    re.IGNORECASE,
)


# a demonym that qualifies land names a place, not forces
_LAND_BEFORE = twin(
    r"\b(?:territoire|sol|extr[êe]me-nord|nord|sud|est|ouest|centre|r[ée]gion|capitale|"
    r"c[ôo]t[ée]|rive|espace a[ée]rien)\s+$",
    re.IGNORECASE,
)
_LAND_AFTER = re.compile(
    r"^\s+(?:territory|soil|side|airspace|capital|countryside|regions?|provinces?)\b", re.I
)


_LEFT_PLACE = re.compile(r"\b(?:from|du|de|des)\s+(?:the\s+|la\s+|l')?$", re.IGNORECASE)
_LEFT_PLACE_TWIN = Twin(_LEFT_PLACE)


_HOST_PREP = twin(
    r"\b(?:in|into|to|from|out of|across|inside|throughout|within|towards?|en|au|aux|du|dans|"
    r"vers|hors du|hors de|depuis|sur le sol|left|leave|leaving|quit|quitt\w+|de|"
    r"enter(?:s|ed|ing)?)\s+"
    r"(?:the\s+|la\s+|le\s+|l')?(?:(?:north|south|east|west|central|neighbou?ring|remote)"
    r"\w*\s+)?$",
    re.IGNORECASE,
)


# "the border with Mali", "la frontière algérienne": a neighbour, neither side of the event.
_NEIGHBOUR_BEFORE = twin(
    r"\b(?:borders?|bordering|frontiers?|frontières?|frontali\w+|neighbou?r\w*|voisin\w*|"
    r"limitroph\w*)\s+"
    r"(?:with\s+|avec\s+|of\s+|du\s+|de\s+|des\s+)?(?:the\s+|le\s+|la\s+|l')?$"
    # "the tri-border area where Mali, Niger and Burkina Faso meet": landmarks of a place
    r"|\b(?:area|region|zone)\s+where\s+$",
    re.IGNORECASE,
)


_BORDER_OF = twin(
    r"\b(?:frontali\w+|borders?|frontiers?|fronti[èe]res?|confins)\s+"
    r"(?:of|du|de|des|de la|de l')\s*(?:the\s+)?$"
)


# "a military source in Dakar said": where the speaker is, not where the event is.
_SPEAKER_PLACE = twin(
    r"\b(?:sources?|officials?|responsables?|diplomat\w*|correspondents?|correspondant\w*|"
    r"spokes\w+|porte-parole|summit|sommet|meeting|r[ée]union|conference|conf[ée]rence)"
    r"(?:\s+[\w-]+){0,2}?\s+(?:in|at|à|based in|bas[ée]\w* à)\s+$",
    re.IGNORECASE,
)


# "pulled back since the coups in Mali": a state named to date something else is not its place.
_TIME_PLACE = twin(
    r"\b(?:since|after|following|before|depuis|après|avant)\s+(?:the\s+|les?\s+|la\s+|l')?"
    r"(?:coups?|putschs?|coups? d'[ée]tat|takeovers?|attacks?|attaques?|attentats?|elections?|"
    r"[ée]lections?|crisis|crises?|wars?|guerres?|uprisings?|rebellions?|r[ée]bellions?|"
    r"independence|ind[ée]pendance)\s+(?:in|en|au|aux|du|of|de)\s+(?:the\s+|la\s+|le\s+|l')?$",
    re.IGNORECASE,
)


# "flew in from Ouagadougou", "special forces based in Ouagadougou flew in": where they set out
_ORIGIN = twin(
    r"\b(?:from|depuis|venue?s? d[eu]|partie?s? d[eu]|en provenance d[eu]|"
    r"(?:based|stationed|bas[ée]e?s|stationn[ée]e?s)\s+"
    r"(?:in|at|à|au|en))\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)


# "quitté le Mali pour le Niger", "left Gao for Niamey", "en direction du Tchad": onward travel
_ONWARD = twin(
    r"\b(?:for|towards?|vers|pour|en direction d[eu']|à destination d[eu']|"
    r"(?:to |pour )?(?:rejoin|join|rejoindre|regagner|gagner)|rejoint|redeploy\w* (?:to|in)|"
    r"red[ée]ploy\w* (?:au|en|vers|à))\s*(?:the\s+|la\s+|le\s+|l')?$",
    re.IGNORECASE,
)


# a capital as a place, unless someone speaks from there ("the ministry said in Paris")
_AT_SEAT = twin(
    r"(?<!said )(?<!told )(?<!announced )(?<!déclaré )(?<!annoncé )(?<!indiqué )"
    r"\b(?:in|into|at|à)\s+$|"
    # "to" only after a movement: "flights shifted to Tripoli", not "grown closer to Moscow"
    r"\b(?:sen[dt]\w*|fl[eoy]w?\w*|mov\w+|deploy\w*|dispatch\w*|shift\w*|head\w*|arriv\w+|"
    r"return\w*|transferr?\w*|travel\w*|went|go|goes|going|relocat\w+|envoy\w+|achemin\w+|"
    r"visit\w*|trip|tour|voyage|d[ée]placement)"
    r"(?:\s+[\w-]+){0,3}?\s+(?:to|vers)\s+$",
    re.IGNORECASE,
)


_SUPPORT_OF = twin(
    r"\b(?:appui|soutien|support|aide|help|assistance|backing|renfort)\s+(?:du|de la|de l'|des|d'|"
    r"de|of|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "has turned to Moscow", "closer ties with Ankara", "s'est tourné vers la Russie": a partner
# courted, not forces sent
_PARTNER_OF = twin(
    r"\b(?:turn\w*|pivot\w*|clos(?:e|er)|ties|relations?|rapprochement|tourn[ée]\w*|proches?|"
    r"liens?|align\w*|rapproch[ée]\w*)\s+(?:[\w-]+\s+){0,2}?(?:to|towards?|with|vers|de|avec)\s+"
    r"(?:the\s+|la\s+|le\s+|l')?$|"
    # "has courted Moscow", "courtise Moscou", "relied on Russian fighters"
    r"\b(?:court\w*|woo\w*|courtis\w+)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "l'accord le liant à Paris": the partner an accord binds, not a place
_BOUND_TO = twin(
    r"\b(?:li(?:ant|e|ait|aient|ent|[ée]e?s?)|linking|binding|tying)\s+(?:[\w'’-]+\s+)?"
    r"(?:à|aux?|to|with|avec)\s+$",
    re.IGNORECASE,
)
# "aircraft bought from the United States", "acquis auprès de la Russie": a seller, not an actor
_SELLER_BEFORE = twin(
    r"\b(?:bought|purchased|acquired|ordered|imported|supplied|sold|delivered|donated|"
    r"achet[ée]e?s|acquis(?:es)?|command[ée]e?s|livr[ée]e?s|fourni(?:e|s|es)?|offert(?:e|s|es)?)"
    r"\s+(?:from|by|par|auprès de|à)\s+(?:the\s+|la\s+|le\s+|l')?$",
    re.IGNORECASE,
)


# "expected to leave for Germany": where leaving forces go is neither side of the event
_DESTINATION = twin(r"\b(?:for|to|towards?|vers|pour)\s+(?:the\s+)?$", re.IGNORECASE)


_CIVILIAN_AFTER = re.compile(
    r"^\s+(?:embass(?:y|ies)|consulates?|nationals|citizens|tourists|hostages?|journalists?|"
    r"aid workers|companies|firms|ambassade|consulat|ressortissants|otages?|journalistes?|"
    r"humanitarian|NGOs?|charity|charities|organi[sz]ations?|humanitaires?|ONG|"
    r"(?:military\s+)?hospitals?|h[ôo]pita(?:l|ux)|"
    r"entreprises?|soci[ée]t[ée]s?|"
    # "one of the Algerian commanders of al Qaeda", "jihadistes algériens": not a state's forces
    r"jihadists?|militants?|insurgents?|terrorists?|emirs?|commanders? of|leaders? of|"
    r"jihadistes?|terroristes?|[ée]mirs?|"
    # "European countries", "partenaires occidentaux": states in general, not forces
    r"countries|nations|states|partners|capitals|pays|partenaires|capitales)\b",
    re.IGNORECASE,
)


# French capitalises a demonym used as a noun; after a singular article it is one person
_A_PERSON = twin(r"\b(?:le|la|un|une)\s+$")
# the subject of a reaction verb speaks about the action ("the UN condemned the attack"); an
# expulsion is not read here (a host that denounces accords acts)
_REACTS_AFTER = re.compile(
    r"^(?:\s*,[^,]{0,80},)?\s+(?:(?:has|have|had|a|ont|avait|also|aussi|quickly|strongly|"
    r"fermement|vivement)\s+){0,2}(?:condemn\w*|deplor\w*|described|hailed|mourn\w*|"
    r"reacted|condamn\w*|qualifi\w*|d[ée]plor\w*|salu\w*|r[ée]agi\w*|pleur\w*)\b",
    re.IGNORECASE,
)
_WHERE_AFTER = re.compile(r"^\s*,\s*(?:o[ùu]|where)\b", re.IGNORECASE)
# "contractors of the U.N. mission", "employés de l'ONU": people working for a body
_WORKING_FOR = twin(
    r"\b(?:contractors?|employees|staff|workers|working for|employ[ée]s|agents|personnel civil|"
    r"travaillant pour|fonctionnaires)\s+(?:of\s+|for\s+|de\s+|du\s+|des\s+)?"
    r"(?:the\s+|la\s+|l'|le\s+)?(?:[\w-]+\s+){0,2}?$"
)
# a body's civilian arms and offices ("a U.N. facility", "EU officials", "l'ONU Femmes")
_AGENCY_AFTER = re.compile(
    r"^\s+(?:facilit\w+|hubs?|agenc\w+|humanitarian|refugee|aid|relief|coordinator|spokes\w+|"
    r"officials?|envoys?|secretary|staff|compound|offices?|Security Council|General Assembly|"
    r"resolution|human rights|experts?|panels?|investigators?|Women|humanitaire|coordonnat\w+|"
    r"porte-parole|Conseil de s[ée]curit[ée]|Assembl[ée]e|r[ée]solution|Femmes|enqu[êe]teurs?)\b",
    re.IGNORECASE,
)
# "ce jihadiste algérien", "des ressortissants français": French word order puts the noun first
# What the words right before a mention say it is, read in one pass for every mention:
# "several hundred soldiers, most of them Senegalese" (who the forces are), "prendront le relais
# des unités allemande et belge" (who is relieved), "hors du cadre de la Cédéao" (a framework the
# action is outside of)
_LEAD_IN_REACH = 80  # characters: longer than any lead-in ("prendront le relais des unités ...")
_LEAD_IN = twin(
    r"\b(?:(?P<made>most(?:ly)?|mainly|largely|chiefly|many|majority|(?:most|many|all) of them|"
    r"en (?:grande )?majorit[ée]|majoritairement|pour la plupart|essentiellement|surtout)\s+|"
    r"(?P<relieved>(?:le|du) relais|relev\w+|rel[èe]ve|remplac\w+)\s+(?:d[eu]s?\s+|d')?"
    r"(?:les\s+|la\s+|le\s+|l')?(?:[\w'’-]+\s+){0,3}?|"
    r"(?P<frame>(?:hors|en dehors) du cadre|outside (?:the )?(?:framework|auspices)) "
    r"(?:de la|de l'|du|des|d'|of(?: the)?)\s*)$"
)


# "the smuggling route from southern Libya", "weapons from Libya": where goods or a road come from
_ROUTE_FROM = twin(
    r"\b(?:(?:routes?|roads?|weapons|arms|smuggl\w+|traffick\w+|armes|axe|pistes?)\s+"
    r"(?:[\w'’-]+\s+){0,2}?(?:from|de|du|depuis)\s+(?:the\s+|la\s+|le\s+|l')?|"
    r"\bfrom\s+(?:the\s+)?(?:north|south|east|west)\w*\s+)$"
)


_CIVILIAN_BEFORE = twin(
    r"\b(?:jihadistes?|terroristes?|[ée]mirs?|chefs? jihadistes?|ressortissants|otages?|"
    r"journalistes?|touristes?|entreprises?|soci[ée]t[ée]s?|humanitaires)\s+$"
)


# "the Malian border" is a neighbour; "the Nigerian border village of Kumshe" is in Nigeria
_NEIGHBOUR_AFTER = re.compile(
    r"^(?:\s+(?:and|et)\s+\w+)?(?:'s)?\s+(?:border|frontier)(?!\s+(?:villages?|towns?|city|cities|"
    r"areas?|regions?|posts?|"
    r"districts?|localit\w+|zones?|provinces?|states?))",
    re.IGNORECASE,
)


# Stricter: a state outside the host set only counts as the event's place with these.
_ELSEWHERE_PREP = twin(
    r"\b(?:in|into|to|inside|en|au|aux|dans|vers)\s+(?:the\s+|la\s+|le\s+|l')?"
    # "in the west of the CAR", "dans l'ouest de la Centrafrique"
    r"(?:(?:north|south|east|west|central)\w*\s+(?:of\s+(?:the\s+)?)?|"
    r"(?:nord|sud|est|ouest|centre)(?:-\w+)?\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+))?$",
    re.IGNORECASE,
)


class Role(enum.StrEnum):
    """A mention's part in the event."""

    ACTOR = "actor"
    WEAK_ACTOR = "weak actor"  # a foreign demonym with no forces named ("the French minister")
    HOST = "host"
    NEIGHBOUR = "neighbour"  # named as a border or neighbour: not part of the event
    ELSEWHERE = "elsewhere"  # a non-host state named as the place: the event is not in the Sahel
    OPEN = "open"  # no cue either way


def role_of(
    sentence: str,
    mention: Mention,
    hosts: frozenset[str],
    *,
    leaving: bool = False,
) -> Role:
    """The role surface cues give one mention; `leaving` (a withdrawal or an expulsion) reads
    "troops from X" as the place they leave, any other trigger as where they set out from."""
    before, after = Folded(tail(sentence[: mention.start])), sentence[mention.end :]
    lead_in = _LEAD_IN.search_end(before, _LEAD_IN_REACH)
    if lead_in is not None and (lead_in.lastgroup != "relieved" or not leaving):
        return Role.ACTOR if lead_in.lastgroup == "made" else Role.NEIGHBOUR
    forces = _no_forces_role(before, after, mention, hosts, leaving=leaving) or _forces_role(
        before, after, mention, hosts, leaving=leaving
    )
    if forces is not None:
        return forces
    if mention.code in hosts:
        if leaving and _ONWARD.search(before):
            return Role.NEIGHBOUR  # "left Mali for Niger": where the leaving forces go next
        # where forces set out from is not where they arrive or fight: only leaving reads "from"
        return _host_set_role(before, after, mention, reached=not leaving)
    return _outside_role(before, after, mention, leaving=leaving)


def _no_forces_role(
    before: Folded, after: str, mention: Mention, hosts: frozenset[str], *, leaving: bool
) -> Role | None:
    """The role of a mention that names civilians, a body's civilian arm, land or a reaction,
    not forces; None for the others."""
    if not leaving and mention.form is not Form.DEMONYM and _REACTS_AFTER.match(after):
        return Role.NEIGHBOUR  # "La Minusma a qualifié l'attaque de lâche": it speaks of it
    if mention.form is Form.DEMONYM and (
        _CIVILIAN_AFTER.match(after) or _CIVILIAN_BEFORE.search(before)
    ):
        return Role.NEIGHBOUR  # "the French embassy", "ressortissants français": no forces
    if mention.form is Form.DEMONYM and _A_PERSON.search(before) and mention.text[:1].isupper():
        return Role.NEIGHBOUR  # "le Sénégalais M'Baye Cissé", "un Français": one person
    if mention.form is Form.BODY and (_AGENCY_AFTER.match(after) or _WORKING_FOR.search(before)):
        return Role.NEIGHBOUR  # "a U.N. humanitarian hub", "l'ONU Femmes": no troops
    if mention.form is Form.DEMONYM and (_LAND_BEFORE.search(before) or _LAND_AFTER.match(after)):
        # "en territoire nigérian", "l'Extrême-Nord camerounais", "Malian soil": a place
        return Role.HOST if mention.code in hosts else Role.ELSEWHERE
    return None


_CUES_REACH = 120  # characters: every cue read before a mention is shorter than this


def tail(before: str) -> str:
    """The end of the text before a mention, as far as any cue reaches, cut at a word start:
    the cues are anchored at the mention, and scanning a whole long sentence for each is slow."""
    if len(before) <= _CUES_REACH:
        return before
    tail = before[-_CUES_REACH:]
    return tail[tail.find(" ") + 1 :] if " " in tail else tail


def _outside_role(before: Folded, after: str, mention: Mention, *, leaving: bool) -> Role:
    """Role of a state outside the host set that names no forces."""
    if (
        _ROUTE_FROM.search(before)
        or _SELLER_BEFORE.search(before)
        or _PARTNER_OF.search(before)
        or _NEIGHBOUR_BEFORE.search(before)
        or _NEIGHBOUR_AFTER.match(after)
        or (leaving and _DESTINATION.search(before))
    ):
        return Role.NEIGHBOUR
    # "withdrawn from Afghanistan": for a departure, the country it leaves is its place
    # ("lié aux États-Unis par un accord": the partner an accord binds, not a place)
    # ("la Libye et la Centrafrique, où ses instructeurs ont débarqué": places too)
    if (
        mention.form is Form.NAME
        and (
            _ELSEWHERE_PREP.search(before)
            or (leaving and _LEFT_PLACE_TWIN.search(before))
            or _WHERE_AFTER.match(after)
        )
        and not _BOUND_TO.search(before)
    ):
        return Role.ELSEWHERE
    if mention.form is Form.SEAT and _OPENING_SEAT.match(before) and _COMMA_AFTER.match(after):
        return Role.WEAK_ACTOR  # "À Stockholm, le gouvernement a proposé": that state's capital
    if mention.form is Form.SEAT and _AT_SEAT.search(before) and not _BOUND_TO.search(before):
        return Role.ELSEWHERE  # "arrivent à Tripoli", "landed in Bangui": the place itself
    if mention.code in REMOTE:
        return Role.NEIGHBOUR  # "Gabon", "Haitian": a far state names no forces by itself
    return _default_role(mention)


# "fighters crossing from Burkina Faso", "venus du Nigeria": where they came from (unlike
# "drones operating from Niger", where their base, the host, is)
_MOVED_FROM = twin(
    r"\b(?:cross\w*|com(?:e|es|ing)|came|fle\w*|arriv\w+|venu\w*|venant|traversant|"
    r"ven(?:ait|aient))\s+(?:\w+\s+)?(?:from|de|du|des|depuis)\s+(?:the\s+|la\s+|le\s+|l')?$"
)
_OPENING_SEAT = twin(r"^\W*(?:in|à|a)\s+$")
_COMMA_AFTER = re.compile(r"^\s*,")


# "deploys 4,500 soldiers in the Sahel", "across the region": a region, not one host
_REGION = twin(
    r"\b(?:in|into|to|from|across|throughout|au|dans|en|à travers|de|du|hors du)\s+"
    r"(?:the\s+|la\s+|le\s+|l')?(?:whole\s+|wider\s+|entire\s+)?(?:Sahel|region|r[ée]gion|"
    r"sous-r[ée]gion|West Africa|Afrique de l'Ouest|Africa|Afrique|continent|"
    # the zone where Mali, Niger and Burkina Faso meet names no single host
    r"(?:zone (?:dite )?des )?(?:«\s*)?trois fronti[èe]res|"
    r"(?:three|tri)[- ]borders?(?: area| zone)?|"
    r"Liptako(?:-Gourma)?)\b"
    r"(?!\s+(?:of|de|du)\b)",
    re.IGNORECASE,
)


def regional(sentence: str) -> bool:
    """Whether the sentence places its action in a region rather than in one state."""
    return bool(_REGION.search(Folded(sentence)))


def bound_to(before: str) -> bool:
    """Whether the state after `before` is the partner an accord binds ("qui liait Bamako à")."""
    return bool(_BOUND_TO.search(Folded(before)))


def origin_place(before: str) -> bool:
    """Whether the place after `before` is where deployed forces set out from."""
    return bool(_ORIGIN.search(Folded(before)))


def speaker_place(before: str) -> bool:
    """Whether the place after `before` is only where a source speaks from."""
    return bool(_SPEAKER_PLACE.search(Folded(before)))


def _forces_role(
    before: Folded, after: str, mention: Mention, hosts: frozenset[str], *, leaving: bool
) -> Role | None:
    """ACTOR when the mention names forces ("French troops", "soldats du Tchad"), except that
    forces leaving a host-set state leave it ("pulled its troops from Niger"); else None."""
    if mention.form in (Form.FORCE, Form.BODY) or _NOUN_AFTER.match(after):
        return Role.ACTOR
    noun = _NOUN_BEFORE.search(before)
    if noun is None:
        return None
    if leaving and mention.code in hosts and _LEFT_PLACE.search(noun.group()):
        return Role.HOST
    return Role.ACTOR


# A foreign demonym alone ("the French minister") is a weaker actor cue than a name.
_DEFAULT_ROLE = {Form.OTHER: Role.OPEN, Form.DEMONYM: Role.WEAK_ACTOR}


def _default_role(mention: Mention) -> Role:
    """A foreign state with no cue: "Americans" (people) act as forces named do, "the American
    president" only weakly."""
    if _names_people(mention):
        return Role.ACTOR  # "Americans packing up to leave"
    return _DEFAULT_ROLE.get(mention.form, Role.ACTOR)


def _host_set_role(before: Folded, after: str, mention: Mention, *, reached: bool) -> Role:
    """Role of a state that can host: a location preposition makes it the host."""
    # "close to the Malian border", "frontalière du Tchad": the border names a neighbour
    # whatever the preposition
    if (
        _SPEAKER_PLACE.search(before)
        or _TIME_PLACE.search(before)
        or _NEIGHBOUR_AFTER.match(after)
        or _BORDER_OF.search(before)
    ):
        return Role.NEIGHBOUR
    if _SUPPORT_OF.search(before):
        return Role.ACTOR  # "avec l'appui du Tchad": a supporter, not a place
    prep = _HOST_PREP.search(before)
    origin = reached and (
        (prep is not None and prep.group().lower().startswith(("from", "depuis")))
        or bool(_ORIGIN.search(before))
    )
    if prep and not origin:
        return Role.HOST  # "into neighbouring Cameroon" is a host even after "neighbouring"
    if origin and (mention.form is Form.SEAT or _MOVED_FROM.search(before)):
        # "flew in from Ouagadougou": where they set out from (but "drones flying from Niger"
        # may name the host, where their base is)
        return Role.NEIGHBOUR
    if _NEIGHBOUR_BEFORE.search(before) or _NEIGHBOUR_AFTER.match(after):
        return Role.NEIGHBOUR
    return _unplaced_role(mention)


def _unplaced_role(mention: Mention) -> Role:
    """A host-set state with no cue: its capital is the place; "Chadians" (people) may act."""
    if mention.form is Form.SEAT:
        return Role.HOST
    return Role.WEAK_ACTOR if _names_people(mention) else Role.OPEN


def _names_people(mention: Mention) -> bool:
    """Whether the mention is a demonym used as a noun for people ("Chadians", "les Tchadiens",
    "Maliens": capitalised and plural), not as an adjective."""
    return mention.form is Form.DEMONYM and bool(_PEOPLE.match(mention.text))


_PEOPLE = re.compile(r"^[A-ZÉ]\w*s$")


def mention_roles(
    sentence: str,
    mentions: list[Mention],
    hosts: frozenset[str],
    *,
    leaving: bool = False,
) -> dict[int, Role]:
    """The role of every coded mention of a sentence, by id: the same for all the triggers of
    one kind, so a caller may read it once per sentence and pass it to `cast`."""
    coded = [m for m in mentions if m.code]
    return _spread_neighbours(
        sentence,
        coded,
        {id(m): role_of(sentence, m, hosts, leaving=leaving) for m in coded},
    )


def _spread_neighbours(
    sentence: str, ordered: list[Mention], roles: dict[int, Role]
) -> dict[int, Role]:
    """'the borders with Burkina Faso and Niger': a neighbour's coordinated states are too; so
    are the demonyms coordinated after a forces demonym ("contingents estonien et tchèque") and
    the open states listed after a host ("across Mali, Burkina Faso and Niger")."""
    for prev, cur in itertools.pairwise(ordered):
        if not COORD.match(sentence[prev.end : cur.start]):
            continue
        if roles[id(prev)] is Role.NEIGHBOUR:
            roles[id(cur)] = Role.NEIGHBOUR
        elif roles[id(prev)] is Role.ELSEWHERE and prev.form is Form.NAME is cur.form:
            roles[id(cur)] = Role.ELSEWHERE  # "in northern Benin and Togo": both places
        elif roles[id(prev)] is Role.ACTOR and Form.DEMONYM is prev.form is cur.form:
            roles[id(cur)] = Role.ACTOR
        elif roles[id(prev)] is Role.HOST and roles[id(cur)] is Role.OPEN:
            roles[id(cur)] = Role.HOST  # "across Mali, Burkina Faso and Niger": places all
    # "la Syrie, la Libye et la Centrafrique, où ...": the relative makes the whole list places
    for prev, cur in reversed(list(itertools.pairwise(ordered))):
        if (
            roles[id(cur)] is Role.ELSEWHERE
            and Form.NAME is prev.form is cur.form
            and roles[id(prev)] in (Role.OPEN, Role.ACTOR, Role.WEAK_ACTOR)
            and _WHERE_AFTER.match(sentence[cur.end :])
            and COORD.match(sentence[prev.end : cur.start])
        ):
            roles[id(prev)] = Role.ELSEWHERE
    return roles


COORD = re.compile(
    r"^\s*(?:(?:,|and|et|or|ou|as well as|&)\s*(?:,|and|et|or|ou)?\s*"
    # "du Mali, du Burkina Faso et du Niger": the preposition repeated before each (a bare
    # preposition coordinates nothing: "from southern Libya in Niger")
    r"(?:(?<=[,\s])(?:from|in|into|du|des|au|aux|en|de|d')\s*)?)?(?:the\s+|la\s+|le\s+|l')?$"
    # "du Mali en 2022, puis du Burkina Faso": a date and a repeated preposition in between
    r"|^\s*(?:(?:in|en)\s+(?:[A-Za-zéû]+\s+)?\d{4}\s*)?,?\s*(?:and\s+then|then|et\s+puis|puis|and|et)\s+"
    r"(?:(?:from|in|into|du|de|des|au|aux|en)\s+)?(?:the\s+|la\s+|le\s+|l')?$"
)
