# The commands a person runs. `make site` and `make test` set up .venv on first use.
PYTHON ?= python3
# Material prints a notice about its successor on every build; the handbook has its own notes.
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test check lint typecheck plain validate publish translations clean lock browser bench lighthouse

VNU_JAR := tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar

# Every file pip installs is checked against its SHA-256 in requirements.lock; the project itself
# is installed editable with the lock's setuptools (no build isolation, so nothing else is fetched).
$(STAMP): pyproject.toml constraints.txt requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The lock tool, pinned. Python 3.11.5, not 3.11: pymdown-extensions 13.1.2 needs >= 3.11.5.
UV := uv==0.13.8
LOCK_PYTHON := 3.11.5
LOCK_NOTE := \#\n\# Every package of pyproject.toml (dependencies and the test extra), all their dependencies\n\# and setuptools from [build-system], each with the SHA-256 of every file of its release (all\n\# platforms and the sdist). make installs it with pip install --require-hashes --no-deps.\n

# Versions already in the lock are kept: `make lock UPGRADE=--upgrade` lets every one move on.
## Regenerate requirements.lock, and constraints.txt from it, after a change to pyproject.toml.
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check $(UV)
	$(BIN)/python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['build-system']['requires'], sep='\n')" \
	  | $(BIN)/uv pip compile --quiet pyproject.toml - --extra test $(UPGRADE) \
	      --generate-hashes --universal --python-version $(LOCK_PYTHON) \
	      --custom-compile-command "make lock" --output-file requirements.lock
	{ head -n 2 requirements.lock; printf '$(LOCK_NOTE)'; tail -n +3 requirements.lock; } > requirements.lock.tmp
	mv requirements.lock.tmp requirements.lock
	{ echo '# Generated from requirements.lock by `make lock`: the lock is the source of truth, do not edit.'; \
	  echo '# The same pins without hashes, for tools that read a plain constraints file.'; \
	  sed -n 's/^\([A-Za-z0-9][^ ]*==[^ \\]*\( ; [^\\]*[^ \\]\)\{0,1\}\).*/\1/p' requirements.lock; } > constraints.txt

## Validate, generate and build the whole site into site/.
site: $(STAMP)
	$(BIN)/handbook build

## Preview at http://127.0.0.1:8000 with live reload on every YAML, PO, template and page edit.
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## Only check the sources.
validate: $(STAMP)
	$(BIN)/handbook validate

## Refuse what must not go live (placeholders, example addresses, TODO marks, review dates past
## due), then build site/ to publish. The deploy files in .github/ and .gitlab-ci.yml run this.
publish: $(STAMP)
	$(BIN)/handbook validate --publish
	$(BIN)/handbook build

## Bring the PO catalogues in step with the sources and show how far each language is.
translations: $(STAMP)
	$(BIN)/handbook translations update

lint: $(STAMP)
	$(BIN)/ruff check scripts tests tools
	$(BIN)/ruff format --check scripts tests tools

typecheck: $(STAMP)
	$(BIN)/mypy

## The plain-language check of every page (limits in handbook.yml), and the required languages.
plain: $(STAMP)
	$(BIN)/handbook lint
	$(BIN)/handbook translations status --check --languages-only

## The Nu HTML Checker, pinned in tools/vnu (needs npm to install and Java to run).
$(VNU_JAR): tools/vnu/package.json tools/vnu/package-lock.json
	npm ci --prefix tools/vnu --silent --no-audit --no-fund --ignore-scripts
	touch $(VNU_JAR)

## Chromium for the browser tests: Debian's where it is installed, else Playwright's own
## (downloaded once into Playwright's cache).
browser: $(STAMP)
	@[ -x /usr/bin/chromium ] || $(BIN)/playwright install chromium

## The whole suite: lint and types, then every test (unit, golden, end-to-end, browser), then the
## content gates (plain language, required languages). Every step runs, even after one failed,
## so a content gate never hides a test result; the exit code says whether all passed.
test: $(STAMP) $(VNU_JAR) browser
	@failed=""; \
	$(MAKE) --no-print-directory lint || failed="$$failed lint"; \
	$(MAKE) --no-print-directory typecheck || failed="$$failed typecheck"; \
	$(BIN)/pytest || failed="$$failed pytest"; \
	$(MAKE) --no-print-directory plain || failed="$$failed plain"; \
	if [ -n "$$failed" ]; then echo "make test: failed:$$failed"; exit 1; fi

check: test

LIGHTHOUSE := tools/lighthouse/node_modules/.bin/lighthouse

$(LIGHTHOUSE): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	npm ci --prefix tools/lighthouse --silent --no-audit --no-fund --ignore-scripts
	touch $(LIGHTHOUSE)

## Lighthouse mobile scores of home, a module and an escalation page in two languages, on the
## site that `make site` built (not part of make test: performance is measured, not tested).
lighthouse: $(STAMP) $(LIGHTHOUSE) browser
	$(BIN)/python tools/lighthouse.py

## Page weight, build time and 5x-content scaling against plain Material (not part of make test).
bench: $(STAMP) browser
	$(BIN)/python tools/bench.py

clean:
	rm -rf site .cache; find generated -mindepth 1 ! -name .gitkeep -delete
