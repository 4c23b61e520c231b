# Two commands for a fresh machine: `make build` and `make test`.
# Both create .venv from requirements.lock when it is missing or stale.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-from-lock
SOURCE := raw/ncb-safeguarding-early-adopters-overview.pdf
MANIFEST := raw/manifest.json
OUT := output

# Everything a build reads: when none of it changed, `make build` does nothing.
BUILD_INPUTS := $(SOURCE) $(MANIFEST) requirements.lock \
	$(wildcard pipeline/*.py pipeline/reference/*.csv schemas/*)

.PHONY: build test lint format accept-edition clean

build: $(OUT)/datapackage.json

$(OUT)/datapackage.json: $(BUILD_INPUTS) | $(STAMP)
	$(PY) -m pipeline build --source $(SOURCE) --manifest $(MANIFEST) --out $(OUT)

$(STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
	touch $@

test: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# A deliberate new edition: record its bytes and sha256 in the manifest.
accept-edition: $(STAMP)
	$(PY) -m pipeline accept-edition --source $(SOURCE) --manifest $(MANIFEST)

clean:
	rm -rf $(OUT) .pytest_cache
