# The two quick-start commands: `make run` (set up, start the local broker, run the daemon) and
# `make test` (set up, lint, type-check, then the tests against a real broker).
PYTHON ?= python3
VENV ?= .venv
CONFIG ?= config.yaml
KAFKA_PORT ?= 9092
SAMPLES_PORT ?= 8765
BIN := $(VENV)/bin

.PHONY: setup broker broker-stop run run-offline test lint unit integration bench clean model

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

broker: setup
	KAFKA_PORT=$(KAFKA_PORT) KAFKA_PYTHON=$(abspath $(BIN)/python) deploy/kafka/broker.sh start

broker-stop:
	KAFKA_PORT=$(KAFKA_PORT) deploy/kafka/broker.sh stop

run: broker
	$(BIN)/sahelwatch --config $(CONFIG) run

# The bundled sample feeds, served on loopback, through one cycle to the local broker.
run-offline: broker
	@$(BIN)/python -m http.server $(SAMPLES_PORT) --bind 127.0.0.1 --directory examples/feeds \
		>/dev/null 2>&1 & server=$$!; trap "kill $$server" EXIT; sleep 1; \
		$(BIN)/sahelwatch --config examples/offline.yaml run --once

lint: setup
	$(BIN)/ruff check daemon tests bench
	$(BIN)/ruff format --check daemon tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

# every benchmark, one report (about 5 minutes here); BENCHMARKS.md keeps the latest
bench: broker
	$(BIN)/python bench/run_all.py 127.0.0.1:$(KAFKA_PORT)

unit: setup
	$(BIN)/python -m pytest tests/unit

clean:
	rm -rf $(VENV) .state .pytest_cache .mypy_cache .ruff_cache

# The trained decider's weights (daemon/data/decider/), rebuilt from the templates and the phrasing
# bank's dev split; seeded, so the same sources give the same weights (about a minute on CPU).
model: setup
	$(BIN)/python -m daemon.extract.training.build
