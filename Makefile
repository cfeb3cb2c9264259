# corpus-tools: every target sets up .venv itself when it is missing or out of date.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= data
OUT    ?= reports

.PHONY: report test lab bench clean setup

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,lab,dask]'
	touch $(STAMP)

setup: $(STAMP)

report: $(STAMP)
	$(BIN)/corpus-tools report $(CORPUS) --out $(OUT)
	@echo "Report written: $(abspath $(OUT))/index.html"

test: $(STAMP)
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks

bench: $(STAMP)
	@test -d /usr/share/wordnet || { echo "bench_rewrites.py needs WordNet: apt-get install -y wordnet-base"; \
	  command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && apt-get install -y -qq wordnet-base; }
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache build dist *.egg-info
