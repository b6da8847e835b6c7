"""The engine's plan, without running it: which task runner, how many workers, in which order documents go."""

from __future__ import annotations

import pytest

from expediente.corpus.discover import FoundFile
from expediente.flows.engine import Engine, interleaved
from expediente.flows.settings import FLOW_SETTINGS


def found(name: str, detected: str, size: int = 1) -> FoundFile:
    return FoundFile(path=f"/in/{name}", sha256=name, size=size, detected=detected)


@pytest.mark.parametrize(
    ("kinds", "order"),
    [
        ("PPPTTT", "PTPTPT"),  # scans may be slow: texts are never all queued behind them
        ("TTTP", "PTTT"),
        ("PPP", "PPP"),
        ("", ""),
        ("TIPH", "ITPH"),  # images count with PDFs, dockets with texts
    ],
)
def test_documents_that_may_need_ocr_alternate_with_texts(kinds, order):
    detected = {"P": "pdf", "I": "png", "T": "text", "H": "html"}
    todo = [found(f"{i}{k}", detected[k]) for i, k in enumerate(kinds)]
    assert "".join(item.sha256[-1] for item in interleaved(todo)) == order
    assert sorted(interleaved(todo), key=todo.index) == todo  # every document once


def test_the_largest_documents_that_may_need_ocr_go_first():
    todo = [found("small", "pdf", 10), found("text", "text", 5), found("scan", "pdf", 900), found("png", "png", 300)]
    assert [item.sha256 for item in interleaved(todo)] == ["scan", "text", "png", "small"]


@pytest.mark.parametrize(
    ("engine", "documents", "workers"),
    [
        (Engine(workers=1), 10, None),  # a thread of this process
        (Engine(workers=4), 1, None),  # one document: no cluster to start
        (Engine(workers=2), 10, 2),
        (Engine(workers=8), 3, 3),  # never more workers than documents
        (Engine(dask_address="tcp://127.0.0.1:8786"), 10, None),  # the team's cluster
    ],
)
def test_the_local_cluster_of_a_batch(engine, documents, workers):
    kwargs = engine.cluster_kwargs(documents)
    if workers is None:
        assert kwargs is None
    else:
        assert kwargs["n_workers"] == workers and kwargs["threads_per_worker"] == 1
        assert kwargs["memory_limit"] == f"{FLOW_SETTINGS.worker_memory_mb}MiB"
        assert kwargs["preload"] == ["expediente.flows.worker_setup"]


@pytest.mark.parametrize(
    ("engine", "documents", "runner"),
    [
        (Engine(workers=1), 10, "ThreadPoolTaskRunner"),
        (Engine(workers=4), 1, "ThreadPoolTaskRunner"),
        (Engine(dask_address="tcp://127.0.0.1:8786"), 1, "DaskTaskRunner"),  # connects when the flow starts
    ],
)
def test_the_task_runner_of_a_batch(engine, documents, runner):
    """(A local cluster's runner is started by tests/test_engine.py's real runs.)"""
    with engine.starting(documents) as task_runner:
        chosen = task_runner()
    assert type(chosen).__name__ == runner
    if engine.dask_address:
        assert chosen.address == engine.dask_address


@pytest.mark.parametrize(
    ("engine", "sizes", "parcels"),
    [
        # 1 worker, 2 in flight: parcels of at most len // 4 documents, and never above parcel_docs
        (Engine(workers=1), [1] * 3, [1, 1, 1]),
        (Engine(workers=1), [1] * 12, [3, 3, 3, 3]),
        (Engine(workers=1), [1] * 100, [8] * 12 + [4]),
        (Engine(workers=2), [1] * 100, [8] * 12 + [4]),
        (Engine(workers=2), [1] * 20, [2] * 10),  # every worker gets several parcels
        # a document larger than parcel_bytes goes alone; parcels close before they would pass it
        (Engine(workers=1), [2_000_000] + [400_000] * 40, [1] + [2] * 20),
        (Engine(dask_address="tcp://127.0.0.1:8786"), [1] * 200, [1] * 200),  # 64 in flight: many small parcels
        (Engine(dask_address="tcp://127.0.0.1:8786"), [1] * 2000, [8] * 250),
    ],
)
def test_documents_go_in_parcels(engine, sizes, parcels):
    assert (FLOW_SETTINGS.parcel_docs, FLOW_SETTINGS.parcel_bytes) == (8, 1_000_000)  # the table assumes them
    todo = [found(f"{i}", "pdf", size) for i, size in enumerate(sizes)]
    cut = engine.parcels(todo)
    assert [len(parcel) for parcel in cut] == parcels
    assert [item for parcel in cut for item in parcel] == interleaved(todo)  # every document once, in order


@pytest.mark.parametrize("documents", [0, 10, 2000])
def test_what_every_task_carries_does_not_grow_with_the_batch(documents):
    """Prefect ships a flow run's parameters with every task (pickled, to the workers) and keeps them in its API,
    whose record of the flow run travels with every task too: the batch's documents, like the sink and its
    connection, stay in this process (a list of 2,000 documents went with each of 250 tasks)."""
    import pickle

    from expediente.flows.process import Batch, Sink, extract_batch

    todo = [found(f"{i}", "pdf") for i in range(documents)]
    engine = Engine(workers=2)
    parameters = {"batch": Batch(todo), "sink": Sink(None, None, None), "engine": engine}
    assert parameters["batch"].todo is todo
    assert pickle.loads(pickle.dumps(parameters)) == {"batch": None, "sink": None, "engine": engine}
    assert extract_batch.serialize_parameters(parameters) == {
        "batch": "<Batch>",
        "sink": "<Sink>",
        "engine": {"workers": 2, "dask_address": None, "ship": "path"},
    }
