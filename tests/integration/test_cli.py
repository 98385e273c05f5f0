"""The sahelwatch command as a user runs it: a real process, real broker, real HTTP."""

import json
import signal
import subprocess
import sys
import time

from .conftest import Route
from .helpers import SAMPLES, consume_all, write_config


def sahelwatch(*args, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "daemon.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_run_once_twice(tmp_path, feed_server, kafka_bootstrap, topic):
    """run --once prints one line per feed, and a second run publishes nothing new."""
    feed_server.routes["/en.xml"] = Route(body=(SAMPLES / "wire-en.xml").read_bytes())
    feed_server.routes["/fr.atom"] = Route(body=(SAMPLES / "presse-fr.atom").read_bytes())
    path = write_config(
        tmp_path,
        [
            {"name": "wire", "url": feed_server.url("/en.xml"), "lang": "en"},
            {"name": "presse", "url": feed_server.url("/fr.atom"), "lang": "fr"},
        ],
        kafka_bootstrap,
        topic,
    )
    first = sahelwatch("--config", str(path), "run", "--once")
    assert first.returncode == 0, first.stderr + first.stdout
    lines = [line for line in first.stdout.splitlines() if line.startswith(("wire:", "presse:"))]
    assert len(lines) == 2
    assert lines[0].startswith("wire: ok, 4 items, 4 new")
    published = consume_all(kafka_bootstrap, topic)
    assert f"outbox: {len(published)} delivered, 0 waiting" in first.stdout
    alerts = [json.loads(line) for line in first.stdout.splitlines() if line.startswith("{")]
    assert len([a for a in alerts if a["event"] == "troop_event"]) == len(published) > 0
    second = sahelwatch("--config", str(path), "run", "--once")
    assert second.returncode == 0
    # the same bytes again: not even parsed
    assert "wire: not_modified, 0 items, 0 new, 0 relevant, 0 events published" in second.stdout
    assert len(consume_all(kafka_bootstrap, topic)) == len(published)


def test_run_once_with_dead_broker_exits_nonzero_naming_it(tmp_path, feed_server, topic):
    """An unreachable broker gives exit status 1 and an error naming the address."""
    feed_server.routes["/en.xml"] = Route(body=(SAMPLES / "wire-en.xml").read_bytes())
    path = write_config(
        tmp_path,
        [{"name": "wire", "url": feed_server.url("/en.xml")}],
        "127.0.0.1:9",
        topic,
        bootstrap_timeout_ms=1000,
    )
    result = sahelwatch("--config", str(path), "run", "--once")
    assert result.returncode == 1
    (last,) = [line for line in result.stdout.splitlines() if line.startswith("outbox:")]
    assert last.startswith("outbox: 0 delivered, ")
    assert "no Kafka broker answered at 127.0.0.1:9" in last
    errors = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [e["event"] for e in errors].count("broker_unavailable") == 1


def test_bad_config_key_stops_before_anything_starts(tmp_path):
    """An unknown key exits 2 with the key and the file named."""
    path = tmp_path / "bad.yaml"
    path.write_text("kafka: {bootstrap_server: x}\n")
    result = sahelwatch("--config", str(path), "run", "--once")
    assert result.returncode == 2
    assert "kafka.bootstrap_server: unknown key" in result.stderr
    assert str(path) in result.stderr


def test_check_config_masks_secrets(tmp_path):
    """check-config prints the effective configuration with secrets masked."""
    path = tmp_path / "c.yaml"
    path.write_text("kafka: {sasl_mechanism: PLAIN, sasl_username: u}\n")
    result = subprocess.run(
        [sys.executable, "-m", "daemon.cli", "--config", str(path), "check-config"],
        capture_output=True,
        text=True,
        check=False,
        env={"SAHELWATCH_KAFKA__SASL_PASSWORD": "hunter2", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "hunter2" not in result.stdout + result.stderr
    assert "sasl_password: '********'" in result.stdout


def test_extract_command(tmp_path):
    """extract answers each line in order, errors on bad lines, and exits 2 when any was bad."""
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps(
            {
                "id": "a",
                "lang": "en",
                "published": "2024-08-05",
                "text": "The United States said on Monday it had withdrawn its last troops "
                "from Niger, completing a pullout ordered by the junta.",
            }
        )
        + "\n"
        + "not json\n"
        + json.dumps({"id": "b", "text": "Le prix du coton a augmenté au Mali cette année."})
        + "\n"
    )
    out = tmp_path / "out.jsonl"
    config = tmp_path / "c.yaml"
    config.write_text("{}\n")
    result = sahelwatch(
        "--config", str(config), "extract", "--input", str(source), "--output", str(out)
    )
    assert result.returncode == 2, result.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["a", 2, "b"]
    assert lines[0]["relevant"] is True
    assert ("WITHDRAW", "US", "NE") in {
        (e["type"], e["actor"], e["host"]) for e in lines[0]["events"]
    }
    assert "error" in lines[1]
    assert lines[2] == {"id": "b", "relevant": False, "events": []}


def test_daemon_publishes_on_schedule_and_stops_cleanly_on_sigterm(
    tmp_path, feed_server, kafka_bootstrap, topic
):
    """`run` publishes within its first cycle, and SIGTERM makes it flush and exit 0."""
    feed_server.routes["/en.xml"] = Route(body=(SAMPLES / "wire-en.xml").read_bytes())
    path = write_config(
        tmp_path, [{"name": "wire", "url": feed_server.url("/en.xml")}], kafka_bootstrap, topic
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "daemon.cli", "--config", str(path), "run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        published = []
        while not published and time.monotonic() < deadline and process.poll() is None:
            published = consume_all(kafka_bootstrap, topic, idle_ms=1000)
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        raise AssertionError(f"no exit 30 s after SIGTERM:\n{output}") from None
    finally:
        process.kill()
    assert published, f"no event reached the topic within 60 s:\n{output}"
    assert process.returncode == 0, output
    events = [json.loads(line)["event"] for line in output.splitlines() if line.startswith("{")]
    assert "troop_event" in events
    assert "stop_requested" in events
    assert events[-1] == "stopped"


def test_eval_scores_a_labelled_file(tmp_path):
    """eval prints P/R/F1 per language for a labelled JSONL file, and lists errors on request."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "id": "g1",
                "lang": "en",
                "published": "2024-04",
                "relevant": True,
                "text": "Russian military instructors landed in Niamey on Wednesday.",
                "events": [{"type": "DEPLOY", "actor": "RU", "host": "NE"}],
            }
        )
        + "\n"
        + json.dumps(
            {
                "id": "g2",
                "lang": "en",
                "relevant": True,
                "text": "Cotton prices rose in Mali this year.",
                "events": [{"type": "EXPEL", "actor": "FR", "host": "ML"}],
            }
        )
        + "\n"
    )
    config = tmp_path / "c.yaml"
    config.write_text("{}\n")
    result = sahelwatch("--config", str(config), "eval", "--gold", str(gold), "--errors")
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines()[1:3]}
    assert rows["en"][1:5] == ["2", "1.000", "0.500", "0.667"]
    assert "g2: - EXPEL FR ML" in result.stdout
