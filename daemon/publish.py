"""Publishing event records to Kafka, waiting for the broker's acknowledgement of each."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from typing import Any, Protocol

from kafka import KafkaAdminClient, KafkaProducer
from kafka.errors import KafkaError, KafkaTimeoutError, TopicAlreadyExistsError

from daemon.config import KafkaSettings
from daemon.errors import BrokerUnavailableError, PublishError
from daemon.model import OutboundRecord


class Publisher(Protocol):
    """Where event records go. `publish` returns only once every record is acknowledged."""

    def publish(self, records: Sequence[OutboundRecord]) -> None: ...

    def close(self) -> None: ...


def encode(record: OutboundRecord) -> bytes:
    """The message value: compact UTF-8 JSON."""
    return json.dumps(record.value, ensure_ascii=False, separators=(",", ":")).encode()


def client_options(settings: KafkaSettings) -> dict[str, Any]:
    """Connection options shared by producer, admin client and consumers."""
    options: dict[str, Any] = {
        "bootstrap_servers": list(settings.bootstrap_servers),
        "client_id": settings.client_id,
        "security_protocol": settings.security_protocol,
        "bootstrap_timeout_ms": settings.bootstrap_timeout_ms,
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


class KafkaPublisher:
    """Publishes to one topic; connects on first use, so a dead broker never blocks start-up."""

    def __init__(self, settings: KafkaSettings) -> None:
        self._settings = settings
        self._producer: KafkaProducer | None = None
        self._lock = threading.Lock()

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
                self.ensure_topic()
                try:
                    self._producer = KafkaProducer(
                        **client_options(self._settings),
                        acks="all",
                        enable_idempotence=True,
                        delivery_timeout_ms=self._settings.delivery_timeout_ms,
                        # kafka-python wants delivery > linger + request timeout
                        request_timeout_ms=min(30_000, self._settings.delivery_timeout_ms // 2),
                        linger_ms=5,
                    )
                except KafkaTimeoutError as exc:
                    raise self._unavailable() from exc
                except KafkaError as exc:
                    raise PublishError(f"cannot create the Kafka producer: {exc}") from exc
            return self._producer

    def ensure_topic(self) -> None:
        """Create the topic when missing, with the configured partitions and replication."""
        try:
            admin = KafkaAdminClient(**client_options(self._settings))
        except KafkaTimeoutError as exc:
            raise self._unavailable() from exc
        try:
            if self._settings.topic not in admin.list_topics():
                admin.create_topics(
                    {
                        self._settings.topic: {
                            "num_partitions": self._settings.topic_partitions,
                            "replication_factor": self._settings.topic_replication_factor,
                        }
                    },
                    wait_for_metadata=True,
                )
        except TopicAlreadyExistsError:
            pass  # another process created it between our check and our request
        except KafkaError as exc:
            raise PublishError(f"cannot create topic {self._settings.topic}: {exc}") from exc
        finally:
            admin.close()

    def _unavailable(self) -> BrokerUnavailableError:
        servers = ",".join(self._settings.bootstrap_servers)
        waited = self._settings.bootstrap_timeout_ms / 1000
        return BrokerUnavailableError(f"no Kafka broker answered at {servers} within {waited:g} s")

    def close(self) -> None:
        """Flush what is in flight and disconnect."""
        with self._lock:
            if self._producer is not None:
                self._producer.close(timeout=self._settings.delivery_timeout_ms / 1000)
                self._producer = None
