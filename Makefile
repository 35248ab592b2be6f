# permitflow — the two commands of the README:
#   make run    set up and run the bundled Familjen Helsingborg study (results/ + report.html)
#   make test   set up everything the tests need and run the whole suite
# Both create .venv with the Python on PATH (3.11 or newer) and install into it;
# nothing is installed by hand.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: run test setup setup-test node-deps browser lexicons peer simod-env clean bench readme-numbers

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install --quiet -e .

setup-test: $(BIN)/python node-deps browser lexicons peer
	$(BIN)/pip install --quiet -e '.[test]'

# bpmn-moddle (the parser inside bpmn.io / Camunda Modeler) checks our exported BPMN; axe-core audits
# the pages the product writes for accessibility (tests/axeaudit.py).
node-deps:
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; }
	cd tests/js && npm ci --silent --no-audit --no-fund

# Debian's Chromium for the HTML report's browser test (playwright cannot download one here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Debian's English WordNet and Swedish thesaurus, read offline by `diff --thesaurus` (their tests
# skip without them; the product runs without them).
lexicons:
	@test -f /usr/share/wordnet/data.noun -a -f /usr/share/mythes/th_sv_FI_v2.dat -a -f /usr/share/mythes/th_en_US_v2.dat || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wordnet-base mythes-sv mythes-en-us >/dev/null; }

# Prosimos, the peer simulator the interop tests and bench/prosimos_side_by_side.py run, in its
# own environment (it is not a permitflow dependency).
peer:
	@test -x bench/.venv-prosimos/bin/python || { $(PYTHON) -m venv bench/.venv-prosimos && \
	  bench/.venv-prosimos/bin/python -m pip install --quiet prosimos==2.1.0; }

# Simod (PyPI simod; needs a Java runtime, Debian's default-jre) for bench/simod_side_by_side.py, in its own
# environment (not a permitflow dependency, not part of `make test`).
simod-env:
	@test -x bench/.venv-simod/bin/simod || { $(PYTHON) -m venv bench/.venv-simod && \
	  bench/.venv-simod/bin/python -m pip install --quiet simod; }

run: setup
	$(BIN)/permitflow run

test: setup-test
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

# The README's table of the main job, from a run of the bundled study (cached in results/).
readme-numbers: setup
	$(BIN)/python bench/readme_numbers.py --write

bench: setup-test
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) tests/js/node_modules results bench/.venv-prosimos bench/.venv-simod
