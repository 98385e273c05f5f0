"""Incident grouping: same kind, close in time, consistent counts; status only moves forward."""

from dataclasses import replace
from datetime import UTC, date, datetime

from daemon.incidents import Incident, Incidents, furthest, outlet
from daemon.model import Article, Event, EventType, Status

NOW = datetime(2024, 8, 6, tzinfo=UTC)


def article(ident, url, day=5):
    return Article(
        id=ident, url=url, title="", text="", published=datetime(2024, 8, day, tzinfo=UTC)
    )


def withdraw(status=None, troops=None, when=None, actor="US"):
    return Event(
        EventType.WITHDRAW, actor, "NE", ("x",), 0.9, status=status, troops=troops, event_date=when
    )


def test_reports_from_two_outlets_share_an_incident(tmp_path):
    """Two outlets on the same withdrawal: one incident, two reports, two outlets, latest status."""
    incidents = Incidents(tmp_path / "i.db")
    first = incidents.assign(
        "e1", withdraw(Status.ANNOUNCED, 1000), article("a", "https://www.a.org/x"), NOW
    )
    second = incidents.assign(
        "e2", withdraw(Status.COMPLETED, 950), article("b", "https://b.com/y", 20), NOW
    )
    assert second.incident_id == first.incident_id
    assert (second.reports, second.outlets, second.status) == (
        2,
        ("a.org", "b.com"),
        Status.COMPLETED,
    )
    assert second.first_seen == NOW


def test_different_events_get_different_incidents(tmp_path):
    """Another actor, a date outside the window, or a contradicting count starts a new incident."""
    incidents = Incidents(tmp_path / "i.db", window_days=30)
    base = incidents.assign("e1", withdraw(troops=1000), article("a", "https://a.org/1"), NOW)
    other_actor = incidents.assign("e2", withdraw(actor="FR"), article("b", "https://a.org/2"), NOW)
    later = incidents.assign(
        "e3", withdraw(when=date(2024, 12, 1)), article("c", "https://a.org/3"), NOW
    )
    other_count = incidents.assign(
        "e4", withdraw(troops=5000), article("d", "https://a.org/4"), NOW
    )
    ids = {base.incident_id, other_actor.incident_id, later.incident_id, other_count.incident_id}
    assert len(ids) == 4


def test_a_report_seen_again_changes_nothing(tmp_path):
    """The same event processed again (after a crash) returns its incident, not counted twice."""
    path = tmp_path / "i.db"
    incidents = Incidents(path)
    first = incidents.assign("e1", withdraw(), article("a", "https://a.org/1"), NOW)
    incidents.close()
    again = Incidents(path).assign("e1", withdraw(), article("a", "https://a.org/1"), NOW)
    assert again == first


def test_status_never_moves_backwards_and_outlet_names():
    """A later report recalling the announcement keeps the completed status; outlets by host."""
    assert furthest(Status.COMPLETED, Status.ANNOUNCED) is Status.COMPLETED
    assert furthest(None, Status.PLANNED) is Status.PLANNED
    assert furthest(Status.ONGOING, None) is Status.ONGOING
    assert outlet(Article(id="x", url="", title="", text="", source="Reuters")) == "Reuters"


def test_merging_two_processes_copies_of_one_incident_loses_no_report():
    """Two processes each add a report to one incident at once: both copies say 2 reports, but
    the three report links and both outlets survive the merge."""
    table = Incidents(":memory:")
    when = datetime(2024, 3, 1, tzinfo=UTC)
    base = Incident("i-1", "DEPLOY", "RU", "NE", date(2024, 3, 1), when, 1, ("a.org",))
    table.merge(base)
    table.link("e-1", "i-1")
    table.merge(replace(base, reports=2, outlets=("a.org", "b.com")))
    table.merge(replace(base, reports=2, outlets=("a.org", "c.net"), status=Status.COMPLETED))
    table.link("e-2", "i-1")
    table.link("e-3", "i-1")
    (merged,) = table.latest(1)
    assert merged.reports == 3
    assert merged.outlets == ("a.org", "b.com", "c.net")
    assert merged.status == Status.COMPLETED


def test_a_copy_with_fewer_reports_does_not_shrink_the_incident():
    """An older copy arriving late (fewer reports) takes nothing away."""
    table = Incidents(":memory:")
    when = datetime(2024, 3, 1, tzinfo=UTC)
    base = Incident("i-1", "DEPLOY", "RU", "NE", date(2024, 3, 1), when, 4, ("a.org", "b.com"))
    table.merge(base)
    table.merge(replace(base, reports=1, outlets=("a.org",)))
    (merged,) = table.latest(1)
    assert (merged.reports, merged.outlets) == (4, ("a.org", "b.com"))
