# Two commands: `make demo` (set up, run on the sample corpus) and `make test` (set up, pass the tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= out/sample.sqlite

.PHONY: setup demo test test-fast lint bench bench-review evaluate lockbox clean

setup: $(VENV)/.installed
	@if ! command -v tesseract >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 \
	    || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || [ ! -x /usr/bin/chromium ]; then \
	  echo "installing Tesseract OCR, poppler-utils, DejaVu fonts and Chromium (apt)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    tesseract-ocr tesseract-ocr-eng poppler-utils fonts-dejavu-core chromium >/dev/null; fi

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

demo: setup
	rm -f $(DB)
	$(BIN)/expediente process corpus/sample/docs --db $(DB)
	$(BIN)/expediente stats --db $(DB)
	$(BIN)/expediente export --format jsonl --db $(DB) -o out/sample.jsonl
	$(BIN)/expediente export --unit defendant --format jsonl --db $(DB) -o out/defendants.jsonl
	$(BIN)/expediente report --db $(DB) -o out/report.html --compare extraditing_the_truth

test: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

# while editing: no Prefect server, no OCR (see "Tests" in the README); `make test` stays what CI runs
test-fast: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup -m "not flow and not ocr"

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

# ratios measured side by side in one run (README, "Speed"): the real documents and generated corpora of 100 and
# 2,000 documents (~40,000 pages, built once into out/bench-corpus); the table is printed, out/bench.json written.
# Smaller or fewer: make bench BENCH_ARGS="--docs 20 100 --no-realdocs"
BENCH_ARGS ?=
bench: setup
	$(BIN)/python -m expediente.flows.bench $(BENCH_ARGS)

# the review workbench on a generated dataset of 10,000 documents (built once into out/bench_review.sqlite)
bench-review: setup
	$(BIN)/python -m expediente.flows.bench_review

# accuracy: development gold (real documents, then the sample corpus), then the held-out lockbox
evaluate: setup
	$(BIN)/expediente evaluate annotations/gold/realdocs --json out/eval_realdocs.json
	$(BIN)/expediente evaluate corpus/sample/truth.jsonl corpus/sample/defendants.jsonl --json out/eval_sample.json

lockbox: setup
	$(BIN)/expediente evaluate annotations/gold/lockbox --json out/eval_lockbox.json

clean:
	rm -rf out .pytest_cache
