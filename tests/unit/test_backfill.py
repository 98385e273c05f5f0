"""Backfill's pure parts: skipping what is done, counting errors, the ETA."""

import json

from daemon import backfill
from daemon.errors import InputError
from daemon.model import Article


def article(n):
    return Article(id=f"a{n}", url="", title="", text=f"text {n}")


def test_run_skips_done_articles_and_counts_errors():
    """Recorded articles are skipped, bad entries counted, the rest processed in order."""
    entries = iter(
        [("f:1", article(1)), ("f:2", InputError("bad")), ("f:3", article(3)), ("f:4", article(4))]
    )
    processed, failures, seen_progress = [], [], []
    tally = backfill.run(
        entries,
        backfill.Tally(total=4),
        seen=lambda a: a.id == "a3",
        process=lambda a: processed.append(a.id) or 2,
        failed=lambda where, exc: failures.append((where, str(exc))),
        progress=lambda t: seen_progress.append(t.done),
        should_stop=lambda: False,
    )
    assert processed == ["a1", "a4"]
    assert (tally.processed, tally.skipped, tally.errors, tally.events) == (2, 1, 1, 4)
    assert failures == [("f:2", "bad")]
    assert seen_progress == [1, 2, 3, 4]


def test_run_stops_between_entries():
    """A stop request ends the run before the next entry."""
    tally = backfill.run(
        iter([("f:1", article(1)), ("f:2", article(2))]),
        backfill.Tally(total=2),
        seen=lambda a: False,
        process=lambda a: 0,
        failed=lambda *a: None,
        progress=lambda t: None,
        should_stop=lambda: True,
    )
    assert tally.done == 0


def test_eta():
    """The ETA extrapolates the rate so far; unknown before the first entry."""
    assert backfill.eta_seconds(0, 10, 5.0) is None
    assert backfill.eta_seconds(5, 10, 5.0) == 5.0
    assert backfill.eta_seconds(10, 10, 5.0) == 0


def test_jsonl_ids_are_stable_and_bad_lines_reported(tmp_path):
    """The same archive gives the same article ids on every run; a bad line is an error entry."""
    path = tmp_path / "archive.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "t"}) + "\n" + "{oops\n")
    first = list(backfill.from_jsonl(path))
    again = list(backfill.from_jsonl(path))
    assert first[0][1].id == again[0][1].id
    assert first[0][1].feed == "backfill"
    assert first[1][0] == f"{path}:2"
    assert isinstance(first[1][1], InputError)
    assert backfill.count(path, "jsonl") == 2


def test_html_page_becomes_an_article(tmp_path):
    """A saved page gives its title, main text and a stable id."""
    page = tmp_path / "story.html"
    body = " ".join(["The United States has withdrawn its last troops from Niger."] * 4)
    page.write_text(
        "<html><head><title>US leaves Niger</title></head><body><nav>Home | World</nav>"
        f"<article><h1>US leaves Niger</h1><p>{body}</p><p>{body}</p></article></body></html>"
    )
    ((where, found),) = list(backfill.from_html_dir(tmp_path))
    assert where == str(page)
    assert isinstance(found, Article)
    assert found.title == "US leaves Niger"
    assert "withdrawn its last troops" in found.text
    assert "Home | World" not in found.text
