"""`sahelwatch feeds import` and `feeds list` as a user runs them."""

import subprocess
import sys

import yaml

from .conftest import Route
from .helpers import write_config
from .test_feeds_bad_input import RSS, item, rss


def sahelwatch(*args):
    return subprocess.run(
        [sys.executable, "-m", "daemon.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_import_then_list_shows_each_feeds_state(tmp_path, feed_server, kafka_bootstrap, topic):
    """OPML feeds are added to the config; `feeds list` then shows status, failures, articles."""
    feed_server.routes["/ok"] = Route(body=rss(item("A", "http://x.org/a")), headers=RSS)
    feed_server.routes["/broken"] = Route(500, b"no")
    path = write_config(
        tmp_path, [{"name": "ok", "url": feed_server.url("/ok")}], kafka_bootstrap, topic
    )
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<opml version="2.0"><body>'
        f'<outline title="OK again" xmlUrl="{feed_server.url("/ok")}"/>'
        f'<outline title="Broken feed" xmlUrl="{feed_server.url("/broken")}"/>'
        "</body></opml>"
    )
    imported = sahelwatch("--config", str(path), "feeds", "import", str(opml))
    assert imported.returncode == 0, imported.stderr
    assert "added 1 feeds" in imported.stdout
    feeds = yaml.safe_load(path.read_text())["feeds"]
    assert [f["name"] for f in feeds] == ["ok", "broken-feed"]
    again = sahelwatch("--config", str(path), "feeds", "import", str(opml))
    assert "0 new feeds, 2 already configured" in again.stderr
    sahelwatch("--config", str(path), "run", "--once")
    listed = sahelwatch("--config", str(path), "feeds", "list")
    assert listed.returncode == 0, listed.stderr
    rows = {line.split()[0]: line.split() for line in listed.stdout.splitlines()[1:]}
    assert rows["ok"][-1] == "1"  # articles seen
    assert "ok" in rows["ok"]
    assert rows["broken-feed"][1:5] == ["-", "failed", "1", "closed"]  # never succeeded
