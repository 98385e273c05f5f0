"""The cues around a trigger that void it: negated, hypothetical, threatened, denied or asked
about, or a word in another sense (civilians moving, goods arriving, a diplomat expelled).

Modality is read from a few words before the trigger, from its clause and from the whole sentence
(a denial anywhere voids it). The stage and a mere presence are read in stage.py.
"""

from __future__ import annotations

import re

from daemon.extract.triggers import Trigger
from daemon.model import EventType

# "sent troops to (help) fight militants", "troops for an offensive", "to join a regional
# offensive": an aim, not a reported action
_PURPOSE = re.compile(
    r"\b(?:to|for|pour|afin de)\s+(?:(?:help|assist|join|support|reinforce|take part in|"
    r"participate in|stop|prevent|end|halt|contain|aider|rejoindre|appuyer|soutenir|renforcer|"
    r"participer à|prendre part à|contribuer|empêcher|arrêter|contenir|mettre fin à|repel|"
    r"block|stopper|enrayer|bloquer|repousser|contrer)\s+"
    r"(?:(?:to|à)\s+)?)?(?:(?:an?|the|une?|la|le|l'|les|des)\s*)?"
    r"(?:(?:regional|joint|new|major|r[ée]gionale?|conjointe?|nouvelle?)\s+)?$",
    re.IGNORECASE,
)
# "an attack on Niger would amount to war", "any intervention", "toute attaque": hypothetical
_MODAL_AFTER = re.compile(
    # ("may" in lowercase only: "fought in May" names a month)
    r"^(?:\W+[\w'’-]+){0,6}?\W+(?:would|could|might|(?-i:can|may)|serait|seraient|pourrait|"
    r"pourraient|"
    r"peu(?:t|vent)|pouvai(?:t|ent))\b",
    re.IGNORECASE,
)
_ANY_BEFORE = re.compile(
    r"\b(?:any|toute?|tous|toutes|no|aucune?)\s+(?:[\w-]+\s+)?$", re.IGNORECASE
)
# "protesters demanded the departure of French troops": only the host government expels
# the crowd is the subject when no government is named between it and the demand
_CROWD_BEFORE = re.compile(
    r"\b(?:protesters|demonstrators|crowds?|activists|rally|manifestants|foule|"
    r"pétition\w*|petition\w*|marcheurs)\b"
    r"(?:(?!\b(?:government|junta|authorities|president|minister|regime|gouvernement|junte|"
    r"autorit[ée]s|pr[ée]sident|ministre|r[ée]gime)\b).)*$",
    re.IGNORECASE | re.DOTALL,
)
_CROWD_AFTER = re.compile(
    r"^\W*(?:[\w'’-]+\W+){0,3}?(?:protesters|demonstrators|crowds?|activists|manifestants|"
    r"foule|marcheurs)\b",
    re.IGNORECASE,
)
# "expelled the French ambassador": a diplomat, not forces, when no military wording is in the
# sentence itself
_OFFICIALS = (
    r"(?:ambassad\w+|diplomat\w*|envoys?|consul\w*|spokes\w+|porte-parole|coordinat\w+|"
    r"coordonnat\w+|representatives?|repr[ée]sentant\w*)"
)
_DIPLOMAT = re.compile(rf"\b(?:{_OFFICIALS}|charg[ée] d'affaires)\b", re.IGNORECASE)
_MILITARY_HERE = re.compile(
    r"\b(?:troops?|soldiers?|forces?|military|army|personnel|contingents?|peacekeep\w*|"
    r"troupes?|soldats?|militaires?|arm[ée]es?|casques? bleus?|bases?|mission)\b",
    re.IGNORECASE,
)
# "sent troops after the attack": the attack is the occasion, not the actor's operation.
_OCCASION = re.compile(
    r"\b(?:after|following|ahead of|before|après|avant|suite à|à la suite d\w*)\s+(?:\S+\s+){0,2}"
    r"(?:[ldLD]')?$",
    re.IGNORECASE,
)
# "since arriving", "ten years after it was deployed", "après l'arrivée des": a deployment named
# only to date something else (tests/data/README.md, rule 6), not reported.
_TIME_REFERENCE = re.compile(
    r"\b(?:since|after|following|until|depuis|après|dès|jusqu'à)\s+(?:[^\s,;]+\s+){0,2}"
    r"(?:[ldLD]['’])?$|"
    # "since its first Estonian and Czech contingents arrived": a longer subject, same clause
    r"\b(?:since|depuis que|depuis l'arriv[ée]e)\s+(?:[^\s,;.]+\s+){3,6}$",
    re.IGNORECASE,
)
# "was close to the end of its deployment": not over yet
_NEARING = re.compile(
    r"\b(?:close to|near|nearing|approaching|proche de|à l'approche de)\s+(?:the\s+|la\s+)?$",
    re.IGNORECASE,
)
# "relations have been frosty since American forces left": a departure that dates something
# ("after the forced departure from Mali" is still told as a fact, and is one)
_SINCE_REFERENCE = re.compile(
    # ("since the last French soldiers left": the departure dates something, subject and all)
    # (a word may hold full stops: "since U.S. forces left")
    r"\b(?:since|depuis)\s+(?:[^\s,;]+\s+){0,5}(?:[ldLD]['’])?$",
    re.IGNORECASE,
)
_SINCE_NOUN = re.compile(r"\b(?:since|depuis)\s+(?:the|la|le|les|l['’])\s*$", re.IGNORECASE)
# "the defence minister left N'Djamena", "le retrait de plusieurs bailleurs": civilians moving.
_CIVILIANS = (
    r"(?:ministers?|ministres?|presidents?|pr[ée]sidents?|ambassadors?|ambassadeurs?|envoys?|"
    r"delegations?|d[ée]l[ée]gations?|diplomats?|diplomates?|donors|bailleurs|investors|"
    r"investisseurs|companies|entreprises|NGOs|ONG|spokes\w+|porte-parole|coordinat\w+|"
    r"coordonnat\w+|villagers|refugees|displaced|residents|families|migrants|r[ée]fugi[ée]s|"
    r"d[ée]plac[ée]s|habitants|familles|villageois|suspects|prisoners|detainees|captives|"
    r"prisonniers|d[ée]tenus)"
)
_CIVILIAN_BEFORE = re.compile(rf"\b{_CIVILIANS}\W+(?:\w+\W+)?$", re.IGNORECASE)
_CIVILIAN_AFTER = re.compile(
    rf"^\W*(?:of|de|des|du|d')\s*(?:the\s+|la\s+|le\s+|l')?(?:[\w-]+\s+){{0,2}}?{_CIVILIANS}\b",
    re.IGNORECASE,
)
# "the wounded were flown out", "le rapatriement des dépouilles": casualties carried home
_CASUALTIES = r"(?:bodies|remains|coffins|wounded|injured|d[ée]pouilles|corps|cercueils|bless[ée]s)"
# "flew the wounded out": the casualties are the trigger's own object
_CASUALTIES_INSIDE = re.compile(rf"\b{_CASUALTIES}\b", re.IGNORECASE)
# the casualties are the subject of the move: no clause opens between them and the trigger
_CASUALTIES_BEFORE = re.compile(
    rf"\b{_CASUALTIES}(?:\s+(?!(?:as|while|when|whereas|and|et|alors|tandis|lorsque|quand)\b)"
    r"[\w'’-]+){0,8}\s+$",
    re.IGNORECASE,
)
_CASUALTIES_AFTER = re.compile(
    rf"^\W*(?:of|des|du|de)?\s*(?:the\s+|les\s+|leurs\s+|their\s+)?{_CASUALTIES}\b",
    re.IGNORECASE,
)
# "depuis le départ des islamistes": an armed group moving, not a state's forces
_ARMED_GROUPS = (
    r"(?:jihadists?|militants?|insurgents?|rebels?|terrorists?|islamists?|jihadistes|terroristes|"
    r"islamistes|rebelles|insurg[ée]s|Boko Haram)"
)
_ARMED_GROUP_AFTER = re.compile(
    rf"^\W*(?:of|de|des|du|d')\s*(?:the\s+|la\s+|le\s+|l')?(?:[\w-]+\s+)?{_ARMED_GROUPS}\b",
    re.IGNORECASE,
)
# "struck the insurgents as they withdrew", "des jihadistes venus du Mali sont entrés"
_ARMED_GROUP_BEFORE = re.compile(
    rf"\b(?:{_ARMED_GROUPS}|assailants|attackers|assaillants|ISWAP|JNIM|EIGS)\W+"
    r"(?:(?:as|who|which|qui|when|then|after|had|have|has|were|was|ont|avaient|sont|"
    r"s'[ée]taient|se sont|they|ils|venus?|[\w'’-]+ly|fighters|groups?|combattants|"
    r"groupes?)\W+){0,3}$",
    re.IGNORECASE,
)
# "leur retrait de la Cédéao", "withdrawal from the regional bloc": leaving an organisation
_BODY_LEFT = re.compile(
    # ("the withdrawal of Mali, Burkina Faso and Niger from ECOWAS": the states listed first)
    r"^\W*(?:(?:[\w'’-]+\W+){0,8}?(?:from|de la|de l'|du|de|la|le|l'|the)\s*(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}?)?"
    r"(?:ECOWAS|Ecowas|C[ée]d[ée]ao|CEDEAO|OIF|G5|UEMOA|Commonwealth|ICC|CPI|African Union|"
    r"Union africaine|bloc|organi[sz]ation|communaut[ée]|community|alliance|coalition|"
    r"[Ff]orce multinationale|FMM|MNJTF|Multinational Joint Task Force|instances|organes|"
    r"comit[ée]|committee|CEMOC|Cemoc)\b",
    re.IGNORECASE,
)
# "has flown in medical supplies", "a acheminé de l'aide": goods, not forces
_GOODS_AFTER = re.compile(
    r"^\W*(?:[\w'’-]+\W+){0,2}?(?:supplies|aid|equipment|food|vaccines|medicines?|weapons|arms|"
    r"ammunition|fuel|humanitarian|mat[ée]riel|vivres|m[ée]dicaments|armes|munitions|"
    r"[ée]quipements?|aide|carburant)\b",
    re.IGNORECASE,
)
# "les régimes arrivés au pouvoir", "arrival in power": taking office, not forces arriving
_POWER_AFTER = re.compile(r"^\W*(?:au pouvoir|à la t[êe]te|to power|in power)\b", re.IGNORECASE)
# "to accompany Malian units in combat": a role described, not a specific action
_GENERIC_FIGHT = re.compile(r"^combats?$", re.IGNORECASE)
_IN = re.compile(r"\b(?:in|into|en|au)\s+$", re.IGNORECASE)
# "ending a decade-long deployment", "la fin du déploiement": a deployment that is over.
_ENDED = re.compile(
    r"\b(?:end(?:s|ed|ing)?|fin|terme|completing|concluding)\b(?:\W+\w+){0,3}\W*$", re.IGNORECASE
)

# Hypothetical, threatened, denied or negated: such actions are not events.
_BLOCK_BEFORE = re.compile(
    r"\b(?:not|n't|never|whether|no (?:\w+ )?(?:plans?|intention|sign|indication|role|part)|"
    # "no Ghanaian unit crossed into Burkina Faso": nobody did it
    r"no (?:[\w-]+ ){0,2}?(?:units?|troops|soldiers?|forces|personnel|contingents?|peacekeepers)|"
    r"no question|den(?:y|ies|ied)|rumeurs?|et non|and not|rather than|instead of|plutôt que|"
    r"yet to|not yet|pas encore|toujours pas|esp[èée]r\w*|hop(?:e|es|ed|ing)|souhait\w*|"
    r"wish\w*|r[ée]ticent\w*|reluctant|hesitant|h[ée]sit\w+|unwilling|[ée]voqu\w+|"
    r"un tel|une telle|such an?|any such|"
    r"au lieu d\w*|non pas|"
    r"rejected|threat\w*|could|"
    r"might|(?<!in )(?<!of )(?<!since )(?<!until )(?<!early )(?<!late )(?<!mid-)may(?!\s+\d)|"
    r"if|unless|unlikely|ready|pr[êe]t(?:e|s|es)?|"
    r"refus\w+|consider\w*|mull\w*|weigh\w*|possib\w+|rumou?r\w*|allegedly|press\w*|urg\w+|"
    r"ne|n'(?!\s?dj)|ni|pas|jamais|aucun\w*|d[ée]men\w+|menac\w+|pourr\w+|envisag\w+|[ée]ventuel\w*|si|"
    r"exclu\w*|sans|without|en vue d\w*|"
    # "is expected to announce the end of": the decision itself is still to come
    r"(?:expected|due|set|likely) to (?:announce|decide)|devr\w+ (?:annoncer|d[ée]cider))\b",
    re.IGNORECASE,
)
# Talks about a deployment or an accord are not one; talks on how forces leave are a departure
# under way ("Washington negotiates the exit of its troops").
_TALKS_BEFORE = re.compile(
    r"\b(?:talks|negotiat\w+|discuss\w*|pourparlers|n[ée]goci\w+)\b", re.IGNORECASE
)
_BLOCK_SENTENCE = re.compile(
    # "it had been denied the presidency": refused something, not denying the report
    r"\b(?:(?<!been )(?<!was )(?<!were )(?<!being )denied|denies|d[ée]menti\w*|d[ée]ment\w*|"
    r"fake news|infox|hypoth\w+)\b",
    re.IGNORECASE,
)


_MOVING = (EventType.DEPLOY, EventType.WITHDRAW)
# "a training partnership, but no new accord has been signed": a negation inside the trigger
_NEGATED_INSIDE = re.compile(r"\b(?:no|not|never|n't|aucun\w*|pas|jamais)\b", re.IGNORECASE)
# "Will Niger call on Wagner?", "Q: So no troops have been sent?": asked, not reported
_QUESTION = re.compile(r"\?\W*$")


# "la France retirerait ses troupes si le Mali allait...": a condition still to be met
_IF_AFTER = re.compile(
    r"^[^.;:]{0,60}?(?<!even )(?<!même )(?<!as )(?<!comme )\b(?:if|si|unless|à moins qu\w*|"
    # "should the junta remain recalcitrant": a condition, inverted
    r"à condition qu\w*|should (?:the|it|they|he|she|there)\b)\b",
    re.IGNORECASE,
)
# "three of whom were being flown to Dakar for treatment": the wounded, not troops moving
_TREATMENT_AFTER = re.compile(
    r"^[^.;]{0,50}?\b(?:for (?:medical )?treatment|to (?:a )?hospital|pour (?:y )?(?:être )?"
    r"soign\w+|à l'h[ôo]pital|vers un h[ôo]pital)\b",
    re.IGNORECASE,
)


def blocked(sentence: str, trigger: Trigger) -> bool:
    """Whether the trigger is negated, hypothetical, threatened, denied or asked about."""
    after = sentence[trigger.end :]
    if (
        _BLOCK_SENTENCE.search(sentence)
        or _QUESTION.search(sentence)
        or _IF_AFTER.match(after)
        or (trigger.type in _MOVING and _TREATMENT_AFTER.match(after))
        # (an expulsion's own words may be negative: "have no place in", "no longer welcome")
        or (trigger.type is not EventType.EXPEL and _NEGATED_INSIDE.search(trigger.text))
    ):
        return True
    before, after = sentence[: trigger.start], sentence[trigger.end :]
    if _KIND_BLOCKS[trigger.type](sentence, trigger, before, after):
        return True
    window = " ".join(before.split()[-5:])
    talks = trigger.type is not EventType.WITHDRAW and _TALKS_BEFORE.search(window)
    # "has given no sign that it intends to leave", "pourrait les remettre au HCR ou les
    # rapatrier": a hedge governs its whole clause, however far back it opens
    clause = before[max(before.rfind(","), before.rfind(";"), before.rfind(":")) + 1 :]
    return bool(talks or _BLOCK_BEFORE.search(window) or _CLAUSE_HEDGE.search(clause))


_CLAUSE_HEDGE = re.compile(
    r"\b(?:no (?:sign|indication|plans?|intention)|aucun(?:e)? (?:signe|intention|projet)|"
    r"rien n'indique|rien ne (?:dit|prouve|permet)|nothing (?:indicates|suggests)|"
    # "dismissed reports that Russian instructors were about to be stationed"
    r"dismiss\w* (?:\w+ ){0,2}?reports?|rejet\w* (?:\w+ ){0,2}?informations?|"
    r"pas l'intention|could|might|pourrai(?:t|ent)|would not|ne (?:\w+ )?pas|"
    # "the Senate did not vote on any request to commit troops"
    r"(?:did|does|do) not|didn't|doesn't|don't)\b",
    re.IGNORECASE,
)


# "more than 140 of its peacekeepers have been killed since 2013", "depuis juillet 2013, plus
# d'une trentaine de Casques bleus ont perdu la vie": a running toll, not one action
_DEATHS = re.compile(
    r"^(?:killed|died|perished|lost their lives|tu[ée]s?|p[ée]ri|(?:ont|a|avaient) p[ée]ri|"
    r"(?:ont|a|avaient) perdu la vie|(?:ont|a|avaient) trouv[ée] la mort)$",
    re.IGNORECASE,
)
_RUNNING_TOLL = re.compile(
    r"\b(?:(?:since|depuis)\s+(?:(?:early|late|mid|d[ée]but|fin)\W+)?(?:\d{4}|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|"
    r"novembre|d[ée]cembre)\b|(?:its|their|sa|leur) (?:arrival|deployment|creation|arriv[ée]e|"
    r"d[ée]ploiement|cr[ée]ation))|(?:since|depuis)\b[^.;,]{0,40}\b(?:19|20)\d\d\b|"
    r"in all|in total|au total|so far|to date|à ce jour|"
    r"jusqu'ici|highest toll|le plus lourd)",
    re.IGNORECASE,
)
# one action named in the singular: "the deadliest attack since 2019" is that attack's toll
_ONE_ACTION = re.compile(
    r"\b(?:attack|ambush|raid|strike|assault|explosion|attaque|embuscade|frappe|assaut|"
    r"attentat)\b",
    re.IGNORECASE,
)


# "prépare une offensive pour reprendre Kidal", "is planning a raid": not carried out yet
_PREPARING = re.compile(
    r"\b(?:pr[ée]par\w+|prepar\w+|planning|plans? (?:to|for|an?)|envisag\w+|pr[ée]voi\w+)\b"
    r"(?:\W+\w+){0,3}\W*$",
    re.IGNORECASE,
)


def _operation_blocked(sentence: str, trigger: Trigger, before: str, after: str) -> bool:
    """A purpose, an occasion, a hypothesis or a running toll, not the actor's own action:
    "sent to fight militants", "sent after the attack", "an attack would mean war", "more than
    140 killed since 2013"."""
    toll = bool(
        _DEATHS.match(trigger.text)
        and _RUNNING_TOLL.search(sentence)
        and not _ONE_ACTION.search(sentence)
    )
    return toll or bool(
        _PREPARING.search(before)
        or _PURPOSE.search(before)
        or _OCCASION.search(before)
        or (_GENERIC_FIGHT.match(trigger.text) and _IN.search(before))
        or _MODAL_AFTER.match(after)
        or _ANY_BEFORE.search(before)
    )


def _expel_blocked(sentence: str, trigger: Trigger, before: str, after: str) -> bool:
    """Protesters demanding a departure, a diplomat or civilians told to go, or jihadists driven
    out."""
    return bool(
        _CROWD_BEFORE.search(before)
        or _CIVILIANS_TOLD.search(trigger.text)
        or _CIVILIANS_TOLD.match(after[:_TOLD_REACH])
        or _ARMED_GROUP_BEFORE.search(before)
        or _CROWD_AFTER.match(after)
        or _CIVILIAN_AFTER.match(after)  # "réclamait le départ de la ministre"
        # "depuis la dénonciation des accords": named to date something (README rule 6)
        or _SINCE_NOUN.search(before)
        or (_DIPLOMAT.search(sentence) and not _MILITARY_HERE.search(sentence))
        or _DIPLOMAT_EXPELLED.match(sentence, trigger.start)
    )


# "told their nationals to leave", "ont demandé à leurs ressortissants de partir", "ordonné le
# départ du personnel non essentiel de son ambassade"
_TOLD_REACH = 40  # characters after the order
_CIVILIANS_TOLD = re.compile(
    # ("expulsé deux ressortissants français": a count or an article may come first)
    r"(?:^\W*(?:(?:of|du|des|de)\s+)?(?:the\s+|la\s+|le\s+|l')?(?:[\w'’-]+\s+){0,2}?)?"
    r"\b(?:nationals|citizens|staff|employees|tourists|ressortissants|citoyens|personnel civil|"
    r"employ[ée]s|touristes|non[- ]essential|non essentiel\w*|embassy|ambassade)\b",
    re.IGNORECASE,
)
# "ordered the spokesman of the U.N. mission to leave", "l'expulsion du porte-parole de la
# Minusma": the person is named as what is expelled, whatever military words follow
_DIPLOMAT_EXPELLED = re.compile(
    r"\b(?:expul\w+|expel\w*|order\w*|ordonn\w+|persona non grata)\W+(?:[\w'’-]+\W+){0,3}?"
    rf"{_OFFICIALS}\b",
    re.IGNORECASE,
)


def _moving_blocked(before: str, after: str) -> bool:
    """Civilians or an armed group moving, not a state's forces."""
    return bool(
        _CIVILIAN_BEFORE.search(before)
        or _CIVILIAN_AFTER.match(after)
        or _ARMED_GROUP_AFTER.match(after)
        or _ARMED_GROUP_BEFORE.search(before)
    )


def _diplomat_leaves(before: str, after: str) -> bool:
    """Whether the departure is the expelled diplomat's: "expelled the spokesman ..., giving him
    72 hours to leave", with no forces named in between or as what leaves."""
    expelled = [m.end() for m in _DIPLOMAT_EXPELLED.finditer(before)]
    return (
        bool(expelled)
        and not _FORCES_NAMED.search(before, expelled[-1])
        and not _FORCES_NEXT.match(after)
    )


_FORCES = r"(?:troops|soldiers|forces|contingents?|soldats|militaires|troupes)"
_FORCES_NAMED = re.compile(rf"\b{_FORCES}\b", re.IGNORECASE)
_FORCES_NEXT = re.compile(rf"^\W*(?:[\w'’-]+\W+){{0,3}}?{_FORCES}\b", re.IGNORECASE)


# "to demand that soldiers of the ECOWAS mission leave": a departure asked for, not made (the
# host's demand is read as an expulsion)
_DEMANDED_BEFORE = re.compile(
    r"\b(?:demand(?:s|ed|ing)? that|call(?:s|ed|ing)? for|exig\w* que|r[ée]clam\w* que|"
    r"demand\w* que)\s+[^.;:]{0,90}$",
    re.IGNORECASE,
)
# "des manifestants réclament, devant le camp où ..., le départ des soldats": a departure noun
# a demand governs, however far, within its clause
_DEMANDED_NOUN = re.compile(
    r"\b(?:r[ée]clam\w*|exig\w*|demand(?:s|ed|ing)?|calls? for|called for|calling for)\b"
    # (a comma then a conjunction or an auxiliary opens the next predicate: "dont Bamako avait
    # exigé le départ en juin, a achevé son retrait")
    r"(?:(?!,\s*(?:and|et|but|mais|a|ont|avait|avaient|est|sont|has|have|had|was|were|is|are)\b)"
    r"[^.;:]){0,160}$",
    re.IGNORECASE,
)
# "withdrew its support", "retire sa candidature": something other than forces is withdrawn
_NOT_FORCES_WITHDRAWN = re.compile(
    r"^\W*(?:(?:sa|son|ses|leur|leurs|la|le|les|des|its|their|the|his|her)\s+)?"
    r"(?:candidat\w+|plainte|projet|texte|loi|mines?|accr[ée]ditation|licen[cs]es?|permis|"
    r"agr[ée]ment|subsid\w+|support|soutien|aide|aid|assistance|funding|financement|"
    r"application|bid|budget|spending|"
    r"complaint|bill|offers?|offres?|ambassad\w+|recognition|reconnaissance|visas?|"
    # "le retrait de la vie politique", "withdrew from the race"
    r"(?:de|from) (?:la |the )?(?:vie politique|politics|course|race|comp[ée]tition))\b",
    re.IGNORECASE,
)


def _withdraw_blocked(_sentence: str, trigger: Trigger, before: str, after: str) -> bool:
    """Civilians leaving (an expelled diplomat too), a state leaving an organisation, or a
    departure named only to date something else."""
    return _moving_blocked(before, after) or bool(
        _diplomat_leaves(before, after)
        or _NEARING.search(before)
        or _NOT_FORCES_WITHDRAWN.match(after)
        or _DEMANDED_BEFORE.search(before)
        or (trigger.nominal and _DEMANDED_NOUN.search(before))
        or _BODY_LEFT.match(after)
        or _SINCE_REFERENCE.search(before)
        or _CASUALTIES_BEFORE.search(before)
        or _CASUALTIES_AFTER.match(after)
        or _CASUALTIES_INSIDE.search(trigger.text)
        or _EXILE_AFTER.match(after)
        or _CITIZENS_AFTER.match(after)
        or _CITIZENS_INSIDE.search(trigger.text)
        or _SEEMS_AFTER.match(after)
        or (trigger.nominal and _PLAN_BEFORE.search(before))
        or _KEPT_INSIDE.search(trigger.text)
        or (trigger.nominal and _THIS_BEFORE.search(before))
    )


# "began evacuating its citizens", "brought a thousand foreigners out of Niamey": civilians
_CITIZENS = (
    r"(?:citizens|nationals|expatriates|civilians|foreigners|ressortissants|expatri[ée]s|civils|"
    r"[ée]trangers)"
)
_CITIZENS_AFTER = re.compile(
    rf"^\W*(?:(?:its|their|the|his|her|ses|leurs|les|des)\s+)?(?:[\w-]+\s+){{0,3}}?{_CITIZENS}\b",
    re.IGNORECASE,
)
_CITIZENS_INSIDE = re.compile(rf"\b{_CITIZENS}\b", re.IGNORECASE)
# "cuts aid but keeps troops": the forces are what stays
_KEPT_INSIDE = re.compile(
    r"\b(?:but|mais)\s+(?:keeps?|kept|maintains?|retains?|garde|maintient|conserve)\b",
    re.IGNORECASE,
)
# "un plan de retrait devrait être tenu prêt", "a withdrawal timetable": a plan, not a departure
_PLAN_BEFORE = re.compile(
    r"\b(?:plans?|calendriers?|projets?|sc[ée]narios?|strat[ée]gies?|options?|"
    r"timetables?|schedules?|strateg(?:y|ies))\s+(?:de|d'|d’|for|of)\s+(?:(?:a|an|the|un|une)\s+)?$",
    re.IGNORECASE,
)
# "le retrait semblait désormais inévitable": judged likely, not announced or made
_SEEMS_AFTER = re.compile(
    r"^(?:\W+[\w'’-]+){0,6}?\W+(?:seems?|seemed|appears?|appeared|sembl\w+|para[îi]\w+)\s+"
    r"(?:[\w'’-]+\s+)?(?:inevitable|in[ée]vitable|likely|probable|imminent|only a matter)",
    re.IGNORECASE,
)
# "« Ce retrait envoie un signal désastreux »": a departure already told, or another kind
_THIS_BEFORE = re.compile(r"\b(?:this|that|ce|cet|cette)\s+$", re.IGNORECASE)


# "au lendemain du départ en exil de Yahya Jammeh": a ruler leaving, not forces
_EXILE_AFTER = re.compile(r"^\W*(?:en exil|into exile)\b", re.IGNORECASE)


def _deploy_blocked(_sentence: str, _trigger: Trigger, before: str, after: str) -> bool:
    """Civilians or goods arriving, a deployment that is over, one named only to date
    something, or an army reinforcing its own side of a border."""
    return _moving_blocked(before, after) or bool(
        _ENDED.search(before)
        or _OWN_SIDE_AFTER.match(after)
        or _TIME_REFERENCE.search(before)
        or _GOODS_AFTER.match(after)
        or _POWER_AFTER.match(after)
        or _ABROAD_AFTER.match(after)
    )


# "reinforced its side of the border", "renforcé ses positions": an army at home
_OWN_SIDE_AFTER = re.compile(
    r"^\W*(?:[\w'’-]+\W+){0,3}?(?:its|their|son|sa|ses|leurs?)\s+(?:own\s+)?"
    # (not "soil": "redéployées sur son sol" is the host's, which foreign units enter)
    r"(?:sides?|positions|borders?|frontiers?|c[ôo]t[ée]s?|fronti[èe]res?)\b",
    re.IGNORECASE,
)
# "before committing troops abroad": somewhere unnamed outside, not the story's country
_ABROAD_AFTER = re.compile(
    r"^\W*(?:[\w'’-]+\W+){0,2}?(?:abroad|overseas|à l'étranger|hors (?:du pays|des fronti[èe]res))",
    re.IGNORECASE,
)


def _never(_sentence: str, _trigger: Trigger, _before: str, _after: str) -> bool:
    """No cue of its own."""
    return False


_KIND_BLOCKS = {
    EventType.OPERATION: _operation_blocked,
    EventType.EXPEL: _expel_blocked,
    EventType.WITHDRAW: _withdraw_blocked,
    EventType.DEPLOY: _deploy_blocked,
    EventType.AGREEMENT: _never,
}
