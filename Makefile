# `make demo` and `make test` work on a fresh machine with Python 3.10+ and pip:
# they create .venv once, install articlenlp into it, and reuse it afterwards.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint setup clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/articlenlp analyze examples/ -o out.jsonl
	@echo "wrote out.jsonl:"
	@$(BIN)/python -c "import json; [print(r['id'], '->', r['stance']['label'], r['stance']['work'], r['stance']['season']) if 'stance' in r else print(r['id'], 'ERROR', r['error']) for r in map(json.loads, open('out.jsonl'))]"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test: $(STAMP) lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out.jsonl
