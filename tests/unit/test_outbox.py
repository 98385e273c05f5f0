"""The outbox keeps queued records across restarts, in order, each event once."""

from daemon.model import OutboundRecord
from daemon.outbox import Outbox


def record(n: int) -> OutboundRecord:
    return OutboundRecord(f"e{n}", f"k{n}", {"n": n, "text": "é"}, (("ce_id", f"e{n}".encode()),))


def test_records_survive_a_reopen_in_order(tmp_path):
    """Queued records come back after a restart, oldest first, with key, value and headers."""
    path = tmp_path / "outbox.db"
    outbox = Outbox(path)
    outbox.append([record(1), record(2)])
    outbox.append([record(3)])
    outbox.close()
    reopened = Outbox(path)
    assert reopened.oldest(10) == [record(1), record(2), record(3)]
    assert [r.event_id for r in reopened.oldest(2)] == ["e1", "e2"]


def test_an_event_waiting_is_not_queued_twice(tmp_path):
    """Re-queuing a waiting event id (an article processed again) adds nothing."""
    outbox = Outbox(tmp_path / "o.db")
    outbox.append([record(1), record(2)])
    outbox.append([record(2), record(3)])
    assert outbox.depth() == 3
    outbox.remove(["e1", "e2"])
    assert [r.event_id for r in outbox.oldest(10)] == ["e3"]
