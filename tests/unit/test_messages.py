"""Internal-topic records: round trips, malformed input named, keys partitioned as Kafka does."""

import json
from dataclasses import asdict, replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from kafka.partitioner.default import DefaultPartitioner

from daemon.errors import InputError
from daemon.fetch import Validators
from daemon.incidents import Incident
from daemon.messages import (
    ARTICLE_SCHEMA,
    FEED_STATE_SCHEMA,
    SEEN_SCHEMA,
    decode_article,
    decode_feed_state,
    decode_incident,
    decode_report,
    encode_article,
    encode_feed_state,
    encode_incident,
    encode_report,
    encode_seen,
    partition_of,
)
from daemon.model import Article, Status
from daemon.store import GONE, FeedState

ARTICLE = Article(
    id="a1",
    url="https://example.org/a",
    title="Les soldats quittent Gao",
    text="Les derniers soldats français ont quitté Gao lundi.",
    source="Example",
    feed="wire",
    published=datetime(2024, 8, 5, 14, 0, tzinfo=timezone(timedelta(hours=1))),
    lang="fr",
)
STATE = FeedState(
    feed="wire",
    validators=Validators(etag='W/"abc"', last_modified="Mon, 05 Aug 2024 14:00:00 GMT"),
    last_attempt="2024-08-05T14:00:00+00:00",
    last_success="2024-08-05T13:30:00+00:00",
    last_status="failed",
    failures=3,
    url="https://example.org/rss",
    content_hash="d41d8cd9",
    breaker=GONE,
    next_attempt="2024-08-05T16:00:00+00:00",
    quiet_runs=5,
)


def _article_value(**changes):
    value = json.loads(encode_article(ARTICLE))
    value.update(changes)
    return json.dumps(value).encode()


def _state_value(**changes):
    value = json.loads(encode_feed_state(STATE))
    value.update(changes)
    return json.dumps(value).encode()


def test_article_round_trip_keeps_every_field():
    """An article comes back equal, its publication time with its offset."""
    decoded = decode_article(encode_article(ARTICLE))
    assert decoded == ARTICLE
    assert decoded.published is not None
    assert decoded.published.utcoffset() == timedelta(hours=1)


def test_article_without_date_or_language_round_trips():
    """published None and lang None stay None (not the epoch, not an empty string)."""
    bare = Article(id="b", url="https://example.org/b", title="", text="Text.")
    raw = encode_article(bare)
    assert json.loads(raw)["published"] is None
    assert decode_article(raw) == bare


def test_article_record_carries_its_schema_and_non_ascii_text():
    """The record names its schema and keeps accented text as UTF-8, not escapes."""
    raw = encode_article(ARTICLE)
    assert json.loads(raw)["schema"] == ARTICLE_SCHEMA
    assert "français".encode() in raw


def test_feed_state_round_trip_keeps_validators_and_backoff():
    """A feed state, validators included, comes back equal."""
    decoded = decode_feed_state(encode_feed_state(STATE))
    assert decoded == STATE
    assert decoded.validators.etag == 'W/"abc"'


def test_fresh_feed_state_round_trips():
    """A never-fetched feed's state (empty validators, defaults) comes back equal."""
    fresh = FeedState(feed="new")
    raw = encode_feed_state(fresh)
    assert json.loads(raw)["schema"] == FEED_STATE_SCHEMA
    assert decode_feed_state(raw) == fresh
    assert decode_feed_state(raw).validators == Validators()


def test_seen_record_names_its_schema_and_counts_events():
    """A changelog record says how many events the article gave, and when."""
    at = datetime(2024, 8, 5, 14, 0, tzinfo=UTC)
    assert json.loads(encode_seen(2, at)) == {
        "schema": SEEN_SCHEMA,
        "events": 2,
        "at": "2024-08-05T14:00:00+00:00",
    }


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (None, "tombstone"),
        (b"{not json", "not JSON"),
        (b"\xff\xfe", "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"schema": "sahelwatch.article/2", "id": "a"}', "'sahelwatch.article/2'"),
        (b'{"id": "a", "url": "u", "title": "", "text": "t"}', "schema None"),
        (encode_feed_state(STATE), f"expected {ARTICLE_SCHEMA!r}"),
        (_article_value(id=None), "'id'"),
        (_article_value(text=7), "'text'"),
        (_article_value(published="last monday"), "bad article field"),
    ],
)
def test_malformed_article_records_raise_input_error_naming_the_problem(raw, problem):
    """Each kind of bad articles-topic record is an InputError that says what is wrong."""
    with pytest.raises(InputError) as caught:
        decode_article(raw)
    assert problem in str(caught.value)


def test_article_missing_a_field_names_it():
    """A record without its url says 'url'."""
    value = json.loads(encode_article(ARTICLE))
    del value["url"]
    with pytest.raises(InputError, match="'url' missing"):
        decode_article(json.dumps(value).encode())


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (None, "tombstone"),
        (b"", "not JSON"),
        (encode_article(ARTICLE), f"expected {FEED_STATE_SCHEMA!r}"),
        (_state_value(validators={"etag": "x", "crc": "y"}), "crc"),
        (_state_value(surprise=1), "surprise"),
    ],
)
def test_malformed_feed_state_records_raise_input_error(raw, problem):
    """Bad feeds-topic records are InputErrors naming the problem, not TypeErrors."""
    with pytest.raises(InputError) as caught:
        decode_feed_state(raw)
    assert problem in str(caught.value)


def test_feed_state_without_a_feed_name_is_refused():
    """A feed state record that does not say whose it is is an InputError naming the field."""
    value = json.loads(encode_feed_state(STATE))
    del value["feed"]
    with pytest.raises(InputError, match="feed"):
        decode_feed_state(json.dumps(value).encode())


def test_feed_state_without_validators_has_none():
    """Validators are optional: a record without them decodes to empty ones."""
    value = json.loads(encode_feed_state(STATE))
    del value["validators"]
    assert decode_feed_state(json.dumps(value).encode()).validators == Validators()


INCIDENT = Incident(
    incident_id="inc-1",
    type="WITHDRAW",
    actor="FR",
    host="ML",
    anchor=date(2022, 8, 15),
    first_seen=datetime(2022, 8, 15, 9, 0, tzinfo=UTC),
    reports=3,
    outlets=("rfi.fr", "reuters.com"),
    status=Status.COMPLETED,
    troops=2400,
)


@pytest.mark.parametrize(
    "incident", [INCIDENT, replace(INCIDENT, status=None, troops=None, outlets=())]
)
def test_incident_round_trip(incident):
    """A shared incident comes back equal, with or without status, troops and outlets."""
    assert decode_incident(encode_incident(incident)) == incident


def test_report_round_trip_and_malformed_report():
    """A report record gives its incident id back; one without an id is an InputError."""
    assert decode_report(encode_report("inc-1")) == "inc-1"
    with pytest.raises(InputError, match="incident_id"):
        decode_report(b'{"schema": "sahelwatch.report/1"}')


def test_incident_with_a_bad_field_is_an_input_error():
    """An incident record with a bad date is an InputError naming the field kind, not a crash."""
    value = json.loads(encode_incident(INCIDENT))
    value["anchor"] = "mid-August"
    with pytest.raises(InputError, match="bad incident field"):
        decode_incident(json.dumps(value).encode())


class _Cluster:
    """The little of kafka-python's ClusterMetadata its DefaultPartitioner reads."""

    def __init__(self, partitions):
        self._partitions = set(range(partitions))

    def topics(self):
        return {"t"}

    def partitions_for_topic(self, _topic):
        return self._partitions

    def available_partitions_for_topic(self, _topic):
        return self._partitions


KEYS = [
    *(f"art-{n:05d}" for n in range(0, 3000, 37)),
    *(f"{n:064x}" for n in range(1, 10**12, 10**10)),
    "bbc-afrique",
    "rfi.fr",
    "Tombouctou-é",
    "報道",
    "",
]


@pytest.mark.parametrize("partitions", [1, 2, 6, 7, 12, 100])
def test_partition_of_picks_what_kafka_pythons_default_partitioner_picks(partitions):
    """For a spread of keys, partition_of agrees with the producer's keyed choice, in range."""
    partitioner, cluster = DefaultPartitioner(), _Cluster(partitions)
    for key in KEYS:
        raw = key.encode()
        chosen = partitioner.partition("t", key, raw, b"v", b"v", cluster)
        assert partition_of(key, partitions) == chosen
        assert 0 <= partition_of(key, partitions) < partitions
    if partitions > 1:  # a spread of keys uses more than one partition
        assert len({partition_of(key, partitions) for key in KEYS}) > 1


@pytest.mark.parametrize(
    ("key", "partition"),
    [("", 681), ("a", 524), ("ab", 434), ("abc", 107), ("123456789", 566), ("\x00 ", 742)],
)
def test_partition_of_matches_the_java_client(key, partition):
    """The Java client's murmur2 choices over 1,000 partitions (kafka-python's reference values)."""
    assert partition_of(key, 1000) == partition


def test_round_trips_survive_replace_of_every_field():
    """Changing any article field changes the decoded article: nothing is dropped on the way."""
    for name, other in asdict(ARTICLE).items():
        changed = replace(ARTICLE, **{name: _other(name, other)})
        assert decode_article(encode_article(changed)) == changed != ARTICLE


def _other(name, value):
    if name == "published":
        return value + timedelta(days=1)
    if name == "lang":
        return "en"
    return value + "-x"


@pytest.mark.parametrize(
    ("field", "value"),
    [("failures", "3"), ("quiet_runs", 1.5), ("breaker", 0), ("last_attempt", [])],
)
def test_a_feed_state_field_of_the_wrong_type_is_named(field, value):
    """A field of the wrong type is an InputError naming it, not a crash later in backoff."""
    raw = json.loads(encode_feed_state(FeedState("f")))
    raw[field] = value
    with pytest.raises(InputError, match=field):
        decode_feed_state(json.dumps(raw).encode())


def test_validators_of_the_wrong_type_are_named():
    """An ETag that is not a string is refused."""
    raw = json.loads(encode_feed_state(FeedState("f")))
    raw["validators"] = {"etag": 5}
    with pytest.raises(InputError, match="etag"):
        decode_feed_state(json.dumps(raw).encode())
