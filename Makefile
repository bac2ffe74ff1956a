# Two commands on a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: speedups run test lint lock bench bench-faults bench-analyst bench-quality bench-optimizer bench-policy bench-footprint bench-media bench-campaigns install clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null || { echo "need Python 3.11+ (found: $(PYTHON)); try make PYTHON=/path/to/python3.11"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,speedups]'
	$(VENV)/bin/bandcrew speedups build --optional
	@touch $(STAMP)

install: $(STAMP)

# The compiled policy engine, rebuilt after editing it (without it the Python source runs).
speedups: $(STAMP)
	$(VENV)/bin/bandcrew speedups build

run: $(STAMP)
	$(VENV)/bin/bandcrew up

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# requirements.lock: the exact runtime dependencies the image installs (no test extras).
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check .
	{ sed -n '/^#/p' requirements.lock; .lock-venv/bin/pip freeze --exclude band-stream-crew; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .lock-venv build

bench: $(STAMP)
	$(PY) bench/pipeline.py

bench-faults: $(STAMP)
	$(PY) bench/faults.py

bench-analyst: $(STAMP)
	$(PY) bench/analyzing_stage.py

bench-quality: $(STAMP)
	$(PY) bench/quality.py

bench-optimizer: bench-policy

bench-policy: $(STAMP)
	$(PY) bench/policy_checks.py

bench-footprint: $(STAMP)
	$(PY) bench/footprint.py

bench-media: $(STAMP)
	$(PY) bench/media.py

bench-campaigns: $(STAMP)
	$(PY) bench/campaigns.py

clean:
	rm -rf $(VENV) .data .pytest_cache .ruff_cache
