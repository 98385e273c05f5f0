"""Nearest CAMEO and PLOVER codes for an event, for joining with older event datasets."""

from __future__ import annotations

from daemon.model import Event, EventType, Status

_PEACEKEEPERS = frozenset({"UN", "AU", "ECOWAS"})
_DONE = frozenset({Status.ONGOING, Status.COMPLETED})


def cameo(event: Event) -> str:
    """CAMEO code: one per event, from its type, status and actor."""
    peacekeeping = event.actor in _PEACEKEEPERS
    match event.type:
        case EventType.DEPLOY:
            return "074" if peacekeeping else "072"
        case EventType.WITHDRAW:
            return "1661" if peacekeeping else "0874"
        case EventType.EXPEL:
            return "1661" if peacekeeping else "166"
        case EventType.AGREEMENT:
            return "0312" if event.status is Status.PLANNED else "057"
        case EventType.OPERATION:
            return "190"


def plover(event: Event) -> str:
    """PLOVER event category: one per event, from its type and status."""
    match event.type:
        case EventType.DEPLOY:
            return "AID"
        case EventType.WITHDRAW:
            return "RETREAT" if event.status in _DONE else "CONCEDE"
        case EventType.EXPEL:
            return "SANCTION"
        case EventType.AGREEMENT:
            return "AGREE"
        case EventType.OPERATION:
            return "ASSAULT"
