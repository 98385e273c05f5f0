"""Unit tests for daemon.extract.triggers, daemon.extract.roles and daemon.extract.cast."""

from __future__ import annotations

import pytest

from daemon.actors import SAHEL_HOSTS
from daemon.extract.cast import cast
from daemon.extract.cues import blocked
from daemon.extract.gazetteer import find_mentions
from daemon.extract.lang import detect_language
from daemon.extract.stage import presence_only, status_of
from daemon.extract.triggers import find_triggers
from daemon.model import EventType, Status

HOSTS = frozenset(SAHEL_HOSTS)


def types(sentence: str) -> list[EventType]:
    return [t.type for t in find_triggers(sentence)]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The junta ordered the French troops to leave the country.", EventType.EXPEL),
        ("Niamey a dénoncé les accords de défense avec Paris.", EventType.EXPEL),
        ("Les deux pays ont signé un accord de coopération militaire.", EventType.AGREEMENT),
        ("The last U.S. troops pulled out of the base.", EventType.WITHDRAW),
        ("La rétrocession de la base de Gao a eu lieu.", EventType.WITHDRAW),
        ("Moscow dispatched military instructors.", EventType.DEPLOY),
        ("Des soldats ont débarqué à Bamako.", EventType.DEPLOY),
        ("Une frappe aérienne a visé un camp.", EventType.OPERATION),
    ],
)
def test_trigger_lexicon_covers_both_languages(sentence, kind):
    """Each type has EN and FR triggers, including verb + complement phrases."""
    assert kind in types(sentence)


def test_order_to_leave_is_an_expulsion_not_a_withdrawal():
    """'ordered ... to leave' yields EXPEL only: the order is not the departure itself."""
    assert types("Mali ordered French forces to leave immediately.") == [EventType.EXPEL]


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia denied that it would send troops to Mali.",
        "The government threatened to expel the French troops.",
        "Washington could withdraw its soldiers.",
        "La France n'envisage pas de retirer ses troupes.",
    ],
)
def test_denied_or_hypothetical_actions_are_blocked(sentence):
    """Negated, denied, threatened or hypothetical triggers are flagged as blocked."""
    assert all(blocked(sentence, t) for t in find_triggers(sentence))


def test_presence_is_not_deployment():
    """'are deployed' and 'deployed there since' describe presence; 'deployed 500' is an act."""
    standing = "About 13,000 peacekeepers are deployed in Mali."
    act = "Russia deployed 500 instructors to Mali."
    assert presence_only(standing, find_triggers(standing)[0])
    assert not presence_only(act, find_triggers(act)[0])


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("The troops will leave by September.", Status.PLANNED),
        ("French troops started leaving in December.", Status.ONGOING),
        ("Macron announced the withdrawal of the troops.", Status.ANNOUNCED),
        ("The last soldiers withdrew on Sunday.", Status.COMPLETED),
    ],
)
def test_status_from_cues_near_the_trigger(sentence, status):
    """Status is read from cue words around the trigger."""
    trigger = next(t for t in find_triggers(sentence) if t.type is not EventType.EXPEL)
    assert status_of(sentence, trigger) is status


def roles(sentence: str) -> tuple[list[str | None], tuple[str, ...]]:
    trigger = find_triggers(sentence)[0]
    result = cast(sentence, find_mentions(sentence), [], HOSTS, trigger.start)
    return [m.code for m in result.actors], result.hosts


def test_sender_and_receiver_are_not_swapped():
    """'Chad to send troops into Cameroon' is actor TD, host CM."""
    assert roles("Chad is to send troops into Cameroon.") == (["TD"], ("CM",))


def test_coordinated_hosts_are_all_kept():
    """'to Senegal and Mauritania' keeps both hosts."""
    assert roles("The U.S. sent troops to Senegal and Mauritania.") == (["US"], ("SN", "MR"))


def test_french_demonym_after_noun_marks_the_actor():
    """'soldats français ... au Mali': FR sends, ML hosts."""
    assert roles("Les soldats français ont quitté le Mali.") == (["FR"], ("ML",))


def test_non_sahel_location_is_flagged():
    """A deployment into a non-host state is marked as happening elsewhere."""
    sentence = "ECOWAS sent troops into Guinea-Bissau."
    trigger = find_triggers(sentence)[0]
    assert cast(sentence, find_mentions(sentence), [], HOSTS, trigger.start).elsewhere


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The soldiers left the base on Sunday, officials said.", "en"),
        ("Les soldats ont quitté la base dimanche, selon des responsables.", "fr"),
    ],
)
def test_language_detection(text, lang):
    """Stopword ratio tells English from French."""
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("sentence", "leaves"),
    [
        ("L'Ecomig doit garantir le départ de Yahya Jammeh.", False),
        ("The talks covered the departure of President Bazoum.", False),
        ("Le départ des soldats français a commencé.", True),
        ("The departure of Wagner Group fighters began on Monday.", True),
        ("Le départ du Burkina Faso a été achevé.", True),
    ],
)
def test_a_persons_departure_is_not_a_withdrawal(sentence, leaves):
    """ "le départ de Yahya Jammeh" (a name or a title) is a person leaving office, not troops."""
    assert any(t.type is EventType.WITHDRAW for t in find_triggers(sentence)) is leaves


def test_a_demanded_halt_to_a_state_s_activities_is_an_order():
    """The state may be abbreviated with full stops ("U.S.") between "halt to" and "activities"."""
    found = find_triggers("wrote to Washington demanding a halt to U.S. activities at the base")
    assert [t.type for t in found] == [EventType.EXPEL]
