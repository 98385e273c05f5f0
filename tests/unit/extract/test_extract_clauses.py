"""Clause-level rules: time references, nominal complements, relative clauses, origins, senses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from daemon.extract.clauses import (
    from_complement,
    in_opening_clause,
    of_complement,
    outside,
    same_clause,
)
from daemon.extract.gazetteer import find_mentions
from daemon.extract.triggers import find_triggers
from daemon.model import Article


def events(extractor, text: str, lang: str, title: str = "") -> set[tuple[str, str, str]]:
    art = Article("t", "", title, text, published=datetime(2024, 7, 8, tzinfo=UTC), lang=lang)
    return {(e.type.value, e.actor, e.host) for e in extractor.extract(art)}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Attacks on the army have doubled since the arrival of Russian troops in Mali.", "en"),
        ("Ten years after it was deployed in Mali, the French force is still fighting.", "en"),
        ("Les attaques ont redoublé depuis l'arrivée des mercenaires russes au Mali.", "fr"),
        ("Le ministre français a quitté N'Djamena pour Paris mardi.", "fr"),
        ("The talks cover the deployment of Russian instructors in Niger.", "en"),
    ],
)
def test_side_references_are_not_events(extractor, text, lang):
    """A deployment named to date something else, talks, or a minister's trip yield nothing."""
    assert not {e for e in events(extractor, text, lang) if e[0] in ("DEPLOY", "WITHDRAW")}


def test_a_time_phrase_does_not_make_its_country_the_host(extractor):
    text = (
        "European states have pulled their soldiers back from the region since the coups in "
        "Burkina Faso and Niger."
    )
    assert not {e for e in events(extractor, text, "en") if e[2] in ("BF", "NE")}


def test_nominal_trigger_prefers_its_complement(extractor):
    got = events(extractor, "", "fr", title="Takuba : arrivée des soldats estoniens au Mali")
    assert ("DEPLOY", "EE", "ML") in got
    assert ("DEPLOY", "FR", "ML") not in got


def test_relative_clause_antecedent_sends_the_troops(extractor):
    text = "Le Cameroun résiste avec l'aide du Tchad, qui a dépêché 2 000 soldats dans le nord."
    assert ("DEPLOY", "TD", "CM") in events(extractor, text, "fr")


def test_a_deployment_stated_in_a_relative_clause_counts(extractor):
    text = "Russian advisers who arrived in Niger in April remain based near the airport."
    assert ("DEPLOY", "RU", "NE") in events(extractor, text, "en")


def test_the_city_forces_fly_in_from_is_not_the_host(extractor):
    text = "Bamako was under attack. Dozens of French soldiers flew in from Ouagadougou at dawn."
    got = events(extractor, text, "en")
    assert ("DEPLOY", "FR", "ML") in got
    assert ("DEPLOY", "FR", "BF") not in got


def test_announced_participation_takes_the_story_host(extractor):
    text = (
        "Des soldats tchèques sont arrivés au Mali pour la force Takuba. "
        "La Suède et la Belgique ont aussi annoncé leur participation."
    )
    got = events(extractor, text, "fr")
    assert {("DEPLOY", "SE", "ML"), ("DEPLOY", "BE", "ML")} <= got


def test_coordination_runs_through_a_date(extractor):
    text = (
        "Les militaires français ont connu un départ forcé du Mali en 2022, puis du Burkina "
        "Faso en 2023."
    )
    got = events(extractor, text, "fr")
    assert {("WITHDRAW", "FR", "ML"), ("WITHDRAW", "FR", "BF")} <= got


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The raid on the French base in Mali left twelve soldiers dead.", "en"),
        ("French helicopters evacuated the wounded to Niamey after the ambush.", "en"),
        ("La junte malienne a repoussé à 2026 les élections promises aux militaires.", "fr"),
    ],
)
def test_other_senses_of_leave_evacuate_and_repel(extractor, text, lang):
    got = events(extractor, text, lang)
    assert not {e for e in got if e[0] == "WITHDRAW"}
    if lang == "fr":
        assert not got


def test_a_leader_saying_forces_must_leave_demands_and_plans_it(extractor):
    text = "Senegal's president said French troops must leave the country next year."
    assert {("EXPEL", "FR", "SN"), ("WITHDRAW", "FR", "SN")} <= events(extractor, text, "en")


def test_a_demonym_naming_civilians_is_not_an_actor(extractor):
    text = "In Niger, protesters attacked the French embassy in Niamey on Sunday, the army said."
    assert not events(extractor, text, "en")


@pytest.mark.parametrize(
    ("text", "lang", "presence"),
    [
        ("Quelque 200 instructeurs chinois sont arrivés à Niamey, une première depuis 2020.",
         "fr", False),
        ("Some 200 Chinese instructors landed in Niamey, the first such group since 2020.",
         "en", False),
        ("Quelque 200 instructeurs chinois sont déployés à Niamey depuis 2020.", "fr", True),
    ],
)  # fmt: skip
def test_since_makes_a_presence_but_not_of_an_arrival(extractor, text, lang, presence):
    """ "since/depuis" marks a standing presence, except beside an arrival, which is an event."""
    got = ("DEPLOY", "CN", "NE") in events(extractor, text, lang)
    assert got is not presence


# (text, lang, expected among the events, not expected): one case per rule, worded afresh
RULES = [
    # a medical evacuation, casualties carried home, a running toll
    (
        "Two wounded French soldiers in Mali were taken out by medical evacuation.",
        "en",
        (),
        ("WITHDRAW", "FR", "ML"),
    ),
    (
        "Les dépouilles des soldats tchadiens tués au Mali seront rapatriées à N'Djamena.",
        "fr",
        (),
        ("WITHDRAW", "TD", "ML"),
    ),
    (
        "Since 2013, more than 170 UN peacekeepers have been killed in Mali.",
        "en",
        (),
        ("OPERATION", "UN", "ML"),
    ),
    # questions, hedges over a whole clause, taking office, a person
    ("Will Russian troops soon arrive in Burkina Faso?", "en", (), ("DEPLOY", "RU", "BF")),
    (
        "Italy, with 300 soldiers in Niger, has given no sign that it intends to leave.",
        "en",
        (),
        ("WITHDRAW", "IT", "NE"),
    ),
    (
        "Depuis les régimes militaires arrivés au pouvoir au Mali, les Russes s'y installent.",
        "fr",
        (),
        ("DEPLOY", "RU", "ML"),
    ),
    # imposed departures give both events; so does a departure at the host's demand
    (
        "Pushed out of Mali by the junta, French troops regrouped in Niger.",
        "en",
        ("EXPEL", "FR", "ML"),
        (),
    ),
    (
        "Pushed out of Mali by the junta, French troops regrouped in Niger.",
        "en",
        ("WITHDRAW", "FR", "ML"),
        (),
    ),
    (
        "German soldiers left Mali in December 2023 at the demand of the junta.",
        "en",
        ("EXPEL", "DE", "ML"),
        (),
    ),
    (
        "Chassée du Burkina Faso par la junte, l'armée française s'est repliée au Niger.",
        "fr",
        ("EXPEL", "FR", "BF"),
        (),
    ),
    # a host ending a foreign mission expels it
    (
        "Bamako a mis fin à la mission de formation de l'Union européenne.",
        "fr",
        ("EXPEL", "EU", "ML"),
        ("WITHDRAW", "EU", "ML"),
    ),
    # a diplomat or UN official expelled is no expulsion of forces
    (
        "Niger expelled the UN resident coordinator and gave her 72 hours to leave.",
        "en",
        (),
        ("EXPEL", "UN", "NE"),
    ),
    # the month of May, passive "denied", arrivals by entering or touching down
    (
        "In May, Niger's junta ended its defence accords with France.",
        "en",
        ("EXPEL", "FR", "NE"),
        (),
    ),
    (
        "Ghanaian and Nigerian troops entered The Gambia on Thursday.",
        "en",
        ("DEPLOY", "GH", "GM"),
        (),
    ),
    (
        "A plane carrying 150 Togolese soldiers touched down in Bamako on Monday.",
        "en",
        ("DEPLOY", "TG", "ML"),
        (),
    ),
    # places and people that name no forces
    (
        "Nigerian jets struck insurgent camps on islands in Lake Chad.",
        "en",
        (),
        ("OPERATION", "NG", "TD"),
    ),
    (
        "The Algerian commander of the jihadist group was killed in Mali.",
        "en",
        (),
        ("OPERATION", "DZ", "ML"),
    ),
    (
        "Le Sénégalais Amadou Sy, chargé du retrait de la mission, a quitté Khartoum.",
        "fr",
        (),
        ("WITHDRAW", "SN", "TD"),
    ),
    (
        "The UN mission in Sudan, which borders Chad, completed its withdrawal.",
        "en",
        (),
        ("WITHDRAW", "UN", "TD"),
    ),
    # standing presence, time references, contingents of a mission
    (
        "Washington has about 1,000 military personnel in Niger and is building a base.",
        "en",
        (),
        ("DEPLOY", "US", "NE"),
    ),
    (
        "Relations with Paris have soured since French forces left Niger.",
        "en",
        (),
        ("WITHDRAW", "FR", "NE"),
    ),
    (
        "Quelque 300 Casques bleus népalais sont arrivés à Tessalit, au Mali.",
        "fr",
        ("DEPLOY", "NP", "ML"),
        ("DEPLOY", "UN", "ML"),
    ),
    # reactions, preparations, demands, trainers, opening clauses, pursuits, orders' objects
    (
        "The African Union condemned the ambush that killed soldiers near Gao in Mali.",
        "en",
        (),
        ("OPERATION", "AU", "ML"),
    ),
    (
        "L'armée malienne, appuyée par des instructeurs russes, prépare une offensive au Mali.",
        "fr",
        (),
        ("OPERATION", "RU", "ML"),
    ),
    (
        "Crowds in Niamey demanded that the French soldiers based in Niger leave at once.",
        "en",
        (),
        ("WITHDRAW", "FR", "NE"),
    ),
    (
        "Nigeria's special forces, trained by British instructors, led the assault in Borno.",
        "en",
        (),
        ("OPERATION", "GB", "NG"),
    ),
    (
        "As fighting raged in neighbouring Mali, Paris sent troops to Agadez in Niger.",
        "en",
        ("DEPLOY", "FR", "NE"),
        ("DEPLOY", "FR", "ML"),
    ),
    (
        "Malian troops and Russian mercenaries crossed into Mauritania in pursuit of militants.",
        "en",
        ("OPERATION", "RU", "MR"),
        (),
    ),
    (
        "Ouagadougou has courted Moscow since it ordered French commandos out of Burkina Faso.",
        "en",
        ("EXPEL", "FR", "BF"),
        ("EXPEL", "RU", "BF"),
    ),
    (
        "Des soldats togolais doivent les rejoindre à Gao, au Mali, la semaine prochaine.",
        "fr",
        ("DEPLOY", "TG", "ML"),
        (),
    ),
    (
        "Two U.N. peacekeepers from Chad were killed when their convoy hit a mine in Mali.",
        "en",
        ("OPERATION", "TD", "ML"),
        ("OPERATION", "UN", "ML"),
    ),
    (
        "Cameroon said on Friday its soldiers, working with Chadian units, had entered Nigeria.",
        "en",
        ("DEPLOY", "CM", "NG"),
        (),
    ),
    (
        (
            "Le Tchad est passé à l'offensive : ses soldats, appuyés par des drones français, "
            "ont attaqué des positions rebelles au Niger."
        ),
        "fr",
        ("OPERATION", "TD", "NE"),
        (),
    ),
    (
        "Abu Dhabi and N'Djamena signed a defence cooperation accord during the visit.",
        "en",
        ("AGREEMENT", "AE", "TD"),
        (),
    ),
    (
        "Extra troops were sent to guard Ghana's northern frontier with Burkina Faso.",
        "en",
        (),
        ("DEPLOY", "GH", "BF"),
    ),
    (
        "Des soldats camerounais sont arrivés dans l'ouest de la Centrafrique.",
        "fr",
        (),
        ("DEPLOY", "CF", "CM"),
    ),
    (
        "Des Suédois prendront le relais des soldats estoniens à Ménaka, au Mali.",
        "fr",
        ("DEPLOY", "SE", "ML"),
        ("DEPLOY", "EE", "ML"),
    ),
    (
        "À Paris, les députés réclamaient le départ du ministre après la mort de soldats au Mali.",
        "fr",
        (),
        ("EXPEL", "FR", "ML"),
    ),
    (
        "Some 60 Estonian soldiers are to leave within days for Gao.",
        "en",
        ("DEPLOY", "EE", "ML"),
        ("WITHDRAW", "EE", "ML"),
    ),
    (
        "Les derniers soldats américains au Niger partiront la semaine prochaine pour l'Allemagne.",
        "fr",
        ("WITHDRAW", "US", "NE"),
        (),
    ),
    (
        "Le contingent sénégalais est parti lundi pour Tombouctou.",
        "fr",
        ("DEPLOY", "SN", "ML"),
        ("WITHDRAW", "SN", "ML"),
    ),
    (
        "La junte a dénoncé les accords de défense qui liaient Ouagadougou à Paris.",
        "fr",
        ("EXPEL", "FR", "BF"),
        (),
    ),
    (
        "Officers stressed that no Malian unit crossed into Mauritania during the operation.",
        "en",
        (),
        ("DEPLOY", "ML", "MR"),
    ),
    (
        "Nigerian troops deployed to Kano last year will rotate home after their leave in Niger.",
        "en",
        (),
        ("WITHDRAW", "NG", "NE"),
    ),
    (
        "Paris regarde ailleurs depuis la dénonciation des accords de défense par le Burkina Faso.",
        "fr",
        (),
        ("EXPEL", "FR", "BF"),
    ),
    (
        (
            "Au lendemain du départ en exil de l'ancien président, des soldats sénégalais sont "
            "entrés à Banjul."
        ),
        "fr",
        ("DEPLOY", "SN", "GM"),
        ("WITHDRAW", "SN", "GM"),
    ),
    (
        "Abuja would back the deployment of Nigerian troops to Niger should the junta refuse.",
        "en",
        (),
        ("DEPLOY", "NG", "NE"),
    ),
    (
        "Romania will fill the gap in October, when it sends about 120 personnel to Gao.",
        "en",
        ("DEPLOY", "RO", "ML"),
        (),
    ),
    (
        "Le Niger, le Burkina Faso et le Ghana ont chacun promis 500 soldats, le Bénin 300.",
        "fr",
        (),
        ("DEPLOY", "GH", "NE"),
    ),
    (
        "Belgian troops seize Gao airport as Nigeriens move into Ansongo, in Mali.",
        "en",
        ("DEPLOY", "BE", "ML"),
        ("DEPLOY", "BE", "NE"),
    ),
    (
        "A retired French colonel who served in Mali called the strategy a failure.",
        "en",
        (),
        ("WITHDRAW", "FR", "ML"),
    ),
    (
        (
            "Des renforts allemands seront engagés aux confins du Mali, du Niger et du Burkina "
            "Faso, dans la zone des trois frontières."
        ),
        "fr",
        (),
        ("DEPLOY", "DE", "BF"),
    ),
    (
        "Washington a ordonné le départ du personnel non essentiel de son ambassade à Niamey.",
        "fr",
        (),
        ("EXPEL", "US", "NE"),
    ),
    (
        "Le Togo est touché : ses Casques bleus de la Minusma ont subi une embuscade au Mali.",
        "fr",
        ("OPERATION", "TG", "ML"),
        ("OPERATION", "UN", "ML"),
    ),
    (
        "Quelque 800 soldats, en majorité nigérians, sont arrivés en Gambie.",
        "fr",
        ("DEPLOY", "NG", "GM"),
        (),
    ),
    (
        "The Senate did not vote on any plan to commit Nigerian troops to Niger.",
        "en",
        (),
        ("DEPLOY", "NG", "NE"),
    ),
    (
        "Asked about the withdrawal of French troops from Mali, the minister declined to comment.",
        "en",
        (),
        ("EXPEL", "FR", "ML"),
    ),
    (
        "British Chinooks supporting the French-led Operation Barkhane will stay in Mali.",
        "en",
        (),
        ("OPERATION", "GB", "ML"),
    ),
    (
        "Nigeria pulled most of its soldiers out of the force in Mali to fight at home.",
        "en",
        ("WITHDRAW", "NG", "ML"),
        (),
    ),
    (
        "Sweden, whose first soldiers reached Timbuktu in March, will send more in the autumn.",
        "en",
        ("DEPLOY", "SE", "ML"),
        (),
    ),
    (
        "Un premier détachement ghanéen a atterri lundi à Bamako.",
        "fr",
        ("DEPLOY", "GH", "ML"),
        (),
    ),
    (
        "We are the only ones left in Kidal, said a Chadian officer in Mali.",
        "en",
        (),
        ("WITHDRAW", "TD", "ML"),
    ),
    (
        "French aircraft struck a convoy on the smuggling route from southern Libya in Niger.",
        "en",
        ("OPERATION", "FR", "NE"),
        ("OPERATION", "LY", "NE"),
    ),
    (
        "Le président devra gérer le retrait de la vie politique des anciens officiers au Mali.",
        "fr",
        (),
        ("WITHDRAW", "FR", "ML"),
    ),
    (
        "Russian instructors landed in Niamey, beside Americans packing up to leave.",
        "en",
        ("WITHDRAW", "US", "NE"),
        (),
    ),
    (
        "France began evacuating its citizens from Niamey aboard military aircraft.",
        "en",
        (),
        ("WITHDRAW", "FR", "NE"),
    ),
    (
        "The Bundeswehr brought its last soldiers out of Mali in December.",
        "en",
        ("WITHDRAW", "DE", "ML"),
        (),
    ),
    (
        "Rien n'indique que des bataillons maliens seront stationnés au Niger.",
        "fr",
        (),
        ("DEPLOY", "ML", "NE"),
    ),
    (
        "Les juntes ont quitté la CPI. « Ce retrait envoie un signal désastreux », dit Paris.",
        "fr",
        (),
        ("WITHDRAW", "FR", "ML"),
    ),
    (
        "Senators asked whether Abuja needed approval before committing troops abroad.",
        "en",
        (),
        ("DEPLOY", "NG", "NE"),
    ),
    (
        "French jets struck jihadist positions across Mali, Burkina Faso and Niger last week.",
        "en",
        ("OPERATION", "FR", "NE"),
        ("OPERATION", "BF", "ML"),
    ),
    (
        "Germany's Mali mission is its largest since its troops were withdrawn from Afghanistan.",
        "en",
        (),
        ("WITHDRAW", "DE", "ML"),
    ),
    (
        "For Chad it is the first big exercise since the last French soldiers left N'Djamena.",
        "en",
        (),
        ("WITHDRAW", "FR", "TD"),
    ),
    (
        "ECOWAS extended its Gambia mission and asked for an exit plan within a year.",
        "en",
        (),
        ("EXPEL", "ECOWAS", "GM"),
    ),
    (
        "Guinea dismissed reports that Russian military instructors would be stationed there.",
        "en",
        (),
        ("DEPLOY", "RU", "GN"),
    ),
    (
        "Mali now relies on Russian military personnel for training and combat support.",
        "en",
        (),
        ("OPERATION", "RU", "ML"),
    ),
    (
        "The army offensive in Niger aims to let displaced villagers return home.",
        "en",
        (),
        ("WITHDRAW", "NE", "NE"),
    ),
    (
        "Dakar reste lié aux États-Unis par l'accord de défense signé en 2016.",
        "fr",
        ("AGREEMENT", "US", "SN"),
        (),
    ),
    (
        "Le Tchad, qui accueillait encore un millier de militaires français, s'impatiente.",
        "fr",
        (),
        ("DEPLOY", "FR", "TD"),
    ),
    (
        "French jets struck jihadist positions near Gao, in Mali, in May.",
        "en",
        ("OPERATION", "FR", "ML"),
        (),
    ),
    (
        "Attacks on French peacekeepers in Mali may constitute war crimes, the UN said.",
        "en",
        (),
        ("OPERATION", "FR", "ML"),
    ),
]


@pytest.mark.parametrize(("text", "lang", "present", "absent"), RULES)
def test_clause_rules(extractor, text, lang, present, absent):
    """Each wording gives the event it states and not the one its words only resemble."""
    got = events(extractor, text, lang)
    if present:
        assert present in got
    if absent:
        assert absent not in got


def test_the_mission_refers_back_to_the_mission_not_the_last_state(extractor):
    text = (
        "ECOWAS leaders extended the mandate of ECOMIG in The Gambia by a year. "
        "Some 1,000 soldiers, mostly Senegalese, are stationed there. "
        "The mission was deployed in January 2017 to see Yahya Jammeh out."
    )
    got = events(extractor, text, "en")
    assert ("DEPLOY", "ECOWAS", "GM") in got


# daemon.extract.clauses: the sentence parts casting reads, one function at a time


def _mention(sentence: str, text: str):
    return next(m for m in find_mentions(sentence) if m.text == text)


def test_opening_clause_holds_its_own_place():
    sentence = "As jihadists advanced in neighbouring Mali, Paris sent special forces to Arlit."
    at = sentence.index("sent")
    assert in_opening_clause(sentence, _mention(sentence, "Mali"), at)
    assert not in_opening_clause(sentence, _mention(sentence, "Paris"), at)


def test_same_clause_stops_at_a_new_verb_after_and():
    sentence = "Niger expelled French forces and turned to Russia."
    at = sentence.index("expelled")
    assert same_clause(sentence, _mention(sentence, "French"), at)
    assert not same_clause(sentence, _mention(sentence, "Russia"), at)


def test_outside_reads_sources_occasions_and_presence_after_the_trigger():
    sourced = "Troops must leave, said the statement, signed by France and Germany."
    assert outside(sourced, _mention(sourced, "France"), sourced.index("leave"))
    based = "Fighters attacked Diffa, where Chadian troops are based."
    assert outside(based, _mention(based, "Chadian"), based.index("attacked"))
    plain = "Chad sent troops to Niger."
    assert not outside(plain, _mention(plain, "Niger"), plain.index("sent"))


def test_noun_complements_of_and_from():
    sentence = "The arrival of Estonian troops followed the exit of 1,000 troops from Niger."
    arrival = sentence.index("arrival") + len("arrival")
    exit_ = sentence.index("exit") + len("exit")
    assert of_complement(sentence, arrival, _mention(sentence, "Estonian"))
    assert from_complement(sentence, exit_, _mention(sentence, "Niger"))
    assert not of_complement(sentence, exit_, _mention(sentence, "Niger"))


def test_a_sahel_place_next_to_the_trigger_places_the_event(extractor):
    """Whatever state is named farther on ("household names in the United States")."""
    text = (
        "The four American soldiers killed near the village of Tongo Tongo on Oct. 4 have "
        "become household names in the United States."
    )
    assert ("OPERATION", "US", "NE") in events(extractor, text, "en")


def test_where_forces_set_out_from_is_not_where_they_arrive(extractor):
    text = "Parti de Gao, le convoi de soldats français est arrivé dans la nuit."
    assert ("DEPLOY", "FR", "ML") not in events(extractor, text, "fr")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Niger's junta had revoked the status of the American troops in March.",
            "en",
            ("EXPEL", "US", "NE"),
        ),
        (
            (
                "Niger's government said it would not extend the agreement on the German soldiers' "
                "legal status."
            ),
            "en",
            ("EXPEL", "DE", "NE"),
        ),
        (
            (
                "L'accord sur le statut des militaires allemands expire : les autorités "
                "nigériennes ne souhaitent pas le reconduire."
            ),
            "fr",
            ("EXPEL", "DE", "NE"),
        ),
        (
            "Le Mali avait obtenu, en 2022 et au début de 2023, le départ des forces françaises.",
            "fr",
            ("EXPEL", "FR", "ML"),
        ),
        (
            "Au Tchad, 75 soldats américains ont été retirés en mai à la demande de N'Djamena.",
            "fr",
            ("EXPEL", "US", "TD"),
        ),
        (
            "Les soldats américains, dont l'accord de statut a été révoqué, ont quitté le Niger.",
            "fr",
            ("EXPEL", "US", "NE"),
        ),
        (
            (
                "Au Niger, la junte a dénoncé les accords avec la France, et les soldats français "
                "sont partis."
            ),
            "fr",
            ("EXPEL", "FR", "NE"),
        ),
    ],
)
def test_expulsion_wordings(extractor, text, lang, expected):
    """A halt to activities, a status revoked, an accord not renewed or ended with a partner,
    a departure obtained or done at the host's demand."""
    assert expected in events(extractor, text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a departure that dates something, its subject abbreviated with full stops
        ("Since U.S. forces left Niger last year, the Pentagon has had no large base there.", "en"),
        # civilians evacuated, named inside the trigger
        ("French military flights have brought a thousand foreigners out of Niamey.", "en"),
        # an exit that is absent
        ("Italy risked being drawn into a war in Mali without a clear exit for its troops.", "en"),
        # a departure judged likely, not announced
        (
            (
                "Des responsables américains jugent que le retrait des soldats du Niger semblait "
                "inévitable."
            ),
            "fr",
        ),
    ],
)
def test_no_withdrawal_from_time_references_civilians_absences_or_guesses(extractor, text, lang):
    assert not {e for e in events(extractor, text, lang) if e[0] == "WITHDRAW"}


def test_a_foreign_state_named_weakly_acts_when_the_host_s_own_forces_are_its_partners(extractor):
    """'former l'armée tchadienne' names the host's forces as trained, not as the senders."""
    text = (
        "Le Parlement hongrois a approuvé l'envoi au Tchad de 200 militaires, pour une mission "
        "de formation : former l'armée tchadienne et sécuriser des sites."
    )
    assert ("DEPLOY", "HU", "TD") in events(extractor, text, "fr")


@pytest.mark.parametrize(
    ("text", "lang", "expected", "not_expected"),
    [
        (
            "Russian instructors landed in Burkina Faso, a year after the French exit.",
            "en",
            ("WITHDRAW", "FR", "BF"),
            ("WITHDRAW", "RU", "BF"),
        ),
        (
            (
                "Moscow's instructors arrived in Niamey weeks after the American withdrawal from "
                "Niger was agreed."
            ),
            "en",
            ("WITHDRAW", "US", "NE"),
            ("WITHDRAW", "RU", "NE"),
        ),
        (
            "Le départ français du Mali a laissé le champ libre aux paramilitaires russes.",
            "fr",
            ("WITHDRAW", "FR", "ML"),
            ("WITHDRAW", "RU", "ML"),
        ),
    ],
)
def test_a_state_attached_to_a_departure_noun_is_whose_forces_leave(
    extractor, text, lang, expected, not_expected
):
    found = events(extractor, text, lang)
    assert expected in found
    assert not_expected not in found


def test_forces_pushed_out_are_expelled_but_fighters_driven_out_are_fought(extractor):
    pushed = "The juntas in Mali and Niger pushed French forces out between 2022 and 2023."
    assert ("EXPEL", "FR", "ML") in events(extractor, pushed, "en")
    fought = "French troops drove the jihadists out of Gao in Mali on Saturday."
    assert not {e for e in events(extractor, fought, "en") if e[0] == "EXPEL"}


def test_a_state_leaving_a_committee_moves_no_forces(extractor):
    """'son retrait' is the subject's own; what it leaves is a body, named with its members."""
    text = (
        "Le gouvernement malien a annoncé son retrait avec effet immédiat du Comité d'état-major "
        "opérationnel conjoint, la structure militaire créée avec l'Algérie et le Niger."
    )
    assert not events(extractor, text, "fr")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("French helicopters later flew the wounded out of Niger, officials said.", "en"),
        ("Several dozen suspects were handed over to the French forces in Burkina Faso.", "en"),
        ("The U.N. camp in Kidal, Mali, was empty, and rebel fighters moved into it.", "en"),
        (
            (
                "Le blindé de la Minusma faisait partie d'un convoi militaire qui reliait "
                "Douentza à Sévaré, au Mali."
            ),
            "fr",
        ),
    ],
)
def test_no_movement_of_forces_for_the_wounded_suspects_rebels_or_a_part(extractor, text, lang):
    assert not {e for e in events(extractor, text, lang) if e[0] in ("DEPLOY", "WITHDRAW")}


def test_allies_named_by_nationality_are_forces(extractor):
    text = "Depuis fin 2023, l'armée malienne et ses alliés russes ont repris Kidal."
    assert ("OPERATION", "RU", "ML") in events(extractor, text, "fr")


def test_states_sending_forces_in_their_own_clause_are_not_the_host(extractor):
    """The pledging states go where the story's forces go, not to each other."""
    text = (
        "West African troops are being rushed to Mali. Nigeria, which is to command the force, "
        "said it would send a battalion, and Senegal, Niger and Burkina Faso each pledged about "
        "500 soldiers."
    )
    found = events(extractor, text, "en")
    assert {("DEPLOY", c, "ML") for c in ("NG", "SN", "NE", "BF")} <= found
    assert not {e for e in found if e[2] != "ML"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Depuis le départ de la Minusma, le nord du Mali a renoué avec les combats.", "fr"),
        (
            (
                "Les autorités burkinabè ont expulsé deux ressortissants français accusés "
                "d'activités suspectes, alors que des soldats français sont stationnés au pays."
            ),
            "fr",
        ),
        (
            (
                "Des manifestants réclament devant le camp de Kamboinsin, où sont stationnés des "
                "militaires français, le départ des soldats français du Burkina Faso."
            ),
            "fr",
        ),
    ],
)
def test_no_event_from_a_time_clause_s_forces_civilians_expelled_or_a_crowd_s_demand(
    extractor, text, lang
):
    assert not events(extractor, text, lang)


def test_a_possessive_owns_forces_counted_before_their_noun(extractor):
    text = (
        "Les soldats français combattent toujours au Mali. Le Tchad, qui a payé un lourd "
        "tribut, a annoncé le retrait de ses quelque 2 000 soldats."
    )
    assert ("WITHDRAW", "TD", "ML") in events(extractor, text, "fr")


@pytest.mark.parametrize(
    "text",
    [
        (
            "Fighters attacked a post in eastern Burkina Faso. Benin, Niger and Togo reinforced "
            "patrols on their own sides of the frontier, and France's Barkhane force shared "
            "intelligence."
        ),
        (
            "Militants struck in northern Burkina Faso again. Ghana's armed forces have "
            "reinforced their own positions along the northern border with Burkina Faso."
        ),
    ],
)
def test_no_deployment_for_an_army_on_its_own_side_of_a_border(extractor, text):
    assert not {e for e in events(extractor, text, "en") if e[0] == "DEPLOY"}


def test_units_redeployed_on_the_host_s_soil_still_deploy(extractor):
    text = "Niamey a accepté que des unités françaises soient redéployées sur son sol."
    assert ("DEPLOY", "FR", "NE") in events(extractor, text, "fr")


def test_states_named_as_where_forces_went_elsewhere_are_places(extractor):
    text = (
        "Après la Syrie, la Libye et la Centrafrique, où ses instructeurs avaient débarqué en "
        "2018, c'est au Mali que le groupe Wagner a trouvé sa vitrine sahélienne."
    )
    assert not {e for e in events(extractor, text, "fr") if e[1] in ("LY", "CF")}


def test_a_date_from_which_is_no_departure():
    text = "les archives remises à la demande de la justice à partir de 2018"
    assert not find_triggers(text)


def test_a_while_clause_after_the_trigger_holds_its_own_states(extractor):
    text = (
        "Chadian and Nigerien troops retook Damasak in February, while Cameroon sealed its side "
        "of the border and Nigeria's own army pushed into Sambisa."
    )
    found = events(extractor, text, "en")
    assert ("OPERATION", "TD", "NG") in found
    assert not {e for e in found if e[2] == "CM"}


def test_a_host_s_accord_named_with_its_possessive_is_ended_for_the_partner(extractor):
    text = (
        "Nigeria watched closely. The junta revoked Niger's military cooperation agreement with "
        "the United States in March."
    )
    found = events(extractor, text, "en")
    assert ("EXPEL", "US", "NE") in found
    assert not {e for e in found if e[1] == "NE"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            (
                "Delegates raised concern over the withdrawal of Mali, Burkina Faso and Niger from "
                "ECOWAS, announced in January."
            ),
            "en",
        ),
        (
            "L'académie, financée en grande partie par la France, forme des militaires du Sénégal.",
            "fr",
        ),
    ],
)
def test_no_withdrawal_from_leaving_a_bloc_or_a_part(extractor, text, lang):
    assert not {e for e in events(extractor, text, lang) if e[0] == "WITHDRAW"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("U.S. formally declares Niger takeover a coup, cuts aid but keeps troops", "en"),
        ("Un plan de retrait des soldats français du Niger devrait être tenu prêt.", "fr"),
        ("Il serait temps de fixer un calendrier de retrait des troupes de la Gambie.", "fr"),
    ],
)
def test_no_withdrawal_for_forces_kept_or_a_plan_to_leave(extractor, text, lang):
    assert not {e for e in events(extractor, text, lang) if e[0] == "WITHDRAW"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            (
                "Les soldats tchadiens sont rentrés du Mali. La Minusca a pris le relais en "
                "septembre 2014 avec des bataillons mauritanien et camerounais."
            ),
            "fr",
        ),
        (
            (
                "Chadian troops left Mali last year. French soldiers of Operation Sangaris were "
                "deployed in Bangui in December 2013."
            ),
            "en",
        ),
    ],
)
def test_forces_that_serve_outside_the_sahel_place_their_events_there(extractor, text, lang):
    assert not {e for e in events(extractor, text, lang) if e[0] == "DEPLOY"}
