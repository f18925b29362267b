# Two commands on a fresh machine: `make run` (a workshop with the built-in plan) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PLAN ?= kerneopgaven
# More options for `kerne run`, e.g. make run ARGS="--resume" or ARGS="--port 0 --data-dir DIR".
ARGS ?=

.PHONY: run demo test test-fast test-screen test-real check bench chromium clean fixtures

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/kerne run $(PLAN) $(ARGS)

demo: $(VENV)/.installed
	$(BIN)/kerne demo --speed 10

# The browser tests drive /usr/bin/chromium exactly (Debian's), so no other chromium will do.
chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium tmux; \
	  else echo "The browser tests need Debian's chromium and tmux: sudo apt-get install chromium tmux"; exit 1; fi; }
	@command -v tmux >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux; \
	  else echo "The terminal tests need tmux: sudo apt-get install tmux"; exit 1; fi; }

check: $(VENV)/.installed
	$(BIN)/ruff check kerne_tui tests benchmarks
	$(BIN)/ruff format --check kerne_tui tests benchmarks
	$(BIN)/mypy --strict kerne_tui

# KERNE_REQUIRE_REAL_PARTS=1: a browser or terminal test that would skip fails instead.
test: $(VENV)/.installed chromium check
	KERNE_REQUIRE_REAL_PARTS=1 $(BIN)/python -m pytest -q

# The groups of tests/support/groups.py: in-process units (seconds), the screen, the real parts.
test-fast: $(VENV)/.installed
	$(BIN)/python -m pytest -q -m unit

test-screen: $(VENV)/.installed
	$(BIN)/python -m pytest -q -m screen

test-real: $(VENV)/.installed chromium
	KERNE_REQUIRE_REAL_PARTS=1 $(BIN)/python -m pytest -q -m real

# Rebuild the archive's committed session and its golden reports from the code; read the diff.
fixtures: $(VENV)/.installed
	cd tests && ../$(BIN)/python -m fixtures.archive_sessions

bench: $(VENV)/.installed
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) build dist test-artifacts .pytest_cache .mypy_cache .ruff_cache
