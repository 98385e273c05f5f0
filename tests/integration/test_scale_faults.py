"""The scale-out roles meet a dead broker: a clear error, and they keep going until told to stop."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.integration.helpers import free_port, write_config
from tests.integration.roles import RoleProcess


@pytest.mark.parametrize("role", ["fetch", "extract"])
def test_a_role_waits_for_a_dead_broker_and_stops_cleanly(tmp_path, topic, role):
    """No broker there: the role logs the address it tried, stays up, exits 0 on SIGTERM."""
    address = f"127.0.0.1:{free_port()}"
    path = write_config(tmp_path, [], address, topic, bootstrap_timeout_ms=1000)
    process = RoleProcess(path, role, tmp_path / "role.log")
    try:
        first = process.wait_for(lambda r: r.get("event") == "broker_unavailable", 60, "an error")
        assert address in first["error"]
        # still waiting, and trying again
        deadline = time.monotonic() + 60
        while len(_unavailable(process)) < 2 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert len(_unavailable(process)) >= 2
        assert process.process.poll() is None
    finally:
        code = process.stop()
    assert code == 0


def _unavailable(process: RoleProcess) -> list[dict[str, Any]]:
    return [r for r in process.records() if r.get("event") == "broker_unavailable"]
