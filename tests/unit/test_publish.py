"""Publisher errors that need no broker: what a failed SASL login and a dead address say."""

import socket
import threading

import pytest
from pydantic import SecretStr

from daemon.config import KafkaSettings
from daemon.errors import BrokerUnavailableError, PublishError
from daemon.publish import KafkaPublisher, check_topic


def closing_server():
    """Accepts TCP connections and closes each at once, like a broker refusing a login."""
    server = socket.create_server(("127.0.0.1", 0))

    def serve():
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            connection.close()

    threading.Thread(target=serve, daemon=True).start()
    return server


def test_sasl_login_closed_by_the_server_is_named():
    """A listener that drops the SASL login is reported as a login problem, not as no broker."""
    server = closing_server()
    address = f"127.0.0.1:{server.getsockname()[1]}"
    settings = KafkaSettings(
        bootstrap_servers=(address,), security_protocol="SASL_PLAINTEXT",
        sasl_mechanism="PLAIN", sasl_username="u", sasl_password=SecretStr("p"),
        bootstrap_timeout_ms=1000,
    )  # fmt: skip
    try:
        with pytest.raises(PublishError, match="closed the connection during the SASL login"):
            KafkaPublisher(settings).ensure_topic()
    finally:
        server.close()


def test_nothing_listening_is_broker_unavailable():
    """No listener at all: BrokerUnavailableError naming the address and the wait."""
    settings = KafkaSettings(bootstrap_servers=("127.0.0.1:9",), bootstrap_timeout_ms=500)
    with pytest.raises(BrokerUnavailableError, match=r"127\.0\.0\.1:9 within 0\.5 s"):
        KafkaPublisher(settings).ensure_topic()


def test_topic_layout_check():
    """Partition count and replication factor must match the configuration."""
    settings = KafkaSettings(topic="t", topic_partitions=3, topic_replication_factor=1)
    good = {"partitions": [{"replica_nodes": [1]}] * 3}
    check_topic(settings, good)
    with pytest.raises(PublishError, match="t has 2 partitions, config says 3"):
        check_topic(settings, {"partitions": [{"replica_nodes": [1]}] * 2})
