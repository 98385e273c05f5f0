"""Feed parsing on the machine's other cores.

feedparser is pure Python and takes most of a cycle's CPU (about 15 ms for a 30-item feed here),
so with many feeds one core saturates while fetch threads wait on the GIL. A small pool of
processes parses documents in parallel; results come back as plain FeedItems.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor

from daemon.config import FeedSettings
from daemon.feeds import parse
from daemon.model import FeedItem


class ParsePool:
    """`parse` with the work done in worker processes (started on first use)."""

    def __init__(self, processes: int) -> None:
        # spawn, not fork: the daemon has threads, and a forked lock held by one of them
        # would stay held in the child for ever
        self._pool = ProcessPoolExecutor(
            processes, mp_context=multiprocessing.get_context("spawn"), initializer=_follow_parent
        )

    def parse(
        self, feed: FeedSettings, body: bytes, headers: Mapping[str, str], url: str
    ) -> list[FeedItem]:
        """Same contract as feeds.parse, including its FeedParseError."""
        return self._pool.submit(parse, feed, body, dict(headers), url).result()

    def close(self) -> None:
        """Stop the worker processes."""
        self._pool.shutdown(wait=True, cancel_futures=True)


def _follow_parent() -> None:
    """In a worker: exit within a second of the daemon's death, even by SIGKILL.

    Orphaned workers would otherwise live on, holding the daemon's stdout open (a supervisor or
    a pipe reading it would wait for ever). Not Linux's parent-death signal: it fires when the
    *thread* that started the worker ends, and workers are started by whichever scheduler
    thread first submits a feed, so they were killed mid-parse (BrokenProcessPool).
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
