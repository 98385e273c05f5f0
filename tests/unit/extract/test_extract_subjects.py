"""Unit tests for daemon.extract.subjects: whom a sentence makes the subject of its verb."""

from __future__ import annotations

import pytest

from daemon.extract.gazetteer import find_mentions
from daemon.extract.roles import Role
from daemon.extract.subjects import (
    clause_subject,
    mark_senders,
    owns_forces_after,
    possessive_owner,
    possessive_start,
    sending_subjects,
)


def _senders(sentence: str, verb: str) -> set[str]:
    coded = [m for m in find_mentions(sentence) if m.code]
    roles = {id(m): Role.OPEN for m in coded}
    mark_senders(sentence, coded, roles, sentence.index(verb))
    return {str(m.code) for m in coded if roles[id(m)] is Role.ACTOR}


@pytest.mark.parametrize(
    ("sentence", "verb", "senders"),
    [
        ("Chad has sent troops alongside French forces.", "sent", {"TD"}),
        ("Avec l'appui du Tchad, qui a dépêché des soldats, Paris avance.", "dépêché", {"TD"}),
        (
            "Chad, whose border runs along the lake, said it had sent reinforcements.",
            "sent",
            {"TD"},
        ),
        ("Niger's parliament approved sending troops to Mali.", "sending", {"NE"}),
        # the state is the verb's object, not its subject
        ("French forces were sent to Mali.", "sent", set()),
    ],
)
def test_mark_senders_reads_the_sending_verb_s_subject(sentence, verb, senders):
    assert _senders(sentence, verb) == senders


@pytest.mark.parametrize(
    ("sentence", "owned", "possessive"),
    [
        (
            "Cameroon said its troops, working with Chadian units, had entered Nigeria.",
            "Chadian",
            "its",
        ),
        ("Le Tchad a tenu parole : ses Casques bleus de la Minusma sont partis.", "Casques", "ses"),
        ("Chadian units entered Nigeria with Cameroonian troops.", "Cameroonian", None),
    ],
)
def test_possessive_start_finds_the_possessive_before_the_forces(sentence, owned, possessive):
    start = possessive_start(sentence, sentence.index(owned))
    assert (None if start is None else sentence[start:].split()[0]) == possessive


def test_sending_subjects_are_every_clause_s_senders_with_their_lists():
    sentence = (
        "Nigeria, which is to command it, said it would send a battalion, and Senegal, Niger "
        "and Burkina Faso each pledged about 500 soldiers."
    )
    coded = [m for m in find_mentions(sentence) if m.code]
    starts = [sentence.index("send"), sentence.index("pledged")]
    found = sending_subjects(sentence, coded, starts)
    assert {str(m.code) for m in coded if id(m) in found} == {"NG", "SN", "NE", "BF"}


def test_a_pronoun_stands_for_the_subject_of_its_own_clause():
    sentence = (
        "Niger pledged 500 soldiers, and Chad, which is not a member, said it would send 2,000."
    )
    assert _senders(sentence, "send") == {"TD"}


def test_the_subject_s_own_forces_after_a_departure_noun():
    sentence = (
        "Le Tchad, qui a payé un lourd tribut, a annoncé le retrait de ses quelque 2 000 soldats."
    )
    coded = [m for m in find_mentions(sentence) if m.code]
    end = sentence.index("retrait") + len("retrait")
    assert owns_forces_after(sentence, end)
    assert not owns_forces_after("the withdrawal of French troops", len("the withdrawal"))
    subject = clause_subject(sentence, coded, sentence.index("retrait"))
    assert subject is not None
    assert subject.code == "TD"


def test_a_singular_possessive_belongs_to_the_clause_subject():
    sentence = "Le Mali a annoncé dimanche son retrait du comité, créé avec le Niger."
    coded = [m for m in find_mentions(sentence) if m.code]
    owner = possessive_owner(sentence, coded, sentence.index("retrait"))
    assert owner is not None
    assert owner.code == "ML"
    faya = "L'armée française a rétrocédé sa base, dans le nord du Tchad, étape de son départ."
    coded = [m for m in find_mentions(faya) if m.code]
    assert possessive_owner(faya, coded, faya.index("départ")) is None
