"""The words that signal each event type, in English and French, and finding them in a sentence.

Patterns are matched case-insensitively on one sentence. Verbs are written with their inflections
(withdraw, withdraws, withdrew, withdrawn, withdrawing, withdrawal) and their nominalisations (le
retrait, la fin de, the departure of), because wires, headlines and the French press favour
different forms of the same event. `_GAP` lets a verb and its complement be a few words apart
("ordered the U.S. to take its troops out"), which is how both languages write them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from daemon.extract.branches import regroup
from daemon.extract.lowered import Twin, lower_in_place, lowercase_pattern, lowered
from daemon.model import EventType

_GAP = r"(?:\W+\w+){0,8}?\W+"  # up to eight intervening words
_W = r"[\w'’-]+"  # one word, French elisions and hyphens included

# Military or defence accords: what EXPEL ends and AGREEMENT signs.
ACCORD = (
    r"(?:(?:military|defen[cs]e|security|training)(?:[- ]and[- ]\w+)?(?:[- ]\w+){0,2}?"
    r" (?:cooperation|co-operation|agreements?|accords?|pacts?|deals?|partnerships?|ties|"
    r"treat(?:y|ies)|memorand\w+)"
    r"|(?:agreements?|accords?|deals?|pacts?|memorand\w+|treat(?:y|ies)|partnerships?)"
    r"(?: with (?:the )?\w+)? (?:on|for|covering|over) (?:\w+ ){0,2}?"
    r"(?:military|defen[cs]e|security|training)"
    r"|status[- ]of[- ]forces(?: agreements?)?|SOFAs?"
    rf"|(?:accords?|coop[ée]ration|partenariats?|trait[ée]s?|conventions?|protocoles?)"
    rf"(?: {_W}){{0,2}}?(?: en mati[èe]re)?"
    r" (?:militaires?|militaro-\w+|de d[ée]fense|de s[ée]curit[ée]|s[ée]curitaires?|"
    r"sur la (?:formation|coop[ée]ration) militaire|portant sur la (?:s[ée]curit[ée]|d[ée]fense))"
    r"|pactes? militaires?|statut des forces)"
)
# Forces or a presence, as what an order, a demand or an ending applies to.
_FORCES = r"(?:troops|forces|military|soldiers|personnel|soldats|militaires|troupes)"
_PRESENCE = r"(?:(?:military|troop) (?:presence|bases?)|pr[ée]sence militaire|bases? militaires?)"

# "are to leave over the coming days for Bamako", "son départ pour Kidal": where forces set off
# to, with only time words between the departure and its destination
ONWARD = (
    r"(?:(?:over|in|within|on|this|next|the|coming|days?|weeks?|today|tomorrow|soon|shortly|"
    r"\w+day|ce|cette|la|les|le|prochaine?s?|semaines?|mois|jours?|lundi|mardi|mercredi|jeudi|"
    r"vendredi|samedi|dimanche|demain|bient[ôo]t|prochainement)\W+){0,4}?"
    r"(?:for|pour|vers|à destination d(?:e|u|es|'))"
)

_DEPART = (
    # ("to go after jihadist groups" is a pursuit)
    r"(?:to (?:\w+ly )?(?:leave|withdraw|quit|depart|pull out|exit|remove|go(?! after| on\b)|"
    r"vacate|close|halt)|out of|leave|"
    r"(?:the |their |its )?(?:departure|withdrawal|exit|pullout|pull-out|closure|closing)"
    # ("asks for an exit plan": a plan, not the departure)
    r"(?! (?:plan|strategy|timetable|calendar)s?\b)|"
    # ("ordered land and air borders closed": borders, not bases)
    r"be (?:closed|shut)|(?<!borders )closed|to take\b.{0,60}?\bout|(?:le|de) d[ée]part|"
    r"(?:le|de) retrait|"
    r"la fermeture|de (?:quitter|partir|retirer|se retirer|fermer|plier bagage)|"
    # ("à partir de 2018" only dates something)
    r"(?:pour|à) (?:quitter|partir(?! d[eu'])|retirer|se retirer)|"
    # "demanding that American troops stop their activities at the base"
    r"(?:stop|halt|cease|suspend)\w* (?:[\w.]+ ){0,2}?(?:activities|operations|flights)|"
    r"(?:cess|arr[êe]t|suspend)\w* (?:leurs|ses|toutes? (?:leurs|ses)) "
    r"(?:activit[ée]s|op[ée]rations))"
)
_END = (
    r"(?:end(?:s|ed|ing)?|terminat\w+|revok\w+|scrap\w+|cancel\w+|suspend\w*|denounc\w+|"
    r"tore up|tear(?:s|ing)? up|rip(?:ped|s)? up|renounc\w+|annul\w+|broke off|break(?:s|ing)? off|"
    r"sever\w*|withdr\w+ from|pull(?:s|ed|ing)? out of|d[ée]non[cç]\w+|mis fin|mettre fin|met fin|"
    r"mettent fin|fin (?:de|du|des|à|aux)|romp\w+|rompu|ruptur\w+|suspendu\w*|abrog\w+)"
)

# "drove the jihadists out", "chassé les terroristes": fighting an armed group, not expelling troops
_ENEMY = (
    r"(?:the\s+|les\s+|des\s+|ces\s+)?(?:\w+\s+)?(?:jihadists?|militants?|insurgents?|rebels?|"
    r"terrorists?|islamists?|fighters|assailants|attackers|jihadistes|terroristes|islamistes|"
    r"rebelles|insurg[ée]s|assaillants|Boko Haram)\b"
)
_EXPEL = (
    (
        rf"(?:expel(?:s|led|ling)?|expulsions?|expuls\w+|kick(?:s|ed|ing)? out|thrown out|"
        rf"(?<!de )chass(?:[ée]\w*|ent)\b)(?!\W+{_ENEMY})"
    ),
    # "whose departure the junta demanded", "le retrait exigé par Bamako": the demand after its
    # object (a departure "ordered by" someone may be the actor's own decision)
    (
        r"whose (?:departure|withdrawal|exit|expulsion) (?:[\w'’-]+ ){1,4}?(?:demanded|ordered)|"
        r"(?:departure|withdrawal|exit|d[ée]part|retrait)\W+(?:[\w'’-]+\W+){0,5}?"
        r"(?:demanded|exig[ée]\w*|r[ée]clam[ée]\w*) (?:by|par)\b"
    ),
    # "withdrew its consent to the mission", "refused to extend the agreement"
    (
        r"(?:withdr\w+ (?:its |their )?consent|retir\w+ (?:son|leur) consentement)"
        r"(?: (?:to|for|au|à) (?:the |la |l')?(?:deployment|presence|d[ée]ploiement|pr[ée]sence))?|"
        r"(?:refus\w+|declin\w+|(?:would|will|did|does|do) not)(?: to| de)? "
        r"(?:extend|renew|prolong|renouvel|reconduire)\w*"
        rf"{_GAP}(?:agreements?|accords?|mandates?|mandats?|{ACCORD})|"
        # "l'accord ... les autorités ayant fait savoir qu'elles ne souhaitaient pas le reconduire"
        r"(?:accords?|agreements?|mandats?)\b[^.;]{0,160}?\bne (?:[\w'’]+ ){0,2}?pas "
        r"(?:le |la |les |l')?(?:reconduire|renouveler|prolonger)"
    ),
    (
        # ("asked about the withdrawal": a question put to someone, not a demand)
        rf"(?:order(?:s|ed|ing)?|demand(?:s|ed|ing)?|call(?:s|ed|ing)? for|"
        rf"ask(?:s|ed|ing)?(?! about| whether| if| how| why| what| when)|told|"
        rf"tell(?:s|ing)?|gave|gives?|giving|set|want(?:s|ed)?){_GAP}{_DEPART}"
    ),
    # "the president said French forces must leave his country": a demand in reported speech
    (
        r"(?:said|says|declared|insist\w*|a (?:dit|déclaré|affirmé))(?:\W+\w+){0,6}?\W+"
        r"(?:must|have to|doivent|devront) (?:leave|go|withdraw|quitter|partir)"
    ),
    r"order(?:s|ed|ing)? (?:\w+\W+){0,4}?out\b",
    # "said foreign bases had no place in a sovereign country": declared unwelcome
    (
        r"(?:ha[ds]|have) no place in|no longer welcome|"
        r"n'(?:ont|a) (?:plus |pas )?(?:leur|sa) place|(?:ne sont )?plus les bienvenu\w*"
    ),
    # "Paris a été contraint de quitter le Mali", "forced to leave Niger": a departure imposed
    (
        r"(?:forced|compelled|contraint|contrainte|contraints|oblig[ée]e?s?|forc[ée]e?s?|"
        r"pouss[ée]e?s?) (?:de |à |d'|to )(?:quitter|partir|leave|withdraw|se retirer|"
        r"plier bagage|pull out)"
    ),
    (
        r"(?:obtained|secured|forced|obten\w+|obtenu\w*|impos[ée]\w*)(?=\W+(?:\w+\W+){0,8}?"
        r"(?:departure|withdrawal|exit|d[ée]part|retrait))|(?<=part )(?:forc|impos)[ée]\w*|"
        r"(?<=parts )(?:forc|impos)[ée]\w*|"
        # "pushed French forces out", not "drove the jihadists out" (an operation)
        r"forced (?:\w+ ){0,3}?out\b|"
        rf"(?:pushed|kicked|drove|driven) (?!{_ENEMY})(?:\w+ ){{1,3}}?out\b|"
        r"(?:pushed|(?<!had )(?<!have )(?<!has )driven|squeezed|ousted) out of|pouss[ée]e?s? hors\b"
    ),
    (
        rf"(?:exig\w+|r[ée]clam\w+|demand\w+|ordonn\w+|somm[ée]\w*|enjoint|pri[ée]s?|"
        rf"donn[ée]\w*|veu(?:t|lent)){_GAP}{_DEPART}"
    ),
    # "left Mali ... at the demand of the military rulers": a departure the host demanded
    (
        r"(?:left|leave|leaving|withdr\w+|pulled out|quitt\w+|partis?e?s?|d[ée]part|retrait|"
        r"retir[ée]e?s?|rapatri\w+|repatriated)\b"
        r"[^.;]{0,80}?\b(?:at the (?:demand|request|behest|insistence) of|"
        r"(?:à|sur) (?:la )?(?:demande|exigence|injonction) d(?:u|es|e|')"
        r"(?! (?:leur|leurs|ses|son|sa) (?:alli\w+|partenaires?)))"
    ),
    rf"{_END}{_GAP}(?:{ACCORD}|{_PRESENCE})",
    # "revoked the Americans' status", "l'accord de statut a été révoqué"
    r"(?:revok\w+|r[ée]voqu\w+)\W+(?:[\w'’]+\W+){0,3}?(?:status|statut)\b(?! quo)",
    (
        r"(?:accords?|agreements?)(?: [\w'’]+){0,3}? (?:a été|ont été|was|were|had been|has been) "
        r"(?:revoked|terminated|denounced|scrapped|r[ée]voqu[ée]\w*|d[ée]nonc[ée]\w*|abrog[ée]\w*)"
    ),
    # "ont dénoncé les accords avec la France": accords with a partner, in a military sentence
    rf"{_END}{_GAP}(?:agreements?|accords?)\W+(?:with|avec)\b",
    (
        rf"{_END}{_GAP}(?:agreements?|accords?|pacts?|deals?)\W+(?:\w+\W+){{0,4}}?"
        rf"(?:{_FORCES}|missions?|bases?|pr[ée]sence)\b"
    ),
)
_AGREEMENT = (
    (
        rf"(?:sign(?:s|ed|ing)?|ink(?:s|ed|ing)?|conclud\w+|seal(?:s|ed|ing)?|agree(?:s|d|ing)?|"
        rf"struck|strik(?:e|es|ing) an?|reach(?:es|ed|ing)?|clinch\w*|forg(?:e|es|ed|ing)|"
        rf"sign[ée]\w*|conclu\w*|paraph\w+|scell\w+|signature|signing){_GAP}{ACCORD}"
    ),
    rf"{ACCORD}{_GAP}(?:signed|sign[ée]e?s?|conclu(?:e|s|es)?|sealed)\b",
)
# "evacuated the wounded", "évacué les blessés": a medical evacuation, not a withdrawal
_NOT_CASUALTIES = (
    r"(?!\W+(?:the\W+|les\W+|des\W+)?(?:wounded|injured|casualties|bodies|civilians|bless[ée]s|"
    r"corps|civils)\b)"
    # "medical evacuation cover", "évacuation sanitaire": care for the wounded, not a departure
    r"(?!\w*\W+(?:sanitaires?|m[ée]dicales?)\b)"
)
# "medical evacuation", "casualty evacuation" (the word before says so)
_NOT_MEDICAL = r"(?<!medical )(?<!casualty )(?<!medevac )"
_WITHDRAW = (
    (
        r"withdr(?:aw|aws|awing|awn|ew|awal|awals)|pull(?:s|ed|ing)?[- ]?(?:out|back)|pullout|"
        r"pull(?:s|ed|ing)?\b(?:\W+\w+){1,4}?\W+(?:out|back|from)\b|"
        r"draw(?:s|ing|n)?[- ]?down|drew down|drawdown|"
        # (people handed over to the Red Cross are prisoners, not bases)
        # ("hand over power": power passing, not bases)
        r"hand(?:s|ed|ing)? (?:over|back)(?! (?:power|the presidency|office|authority)\b)"
        r"(?! to (?:the )?(?:ICRC|Red Cross|CICR|Croix-Rouge|"
        r"famil|justice|police|courts?|prosecutors?))|handover|hand-over|"
        # ("on his return to the air base": a person's trip)
        r"(?<!his )(?<!her )return(?:s|ed|ing)? (?:(?:\w+ ){0,3}(?:bases?|sites|camps?)|home)|"
        r"return(?:s|ed|ing)? to (?:\w+ ){0,2}?(?:soil|barracks|territory)|"
        r"(?:was|were|had been|have been|has been|are|is) (?:all )?gone\b|"
        # "the EU mission in Niger was ended", passive or intransitive ending
        r"(?:mission|deployment|operation|presence)(?: [\w-]+){0,6}? "
        r"(?:was|were|has been|have been) (?:ended|terminated|closed|wound up|brought to an end)|"
        r"fl(?:y|ies|ew|own|ying) (?:\w+ ){0,2}?(?:out|home)\b|airlifted out|repatriat\w+|"
        # "brought its last peacekeepers out of Mali", "bring most of its soldiers home"
        r"br(?:ing|ings|inging|ought) (?:[\w,-]+ ){1,5}?(?:out of|home)\b|"
        r"(?:drove|drives?|driving|rolled|marched) out of|"
        # "forced out of Mali", "poussée hors du Niger": a departure the host imposed (it happened)
        rf"(?:forced|pushed|(?<!had )(?<!have )(?<!has )driven|squeezed|ousted) out of"
        rf"(?!\W+{_ENEMY})|"
        r"pouss[ée]e?s? hors (?:du|de|des|d')|"
        r"(?:redeploy|reposition|relocat)\w* (?:\w+ ){0,4}?(?:out of|from)|"
        r"(?:cut(?:s|ting)?|reduc\w+|slash\w*|trim\w*) (?:\w+ ){0,4}?"
        r"(?:presence|troops|forces?|contingent|personnel|footprint)\b|"
        r"(?:wound|wind(?:s|ing)?|scal\w+) (?:down|back)|wrap(?:s|ped|ping)? up|"
        r"end(?:s|ed|ing)? (?:its|their|the) (?:\w+ ){0,3}?"
        r"(?:deployment|mission|presence|participation|contribution)|"
        r"end of (?:the |its |their )?(?:\w+ ){0,3}?"
        r"(?:deployment|mission|presence|participation|contribution)"
    ),
    (
        # "left 20 people dead", "would leave a gap", "evacuated the wounded": other senses
        # "left-wing", "the left bank": a side, not a departure
        # "after their leave", "on leave": time off, not a departure
        r"(?:(?<!their )(?<!his )(?<!her )(?<!on )leav(?:e|es|ing)|"
        # "the only ones left", "troops were being left to hold": remaining, not departing
        r"(?<!ones )(?<!those )(?<!be )(?<!been )(?<!being )(?<!is )(?<!are )(?<!was )(?<!were )"
        r"left(?![- ](?:wing|bank|hand|side)))"
        r"(?!(?:\W+\w+){0,5}?\W+(?:dead|wounded|injured|homeless|gap|"
        r"vacuum|void)\b)|quit(?:s|ting)?|depart(?:s|ed|ing|ure)?|exit(?:s|ed|ing)?|"
        rf"{_NOT_MEDICAL}evacuat\w+{_NOT_CASUALTIES}|"
        r"clos(?:e|es|ed|ing) (?:\w+ ){0,3}(?:bases?|hub|camps?)"
    ),
    (
        # ("retired", "retirement": English words the French stem would take)
        r"retrait|retir(?!ed\b|ement\b|ees?\b)\w+|d[ée]parts?|quitt\w+|r[ée]troc[ée]\w+|"
        r"d[ée]sengag\w+|pli\w* bagage|"
        r"sortis?e?s? du|rapatri\w+|"
        # ("faisait partie d'un convoi": was part of it)
        # ("en grande partie": partly)
        r"(?<!une )(?<!la )(?<!le )(?<!en )(?<!fait )(?<!faisait )(?<!faisaient )(?<!font )"
        r"(?<!grande )(?<!bonne )(?<!petite )(?<!majeure )"
        r"(?<!faire )partis?e?s?\b|"
        # "doivent partir d'ici au 30 juin" ("à partir de" only dates something)
        r"(?<!à )partir\b|partiront|partira|partent|partaient|partait|"
        rf"{_NOT_MEDICAL}[ée]vacu\w+{_NOT_CASUALTIES}|"
        r"red[ée]ploy\w+ hors|"
        r"fin (?:de|du|des|à) (?:la |l'|sa |leur )?(?:\w+ ){0,2}?"
        r"(?:mission|op[ée]ration|pr[ée]sence|d[ée]ploiement|participation|contribution)|"
        r"fin de mission|ferm\w+ (?:\w+ ){0,2}bases?|"
        r"r[ée]duction (?:\w+ ){0,2}(?:dispositif|effectifs|pr[ée]sence)|"
        r"r[ée]dui\w+ (?:\w+ ){0,3}(?:dispositif|effectifs|pr[ée]sence|contingent)|"
        r"remi(?:s|se|ses|t) (?:\w+ ){0,3}?bases?|"
        r"(?:regagn\w+|rentr\w+) "
        r"(?:au pays|leur pays|le territoire|leurs? casernes?|[àa] la maison)|"
        r"(?:mission|op[ée]ration|pr[ée]sence)(?: [\w'’-]+){0,6}? (?:a pris fin|ont pris fin|"
        r"s'est achev[ée]e|a [ée]t[ée] (?:close|ferm[ée]e|arr[êe]t[ée]e))"
    ),
)
_DEPLOY = (
    (
        r"deploy(?:s|ed|ing|ment|ments)?|redeploy\w*|dispatch\w*|despatch\w*|send(?:s|ing)?|sent|"
        r"arriv(?:e|es|ed|al|als|ing)|land(?:s|ed|ing)? (?:in|at)|"
        # ("la station d'émission": the French noun)
        r"(?<!la )(?<!une )station(?:s|ing)?\b(?! d['’e])|"
        r"reinforcements?|bolster\w*|"
        # "to reinforce its campaign": what is reinforced must be forces, not an effort
        r"reinforc(?:e|es|ed|ing)(?!\W+(?:(?:its|their|the|a|an)\W+)?(?:\w+\W+)?(?:campaign|"
        r"efforts?|cooperation|ties|security|capacit\w+|capabilit\w+|fight|partnership)\b)|"
        r"commit(?:s|ted|ting)? (?:\w+ ){0,2}troops|"
        r"(?:cross(?:es|ed|ing)?|enter(?:s|ed|ing)?|mov(?:e|es|ed|ing)|pour(?:s|ed|ing)?|"
        r"roll(?:s|ed|ing)?|stream(?:s|ed|ing)?) (?:from (?:\w+ ){1,3}?)?into|"
        r"cross(?:es|ed|ing)? the border|posted (?:there|at|in)\b|boots on the ground|"
        r"touch(?:es|ed|ing)? down|"
        # "whose first soldiers reached Timbuktu": forces reaching a place
        r"(?:troops|soldiers|forces|units|contingents?|peacekeepers|columns?|convoys?)"
        r"(?: (?!yet\b|not\b|never\b)\w+){0,2}? reach(?:ed|es)?(?! (?:out|\d))|"
        # "forces entered The Gambia" (a weak word: "entered talks" names no host)
        r"enter(?:s|ed|ing)?(?! into\b)(?= (?:the |northern |southern |eastern |western )?\w+)|"
        r"fl(?:y|ies|ew|own|ying) (?:in|into|to)\b|airlift\w*(?! (?:base|hub))|"
        r"post(?:s|ed|ing)? to|join(?:s|ed|ing)? (?:them|the (?:force|mission|contingent))\b|"
        r"rush(?:es|ed|ing)? (?:\w+ ){0,3}?to|(?:take|takes|took|taking) up positions?|"
        r"(?:announc|confirm|pledg)\w* (?:their|its) participation|"
        # "pledged 500 troops", "will contribute 200 soldiers", "welcomed Russian instructors"
        r"(?:pledged|promised|welcomed|received|(?:will|would|to) (?:contribute|host)) "
        r"(?:[\w,.-]+ ){0,3}?"
        r"(?:troops|soldiers|personnel|peacekeepers|instructors|trainers|contingents?|mercenaries)\b|"
        # "the number of French soldiers will rise to 2,500"
        r"(?:number|strength|contingent|troops|soldiers|force)(?: [\w.,-]+){0,6}? "
        r"(?:will |would |to |should |is set to )?"
        r"(?:rise|rises|rising|increase[sd]?|grow|climb\w*|swell\w*) to\b|"
        # "will be based in Nigeria", "launched a military mission", "set up a base"
        r"(?:will|would|shall|to) be (?:based|stationed|posted)|"
        r"launch\w* (?:an? |the |its |their )?(?:new )?(?:[\w-]+ ){0,2}?mission|"
        r"(?:set(?:s|ting)? up|establish\w*|open(?:s|ed|ing)?|buil[dt]\w*) "
        r"(?:an? |its |their |the )?(?:new )?(?:[\w-]+ ){0,2}?(?:base|outpost|camp)s?\b|"
        r"t(?:ake|akes|ook|aking) over "
        r"(?:from|the (?:\w+ ){0,2}?(?:bases?|camps?|positions|duties))|"
        rf"(?:leav(?:e|es|ing)|left|depart(?:s|ed|ing|ure)?|set(?:s|ting)? (?:off|out)) {ONWARD}"
    ),
    (
        r"d[ée]ploi\w*|d[ée]ploy\w+|red[ée]ploy\w+|(?:travers|franchi)\w* la fronti[èe]re|"
        r"envo(?:i|ie|ies|ient|yer|y[ée]e?s?|yons|yait|yaient|ya|y[èe]rent)\b|enverr\w+|"
        r"d[ée]p[êe]ch\w+|arriv\w+|d[ée]barqu\w+|renforts?|atterri(?:t|ssent|ront|ra)?\b|"
        r"renforc\w+ (?:\w+ ){0,3}(?:contingent|dispositif|pr[ée]sence|effectifs)|"
        r"achemin\w+|(?<!a[ée]rienne )projet[ée]e?s?|install[ée]e?s?|pris position|"
        r"prennent position|"
        # ("qui accueillait encore quelque mille militaires": who was there, not who came)
        r"s'est pos[ée]e?|accueill(?!ait|aient)\w+ (?:\w+ ){0,5}?(?:soldats|militaires|troupes|"
        r"instructeurs|"
        r"mercenaires|contingent)|entr[ée](?!ten|pr|pos|vu|m)\w* (?:au|dans|à|en (?!vigueur))|"
        r"(?:annonc|confirm)\w* (?:leur|sa|son) participation|"
        r"ser(?:a|ont|ait|aient) (?:bas|stationn|post|install)[ée]e?s?|"
        r"(?:promis|promet\w*|fournir\w*|fourni) (?:[\w,.'’-]+ ){0,3}?"
        r"(?:soldats|militaires|troupes|hommes|casques bleus|instructeurs|contingents?)\b|"
        r"(?:nombre|effectifs?|contingent|dispositif)(?: [\w'’.,-]+){0,6}? "
        r"(?:doit |devrait |va |sera )?(?:atteindre|passer à|port[ée]e? à|augmenter)|"
        r"lanc\w* (?:une |la |sa |leur )?(?:nouvelle )?mission (?:militaire|de formation|"
        r"de partenariat|de maintien)|"
        # "des soldats tchadiens doivent les rejoindre": forces joining others where they are
        r"(?:rejoindre|rejoign\w+|rejoint\w*) (?:les|leurs?|la force|le contingent|"
        r"l'op[ée]ration)\b|(?:(?<=les )|(?<=leur ))(?:rejoindre|rejoign\w+|rejoindr\w+)|"
        r"(?:ouv\w+|instal\w+|cr[ée]\w+|constru\w+) (?:une |la |sa |leur )?(?:nouvelle )?"
        r"(?:base|emprise)s?\b|pren\w* le relais|pris le relais|"
        rf"(?:partir|partis?e?s?|partiront|partira|partent|partaient|d[ée]part|s'envol\w+) {ONWARD}"
    ),
)
_OPERATION = (
    (
        r"(?:air ?|drone |aerial )?strikes?|airstrikes?|bombard\w+|bomb(?:ed|ing)|"
        r"struck(?!\W+(?:an?\W+)?(?:\w+\W+)?(?:deal|agreement|accord|balance|tone|chord|down)\b)|"
        # "drove the jihadists out of Gao"; with nothing in between the forces drive away
        r"(?:dr(?:o|i)ve|driven|driving|chas\w+) (?:\w+ ){1,3}?out of|"
        r"dislodg\w+|rout(?:ed|ing)|overr(?:a|u)n|storm(?:ed|ing)|advanc\w+ on|killing|"
        r"seiz(?:e|ed|ing)(?! power)|"
        r"raid(?:s|ed)?|ambush\w*|offensive|assault|clash\w*|battle|killed|neutrali[sz]\w+|"
        # "light attack aircraft", "attack helicopters": a kind of machine, not an action
        # "the attackers belonged to ISWAP": people, not an attack
        r"attack(?!ers?\b)\w*"
        r"(?! (?:aircraft|helicopters?|planes?|jets?|drones?|boats?|submarines?))|"
        r"fighting|fought|pound(?:s|ed|ing)|shell(?:ed|ing)|repel\w*|captur\w+|"
        r"wounded|injured|came under (?:fire|attack)|recaptur\w+|retook|retak(?:e|es|en|ing)|"
        r"suffer\w* (?:\w+ ){0,3}?(?:losses|casualties)|died|perished|lost their lives|"
        r"(?:struck|hit|hits|strikes|ran over) (?:an? )?(?:\w+ )?(?:mine|landmine|IED|"
        r"explosive device)|"
        # ("the French-led Operation Barkhane" names an operation, it reports none)
        r"(?:launched|carried out|conducted|(?<!-)led|mounted) (?:[\w,-]+ ){0,6}?operation|"
        r"(?:took|take|takes|taking) part in (?:an? |the )?(?:\w+ )?(?:operation|raid|assault)|"
        # "crossed into Mauritania in pursuit of jihadists": a raid across the border
        r"in (?:hot )?pursuit of|pursu(?:ed|ing) (?:\w+ ){0,3}?(?:into|across|inside)"
    ),
    (
        r"frappes?|embuscades?|accrochages?|affrontements?|(?<!de )(?<!d')combats?"
        r"(?! (?:troops|units|forces|soldiers|aircraft|helicopters|vehicles|drones?|jets?|planes?|"
        r"engineers|gear|boots|missions?|experience|roles?|support|capabilit\w+|readiness))|"
        r"tuant|d[ée]log\w+|"
        rf"mis en d[ée]route|(?:chass|repouss)\w* {_ENEMY}|"
        r"(?:ont|a|avoir) (?:repris|pris) le contr[ôo]le|(?:expel|kick)\w* (?:out )?"
        rf"{_ENEMY}|"
        # "avions d'attaque légère", "hélicoptères d'attaque": a kind of machine
        r"tu[ée]s?|assaut|(?<!d')(?<!d’)attaqu\w+|d['’]attaques|captur\w+|bless[ée]s?|"
        # "repoussé à 2025 les élections": postponed, not repelled
        r"repouss\w+(?!\s+(?:à|au|aux|jusqu\w*|sine)\b)|bombard\w+|"
        r"(?:ont|a|avoir) repris|reprenant|subi\w* (?:\w+ ){0,3}?pertes|"
        r"(?:ont|avaient|avait|a) p[ée]ri|p[ée]rirent|(?:ont|a|avaient) perdu la vie|"
        r"(?:ont|a|avaient) trouv[ée] la mort|(?:sont|est|[ée]taient) morts?|"
        r"(?:saut[ée]\w* sur|heurt[ée]\w*) (?:une |un )?(?:mine|engin explosif)|"
        r"(?:op[ée]ration|offensive) (?:\w+ )?(?:lanc[ée]e|men[ée]e)|"
        r"(?:men[ée]|lanc[ée]|conduit|effectu[ée])e?s? (?:[\w'’,-]+ ){0,9}?"
        r"(?:op[ée]ration|offensive|frappe|raid|assaut)|"
        r"particip\w+ (?:à|a) (?:l'|une |la )?(?:\w+ )?(?:attaque|op[ée]ration|offensive|assaut)|"
        r"vis[ée]e?s? par des tirs|à la poursuite d|"
        r"poursuivi\w* (?:\w+ ){0,3}?(?:jusqu|en territoire)"
    ),
)

TRIGGERS: dict[EventType, tuple[str, ...]] = {
    EventType.EXPEL: _EXPEL,
    EventType.AGREEMENT: _AGREEMENT,
    EventType.WITHDRAW: _WITHDRAW,
    EventType.DEPLOY: _DEPLOY,
    EventType.OPERATION: _OPERATION,
}

# Triggers that often have non-military senses: they need military wording close by.
WEAK = re.compile(
    r"^(?:leav|left|quit|depart|exit|evacuat|[ée]vacu|relocat|d[ée]part|quitt|part|arriv|land|"
    r"send|sent|envo|station|reinforc|renfor|attack|attaqu|killed|tu[ée]|combat|battle|clash|"
    r"offensive|assault|fight|fought|install|entr|bless|wound|injur|captur|post|move|cross|enter|"
    r"cut|reduc|r[ée]du|killing|tuant|seiz|storm|advanc|died|perish|p[ée]ri|sont mort|est mort|"
    r"touch|join|rejoi)",
    re.IGNORECASE,
)

_MILITARY_WORDS = (
    r"troops?|soldiers?|forces?|military|army|armed|personnel|contingents?|peacekeep\w*|"
    r"trainers?|instructors?|advis[eo]rs?|mercenar\w+|paramilitar\w+|fighters|servicem[ae]n|"
    r"service members|marines?|paratroop\w*|legionnaires?|battalions?|brigades?|units?|jets?|"
    r"warplanes?|helicopters?|(?:air|drone) ?strikes?|bases?|garrisons?|convoys?|deployment|"
    r"boots|reinforcements|troupes?|soldats?|militaires?|arm[ée]es?|casques? bleus?|"
    r"instructeurs?|formateurs?|conseillers?|mercenaires?|paramilitaires?|bataillons?|"
    r"unit[ée]s?|convois?|dispositif|hommes|[ée]l[ée]ments|effectifs|parachutistes|garnisons?|"
    r"renforts?|combattants|frappes? a[ée]riennes?|avions? de chasse|h[ée]licopt[èe]res?|"
    r"d[ée]tachements?|detachments?|squadrons?|escadrons?|commandos?|"
    r"Barkhane|Serval|Sabre|Takuba|Wagner|Africa Corps|MINUSMA|EUTM|ECOMIG|Bundeswehr|AFRICOM|"
    r"Pentagon|Pentagone|blue helmets|mission"
)
MILITARY = re.compile(rf"\b(?:{_MILITARY_WORDS})\b", re.IGNORECASE)
ACCORD_RE = re.compile(rf"\b{ACCORD}\b", re.IGNORECASE)
# Military wording or a military accord, in one pass: found where either of them is.
MILITARY_OR_ACCORD = re.compile(rf"\b(?:{_MILITARY_WORDS}|{ACCORD})\b", re.IGNORECASE)

# Sending equipment ("a dozen Turkish drones") is not a deployment: DEPLOY needs people.
PERSONNEL = re.compile(
    r"\b(?:troops?|soldiers?|forces?|personnel|contingents?|peacekeep\w*|trainers?|"
    r"instructors?|advis[eo]rs?|mercenar\w+|paramilitar\w+|fighters|servicem[ae]n|marines|"
    r"paratroop\w*|commandos?|battalions?|units?|reinforcements|troupes?|soldats?|"
    # a military convoy or column carries its crews: "the last French convoy crossed into Niger"
    r"convoys?|columns?|convois?|colonnes?|d[ée]tachements?|detachments?|squadrons?|escadrons?|"
    r"militaires|casques? bleus?|instructeurs?|formateurs?|conseillers?|mercenaires?|"
    r"paramilitaires?|bataillons?|unit[ée]s|hommes|[ée]l[ée]ments|effectifs|renforts?|combattants|"
    r"Sabre|Wagner|Africa Corps|MINUSMA|ECOMIG|Bundeswehr|mission)\b",
    re.IGNORECASE,
)


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

    @property
    def joining(self) -> bool:
        """Whether the trigger announces joining a mission ("announced their participation"): the
        forces and the mission are named in the sentences around it."""
        return self.text.lower().endswith("participation")

    @property
    def nominal(self) -> bool:
        """Whether the trigger is a noun whose "of" complement names the forces ("arrival")."""
        return bool(_NOMINAL.search(self.text))

    @property
    def onward(self) -> bool:
        """Whether the trigger is a departure towards the place after it ("leave for Gao")."""
        return (
            self.type is EventType.DEPLOY
            and self.text[-1:] in _ONWARD_LAST
            and bool(_ONWARD_END.search(self.text))
        )

    @property
    def accord(self) -> bool:
        """Whether the trigger names a military accord, which makes it military by itself."""
        return bool(ACCORD_RE.search(self.text))


_NOMINAL = re.compile(
    r"(?:arrivals?|arriv[ée]es?|deployments?|d[ée]ploiements?|envois?|departures?|d[ée]parts?|"
    r"retraits?|withdrawals?|pullout|pull-out|dispatch|exits?|sorties?|drawdown|expulsions?)$",
    re.IGNORECASE,
)

# Every trigger starts with a word character: `(?=\w)` rejects the word-final boundaries at once,
# which saves trying each alternative there (the same matches, much faster).
_COMPILED = {
    kind: re.compile(rf"\b(?=\w)(?:{'|'.join(patterns)})\b", re.IGNORECASE)
    for kind, patterns in TRIGGERS.items()
}

PREFILTER = re.compile("|".join(f"(?:{p.pattern})" for p in _COMPILED.values()), re.IGNORECASE)


@cache
def _lowered() -> tuple[dict[EventType, re.Pattern[str]], re.Pattern[str]]:
    """The patterns run over lowercased sentences (see lowered.py): each type's, and where any
    type's trigger starts (the five as one alternation under the shared boundaries, tried by
    first character: see branches.py). Built on first use: regrouping and compiling them takes
    most of a second, which commands that never extract should not pay at start-up."""
    every = lowercase_pattern("|".join(p for patterns in TRIGGERS.values() for p in patterns))
    return (
        {kind: lowered(pattern) for kind, pattern in _COMPILED.items()},
        re.compile(rf"\b(?=\w)(?:{regroup(every)})\b"),
    )


@cache
def any_trigger() -> Twin:
    """The prefilter for whole texts (see lowered.py): the same starts as PREFILTER's matches."""
    return Twin(PREFILTER, _lowered()[1])


def find_triggers(sentence: str) -> list[Trigger]:
    """All triggers in a sentence; WITHDRAW words inside an EXPEL phrase belong to the order."""
    found = _found(sentence)
    # "must leave" both demands a departure and plans it, "forced to leave" imposes one that
    # happened: their WITHDRAW stays
    strong = [
        t
        for t in found
        if t.type in (EventType.EXPEL, EventType.AGREEMENT) and not _MUST.search(t.text)
    ]
    kept = [t for t in found if not any(_inside(t, s) for s in strong if s is not t)]
    # an accord being ended is not one being signed ("denounced the accords signed with Paris"),
    # and bases to close on demand are not being closed ("asked France to close its bases")
    expels = [t for t in kept if t.type is EventType.EXPEL]
    overruled = (EventType.AGREEMENT, EventType.WITHDRAW)
    kept = [
        t
        for t in kept
        if t.type not in overruled or not overlaps(t, [e for e in expels if e in strong])
    ]
    kept = [t for t in kept if not (t.type is EventType.WITHDRAW and _person_leaves(sentence, t))]
    # "redeployed out of Niger" leaves the country it names ("to leave for Bamako" may set off
    # towards it: the destination decides, see candidates.py)
    leaving = [t for t in kept if t.type is EventType.WITHDRAW]
    kept = [
        t for t in kept if t.type is not EventType.DEPLOY or t.onward or not overlaps(t, leaving)
    ]
    return sorted(kept, key=lambda t: (t.start, t.type))


_ONWARD_END = re.compile(rf"{ONWARD}$", re.IGNORECASE)
_ONWARD_LAST = frozenset(
    "rRsSeEuU'"
)  # the last letters "for", "pour", "vers", "de", "du", "des", "d'" end on


def _found(sentence: str) -> list[Trigger]:
    """Every match of every type's pattern, on the lowercased sentence when offsets survive."""
    low = lower_in_place(sentence)
    if low is not None:
        patterns, first_of = _lowered()
        text = low
    else:
        text, first_of, patterns = sentence, PREFILTER, _COMPILED
    # the earliest trigger of any type: most sentences have none, and none starts before it
    first = first_of.search(text)
    if first is None:
        return []
    return [
        Trigger(kind, m.start(), m.end(), sentence[m.start() : m.end()])
        for kind, pattern in patterns.items()
        for m in pattern.finditer(text, first.start())
    ]


# "le départ de Yahya Jammeh", "the departure of President Bazoum": a person leaves office. Not
# part of the trigger patterns, which also run over lowercased text (see lowered.py).
_PERSON_AFTER = re.compile(
    r"(?i:\W+(?:of|de|d'|du)\W+(?:(?:the|l'|le|la)\W*)?(?:(?:former|ex-?|ancien)\W+)?)"
    r"(?:(?i:president|pr[ée]sident|minister|ministre|ambassador|ambassadeur|leader|dirigeant)\b|"
    # a first and last name, not a state's or a force's two words ("Burkina Faso", "Africa Corps")
    r"(?!(?:Burkina|United|Ivory|Sierra|Central|South|North|Africa|Wagner|European|Boko|Air|"
    r"Operation|Op[ée]ration|Task|Force|Mission)\b)[A-Z][a-zéèï]+\s+"
    r"(?!(?:Group|Corps|Force|Forces|Faso|States|Coast|Leone)\b)[A-Z][a-zéèï]+\b)"
)
_DEPARTURE = re.compile(r"^(?:departure|d[ée]parts?)$", re.IGNORECASE)


def _person_leaves(sentence: str, trigger: Trigger) -> bool:
    """Whether a departure noun is a person's ("le départ de Yahya Jammeh")."""
    return bool(_DEPARTURE.match(trigger.text)) and bool(_PERSON_AFTER.match(sentence, trigger.end))


_MUST = re.compile(
    r"\b(?:must|have to|doivent|devront|forced|compelled|pushed|driven|squeezed|ousted|"
    r"at the (?:demand|request|behest|insistence)|"
    r"(?:à|sur) (?:la )?(?:demande|exigence|injonction)|"
    r"contraint(?:e|s|es)?|"
    r"oblig(?:é|ée|és|ées)|forc(?:é|ée|és|ées)|pouss(?:é|ée|és|ées))\b",
    re.IGNORECASE,
)


def overlaps(trigger: Trigger, others: Sequence[Trigger]) -> bool:
    """Whether the trigger shares characters with any of `others`."""
    return any(trigger.start < o.end and o.start < trigger.end for o in others)


def _inside(inner: Trigger, outer: Trigger) -> bool:
    """Whether `inner` lies within `outer` (an order to leave is not itself a departure)."""
    return outer.start <= inner.start and inner.end <= outer.end
