"""The `train` flow: rebuild the classifiers from annotations/ (orchestration only; the work is in models/)."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from expediente.flows.prefect_server import prefect_api
from expediente.models import cards, datasets, doctype, violence


@task(name="collect-documents", cache_policy=NO_CACHE)
def collect_documents(sources: list[datasets.Source]) -> list[datasets.LabelledDoc]:
    return datasets.collect(sources)


@task(name="build-examples", cache_policy=NO_CACHE)
def build_examples(docs: list[datasets.LabelledDoc]) -> tuple[datasets.Examples, datasets.Examples]:
    return datasets.doctype_examples(docs), datasets.violence_examples(docs)


@task(name="cross-validate", cache_policy=NO_CACHE)
def cross_validate(model: str, ex: datasets.Examples):
    return (doctype if model == "doctype" else violence).cross_validate(ex)


@task(name="fit-and-save", cache_policy=NO_CACHE)
def fit_and_save(model: str, ex: datasets.Examples, scores, out: str | None) -> dict:
    module = doctype if model == "doctype" else violence
    notes = cards.doctype_notes(scores) if model == "doctype" else cards.violence_notes(scores)
    return cards.save_with_card(model, module.train(ex), ex, scores, module.FEATURES, notes, out)


@flow(name="train")
def train(out: str | None = None, sources: list[datasets.Source] | None = None, gold: list[str] | None = None) -> dict:
    """Documents and gold → examples → grouped cross-validation → fit on everything → artifacts + cards.

    ``gold``: extra gold folders whose labels name their documents by absolute ``source`` path (gold exported
    from the review, ``review export-gold``), read beside ``sources``."""
    docs = collect_documents([*(sources or datasets.default_sources()), *datasets.gold_sources(gold or [])])
    doctype_ex, violence_ex = build_examples(docs)
    result = {}
    for model, ex in (("doctype", doctype_ex), ("violence", violence_ex)):
        scores = cross_validate(model, ex)
        entry = fit_and_save(model, ex, scores, out)
        result[model] = {"entry": entry, "table": cards.table(model, scores)}
    return result


def run_training(args) -> int:
    with prefect_api():
        result = train(out=str(Path(args.out)) if args.out else None, gold=getattr(args, "gold", None))
    for r in result.values():
        print(r["table"])
        print(f"  saved {r['entry']['file']} (version {r['entry']['version']})\n")
    return 0
