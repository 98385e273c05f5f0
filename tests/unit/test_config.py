"""Configuration: loading, environment overrides, validation errors, secrets."""

from pathlib import Path

import pytest

from daemon import config
from daemon.errors import ConfigError

VALID = """
feeds:
  - {name: wire, url: "https://example.org/feed.xml", lang: en}
kafka:
  bootstrap_servers: ["127.0.0.1:9092"]
  topic: events
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str, environ: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        config.load(write(tmp_path, text), environ or {})
    return caught.value.problems


def test_valid_file_loads_into_frozen_settings(tmp_path):
    """A valid file gives typed settings that cannot be changed afterwards."""
    settings = config.load(write(tmp_path, VALID), {})
    assert settings.feeds[0].url == "https://example.org/feed.xml"
    assert settings.kafka.topic == "events"
    assert settings.hosts == frozenset({"BF", "CM", "TD", "GM", "GN", "ML", "MR", "NE", "NG", "SN"})
    with pytest.raises(ValueError, match="frozen"):
        settings.kafka.topic = "other"  # type: ignore[misc]


def test_unknown_key_is_named_with_its_path(tmp_path):
    """A misspelt key is reported with its full dotted path."""
    found = problems(tmp_path, VALID + "  bootstap_servers: x\n")
    assert found == ["kafka.bootstap_servers: unknown key"]


def test_wrong_type_is_named(tmp_path):
    """A value of the wrong type names its key."""
    found = problems(tmp_path, VALID + "scheduling: {default_interval_minutes: soon}\n")
    assert len(found) == 1
    assert found[0].startswith("scheduling.default_interval_minutes:")


def test_bad_url_is_named(tmp_path):
    """A feed URL that is not http(s) names the feed's index and key."""
    found = problems(tmp_path, 'feeds: [{name: x, url: "ftp://example.org/f"}]\n')
    assert len(found) == 1
    assert found[0].startswith("feeds.0.url:")
    assert "ftp://example.org/f" in found[0]


def test_error_message_names_the_file(tmp_path):
    """The error says which file was read."""
    with pytest.raises(ConfigError, match=r"config\.yaml"):
        config.load(write(tmp_path, "kafka: {nope: 1}\n"), {})


def test_environment_overrides_nested_keys_and_lists(tmp_path):
    """SAHELWATCH_A__B overrides a.b; comma lists and typed scalars are understood."""
    environ = {
        "SAHELWATCH_KAFKA__BOOTSTRAP_SERVERS": "h1:9092, h2:9092",
        "SAHELWATCH_SCHEDULING__JITTER_SECONDS": "5",
        "SAHELWATCH_FEEDS__0__LANG": "fr",
        "SAHELWATCH_CONFIG": "ignored-here",
    }
    settings = config.load(write(tmp_path, VALID), environ)
    assert settings.kafka.bootstrap_servers == ("h1:9092", "h2:9092")
    assert settings.scheduling.jitter_seconds == 5
    assert settings.feeds[0].lang == "fr"


def test_bad_environment_override_names_the_variable(tmp_path):
    """An override of the wrong type says which variable it came from."""
    found = problems(tmp_path, VALID, {"SAHELWATCH_FETCH__TIMEOUT_SECONDS": "abc"})
    assert found[0].startswith("fetch.timeout_seconds (from SAHELWATCH_FETCH__TIMEOUT_SECONDS):")


def test_environment_override_of_unknown_key_is_rejected(tmp_path):
    """A variable that names no key is an error, not silently ignored."""
    found = problems(tmp_path, VALID, {"SAHELWATCH_KAFKA__TOPICS": "x"})
    assert found == ["kafka.topics (from SAHELWATCH_KAFKA__TOPICS): unknown key"]


def test_secret_in_yaml_is_refused(tmp_path):
    """A password written into the YAML is refused, pointing at the variable to use."""
    found = problems(tmp_path, VALID + "  sasl_password: hunter2\n")
    assert "SAHELWATCH_KAFKA__SASL_PASSWORD" in found[0]
    assert "hunter2" not in found[0]


def test_secret_from_file_and_masked_in_effective_config(tmp_path):
    """A secret read from a file is used but never printed."""
    secret = tmp_path / "password"
    secret.write_text("hunter2\n")
    text = VALID + f"  sasl_mechanism: PLAIN\n  sasl_password_file: {secret}\n"
    settings = config.load(write(tmp_path, text), {})
    assert settings.kafka.sasl_password is not None
    assert settings.kafka.sasl_password.get_secret_value() == "hunter2"
    assert "hunter2" not in repr(settings)
    shown = config.effective(settings)
    assert shown["kafka"]["sasl_password"] == "********"


def test_secret_from_environment(tmp_path):
    """The environment can carry the secret, and wins over a file."""
    settings = config.load(write(tmp_path, VALID), {"SAHELWATCH_KAFKA__SSL_PASSWORD": "s3cret"})
    assert settings.kafka.ssl_password is not None
    assert settings.kafka.ssl_password.get_secret_value() == "s3cret"


def test_unknown_host_code_and_duplicate_feed_names(tmp_path):
    """Host codes must be known countries and feed names unique."""
    text = (
        'feeds: [{name: a, url: "http://x.org/1"}, {name: a, url: "http://x.org/2"}]\n'
        "hosts: [ML, XX]\n"
    )
    found = problems(tmp_path, text)
    assert any(p.startswith("feeds:") and "duplicate feed names: a" in p for p in found)
    assert any(p.startswith("hosts:") and "XX" in p for p in found)


def test_missing_file_and_bad_yaml(tmp_path):
    """An unreadable file and broken YAML are configuration errors, not tracebacks."""
    with pytest.raises(ConfigError, match="cannot read"):
        config.load(tmp_path / "absent.yaml", {})
    assert problems(tmp_path, "feeds: [\n")[0].startswith("not valid YAML")


def test_shipped_configs_are_valid():
    """config.yaml and the offline example validate."""
    root = Path(__file__).resolve().parents[2]
    for name in ("config.yaml", "examples/offline.yaml"):
        settings = config.load(root / name, {})
        assert settings.feeds
