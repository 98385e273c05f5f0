"""Publishing event records to Kafka, waiting for the broker's acknowledgement of each."""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Sequence
from typing import Any

import structlog
from kafka import KafkaAdminClient, KafkaProducer
from kafka.errors import KafkaError, KafkaTimeoutError

from daemon.config import KafkaSettings
from daemon.errors import BrokerUnavailableError, PublishError
from daemon.model import OutboundRecord

log = structlog.stdlib.get_logger(__name__)


def encode(record: OutboundRecord) -> bytes:
    """The message value: compact UTF-8 JSON."""
    return json.dumps(record.value, ensure_ascii=False, separators=(",", ":")).encode()


def check_topic(settings: KafkaSettings, described: dict[str, Any]) -> None:
    """PublishError when an existing topic's partitions or replication differ from the config."""
    partitions = described["partitions"]
    replicas = min((len(p["replica_nodes"]) for p in partitions), default=0)
    problems = []
    if len(partitions) != settings.topic_partitions:
        problems.append(f"{len(partitions)} partitions, config says {settings.topic_partitions}")
    if replicas != settings.topic_replication_factor:
        problems.append(
            f"replication factor {replicas}, config says {settings.topic_replication_factor}"
        )
    if problems:
        raise PublishError(f"topic {settings.topic} has {'; '.join(problems)}")


def client_options(settings: KafkaSettings) -> dict[str, Any]:
    """Connection options shared by producer, admin client and consumers."""
    options: dict[str, Any] = {
        "bootstrap_servers": list(settings.bootstrap_servers),
        "client_id": settings.client_id,
        "security_protocol": settings.security_protocol,
        "bootstrap_timeout_ms": settings.bootstrap_timeout_ms,
        # kafka-python doubles its reconnect delay up to 30 s by default: after an outage the
        # broker could be back for half a minute before anything is sent to it
        "reconnect_backoff_max_ms": 4000,
    }
    if settings.sasl_mechanism:
        options["sasl_mechanism"] = settings.sasl_mechanism
        options["sasl_plain_username"] = settings.sasl_username
        if settings.sasl_password is not None:
            options["sasl_plain_password"] = settings.sasl_password.get_secret_value()
    for key in ("ssl_cafile", "ssl_certfile", "ssl_keyfile"):
        if (path := getattr(settings, key)) is not None:
            options[key] = str(path)
    if settings.ssl_password is not None:
        options["ssl_password"] = settings.ssl_password.get_secret_value()
    return options


# Kafka's error code for a topic that exists: another process created it since our check.
_TOPIC_EXISTS = 36


def create_topics(admin: KafkaAdminClient, missing: dict[str, dict[str, Any]]) -> None:
    """Create topics; PublishError naming each one the cluster refused, and why."""
    answer = admin.create_topics(missing, raise_errors=False)
    refused = [
        f"{t['name']}: {t.get('error_message') or 'error ' + str(t['error_code'])}"
        for t in answer["topics"]
        if t["error_code"] not in (0, _TOPIC_EXISTS)
    ]
    if refused:
        raise PublishError(f"cannot create topic {'; '.join(refused)}")
    admin.wait_for_topics(sorted(missing))
    for name, spec in sorted(missing.items()):
        log.info("topic_created", topic=name, **spec)


class KafkaPublisher:
    """Publishes to one topic; connects on first use, so a dead broker never blocks start-up."""

    def __init__(self, settings: KafkaSettings) -> None:
        self._settings = settings
        self._producer: KafkaProducer | None = None
        self._lock = threading.Lock()
        # set once the topic was checked or created: start-up does it, publishing need not redo it
        self._topic_ready = False

    def publish(self, records: Sequence[OutboundRecord]) -> None:
        """Send every record and wait for all acknowledgements; PublishError if any fails."""
        if not records:
            return
        producer = self._connect()
        futures = [
            producer.send(
                self._settings.topic,
                value=encode(r),
                key=r.key.encode(),
                headers=list(r.headers),
            )
            for r in records
        ]
        timeout = self._settings.delivery_timeout_ms / 1000 + 5
        for record, future in zip(records, futures, strict=True):
            try:
                future.get(timeout=timeout)
            except KafkaError as exc:
                raise PublishError(f"event {record.event_id} not acknowledged: {exc}") from exc

    def _connect(self) -> KafkaProducer:
        with self._lock:
            if self._producer is None:
                if not self._topic_ready:
                    self.ensure_topic()
                try:
                    with _AuthFailures() as failures:
                        self._producer = KafkaProducer(
                            **client_options(self._settings),
                            acks="all",
                            enable_idempotence=True,
                            delivery_timeout_ms=self._settings.delivery_timeout_ms,
                            # kafka-python wants delivery > linger + request timeout
                            request_timeout_ms=min(30_000, self._settings.delivery_timeout_ms // 2),
                            linger_ms=5,
                            compression_type=(
                                None
                                if self._settings.compression_type == "none"
                                else self._settings.compression_type
                            ),
                        )
                except KafkaTimeoutError as exc:
                    raise self._unavailable(failures.first) from exc
                except KafkaError as exc:
                    raise PublishError(f"cannot create the Kafka producer: {exc}") from exc
            return self._producer

    def ensure_topic(self) -> None:
        """Create the topic when missing (if allowed); check its layout when present."""
        try:
            with _AuthFailures() as failures:
                admin = KafkaAdminClient(**client_options(self._settings))
        except KafkaTimeoutError as exc:
            raise self._unavailable(failures.first) from exc
        except KafkaError as exc:
            raise PublishError(f"cannot connect to Kafka: {exc}") from exc
        try:
            (found,) = admin.describe_topics([self._settings.topic])
            if found["error_code"] == 0:
                check_topic(self._settings, found)
            elif not self._settings.create_topic:
                raise PublishError(
                    f"topic {self._settings.topic} does not exist and kafka.create_topic is off"
                )
            else:
                self._create(admin)
        except KafkaError as exc:
            raise PublishError(f"cannot check topic {self._settings.topic}: {exc}") from exc
        finally:
            admin.close()
        self._topic_ready = True

    def _create(self, admin: KafkaAdminClient) -> None:
        settings = self._settings
        spec: dict[str, Any] = {
            "num_partitions": settings.topic_partitions,
            "replication_factor": settings.topic_replication_factor,
        }
        if settings.topic_retention_ms is not None:
            spec["configs"] = {"retention.ms": str(settings.topic_retention_ms)}
        create_topics(admin, {settings.topic: spec})

    def _unavailable(self, auth_failure: str | None = None) -> PublishError:
        servers = ",".join(self._settings.bootstrap_servers)
        if auth_failure is not None:
            return PublishError(f"Kafka at {servers} rejected the SASL login: {auth_failure}")
        if self._settings.security_protocol.startswith("SASL") and _listening(
            self._settings.bootstrap_servers
        ):
            # the broker answers TCP but kafka-python saw only disconnects: under load it can
            # read the broker's close before the failed-login response it follows
            return PublishError(
                f"Kafka at {servers} closed the connection during the SASL login "
                "(wrong kafka.sasl_username, password or sasl_mechanism?)"
            )
        waited = self._settings.bootstrap_timeout_ms / 1000
        return BrokerUnavailableError(f"no Kafka broker answered at {servers} within {waited:g} s")

    def close(self) -> None:
        """Flush what is in flight and disconnect."""
        with self._lock:
            if self._producer is not None:
                self._producer.close(timeout=self._settings.delivery_timeout_ms / 1000)
                self._producer = None


def _listening(servers: Sequence[str]) -> bool:
    """True when some bootstrap server accepts a TCP connection."""
    for server in servers:
        host, _, port = server.rpartition(":")
        try:
            with socket.create_connection((host.strip("[]"), int(port)), timeout=2):
                return True
        except (OSError, ValueError):
            continue
    return False


class _AuthFailures(logging.Handler):
    """Catches kafka-python's log of a rejected login while connecting.

    kafka-python retries a failed SASL login until its bootstrap timeout and then reports a
    plain timeout; its log is the only place that says the credentials were wrong.
    """

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.first: str | None = None
        self._logger = logging.getLogger("kafka")

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if self.first is None and "AuthenticationFailed" in message:
            start = max(message.find("Authentication failed"), 0)
            self.first = message[start:].rstrip(")")

    def __enter__(self) -> _AuthFailures:
        self._logger.addHandler(self)
        return self

    def __exit__(self, *_exc: object) -> None:
        self._logger.removeHandler(self)
