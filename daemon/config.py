"""Settings: config.yaml plus SAHELWATCH_* environment overrides, validated once into frozen types.

Environment variables override any key: `SAHELWATCH_` + the key path in upper case, levels
joined by `__` (`SAHELWATCH_KAFKA__BOOTSTRAP_SERVERS=host1:9092,host2:9092`,
`SAHELWATCH_FEEDS__0__URL=...`).
Values are read as YAML scalars, so numbers and booleans keep their types. Secrets (the SASL
password, the TLS key password) come only from the environment or from a file named in the YAML.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from daemon.actors import SAHEL_HOSTS, STATES
from daemon.errors import ConfigError

ENV_PREFIX = "SAHELWATCH_"
# Not a configuration key: names the file itself.
CONFIG_PATH_VARIABLE = "SAHELWATCH_CONFIG"
SECRET_KEYS = (("kafka", "sasl_password"), ("kafka", "ssl_password"))


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _split_csv(value: object) -> object:
    """Accept "a,b" for a list, as environment variables write lists."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {value!r}")
    return value


class FeedSettings(_Frozen):
    """One news feed to poll."""

    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    url: str
    lang: Literal["en", "fr"] | None = None
    interval_minutes: float | None = Field(default=None, gt=0)

    _check_url = field_validator("url")(_http_url)


# Kafka's rule for topic names (also used for group and transactional ids here).
_TOPIC = r"^[A-Za-z0-9._-]{1,249}$"


class KafkaSettings(_Frozen):
    """Where and how events are published."""

    bootstrap_servers: tuple[str, ...] = ("127.0.0.1:9092",)
    topic: str = Field(default="sahelwatch.events", pattern=_TOPIC)
    client_id: str = "sahelwatch"
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = None
    sasl_username: str | None = None
    sasl_password: SecretStr | None = None
    sasl_password_file: Path | None = None
    ssl_cafile: Path | None = None
    ssl_certfile: Path | None = None
    ssl_keyfile: Path | None = None
    ssl_password: SecretStr | None = None
    ssl_password_file: Path | None = None
    create_topic: bool = True
    topic_partitions: int = Field(default=3, ge=1)
    topic_replication_factor: int = Field(default=1, ge=1)
    topic_retention_ms: int | None = Field(default=None, ge=-1)
    compression_type: Literal["gzip", "none"] = "gzip"
    bootstrap_timeout_ms: int = Field(default=10_000, ge=100)
    delivery_timeout_ms: int = Field(default=30_000, ge=5_000)

    _split = field_validator("bootstrap_servers", mode="before")(_split_csv)


class SchedulingSettings(_Frozen):
    """Defaults for when feeds are polled."""

    default_interval_minutes: float = Field(default=30, gt=0)
    jitter_seconds: int = Field(default=60, ge=0)
    misfire_grace_seconds: int = Field(default=300, ge=1)
    # adaptive intervals: a feed with nothing new is polled less often, within these bounds
    min_interval_minutes: float = Field(default=5, gt=0)
    max_interval_minutes: float = Field(default=360, gt=0)
    # after this many consecutive failures the feed's circuit opens (logged once)
    breaker_threshold: int = Field(default=5, ge=1)
    # the longest a failing feed (or a Retry-After) can push its next attempt away
    max_backoff_minutes: float = Field(default=1440, gt=0)


class FetchSettings(_Frozen):
    """How feeds are fetched over HTTP."""

    timeout_seconds: float = Field(default=20, gt=0)
    connect_timeout_seconds: float = Field(default=10, gt=0)
    # the whole request, body included: a server trickling bytes cannot hold a worker longer
    total_timeout_seconds: float = Field(default=60, gt=0)
    # the cap applies to the decompressed body, so a gzip bomb stops at the same size
    max_bytes: int = Field(default=15_000_000, ge=1_024)
    # one request at a time per host, and at least this long between two
    host_interval_seconds: float = Field(default=1.0, ge=0)
    # fetch the article page and extract its main text for articles that may report an event
    full_text: bool = True
    # processes that parse feed documents beside the daemon (0: parse in the fetching thread)
    parse_processes: int = Field(default=2, ge=0, le=64)
    max_redirects: int = Field(default=5, ge=0)
    user_agent: str = "sahelwatch/0.1"
    contact_url: str = "https://github.com/sahelwatch/sahelwatch"

    _check_url = field_validator("contact_url")(_http_url)


class OutboxSettings(_Frozen):
    """How queued events are retried while the broker is away."""

    retry_base_seconds: float = Field(default=5, gt=0)
    retry_ceiling_seconds: float = Field(default=300, gt=0)
    batch: int = Field(default=500, ge=1)


class IncidentSettings(_Frozen):
    """How reports are grouped into incidents."""

    window_days: int = Field(default=30, ge=0)


class DedupSettings(_Frozen):
    """How long articles are remembered, and what counts as the same wire story."""

    retention_days: int = Field(default=90, ge=1)
    wire_window_hours: float = Field(default=72, gt=0)


class HealthSettings(_Frozen):
    """The HTTP endpoints (/healthz, /readyz, /metrics) and the heartbeat `check` reads."""

    host: str = "127.0.0.1"
    port: int = Field(default=9464, ge=0, le=65535)  # 0: no HTTP endpoints
    heartbeat_seconds: float = Field(default=30, gt=0)
    # a heartbeat (or a successful cycle, for /readyz) older than this means unhealthy
    max_age_seconds: float = Field(default=300, gt=0)


class ExtractionSettings(_Frozen):
    """How events are read from articles."""

    # the trained decision component instead of the rules' accept/reject step; off by default
    # because it does not beat the rules on held-out data yet (see the README)
    model: bool = False


class ClusterSettings(_Frozen):
    """Scale-out on Kafka (`run --role fetch|extract`): internal topics and consumer groups."""

    # fetchers publish articles here, keyed by article id; extractors consume it as a group
    articles_topic: str = Field(default="sahelwatch.articles", pattern=_TOPIC)
    articles_partitions: int = Field(default=6, ge=1)
    articles_retention_ms: int = Field(default=7 * 86_400_000, ge=-1)
    # compacted, one record per feed (its fetch state); its partitions are what fetchers share
    feeds_topic: str = Field(default="sahelwatch.feeds", pattern=_TOPIC)
    feeds_partitions: int = Field(default=12, ge=1)
    # consumer groups are <group_prefix>-fetchers and <group_prefix>-extractors
    group_prefix: str = Field(default="sahelwatch", pattern=_TOPIC)
    # a member silent this long is dead and its partitions move (broker minimum: 6 s by default)
    session_timeout_seconds: float = Field(default=10, ge=1)
    # an extractor that dies inside a transaction holds read_committed readers back this long
    transaction_timeout_seconds: float = Field(default=15, ge=1)
    # names this process's transactional producer; a stable one (a pod name) lets a restarted
    # extractor fence its dead predecessor at once; default: host name and process id
    instance: str | None = Field(default=None, pattern=_TOPIC)
    # articles per transaction
    batch: int = Field(default=50, ge=1, le=10_000)
    # how many replicas each internal topic gets (the cluster's own setting on one broker: 1)
    replication_factor: int = Field(default=1, ge=1)


class LoggingSettings(_Frozen):
    """Log level and rendering (auto: JSON when stdout is not a terminal)."""

    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    format: Literal["auto", "json", "console"] = "auto"


class Settings(_Frozen):
    """The whole effective configuration."""

    feeds: tuple[FeedSettings, ...] = ()
    kafka: KafkaSettings = KafkaSettings()
    scheduling: SchedulingSettings = SchedulingSettings()
    fetch: FetchSettings = FetchSettings()
    dedup: DedupSettings = DedupSettings()
    outbox: OutboxSettings = OutboxSettings()
    incidents: IncidentSettings = IncidentSettings()
    health: HealthSettings = HealthSettings()
    extraction: ExtractionSettings = ExtractionSettings()
    cluster: ClusterSettings = ClusterSettings()
    logging: LoggingSettings = LoggingSettings()
    state_dir: Path = Path(".state")
    hosts: frozenset[str] = frozenset(SAHEL_HOSTS)

    _split = field_validator("hosts", mode="before")(_split_csv)

    @field_validator("hosts")
    @classmethod
    def _known_hosts(cls, hosts: frozenset[str]) -> frozenset[str]:
        unknown = sorted(h for h in hosts if h not in STATES)
        if unknown:
            raise ValueError(f"unknown country codes: {', '.join(unknown)}")
        return hosts

    @field_validator("feeds")
    @classmethod
    def _unique_names(cls, feeds: tuple[FeedSettings, ...]) -> tuple[FeedSettings, ...]:
        names = [f.name for f in feeds]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"duplicate feed names: {', '.join(duplicates)}")
        return feeds

    def interval_minutes(self, feed: FeedSettings) -> float:
        """The polling interval of one feed."""
        return feed.interval_minutes or self.scheduling.default_interval_minutes


def load(path: Path, environ: Mapping[str, str] | None = None) -> Settings:
    """Read, override and validate the configuration; raise ConfigError naming every bad key."""
    environ = os.environ if environ is None else environ
    raw = _read_yaml(path)
    problems = [
        f"{'.'.join(key)}: secrets may not be written in the YAML; set {_env_name(key)} "
        f"or {key[-1]}_file"
        for key in SECRET_KEYS
        if _lookup(raw, key) is not None
    ]
    sources: dict[tuple[str, ...], str] = {}
    for name, value in sorted(environ.items()):
        if name.startswith(ENV_PREFIX) and name != CONFIG_PATH_VARIABLE:
            problems += _apply_override(raw, name, value, sources)
    if problems:
        raise ConfigError(str(path), problems)
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(str(path), _describe(exc, sources)) from None
    return _with_secret_files(settings, str(path))


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(str(path), [f"cannot read the file: {exc.strerror}"]) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(str(path), [f"not valid YAML: {exc}"]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(str(path), ["the top level must be a mapping of keys"])
    return data


def _env_name(key: tuple[str, ...]) -> str:
    return ENV_PREFIX + "__".join(part.upper() for part in key)


def _lookup(raw: Any, key: tuple[str, ...]) -> Any:
    for part in key:
        if not isinstance(raw, dict):
            return None
        raw = raw.get(part)
    return raw


def _apply_override(
    raw: dict[str, Any], name: str, value: str, sources: dict[tuple[str, ...], str]
) -> list[str]:
    """Write one SAHELWATCH_* variable into the raw tree; return a problem if it can't go there."""
    key = tuple(part.lower() for part in name[len(ENV_PREFIX) :].split("__"))
    node: Any = raw
    for depth, part in enumerate(key[:-1]):
        child = _child(node, part)
        if child is None:
            child = {}
            if not _set_child(node, part, child):
                return [f"{name}: no such key {'.'.join(key[: depth + 1])}"]
        node = child
    try:
        parsed = yaml.safe_load(value) if value else value
    except yaml.YAMLError:
        parsed = value
    if not _set_child(node, key[-1], parsed):
        return [f"{name}: no such key {'.'.join(key)}"]
    sources[key] = name
    return []


def _child(node: Any, part: str) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and part.isdigit() and int(part) < len(node):
        return node[int(part)]
    return None


def _set_child(node: Any, part: str, value: Any) -> bool:
    if isinstance(node, dict):
        node[part] = value
        return True
    if isinstance(node, list) and part.isdigit() and int(part) < len(node):
        node[int(part)] = value
        return True
    return False


def _describe(exc: ValidationError, sources: Mapping[tuple[str, ...], str]) -> list[str]:
    problems = []
    for error in exc.errors():
        loc = tuple(str(part) for part in error["loc"])
        key = ".".join(loc) or "(top level)"
        origin = next((f" (from {v})" for k, v in sources.items() if loc[: len(k)] == k), "")
        message = "unknown key" if error["type"] == "extra_forbidden" else error["msg"]
        problems.append(f"{key}{origin}: {message}")
    return problems


def _with_secret_files(settings: Settings, source: str) -> Settings:
    """Read *_password_file contents into the matching secret, unless the environment set it."""
    kafka = settings.kafka
    updates: dict[str, SecretStr] = {}
    for secret, file in (
        ("sasl_password", kafka.sasl_password_file),
        ("ssl_password", kafka.ssl_password_file),
    ):
        if file is None or getattr(kafka, secret) is not None:
            continue
        try:
            updates[secret] = SecretStr(file.read_text(encoding="utf-8").strip())
        except OSError as exc:
            raise ConfigError(
                source, [f"kafka.{secret}_file: cannot read {file}: {exc.strerror}"]
            ) from None
    if not updates:
        return settings
    return settings.model_copy(update={"kafka": kafka.model_copy(update=updates)})


def effective(settings: Settings) -> dict[str, Any]:
    """The configuration as plain data, secrets masked: what `check-config` prints."""
    data = settings.model_dump(mode="json")
    for section, key in SECRET_KEYS:
        if data[section][key] is not None:
            data[section][key] = "********"
    data["hosts"] = sorted(data["hosts"])
    return data
