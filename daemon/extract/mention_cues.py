"""What the words around a state's mention say about it: the surface cues roles.py reads (a
personnel noun next to a demonym, a location preposition, a border, a source, a partner, an origin),
each in English and French, and the coordination that joins mentions into lists.

The cues read before a mention (`twin`) run lowered over its lowercase (see lowered.py); every one
is anchored at the mention, so only the text within `CUES_REACH` of it is read (`tail`).
"""

from __future__ import annotations

import re

from daemon.extract.lowered import Folded, Twin, twin

PERSONNEL = (
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
QUALIFIER = (
    r"(?:military|armed|special|combat|elite|ground|regular|militaires|arm[ée]es|sp[ée]ciales)"
)


NOUN_AFTER = re.compile(
    rf"^(?:'s)?(?:\s*(?:,|and|et)\s*[A-Z][\w.]*)*(?:-led|-backed)?\s+(?:{QUALIFIER}\s+)?"
    # "Dutch Apache helicopters", "French Mirage jets": a model name may come between
    r"(?:(?:Apache|Mirage(?: 2000)?|Rafale|Reaper|MQ-9|Chinook|Tigre|Tiger|Puma|Caracal|Cougar|"
    r"Gazelle|Merlin|Black Hawk|Super Puma)\s+)?"
    rf"{PERSONNEL}\b"
    # ("Niger's military cooperation agreement": an adjective, the state's accord, not forces)
    r"(?!\s+(?:cooperation|co-operation|agreements?|accords?|pacts?|deals?|ties|relations|"
    r"partnerships?|aid|assistance|budget|spending|equipment|hardware|sales?)\b)"
)


# The cues read before a mention (`twin`) run lowered over its lowercase (see lowered.py).
# "soldats français", "instructeurs militaires russes", "troops from Chad".
NOUN_BEFORE = twin(
    rf"\b{PERSONNEL}(?:\s+{QUALIFIER})?\s+(?:(?:from|of|de|du|des)\s+(?:the\s+|la\s+|l')?)?$",
    re.IGNORECASE,
)


# a demonym that qualifies land names a place, not forces
LAND_BEFORE = twin(
    r"\b(?:territoire|sol|extr[êe]me-nord|nord|sud|est|ouest|centre|r[ée]gion|capitale|"
    r"c[ôo]t[ée]|rive|espace a[ée]rien)\s+$",
    re.IGNORECASE,
)
LAND_AFTER = re.compile(
    r"^\s+(?:territory|soil|side|airspace|capital|countryside|regions?|provinces?)\b", re.I
)


LEFT_PLACE = re.compile(r"\b(?:from|du|de|des)\s+(?:the\s+|la\s+|l')?$", re.IGNORECASE)
LEFT_PLACE_TWIN = Twin(LEFT_PLACE)


HOST_PREP = twin(
    r"\b(?:in|into|to|from|out of|across|inside|throughout|within|towards?|en|au|aux|du|dans|"
    r"vers|hors du|hors de|depuis|sur le sol|left|leave|leaving|quit|quitt\w+|de|"
    r"enter(?:s|ed|ing)?)\s+"
    r"(?:the\s+|la\s+|le\s+|l')?(?:(?:north|south|east|west|central|neighbou?ring|remote)"
    r"\w*\s+)?$",
    re.IGNORECASE,
)


# "the border with Mali", "la frontière algérienne": a neighbour, neither side of the event.
NEIGHBOUR_BEFORE = twin(
    r"\b(?:borders?|bordering|frontiers?|frontières?|frontali\w+|neighbou?r\w*|voisin\w*|"
    r"limitroph\w*)\s+"
    r"(?:with\s+|avec\s+|of\s+|du\s+|de\s+|des\s+)?(?:the\s+|le\s+|la\s+|l')?$"
    # "the tri-border area where Mali, Niger and Burkina Faso meet": landmarks of a place
    r"|\b(?:area|region|zone)\s+where\s+$",
    re.IGNORECASE,
)


BORDER_OF = twin(
    r"\b(?:frontali\w+|borders?|frontiers?|fronti[èe]res?|confins)\s+"
    r"(?:of|du|de|des|de la|de l')\s*(?:the\s+)?$"
)


# "a military source in Dakar said": where the speaker is, not where the event is.
SPEAKER_PLACE = twin(
    r"\b(?:sources?|officials?|responsables?|diplomat\w*|correspondents?|correspondant\w*|"
    r"spokes\w+|porte-parole|summit|sommet|meeting|r[ée]union|conference|conf[ée]rence)"
    r"(?:\s+[\w-]+){0,2}?\s+(?:in|at|à|based in|bas[ée]\w* à)\s+$",
    re.IGNORECASE,
)


# "pulled back since the coups in Mali": a state named to date something else is not its place.
TIME_PLACE = twin(
    r"\b(?:since|after|following|before|depuis|après|avant)\s+(?:the\s+|les?\s+|la\s+|l')?"
    r"(?:coups?|putschs?|coups? d'[ée]tat|takeovers?|attacks?|attaques?|attentats?|elections?|"
    r"[ée]lections?|crisis|crises?|wars?|guerres?|uprisings?|rebellions?|r[ée]bellions?|"
    r"independence|ind[ée]pendance)\s+(?:in|en|au|aux|du|of|de)\s+(?:the\s+|la\s+|le\s+|l')?$",
    re.IGNORECASE,
)


# "flew in from Ouagadougou", "special forces based in Ouagadougou flew in": where they set out
ORIGIN = twin(
    r"\b(?:from|depuis|venue?s? d[eu]|partie?s? d[eu]|en provenance d[eu]|"
    r"(?:based|stationed|bas[ée]e?s|stationn[ée]e?s)\s+"
    r"(?:in|at|à|au|en))\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)


# "quitté le Mali pour le Niger", "left Gao for Niamey", "en direction du Tchad": onward travel
ONWARD = twin(
    r"\b(?:for|towards?|vers|pour|en direction d[eu']|à destination d[eu']|"
    r"(?:to |pour )?(?:rejoin|join|rejoindre|regagner|gagner)|rejoint|redeploy\w* (?:to|in)|"
    r"red[ée]ploy\w* (?:au|en|vers|à))\s*(?:the\s+|la\s+|le\s+|l')?$",
    re.IGNORECASE,
)


# a capital as a place, unless someone speaks from there ("the ministry said in Paris")
AT_SEAT = twin(
    r"(?<!said )(?<!told )(?<!announced )(?<!déclaré )(?<!annoncé )(?<!indiqué )"
    r"\b(?:in|into|at|à)\s+$|"
    # "to" only after a movement: "flights shifted to Tripoli", not "grown closer to Moscow"
    r"\b(?:sen[dt]\w*|fl[eoy]w?\w*|mov\w+|deploy\w*|dispatch\w*|shift\w*|head\w*|arriv\w+|"
    r"return\w*|transferr?\w*|travel\w*|went|go|goes|going|relocat\w+|envoy\w+|achemin\w+|"
    r"visit\w*|trip|tour|voyage|d[ée]placement)"
    r"(?:\s+[\w-]+){0,3}?\s+(?:to|vers)\s+$",
    re.IGNORECASE,
)


SUPPORT_OF = twin(
    r"\b(?:appui|soutien|support|aide|help|assistance|backing|renfort)\s+(?:du|de la|de l'|des|d'|"
    r"de|of|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "has turned to Moscow", "closer ties with Ankara", "s'est tourné vers la Russie": a partner
# courted, not forces sent
PARTNER_OF = twin(
    r"\b(?:turn\w*|pivot\w*|clos(?:e|er)|ties|relations?|rapprochement|tourn[ée]\w*|proches?|"
    r"liens?|align\w*|rapproch[ée]\w*)\s+(?:[\w-]+\s+){0,2}?(?:to|towards?|with|vers|de|avec)\s+"
    r"(?:the\s+|la\s+|le\s+|l')?$|"
    # "has courted Moscow", "courtise Moscou", "relied on Russian fighters"
    r"\b(?:court\w*|woo\w*|courtis\w+)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "l'accord le liant à Paris": the partner an accord binds, not a place
BOUND_TO = twin(
    r"\b(?:li(?:ant|e|ait|aient|ent|[ée]e?s?)|linking|binding|tying)\s+(?:[\w'’-]+\s+)?"
    r"(?:à|aux?|to|with|avec)\s+$",
    re.IGNORECASE,
)
# "aircraft bought from the United States", "acquis auprès de la Russie": a seller, not an actor
SELLER_BEFORE = twin(
    r"\b(?:bought|purchased|acquired|ordered|imported|supplied|sold|delivered|donated|"
    r"achet[ée]e?s|acquis(?:es)?|command[ée]e?s|livr[ée]e?s|fourni(?:e|s|es)?|offert(?:e|s|es)?)"
    r"\s+(?:from|by|par|auprès de|à)\s+(?:the\s+|la\s+|le\s+|l')?$",
    re.IGNORECASE,
)


# "expected to leave for Germany": where leaving forces go is neither side of the event
DESTINATION = twin(r"\b(?:for|to|towards?|vers|pour)\s+(?:the\s+)?$", re.IGNORECASE)


CIVILIAN_AFTER = re.compile(
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
A_PERSON = twin(r"\b(?:le|la|un|une)\s+$")
# the subject of a reaction verb speaks about the action ("the UN condemned the attack"); an
# expulsion is not read here (a host that denounces accords acts)
REACTS_AFTER = re.compile(
    r"^(?:\s*,[^,]{0,80},)?\s+(?:(?:has|have|had|a|ont|avait|also|aussi|quickly|strongly|"
    r"fermement|vivement)\s+){0,2}(?:condemn\w*|deplor\w*|described|hailed|mourn\w*|"
    r"reacted|condamn\w*|qualifi\w*|d[ée]plor\w*|salu\w*|r[ée]agi\w*|pleur\w*)\b",
    re.IGNORECASE,
)
WHERE_AFTER = re.compile(r"^\s*,\s*(?:o[ùu]|where)\b", re.IGNORECASE)
# "contractors of the U.N. mission", "employés de l'ONU": people working for a body
WORKING_FOR = twin(
    r"\b(?:contractors?|employees|staff|workers|working for|employ[ée]s|agents|personnel civil|"
    r"travaillant pour|fonctionnaires)\s+(?:of\s+|for\s+|de\s+|du\s+|des\s+)?"
    r"(?:the\s+|la\s+|l'|le\s+)?(?:[\w-]+\s+){0,2}?$"
)
# a body's civilian arms and offices ("a U.N. facility", "EU officials", "l'ONU Femmes")
AGENCY_AFTER = re.compile(
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
LEAD_IN_REACH = 80  # characters: longer than any lead-in ("prendront le relais des unités ...")
LEAD_IN = twin(
    r"\b(?:(?P<made>most(?:ly)?|mainly|largely|chiefly|many|majority|(?:most|many|all) of them|"
    r"en (?:grande )?majorit[ée]|majoritairement|pour la plupart|essentiellement|surtout)\s+|"
    r"(?P<relieved>(?:le|du) relais|relev\w+|rel[èe]ve|remplac\w+)\s+(?:d[eu]s?\s+|d')?"
    r"(?:les\s+|la\s+|le\s+|l')?(?:[\w'’-]+\s+){0,3}?|"
    r"(?P<frame>(?:hors|en dehors) du cadre|outside (?:the )?(?:framework|auspices)) "
    r"(?:de la|de l'|du|des|d'|of(?: the)?)\s*)$"
)


# "the smuggling route from southern Libya", "weapons from Libya": where goods or a road come from
ROUTE_FROM = twin(
    r"\b(?:(?:routes?|roads?|weapons|arms|smuggl\w+|traffick\w+|armes|axe|pistes?)\s+"
    r"(?:[\w'’-]+\s+){0,2}?(?:from|de|du|depuis)\s+(?:the\s+|la\s+|le\s+|l')?|"
    r"\bfrom\s+(?:the\s+)?(?:north|south|east|west)\w*\s+)$"
)


CIVILIAN_BEFORE = twin(
    r"\b(?:jihadistes?|terroristes?|[ée]mirs?|chefs? jihadistes?|ressortissants|otages?|"
    r"journalistes?|touristes?|entreprises?|soci[ée]t[ée]s?|humanitaires)\s+$"
)


# "the Malian border" is a neighbour; "the Nigerian border village of Kumshe" is in Nigeria
NEIGHBOUR_AFTER = re.compile(
    r"^(?:\s+(?:and|et)\s+\w+)?(?:'s)?\s+(?:border|frontier)(?!\s+(?:villages?|towns?|city|cities|"
    r"areas?|regions?|posts?|"
    r"districts?|localit\w+|zones?|provinces?|states?))",
    re.IGNORECASE,
)


# Stricter: a state outside the host set only counts as the event's place with these.
ELSEWHERE_PREP = twin(
    r"\b(?:in|into|to|inside|en|au|aux|dans|vers)\s+(?:the\s+|la\s+|le\s+|l')?"
    # "in the west of the CAR", "dans l'ouest de la Centrafrique"
    r"(?:(?:north|south|east|west|central)\w*\s+(?:of\s+(?:the\s+)?)?|"
    r"(?:nord|sud|est|ouest|centre)(?:-\w+)?\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+))?$",
    re.IGNORECASE,
)


CUES_REACH = 120  # characters: every cue read before a mention is shorter than this


def tail(before: str) -> str:
    """The end of the text before a mention, as far as any cue reaches, cut at a word start:
    the cues are anchored at the mention, and scanning a whole long sentence for each is slow."""
    if len(before) <= CUES_REACH:
        return before
    tail = before[-CUES_REACH:]
    return tail[tail.find(" ") + 1 :] if " " in tail else tail


# "fighters crossing from Burkina Faso", "venus du Nigeria": where they came from (unlike
# "drones operating from Niger", where their base, the host, is)
MOVED_FROM = twin(
    r"\b(?:cross\w*|com(?:e|es|ing)|came|fle\w*|arriv\w+|venu\w*|venant|traversant|"
    r"ven(?:ait|aient))\s+(?:\w+\s+)?(?:from|de|du|des|depuis)\s+(?:the\s+|la\s+|le\s+|l')?$"
)
OPENING_SEAT = twin(r"^\W*(?:in|à|a)\s+$")
COMMA_AFTER = re.compile(r"^\s*,")


# "deploys 4,500 soldiers in the Sahel", "across the region": a region, not one host
REGION = twin(
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
    return bool(REGION.search(Folded(sentence)))


def bound_to(before: str) -> bool:
    """Whether the state after `before` is the partner an accord binds ("qui liait Bamako à")."""
    return bool(BOUND_TO.search(Folded(before)))


def origin_place(before: str) -> bool:
    """Whether the place after `before` is where deployed forces set out from."""
    return bool(ORIGIN.search(Folded(before)))


def speaker_place(before: str) -> bool:
    """Whether the place after `before` is only where a source speaks from."""
    return bool(SPEAKER_PLACE.search(Folded(before)))


COORD = re.compile(
    r"^\s*(?:(?:,|and|et|or|ou|as well as|&)\s*(?:,|and|et|or|ou)?\s*"
    # "du Mali, du Burkina Faso et du Niger": the preposition repeated before each (a bare
    # preposition coordinates nothing: "from southern Libya in Niger")
    r"(?:(?<=[,\s])(?:from|in|into|du|des|au|aux|en|de|d')\s*)?)?(?:the\s+|la\s+|le\s+|l')?$"
    # "du Mali en 2022, puis du Burkina Faso": a date and a repeated preposition in between
    r"|^\s*(?:(?:in|en)\s+(?:[A-Za-zéû]+\s+)?\d{4}\s*)?,?\s*(?:and\s+then|then|et\s+puis|puis|and|et)\s+"
    r"(?:(?:from|in|into|du|de|des|au|aux|en)\s+)?(?:the\s+|la\s+|le\s+|l')?$"
)
