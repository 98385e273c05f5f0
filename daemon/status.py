"""`sahelwatch status`: the daemon's state on one screen, read from its databases."""

from __future__ import annotations

from collections import Counter

from daemon.bootstrap import DATABASE, INCIDENTS, OUTBOX
from daemon.config import Settings
from daemon.incidents import Incidents
from daemon.outbox import Outbox
from daemon.store import Store

# Outcomes that mean a feed is being read as it should.
_HEALTHY = frozenset({"ok", "not_modified"})


def status_lines(settings: Settings, recent: int = 5) -> list[str]:
    """Feeds by health, the outbox depth and the latest incidents."""
    store = Store(settings.state_dir / DATABASE)
    outbox = Outbox(settings.state_dir / OUTBOX)
    incidents = Incidents(settings.state_dir / INCIDENTS)
    try:
        states = [store.feed_state(feed.name) for feed in settings.feeds]
        kinds = Counter(
            "never run" if s.last_status is None
            else "healthy" if s.last_status in _HEALTHY
            else "failing"
            for s in states
        )  # fmt: skip
        failing = [s.feed for s in states if s.last_status and s.last_status not in _HEALTHY]
        lines = [
            (
                f"feeds:    {len(states)} configured: {kinds['healthy']} healthy, "
                f"{kinds['failing']} failing, {kinds['never run']} never run"
            ),
        ]
        if failing:
            lines.append(f"          failing: {', '.join(failing[:8])}")
        lines.append(f"outbox:   {outbox.depth()} events waiting for the broker")
        lines.append("latest incidents:")
        for incident in incidents.latest(recent):
            lines.append(
                f"  {incident.first_seen:%Y-%m-%d %H:%M} {incident.type:<9} "
                f"{incident.actor}->{incident.host} {incident.status or '-'} "
                f"reports={incident.reports} outlets={len(incident.outlets)}"
            )
        return lines
    finally:
        store.close()
        outbox.close()
        incidents.close()
