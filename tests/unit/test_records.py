"""Event records: every contract field, stable ids, schema validity, CloudEvents headers."""

import json
from datetime import UTC, date, datetime
from importlib import resources

import jsonschema
import pytest

from daemon import records
from daemon.incidents import Incident
from daemon.model import Article, Event, EventType, Place, PlaceKind, Status

ARTICLE = Article(
    id="a1",
    url="https://example.org/a",
    title="US leaves Niger",
    text="...",
    source="Example",
    feed="wire",
    published=datetime(2024, 8, 5, 14, 0, tzinfo=UTC),
    lang="en",
)
EVENT = Event(
    type=EventType.WITHDRAW,
    actor="US",
    host="NE",
    evidence=("The US withdrew its troops from Air Base 201.",),
    confidence=0.8,
    status=Status.COMPLETED,
    troops=1000,
    troops_approximate=True,
    places=(Place("Agadez", PlaceKind.CITY, 16.97, 7.99),),
    event_date=date(2024, 8, 5),
)
NOW = datetime(2024, 8, 6, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def schema():
    text = resources.files("daemon").joinpath("schema/event.schema.json").read_text()
    return json.loads(text)


def test_record_has_every_contract_field_and_validates(schema):
    """The value carries every field of EVENTS.md and passes the JSON Schema."""
    value = records.build(EVENT, ARTICLE, NOW).value
    assert set(value) == set(schema["required"])
    jsonschema.validate(value, schema, format_checker=jsonschema.FormatChecker())
    assert value["actor_name"] == "United States"
    assert value["host_name"] == "Niger"
    assert value["places"] == [{"name": "Agadez", "kind": "city", "lat": 16.97, "lon": 7.99}]
    assert value["event_date"] == "2024-08-05"
    assert value["extracted_at"] == "2024-08-06T09:30:00Z"
    assert value["article"]["published"] == "2024-08-05T14:00:00Z"
    assert value["cameo"] == "0874"
    assert value["plover"] == "RETREAT"


def test_event_id_is_stable_and_distinct():
    """Same article and (type, actor, host) give the same id; another article another id."""
    first = records.build(EVENT, ARTICLE, NOW)
    again = records.build(EVENT, ARTICLE, datetime(2025, 1, 1, tzinfo=UTC))
    other = records.build(EVENT, Article(id="a2", url="", title="", text=""), NOW)
    assert first.event_id == again.event_id
    assert first.event_id != other.event_id


def test_incident_fields_come_from_the_incident():
    """With an incident, the key, incident_id and incident object describe it."""
    incident = Incident(
        incident_id="inc-1",
        type="WITHDRAW",
        actor="US",
        host="NE",
        anchor=date(2024, 8, 1),
        first_seen=datetime(2024, 8, 1, 8, tzinfo=UTC),
        reports=3,
        outlets=("a.org", "b.org"),
        status=Status.COMPLETED,
        troops=1000,
    )
    record = records.build(EVENT, ARTICLE, NOW, incident)
    assert record.key == record.value["incident_id"] == "inc-1"
    assert record.value["incident"] == {
        "first_seen": "2024-08-01T08:00:00Z",
        "reports": 3,
        "outlets": 2,
        "status": "completed",
    }


def test_without_incident_the_event_is_its_own():
    """Without incident state, an event starts an incident of one report, stable across runs."""
    one = records.build(EVENT, ARTICLE, NOW)
    two = records.build(EVENT, ARTICLE, NOW)
    assert one.key == two.key
    assert one.value["incident"]["reports"] == 1
    assert one.value["incident"]["first_seen"] == "2024-08-06T09:30:00Z"


def test_cloudevents_headers():
    """Headers follow the CloudEvents Kafka binary binding."""
    record = records.build(EVENT, ARTICLE, NOW)
    headers = dict(record.headers)
    assert headers["ce_specversion"] == b"1.0"
    assert headers["ce_id"] == record.event_id.encode()
    assert headers["ce_type"] == b"org.sahelwatch.event.withdraw"
    assert headers["content-type"] == b"application/json"


def test_minimal_event_validates(schema):
    """An event with only the required facts still validates, with nulls where unknown."""
    bare = Event(type=EventType.EXPEL, actor="FR", host="ML", evidence=("x",), confidence=0.5)
    value = records.build(bare, Article(id="z", url="", title="", text="t"), NOW).value
    jsonschema.validate(value, schema)
    assert value["troops"] is None
    assert value["status"] is None
    assert value["article"]["url"] is None
