"""Feed parsing and normalisation (pure parts; fetching is covered by integration tests)."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from daemon.config import FeedSettings
from daemon.errors import FeedParseError
from daemon.feeds import canonical_url, clean_text, normalise, parse, publisher_url, wire_key
from daemon.model import FeedItem

SAMPLES = Path(__file__).resolve().parents[2] / "examples" / "feeds"
WIRE = FeedSettings(name="wire", url="http://127.0.0.1/wire.xml", lang="en")
PRESSE = FeedSettings(name="presse", url="http://127.0.0.1/presse.atom")


def test_rss_items_are_parsed_with_dates_and_clean_text():
    """RSS 2.0 items give title, link, UTC date and tag-free summary."""
    items = parse(WIRE, (SAMPLES / "wire-en.xml").read_bytes(), {}, WIRE.url)
    assert len(items) == 4
    first = items[0]
    assert first.title == "U.S. completes pullout from Niger drone base"
    assert first.published == datetime(2024, 8, 5, 14, 20, tzinfo=UTC)
    assert "<p>" not in first.summary
    assert first.summary.startswith("NIAMEY, Aug 5 (Sample Wire)")
    assert first.source == "Sample Wire - Africa"
    assert first.lang == "en"


def test_atom_entries_take_language_from_the_feed():
    """Atom entries are parsed; xml:lang gives the language when the config does not."""
    items = parse(PRESSE, (SAMPLES / "presse-fr.atom").read_bytes(), {}, PRESSE.url)
    assert [i.lang for i in items] == ["fr", "fr", "fr"]
    assert items[0].published == datetime(2023, 12, 15, 15, 30, tzinfo=UTC)
    assert "Minusma" in items[0].summary


def test_html_page_is_not_a_feed():
    """An HTML error page served instead of the feed is a FeedParseError."""
    with pytest.raises(FeedParseError, match="not a feed"):
        parse(WIRE, b"<html><body><h1>502 Bad Gateway</h1></body></html>", {}, WIRE.url)


def test_windows_1252_feed_is_decoded():
    """A feed declared as windows-1252 keeps its accented letters."""
    body = (
        '<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>Arrivée des troupes à Ménaka</title><link>http://x.org/1</link></item>"
        "</channel></rss>"
    ).encode("cp1252")
    (item,) = parse(WIRE, body, {}, WIRE.url)
    assert item.title == "Arrivée des troupes à Ménaka"


def test_canonical_url_drops_tracking_and_fragment():
    """Tracking parameters, fragments and host case do not make a new article."""
    url = "https://News.Example.ORG/a/b?id=7&utm_source=rss&fbclid=x#comments"
    assert canonical_url(url) == "https://news.example.org/a/b?id=7"


def test_normalise_gives_the_same_id_for_the_same_canonical_url():
    """Two feed items that differ only by tracking parameters share an article id."""
    items = parse(WIRE, (SAMPLES / "wire-en.xml").read_bytes(), {}, WIRE.url)
    article = normalise(items[0])
    assert article.url == "http://127.0.0.1:8765/articles/us-niger-pullout"
    clean = normalise(items[0].__class__(**{**_fields(items[0]), "url": article.url}))
    assert clean.id == article.id
    assert len({normalise(i).id for i in items}) == 4


def _fields(item):
    return {name: getattr(item, name) for name in item.__slots__}


def test_clean_text_keeps_paragraphs_and_decodes_entities():
    """HTML becomes plain text: paragraphs on their own lines, entities decoded."""
    assert clean_text("<p>Gao &amp; Kidal</p><p>l&#8217;arm&eacute;e</p>") == "Gao & Kidal\nl’armée"


def test_rss_channel_language_is_used_when_the_config_has_none():
    """An RSS <language> element gives the items' language."""
    feed = FeedSettings(name="wire", url="http://127.0.0.1/wire.xml")
    items = parse(feed, (SAMPLES / "wire-en.xml").read_bytes(), {}, feed.url)
    assert {i.lang for i in items} == {"en"}


def test_french_rfc822_dates_are_read():
    """French day and month names ("lun., 12 févr. 2024") give a UTC date, not None."""
    body = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>a</title><link>http://x.org/1</link>"
        "<pubDate>lun., 12 févr. 2024 14:30:00 +0100</pubDate></item>"
        "<item><title>b</title><link>http://x.org/2</link>"
        "<pubDate>mardi 1er août 2023 - 08h15</pubDate></item>"
        "</channel></rss>"
    ).encode()
    first, second = parse(PRESSE, body, {}, PRESSE.url)
    assert first.published == datetime(2024, 2, 12, 13, 30, tzinfo=UTC)
    assert second.published == datetime(2023, 8, 1, 8, 15, tzinfo=UTC)


def test_future_dates_are_clamped_to_now():
    """A publication date in the future becomes the time of the cycle."""
    now = datetime(2024, 1, 1, tzinfo=UTC)
    item = FeedItem("f", "http://x.org/1", "t", "s", published=datetime(2031, 1, 1, tzinfo=UTC))
    assert normalise(item, now).published == now
    assert normalise(item).published == datetime(2031, 1, 1, tzinfo=UTC)


def test_entries_without_links_get_stable_ids():
    """No link: the id comes from the guid, else from the text, and is the same every time."""
    by_guid = FeedItem("f", "", "Title", "Text", guid="tag:x,1")
    by_text = FeedItem("f", "", "Title", "Text")
    assert normalise(by_guid).id == normalise(by_guid).id != normalise(by_text).id
    assert normalise(by_text).id == normalise(FeedItem("f", "", "Title", "Text")).id
    assert normalise(by_text).id != normalise(FeedItem("f", "", "Title", "Other")).id


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            {
                "link": "http://feeds.feedburner.com/~r/x/1",
                "feedburner_origlink": "https://p.org/a",
            },
            "https://p.org/a",
        ),
        (
            {"link": "https://www.google.com/url?rct=j&url=https://p.org/b&ct=ga"},
            "https://p.org/b",
        ),
        (
            {
                "link": "https://news.google.com/rss/articles/"
                "CBMiGWh0dHBzOi8vcC5vcmcvbWFsaS10cm9vcHPSAQA"
            },
            "https://p.org/mali-troops",
        ),
        ({"link": "https://news.google.com/rss/articles/AU_yqLopaque?oc=5"}, None),
        ({"link": "https://p.org/c"}, "https://p.org/c"),
    ],
    ids=["feedburner", "google-redirect", "google-news-old-id", "google-news-opaque", "plain"],
)
def test_proxy_links_resolve_to_the_publisher(entry, expected):
    """Feed-proxy and Google News links give the publisher URL when the feed carries it."""
    assert publisher_url(entry) == (expected or entry["link"])


def test_wire_key_ignores_outlet_decorations():
    """Datelines with the agency and outlet suffixes on titles do not hide a wire copy."""
    lead = "The last American troops left the drone base in Agadez on Monday, officials said."
    a = wire_key("US completes pullout - Outlet A", f"NIAMEY, Aug 5 (AP) - {lead}")
    b = wire_key("US Completes Pullout | B News", f"NIAMEY (Reuters) — {lead}")
    assert a == b is not None
    assert wire_key("US completes pullout", "Another story entirely, about cotton.") != a
    assert wire_key("Mali", "") is None


def test_utf8_bom_feed_is_parsed():
    """A feed starting with a UTF-8 byte-order mark parses with its accents intact."""
    body = (
        "\ufeff<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>t</title>"
        "<item><title>Départ des soldats de Gao</title><link>http://x.org/1</link></item>"
        "</channel></rss>"
    ).encode()
    (item,) = parse(WIRE, body, {}, WIRE.url)
    assert item.title == "Départ des soldats de Gao"
