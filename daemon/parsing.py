"""Feed parsing on the machine's other cores.

feedparser is pure Python and takes most of a cycle's CPU (about 15 ms for a 30-item feed here),
so with many feeds one core saturates while fetch threads wait on the GIL. A small pool of
processes parses documents in parallel; results come back as plain FeedItems.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor

from daemon.config import FeedSettings
from daemon.feeds import parse
from daemon.model import FeedItem

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


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
    """In a worker: exit when the daemon dies, even by SIGKILL.

    Orphaned workers would otherwise live on, holding the daemon's stdout open (a supervisor or
    a pipe reading it would wait for ever). Linux's parent-death signal does it at once; the
    watch thread covers other systems.
    """
    parent = os.getppid()
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
