"""Run in every Dask worker as it starts (a ``preload`` module): tie the worker to its parent and load the
spaCy pipeline and models once, before the first document.

A team's own cluster may preload it too: ``dask worker tcp://SCHEDULER:8786 --preload expediente.flows.worker_setup``.
"""

from __future__ import annotations

from expediente.extractors.pipeline import load_nlp
from expediente.flows.lifetime import die_with_parent


def dask_setup(worker) -> None:
    die_with_parent()
    load_nlp()
