"""Real services for integration tests: the Kafka broker, a local HTTP server, fresh topics."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from daemon import config
from daemon.bootstrap import App, build

ROOT = Path(__file__).resolve().parents[2]
BROKER_SCRIPT = ROOT / "deploy" / "kafka" / "broker.sh"
# A port of its own, so the tests never touch a broker the user runs on 9092.
# not SAHELWATCH_*: the daemons the tests start would read that as a configuration key
TEST_KAFKA_PORT = os.environ.get("TEST_KAFKA_PORT", "19092")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/integration" in str(item.path):
            item.add_marker(pytest.mark.integration)


# The test broker also listens with SASL_PLAINTEXT (PLAIN) for the credentials tests.
TEST_SASL_PORT = str(int(TEST_KAFKA_PORT) + 2)
SASL_USER, SASL_PASSWORD = "sahelwatch", "sahelwatch-secret"


def _broker_env() -> dict[str, str]:
    return {
        **os.environ,
        "KAFKA_PORT": TEST_KAFKA_PORT,
        "KAFKA_SASL_PORT": TEST_SASL_PORT,
        "KAFKA_SASL_USERS": f"{SASL_USER}:{SASL_PASSWORD}",
        "KAFKA_PYTHON": sys.executable,
    }


@pytest.fixture(scope="session")
def kafka_bootstrap() -> Iterator[str]:
    """The broker: $KAFKA_BOOTSTRAP if set, else one started by deploy/kafka/broker.sh."""
    if given := os.environ.get("KAFKA_BOOTSTRAP"):
        yield given
        return
    env = _broker_env()
    running = subprocess.run([BROKER_SCRIPT, "status"], env=env, capture_output=True, check=False)
    started = subprocess.run(
        [BROKER_SCRIPT, "start"], env=env, capture_output=True, text=True, check=False
    )
    if started.returncode != 0:
        message = f"Kafka broker did not start:\n{started.stdout}\n{started.stderr}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    yield f"127.0.0.1:{TEST_KAFKA_PORT}"
    if running.returncode != 0:  # leave a broker we found running as it was
        subprocess.run([BROKER_SCRIPT, "stop"], env=env, capture_output=True, check=False)


@pytest.fixture
def topic() -> str:
    """A fresh topic name for one test."""
    return f"test.events.{uuid.uuid4().hex[:12]}"


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    # seconds to sit on the request before answering (a server that never answers)
    delay: float = 0.0


@dataclass(frozen=True)
class Request:
    """One request the server got."""

    path: str
    user_agent: str
    if_none_match: str | None
    at: float  # time.monotonic()


class FeedServer:
    """Serves fixed documents over real HTTP on loopback, counting the hits per path."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.requests: list[Request] = []
        self.closing = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits[self.path] = server.hits.get(self.path, 0) + 1
                server.requests.append(
                    Request(
                        self.path,
                        self.headers.get("User-Agent", ""),
                        self.headers.get("If-None-Match"),
                        time.monotonic(),
                    )
                )
                route = server.routes.get(self.path, Route(404, b"not found"))
                if route.delay and server.closing.wait(route.delay):
                    return
                etag = route.headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, *_args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}{path}"

    def close(self) -> None:
        self.closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A local HTTP server the test fills with routes."""
    server = FeedServer()
    yield server
    server.close()


@pytest.fixture
def make_app() -> Iterator[Callable[[Path | config.Settings], App]]:
    """Builds the real daemon from a config file or settings; every app is closed after the test."""
    apps: list[App] = []

    def make(source: Path | config.Settings) -> App:
        settings = source if isinstance(source, config.Settings) else config.load(source, {})
        app = build(settings)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.close()
