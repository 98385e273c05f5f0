"""Stop handling and first-run staggering."""

import signal
from datetime import UTC, datetime, timedelta

from daemon.scheduler import FORCED_EXIT, StopFlag, first_run_at


def test_first_signal_sets_flag_second_exits_hard():
    """The first SIGTERM asks for a clean stop; a second one exits at once."""
    exits = []
    flag = StopFlag(exit_now=exits.append)
    assert not flag.is_set()
    flag.request(signal.SIGTERM)
    assert flag.is_set()
    assert exits == []
    flag.request(signal.SIGINT)
    assert exits == [FORCED_EXIT]


def test_first_runs_are_staggered():
    """Feeds start one after another rather than all at once."""
    now = datetime(2024, 1, 1, tzinfo=UTC)
    starts = [first_run_at(now, i, spread_seconds=2) for i in range(3)]
    assert starts == [now + timedelta(seconds=s) for s in (1, 3, 5)]
