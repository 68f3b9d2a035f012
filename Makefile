# The two commands of the README. Both install into a project-local virtual environment (.venv), so
# they also work where pip refuses the system Python (Debian 12, Ubuntu 24.04: "externally managed");
# as root on a fresh Debian with Python 3.11 the venv module is installed when missing.
.PHONY: serve test install test-deps

VENV := .venv
PYTHON := $(VENV)/bin/python
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

# The interpreter of the venv: Debian's own /usr/bin/python3 when it is 3.11 or newer (built with
# profile-guided and link-time optimisation, it runs Python code faster than a plain source build such
# as pyenv's, which may come first on the PATH: Markdown 8 %, a plain loop 22 %), else the python3 on
# the PATH (also when Debian's has no venv module and the python3 on the PATH has one, as for a user
# who cannot install python3-venv). Another one: `make PYTHON3=python3.12 serve` (before .venv exists).
PYTHON3 ?= $(if $(shell /usr/bin/python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo y),/usr/bin/python3,python3)

$(PYTHON):
	$(PYTHON3) -m venv $(VENV) 2>/dev/null || { rm -rf $(VENV); python3 -m venv $(VENV) 2>/dev/null; } || { rm -rf $(VENV); \
	  command -v apt-get >/dev/null && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; \
	  $(PYTHON3) -m venv $(VENV); }

install: $(PYTHON)
	$(PYTHON) -m pip install -q -e .

# Build and serve the demo site on http://127.0.0.1:8000/ (MkDocs' live-reload server; a save renders
# again only the pages it reaches, see README "Preview and build speed")
serve: install
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/disclosure serve -a 127.0.0.1:8000

# Everything the tests need (Python extras, Debian's chromium, axe-core from npm), then the whole suite.
test-deps: $(PYTHON)
	command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }
	$(PYTHON) -m pip install -q -e ".[test]"
	[ -f node_modules/axe-core/axe.min.js ] || npm install --no-save --no-audit --no-fund axe-core@4 >/dev/null

test: test-deps
	NO_MKDOCS_2_WARNING=1 $(PYTHON) -m pytest -n 2 site_tests; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status
