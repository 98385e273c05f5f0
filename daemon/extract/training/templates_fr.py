"""French sentence templates: each is (gold type or "-", pattern), as in templates_en.

Extra slots: {Hin} "au Mali"/"en Mauritanie", {Hde} "du Mali", {Ade} "de la France", {Aa} "à
la France", {Ein} a state outside the host set with its preposition.
"""

from __future__ import annotations

DEPLOY = (
    "{A} a déployé {N}{F} {Hin}{W}.",
    "{A} va envoyer {N}{F} {Hin}{W}.",
    "{N}{F} sont arrivés à {C}{W}.",
    "Les premiers {F} ont débarqué à {C}{W}, selon le ministère {HD} de la Défense.",
    "Un premier contingent de {N}{F} est arrivé à {P}{W}.",
    "{A} a annoncé l'envoi de {N}{F} {Hin}.",
    "{A} prévoit de déployer {N}{F} {Hin} l'an prochain.",
    "{N}{F} ont été déployés à {P}{W}, a indiqué {C}.",
    "La junte a accueilli {N}{F} arrivés à {C}{W}.",
    "{A} a envoyé des renforts {Hin}{W}.",
    "De nouveaux {F} sont arrivés {Hin} dans le cadre d'un accord de sécurité.",
    "{A} a dépêché {N}{F} {Hin}{W}.",
    "Le déploiement de {N}{F} {Hin} a commencé{W}.",
    "{A} a accepté d'envoyer {N}{F} {Hin} à la demande des autorités.",
    "Des {F} sont arrivés {Hin}{W} pour former l'armée.",
    "L'arrivée de {N}{F} à {P} a été confirmée{W}.",
)
WITHDRAW = (
    "{A} a retiré ses {N}soldats {Hde}{W}.",
    "Les derniers {F} ont quitté {H}{W}.",
    "{A} a achevé le retrait de ses troupes {Hde}{W}.",
    "Les {F} ont quitté la base de {P}{W}.",
    "{A} retirera ses {N}militaires {Hde} d'ici la fin de l'année.",
    "{A} a accepté de retirer ses {N}soldats {Hde}.",
    "{A} a rétrocédé sa dernière base {Hin} à l'armée{W}.",
    "Le retrait des {N}{F} {Hde} a commencé{W}.",
    "{A} a annoncé le retrait de ses forces {Hde}.",
    "{A} a mis fin à sa mission militaire {Hin}{W}.",
    "Le départ des {F} {Hde} est en cours.",
    "{A} a réduit ses effectifs {Hin}{W}.",
    "Les {F} ont plié bagage et quitté {P}{W}.",
    "{A} a commencé à retirer ses troupes {Hde}.",
    "{N}{F} ont quitté {C}{W}, a annoncé l'état-major.",
)
EXPEL = (
    "La junte {HD}ne a ordonné aux {F} de quitter le pays{W}.",
    "{H} a expulsé les {F}{W}.",
    "{H} a mis fin à sa coopération militaire avec {A}.",
    "Le gouvernement a dénoncé les accords de défense signés avec {A}{W}.",
    "{H} a donné un mois aux {F} pour quitter le pays.",
    "Les autorités de {C} ont exigé le départ des {F}{W}.",
    "{H} a demandé {Aa} de retirer ses {N}soldats.",
    "{H} a rompu ses accords militaires avec {A}{W}.",
    "Les militaires au pouvoir {Hin} ont exigé le retrait des {F}.",
    "{H} a suspendu sa coopération militaire avec {A}{W}.",
    "{C} a dénoncé l'accord de défense qui le liait {Aa}.",
    "{H} a chassé les {F}{W}.",
    "{H} a réclamé le départ des {F} de son territoire.",
)
AGREEMENT = (
    "{H} et {A} ont signé un accord de coopération militaire{W}.",
    "{H} a signé un accord de défense avec {A}{W}.",
    "{A} et {H} ont conclu un accord de sécurité{W}.",
    "Un accord militaire a été signé entre {H} et {A}{W}.",
    "{C} et {A} ont paraphé un partenariat militaire{W}.",
    "Le ministre de la Défense a signé un accord de coopération militaire avec {A} à {C}.",
    "{A} et {H} ont signé un accord sur la formation militaire{W}.",
)
OPERATION = (
    "Les {F} ont mené une frappe aérienne près de {P}{W}.",
    "{N}{F} ont été tués dans une embuscade {Hin}{W}.",
    "Les {F} ont neutralisé plusieurs terroristes près de {P}, selon l'armée.",
    "Une frappe de drone {D} a visé un convoi jihadiste {Hin}{W}.",
    "Des {F} ont été attaqués près de {P}{W}.",
    "Deux {F} ont été blessés quand leur véhicule a sauté sur une mine près de {P}.",
    "Les {F} ont lancé une opération contre les jihadistes {Hin}{W}.",
    "Les {F} ont participé à une offensive contre un camp jihadiste {Hin}.",
    "Un soldat {D} a été tué {Hin}{W}, a annoncé le ministère.",
    "Des affrontements ont opposé les {F} à des jihadistes près de {P}{W}.",
)
NONE = (
    # présence
    "{N}{F} sont stationnés {Hin}.",
    "Des {F} sont basés {Hin} depuis {Y}.",
    "{A} compte environ {N}militaires déployés {Hin}.",
    "Les {F} restent {Hin} malgré les tensions.",
    "Les {F} sont toujours présents à {P}.",
    "La présence militaire {Ade} {Hin} remonte à {Y}.",
    "Les {F} mènent des opérations antiterroristes {Hin} depuis {Y}.",
    # hypothèses, menaces, démentis
    "{A} pourrait envoyer des troupes {Hin}.",
    "{A} envisage de déployer des {F} {Hin}.",
    "{A} a menacé d'envoyer des {F} {Hin}.",
    "{A} se dit prêt à déployer des troupes {Hin} si on le lui demande.",
    "{A} va-t-il envoyer des soldats {Hin} ?",
    "{A} n'a pas l'intention d'envoyer des troupes {Hin}.",
    "{A} a démenti avoir envoyé des {F} {Hin}.",
    "{A} ne retirera pas ses soldats {Hde}, a assuré un porte-parole.",
    "{A} envisage de retirer ses {F} {Hde}.",
    "{A} a menacé de retirer ses troupes {Hde}.",
    "{A} pourrait quitter {H} si la junte insiste.",
    "{H} a menacé d'expulser les {F}.",
    "{H} pourrait dénoncer son accord de défense avec {A}.",
    "{H} a démenti avoir exigé le départ des {F}.",
    "{H} envisage de mettre fin à sa coopération militaire avec {A}.",
    "{H} et {A} pourraient signer un accord de défense l'an prochain.",
    "{H} et {A} ont évoqué la coopération militaire à {C}.",
    "Il n'est pas question pour les {F} de quitter {H}.",
    # autres sens
    "Le ministre {D} des Affaires étrangères est arrivé à {C}{W}.",
    "Une délégation commerciale {D} est arrivée {Hin}{W}.",
    "{A} a envoyé de l'aide humanitaire {Hin}{W}.",
    "{A} a livré des drones de combat {Hin}{W}.",
    "L'ambassadeur {D} a quitté {H}{W}.",
    "{H} a expulsé l'ambassadeur {D}{W}.",
    "{H} a signé un accord minier avec {A}{W}.",
    "{H} et {A} ont signé un accord économique{W}.",
    "{A} a condamné l'attaque qui a tué des civils {Hin}.",
    "Le président {D} a quitté {C} après une visite de deux jours.",
    "Des entreprises {D}s quittent {H} en raison de l'insécurité.",
    # ailleurs, ou l'armée du pays elle-même
    "Des soldats {HD}s ont été déployés {Ein}{W}.",
    "{H} a envoyé {N}soldats {Ein} dans le cadre d'une mission de l'ONU.",
    "Les casques bleus {HD}s se sont retirés {Ein}{W}.",
    "Des {F} sont arrivés {Ein}{W}.",
    "{A} a retiré ses troupes {Ein}{W}.",
    "{A} a signé un accord de défense avec {E}{W}.",
    "Les {F} ont mené des frappes {Ein}{W}.",
    "Des jihadistes ont tué {N}soldats {HD}s près de {P}{W}.",
    "L'armée {HD}ne a lancé une offensive près de {P}{W}.",
)
CONTEXT = (
    "La junte au pouvoir {Hin} a reçu des émissaires lundi.",
    "Les tensions montent {Hin} depuis le coup d'État.",
    "À {C}, les autorités se sont exprimées jeudi.",
    "La situation sécuritaire se dégrade {Hin}.",
)
DISTRACTOR = (
    "Des {F2} sont stationnés {Hin} depuis {Y}.",
    "Des {F2} sont toujours déployés {Hin}.",
    "{A2} pourrait aussi envoyer des troupes {Hin}.",
)
THE_COUNTRY = {"{Hin}": "dans le pays", "{Hde}": "du pays", "{H}": "le pays"}
