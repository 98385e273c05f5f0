"""Deployment files stay consistent with the project (what can be checked without Docker)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from daemon import config

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def kafka_version() -> str:
    match = re.search(r"<kafka.version>([^<]+)<", (DEPLOY / "kafka" / "pom.xml").read_text())
    assert match
    return match.group(1)


def test_compose_runs_the_same_kafka_as_the_local_broker():
    """docker-compose parses, and its broker image matches the Maven Kafka version."""
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"kafka", "sahelwatch", "prometheus", "fetcher", "extractor"}
    assert services["fetcher"]["command"] == ["run", "--role", "fetch"]
    assert services["extractor"]["command"] == ["run", "--role", "extract"]
    assert services["kafka"]["image"] == f"apache/kafka:{kafka_version()}"
    assert services["sahelwatch"]["build"]["dockerfile"] == "deploy/Dockerfile"
    env = services["sahelwatch"]["environment"]
    assert env["SAHELWATCH_KAFKA__BOOTSTRAP_SERVERS"] == "kafka:19092"


def test_dockerfile_runs_as_non_root_and_downloads_nothing_at_run_time():
    """The image switches to an unprivileged user and installs everything at build time."""
    text = (DEPLOY / "Dockerfile").read_text()
    final_stage = text.split("\nFROM ")[-1]
    assert re.search(r"^USER sahelwatch$", final_stage, re.M)
    assert "pip install" not in final_stage
    assert 'ENTRYPOINT ["sahelwatch"]' in final_stage


def test_systemd_unit_is_hardened(tmp_path):
    """The unit restarts on failure, runs unprivileged, and verifies when systemd is present."""
    text = (DEPLOY / "sahelwatch.service").read_text()
    for line in (
        "DynamicUser=yes",
        "ProtectSystem=strict",
        "Restart=on-failure",
        "NoNewPrivileges=yes",
        "KillSignal=SIGTERM",
    ):
        assert re.search(rf"^{re.escape(line)}$", text, re.M), line
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze not installed")
    unit = tmp_path / "sahelwatch.service"
    # verify needs ExecStart's binary to exist: point it at a stand-in
    unit.write_text(text.replace("/opt/sahelwatch/bin/sahelwatch", shutil.which("true") or ""))
    result = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def k8s(name):
    return list(yaml.safe_load_all((DEPLOY / "k8s" / name).read_text()))


def test_kubernetes_probes_point_at_the_daemons_endpoints():
    """Probes use /healthz and /readyz on the port the config serves, as a non-root user."""
    (deployment, claim) = k8s("deployment.yaml")
    assert deployment["kind"] == "Deployment"
    assert claim["kind"] == "PersistentVolumeClaim"
    spec = deployment["spec"]["template"]["spec"]
    (container,) = spec["containers"]
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["ports"][0]["containerPort"] == 9464
    assert spec["securityContext"]["runAsNonRoot"] is True
    assert set(container["resources"]) == {"requests", "limits"}
    volumes = {v["name"]: v for v in spec["volumes"]}
    assert volumes["state"]["persistentVolumeClaim"]["claimName"] == claim["metadata"]["name"]
    assert volumes["secrets"]["secret"]["secretName"] == "sahelwatch-secrets"


def test_kubernetes_config_is_a_valid_sahelwatch_config(tmp_path):
    """The ConfigMap's config.yaml passes the daemon's own validation and matches the probes."""
    (configmap,) = k8s("configmap.yaml")
    path = tmp_path / "config.yaml"
    path.write_text(configmap["data"]["config.yaml"])
    # the mounted secret is not here: the environment stands in for it
    settings = config.load(path, {"SAHELWATCH_KAFKA__SASL_PASSWORD": "stand-in"})
    assert settings.health.port == 9464
    assert settings.health.host == "0.0.0.0"
    assert str(settings.kafka.sasl_password_file).startswith("/etc/sahelwatch/secrets/")


def test_compose_prometheus_scrapes_the_daemon():
    """The optional Prometheus scrapes the daemon's service on its metrics port."""
    scrape = yaml.safe_load((DEPLOY / "prometheus.yml").read_text())
    (job,) = scrape["scrape_configs"]
    assert job["static_configs"][0]["targets"] == ["sahelwatch:9464"]
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    assert compose["services"]["prometheus"]["profiles"] == ["metrics"]


def test_kubernetes_scale_out_runs_each_role_with_stable_extractor_names():
    """Fetchers and extractors run their roles; each extractor is named by its pod, for fencing."""
    fetch, extract = k8s("scale-out.yaml")
    assert (fetch["kind"], extract["kind"]) == ("Deployment", "StatefulSet")
    (fetcher,) = fetch["spec"]["template"]["spec"]["containers"]
    (extractor,) = extract["spec"]["template"]["spec"]["containers"]
    assert fetcher["args"] == ["run", "--role", "fetch"]
    assert extractor["args"] == ["run", "--role", "extract"]
    env = {e["name"]: e for e in extractor["env"]}
    assert env["SAHELWATCH_CLUSTER__INSTANCE"]["valueFrom"]["fieldRef"]["fieldPath"] == (
        "metadata.name"
    )
    for container in (fetcher, extractor):
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
        assert container["ports"][0]["containerPort"] == 9464
