"""The extract command's line protocol."""

import json
from datetime import UTC, datetime

import pytest

from daemon import offline
from daemon.errors import InputError
from daemon.model import Article, Event, EventType

NOW = datetime(2024, 1, 1, tzinfo=UTC)


def fake_read(article: Article) -> tuple[Article, list[Event]]:
    if "troops" not in article.text:
        return article, []
    event = Event(EventType.DEPLOY, "RU", "ML", (article.text,), 0.9)
    return article, [event]


def test_each_line_gives_one_output_in_order_and_errors_do_not_stop():
    """Good lines give results, bad lines give errors with their line number, order is kept."""
    lines = [
        json.dumps({"id": "x1", "text": "Russian troops arrived in Mali.", "lang": "en"}),
        "[1, 2]",
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Cotton prices rose.", "published": "2024-03-01"}),
    ]
    out = list(offline.run(lines, fake_read, NOW))
    assert [o["id"] for o, _ in out] == ["x1", 2, 3, 4, 5]
    assert [err for _, err in out] == [False, True, True, True, False]
    first = out[0][0]
    assert first["relevant"] is True
    assert first["events"][0]["article"]["id"] == "x1"
    assert "not a JSON object" in out[1][0]["error"]
    assert "not valid JSON" in out[2][0]["error"]
    assert "no 'text'" in out[3][0]["error"]
    assert out[4][0] == {"id": 5, "relevant": False, "events": []}


def test_parse_line_reads_optional_fields():
    """published becomes an aware datetime; lang is checked."""
    article, ident = offline.parse_line(
        json.dumps({"text": "t", "published": "2024-03-01T10:00:00Z", "url": "u"}), 7
    )
    assert ident == 7
    assert article.published == datetime(2024, 3, 1, 10, tzinfo=UTC)
    assert article.url == "u"
    with pytest.raises(InputError, match="'lang'"):
        offline.parse_line(json.dumps({"text": "t", "lang": "de"}), 1)
    with pytest.raises(InputError, match="published"):
        offline.parse_line(json.dumps({"text": "t", "published": "yesterday"}), 1)


def test_month_or_year_publication_dates_are_accepted():
    """Archives often date an article by month or year only: those become the first day."""
    article, _ = offline.parse_line(json.dumps({"text": "t", "published": "2021-01"}), 1)
    assert article.published == datetime(2021, 1, 1, tzinfo=UTC)
    article, _ = offline.parse_line(json.dumps({"text": "t", "published": "2019"}), 1)
    assert article.published == datetime(2019, 1, 1, tzinfo=UTC)
