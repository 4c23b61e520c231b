# Two commands for a fresh machine: `make build` and `make test`.
# Both create .venv from requirements.lock (with uv) when it is missing or stale.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-from-lock
BYTECODE := $(VENV)/.bytecode-compiled
SOURCE := raw/ncb-safeguarding-early-adopters-overview.pdf
MANIFEST := raw/manifest.json
OUT := output
FIGURE := $(OUT)/figures/themes-by-region.svg
QA := $(OUT)/qa/index.html
# make serve: Datasette on this machine only, unless SERVE_HOST says otherwise.
SERVE_HOST ?= 127.0.0.1
SERVE_PORT ?= 8001

# Everything a build reads: when none of it changed, `make build` does nothing.
BUILD_INPUTS := $(SOURCE) $(MANIFEST) requirements.lock \
	$(shell find pipeline schemas -type f \( -name '*.py' -o -name '*.csv' -o -name '*.toml' -o -name '*.md' -o -name '*.j2' \) -not -path '*/__pycache__/*')

.PHONY: build test lint format accept-edition clean release serve

build: $(OUT)/datapackage.json $(FIGURE)

$(OUT)/datapackage.json: $(BUILD_INPUTS) | $(STAMP)
	$(PY) -m pipeline build --source $(SOURCE) --manifest $(MANIFEST) --out $(OUT)

# The summary figure (.svg and .png), drawn from the published Parquet files. A build that
# publishes replaces $(OUT) whole, figures and QA pages included: they are drawn again.
$(FIGURE): $(OUT)/datapackage.json | $(STAMP)
	$(PY) -m pipeline figures --data $(OUT) --out $(OUT)/figures

# Every site page drawn with the boxes read from it: open $(QA).
.PHONY: qa
qa: build $(QA)

$(QA): $(OUT)/datapackage.json | $(STAMP)
	$(PY) -m pipeline qa --source $(SOURCE) --manifest $(MANIFEST) --out $(OUT)/qa

# uv installs the lock's exact versions (and nothing else) in a few seconds, where pip takes
# most of a minute; it is itself pinned and comes from PyPI like every other package.
UV_VERSION := 0.13.9
$(STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	test -x $(VENV)/bin/uv || $(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip sync --quiet --python $(PY) requirements.lock
	touch $@

# The tests run on every core (pytest-xdist); each test is independent of the others. A
# test module runs in one worker (--dist loadfile), so the publishing tests, which share one
# CKAN portal, start it once and never use it at the same time. (xdist's loadgroup would
# group finer, but does not group under pytest 9: it renames items by an attribute pytest
# 9 no longer reads.)
test: $(BYTECODE)
	$(PY) -m pytest -q -n auto --dist loadfile

# The tests start some 40 interpreters (workers, commands, readers). Where Python writes no
# bytecode of its own (PYTHONDONTWRITEBYTECODE, read-only folders), each would compile
# pandas, pyarrow and the rest from source again, about 1.2 s of CPU apiece; compiled once
# after each install (about 10 s), they load in half a second. `make build` starts two
# interpreters and does without.
$(BYTECODE): $(STAMP)
	$(PY) -c 'import compileall, sys, sysconfig; sys.exit(not compileall.compile_dir(sysconfig.get_path("purelib"), quiet=1, workers=0))'
	touch $@

# Cold build against bare pdfplumber, stages, memory, no-op make, 20/200/1000-page editions;
# writes the figures into BENCHMARKS.md (a few minutes; not part of make test).
.PHONY: bench
bench: $(STAMP)
	$(PY) -m tests.bench

# ruff (style, bandit's S rules, named thresholds), import-linter (imports point down the
# stages, no circles: pyproject.toml [tool.importlinter]) and mypy (types of pipeline/).
lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) -m mypy

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# A deliberate new edition: record its bytes and sha256 in the manifest.
accept-edition: $(STAMP)
	$(PY) -m pipeline accept-edition --source $(SOURCE) --manifest $(MANIFEST)

# `make release VERSION=x.y.z [RELEASE_CONFIG=FILE] [RELEASE_DATE=YYYY-MM-DD]`: the release
# folder releases/VERSION/ (kept across builds, never overwritten), configured by
# RELEASE_CONFIG (default release.toml; release.example.toml shows every key). VERSION is
# checked before anything is built.
RELEASE_CONFIG ?= release.toml
RELEASES := releases
ifneq ($(filter release,$(MAKECMDGOALS)),)
ifeq ($(strip $(VERSION)),)
$(error VERSION is required: make release VERSION=x.y.z (with a "## x.y.z" entry in CHANGELOG.md))
endif
endif

release: build
	$(PY) -m pipeline release $(VERSION) --out $(OUT) --manifest $(MANIFEST) \
		--config $(RELEASE_CONFIG) --dest $(RELEASES) $(if $(RELEASE_DATE),--date $(RELEASE_DATE))

# `make publish CKAN_URL=https://... [CKAN_ORG=name] [VERSION=x.y.z]`, with the API token in
# $CKAN_API_TOKEN: uploads releases/VERSION/ (default: the newest release) to the portal.
.PHONY: publish
ifneq ($(filter publish,$(MAKECMDGOALS)),)
ifeq ($(strip $(CKAN_URL)),)
$(error CKAN_URL is required: make publish CKAN_URL=https://your-portal [CKAN_ORG=organisation])
endif
endif

publish: | $(STAMP)
	$(PY) -m pipeline publish --ckan $(CKAN_URL) $(if $(CKAN_ORG),--org $(CKAN_ORG)) \
		$(if $(VERSION),--release $(RELEASES)/$(VERSION))

# Preview the tables as a portal would show them, at http://$(SERVE_HOST):$(SERVE_PORT)/.
serve: build
	$(PY) -m pipeline serve --out $(OUT) --host $(SERVE_HOST) --port $(SERVE_PORT)

clean:
	rm -rf $(OUT) .pytest_cache
