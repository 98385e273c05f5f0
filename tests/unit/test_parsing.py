"""The parse pool: same results as in-thread parsing, workers that outlive their first caller
but not the daemon."""

import subprocess
import sys
import threading
import time
from pathlib import Path

from daemon.config import FeedSettings
from daemon.feeds import parse
from daemon.parsing import ParsePool

BODY = (Path(__file__).resolve().parents[2] / "examples" / "feeds" / "wire-en.xml").read_bytes()
FEED = FeedSettings(name="wire", url="http://127.0.0.1/wire.xml", lang="en")


def test_workers_survive_the_thread_that_started_them():
    """A pool first used from a thread that then ends keeps parsing (scheduler threads come and
    go), with the same items as parsing in the thread."""
    pool = ParsePool(1)
    try:
        first: list[object] = []
        starter = threading.Thread(
            target=lambda: first.append(pool.parse(FEED, BODY, {}, FEED.url))
        )
        starter.start()
        starter.join()
        time.sleep(1.5)
        assert pool.parse(FEED, BODY, {}, FEED.url) == first[0] == parse(FEED, BODY, {}, FEED.url)
    finally:
        pool.close()


DAEMON = """
import sys
from daemon.config import FeedSettings
from daemon.parsing import ParsePool
pool = ParsePool(1)
pool.parse(FeedSettings(name="f", url="http://x.org/f"), b"<rss/>", {}, "http://x.org/f")
print(" ".join(str(p.pid) for p in pool._pool._processes.values()), flush=True)
sys.stdin.read()
"""


def test_workers_exit_when_the_daemon_is_killed():
    """SIGKILL the owning process: its parse workers are gone within a few seconds."""
    owner = subprocess.Popen([sys.executable, "-c", DAEMON], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert owner.stdout is not None
    pids = [int(p) for p in owner.stdout.readline().split()]
    assert pids
    owner.kill()
    owner.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in pids):
        time.sleep(0.2)
    assert not any(Path(f"/proc/{p}/status").exists() and "zombie" not in
                   Path(f"/proc/{p}/status").read_text() for p in pids)  # fmt: skip
    owner.stdin.close()
    owner.stdout.close()
