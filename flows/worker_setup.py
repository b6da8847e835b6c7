"""Run in every Dask worker as it starts (a ``preload`` module): tie the worker to its parent and load the
spaCy pipeline and models once, before the first document.

A team's own cluster may preload it too: ``dask worker tcp://SCHEDULER:8786 --preload expediente.flows.worker_setup``.
"""

from __future__ import annotations

import gc
from functools import cache

from expediente.extractors.pipeline import load_nlp
from expediente.flows.lifetime import die_with_parent


@cache
def ready_pipeline() -> None:
    """Load the pipeline and models, then take every object alive (theirs, the libraries') out of the garbage
    collector's walks: it would walk them again at every full collection, ~15% of a document's extraction. Once
    per process (a long `watch` would otherwise keep each batch's leftovers for good)."""
    load_nlp()
    gc.freeze()


def dask_setup(worker) -> None:
    die_with_parent()
    ready_pipeline()
