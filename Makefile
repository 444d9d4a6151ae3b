# The commands a person runs. `make site` and `make test` set up .venv on first use.
PYTHON ?= python3
# Material prints a notice about its successor on every build; the handbook has its own notes.
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test check lint typecheck plain validate translations clean

VNU_JAR := tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	touch $(STAMP)

## Validate, generate and build the whole site into site/.
site: $(STAMP)
	$(BIN)/handbook build

## Preview at http://127.0.0.1:8000 with live reload on every YAML, PO, template and page edit.
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## Only check the sources.
validate: $(STAMP)
	$(BIN)/handbook validate

## Bring the PO catalogues in step with the sources and show how far each language is.
translations: $(STAMP)
	$(BIN)/handbook translations update

lint: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

typecheck: $(STAMP)
	$(BIN)/mypy

## The plain-language check of every page (limits in handbook.yml), and the required languages.
plain: $(STAMP)
	$(BIN)/handbook lint
	$(BIN)/handbook translations status --check --languages-only

## The Nu HTML Checker, pinned in tools/vnu (needs npm to install and Java to run).
$(VNU_JAR): tools/vnu/package.json tools/vnu/package-lock.json
	npm ci --prefix tools/vnu --silent --no-audit --no-fund
	touch $(VNU_JAR)

## The whole suite: lint, types, plain language, unit, golden, end-to-end and browser tests.
test: lint typecheck plain $(VNU_JAR)
	$(BIN)/pytest

check: test

clean:
	rm -rf site .cache; find generated -mindepth 1 ! -name .gitkeep -delete
