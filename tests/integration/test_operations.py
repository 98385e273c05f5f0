"""Operating the daemon: /healthz, /readyz and /metrics over real HTTP, and `check` exit codes."""

import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import yaml

from .conftest import Route
from .helpers import SAMPLES, free_port, write_config


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def sahelwatch(path, *args):
    return subprocess.run(
        [sys.executable, "-m", "daemon.cli", "--config", str(path), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_endpoints_and_check_follow_the_daemon(tmp_path, feed_server, kafka_bootstrap, topic):
    """While it runs: healthy, ready, metrics count the cycle; after it stops: check fails."""
    feed_server.routes["/en.xml"] = Route(body=(SAMPLES / "wire-en.xml").read_bytes())
    path = write_config(
        tmp_path, [{"name": "wire", "url": feed_server.url("/en.xml")}], kafka_bootstrap, topic
    )
    port = free_port()
    data = yaml.safe_load(path.read_text())
    data["health"] = {"port": port, "heartbeat_seconds": 1}
    path.write_text(yaml.safe_dump(data))
    assert sahelwatch(path, "check").returncode == 1  # never ran here
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "daemon.cli", "--config", str(path), "run"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        metrics = ""
        deadline = time.monotonic() + 60
        # events are delivered during the cycle, the cycle is counted when it ends
        cycle_counted = 'sahelwatch_feed_fetches_total{feed="wire",outcome="ok"} 1.0'
        while cycle_counted not in metrics:
            assert time.monotonic() < deadline, metrics
            time.sleep(0.5)
            try:
                metrics = get(f"{base}/metrics")[1]
            except OSError:
                continue
        assert get(f"{base}/healthz") == (200, "ok\n")
        assert get(f"{base}/readyz") == (200, "ok\n")
        assert 'sahelwatch_events_published_total{host="NE",type="WITHDRAW"}' in metrics
        assert "sahelwatch_outbox_depth 0.0" in metrics
        assert get(f"{base}/nope")[0] == 404
        running = sahelwatch(path, "check")
        assert running.returncode == 0, running.stdout
        assert running.stdout.startswith("ok: heartbeat")
        status = sahelwatch(path, "status")
        assert "1 configured: 1 healthy" in status.stdout
        assert "WITHDRAW  US->NE" in status.stdout
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
    stopped = sahelwatch(path, "check")
    assert stopped.returncode == 1
    assert "scheduler is not running" in stopped.stdout
