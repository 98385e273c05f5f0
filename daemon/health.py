"""Health: a heartbeat file written by the running daemon, and the verdict `check` draws from it.

The heartbeat is the probe's view of the daemon (arq's `--check` model): a process that is
alive but stuck stops refreshing it, and the verdict turns that into an exit status.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

HEARTBEAT = "heartbeat.json"


@dataclass(frozen=True, slots=True)
class Heartbeat:
    """What the daemon says about itself."""

    pid: int
    time: str
    scheduler_running: bool
    last_cycle: str | None
    outbox_depth: int
    broker_error: str | None


def write(state_dir: Path, beat: Heartbeat) -> None:
    """Replace the heartbeat file atomically (a reader never sees half a file)."""
    state_dir.mkdir(parents=True, exist_ok=True)
    temporary = state_dir / f".{HEARTBEAT}.{os.getpid()}"
    temporary.write_text(json.dumps(asdict(beat)), encoding="utf-8")
    temporary.replace(state_dir / HEARTBEAT)


def read(state_dir: Path) -> Heartbeat | None:
    """The last heartbeat, or None when there is none or it cannot be read."""
    try:
        data = json.loads((state_dir / HEARTBEAT).read_text(encoding="utf-8"))
        return Heartbeat(**data)
    except (OSError, ValueError, TypeError):
        return None


def verdict(beat: Heartbeat | None, now: datetime, max_age: timedelta) -> tuple[bool, str]:
    """Healthy or not, and why: a fresh heartbeat from a running scheduler is healthy."""
    if beat is None:
        return False, "no heartbeat: the daemon has not run here"
    age = now - datetime.fromisoformat(beat.time)
    if age > max_age:
        return (
            False,
            f"heartbeat is {age.total_seconds():.0f} s old (limit {max_age.total_seconds():.0f} s)",
        )
    if not beat.scheduler_running:
        return False, "the scheduler is not running"
    return True, f"ok: heartbeat {age.total_seconds():.0f} s old, outbox {beat.outbox_depth}"
