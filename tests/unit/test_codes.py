"""CAMEO and PLOVER codes by type, status and actor."""

import pytest

from daemon.codes import cameo, plover
from daemon.model import Event, EventType, Status


def event(kind, actor="FR", status=None):
    return Event(kind, actor, "ML", ("x",), 0.5, status=status)


@pytest.mark.parametrize(
    ("kind", "actor", "status", "expected"),
    [
        (EventType.DEPLOY, "RU", None, ("072", "AID")),
        (EventType.DEPLOY, "UN", None, ("074", "AID")),
        (EventType.WITHDRAW, "FR", Status.ANNOUNCED, ("0874", "CONCEDE")),
        (EventType.WITHDRAW, "UN", Status.COMPLETED, ("1661", "RETREAT")),
        (EventType.EXPEL, "FR", None, ("166", "SANCTION")),
        (EventType.AGREEMENT, "RU", None, ("057", "AGREE")),
        (EventType.OPERATION, "FR", None, ("190", "ASSAULT")),
    ],
)
def test_codes(kind, actor, status, expected):
    """Each type maps to its nearest codes, refined by actor and status."""
    found = event(kind, actor, status)
    assert (cameo(found), plover(found)) == expected
