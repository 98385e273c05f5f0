"""OPML reading and the config edit of `feeds import` (pure parts)."""

import pytest
import yaml

from daemon import opml
from daemon.config import FeedSettings
from daemon.errors import InputError
from daemon.feedcmd import add_feeds

OPML = b"""<?xml version="1.0"?><opml version="2.0"><head><title>S</title></head><body>
<outline text="Sahel">
<outline text="RFI Afrique" xmlUrl="https://www.rfi.fr/fr/afrique/rss" language="fr-FR"/>
<outline title="Studio Tamani" xmlUrl="https://www.studiotamani.org/feed"/>
<outline title="Studio Tamani" xmlUrl="https://www.studiotamani.org/en/feed"/>
<outline title="No feed" htmlUrl="https://example.org"/>
<outline title="FTP" xmlUrl="ftp://example.org/rss"/></outline></body></opml>"""


def test_opml_outlines_become_named_feeds():
    """Each http(s) xmlUrl becomes a feed with a unique slug name and its language."""
    feeds = opml.read(OPML)
    assert [(f.name, f.url, f.lang) for f in feeds] == [
        ("rfi-afrique", "https://www.rfi.fr/fr/afrique/rss", "fr"),
        ("studio-tamani", "https://www.studiotamani.org/feed", None),
        ("studio-tamani-2", "https://www.studiotamani.org/en/feed", None),
    ]


@pytest.mark.parametrize(
    "document",
    [b"<html/>", b"not xml", b'<!DOCTYPE opml [<!ENTITY a "b">]><opml/>'],
    ids=["not-opml", "not-xml", "entities"],
)
def test_bad_opml_is_an_input_error(document):
    """A non-OPML, ill-formed or entity-declaring document is refused with a reason."""
    with pytest.raises(InputError):
        opml.read(document)


def test_only_new_urls_are_imported_and_names_stay_unique():
    """A URL already configured is skipped; a taken name gets a suffix."""
    existing = [FeedSettings(name="rfi-afrique", url="https://www.rfi.fr/fr/afrique/rss/")]
    imported = [*opml.read(OPML), FeedSettings(name="rfi-afrique", url="https://x.org/rss")]
    fresh = opml.new_feeds(imported, existing)
    assert [f.name for f in fresh] == ["studio-tamani", "studio-tamani-2", "rfi-afrique-2"]


def test_add_feeds_appends_to_the_list_and_keeps_comments():
    """New entries go at the end of the feeds: block; comments and other keys stay."""
    text = (
        "# my config\nfeeds:\n  # wires\n  - name: a\n    url: https://a.org/rss\n\n"
        "kafka:\n  topic: t\n"
    )
    out = add_feeds(text, [FeedSettings(name="b", url="https://b.org/rss", lang="fr")])
    assert "# my config" in out
    assert "# wires" in out
    data = yaml.safe_load(out)
    assert [f["name"] for f in data["feeds"]] == ["a", "b"]
    assert data["feeds"][1] == {"name": "b", "url": "https://b.org/rss", "lang": "fr"}
    assert data["kafka"] == {"topic": "t"}


@pytest.mark.parametrize("text", ["kafka:\n  topic: t\n", "feeds: []\nkafka:\n  topic: t\n"])
def test_add_feeds_creates_the_list_when_missing_or_empty(text):
    """A config without feeds (or with an empty list) gets a feeds: block."""
    data = yaml.safe_load(add_feeds(text, [FeedSettings(name="b", url="https://b.org/rss")]))
    assert data["feeds"] == [{"name": "b", "url": "https://b.org/rss"}]
    assert data["kafka"] == {"topic": "t"}
