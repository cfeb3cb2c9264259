"""Which engine runs an analysis? pandas in this process, or Dask when the corpus is a Dask frame.

Every public analysis starts with::

    if is_dask(corpus):
        return on_dask("readability", corpus, ...)

:func:`is_dask` recognises a Dask collection without importing Dask, and
:func:`on_dask` hands the call to the implementation that
:mod:`corpus_tools.distributed` registers for that name
(:data:`corpus_tools.distributed.IMPLEMENTATIONS`), importing that package
only then. So the analyses do not depend on the distributed package (it
depends on them), and ``import corpus_tools`` never imports Dask.
"""

from __future__ import annotations

import importlib

__all__ = ["is_dask", "on_dask", "DASK_PACKAGE"]

DASK_PACKAGE = "corpus_tools.distributed"
"""The package whose ``IMPLEMENTATIONS`` maps a public function's name to its Dask version."""


def is_dask(obj: object) -> bool:
    """Whether ``obj`` is a Dask collection (checked without importing Dask)."""
    return hasattr(type(obj), "__dask_graph__")


def on_dask(name: str, *args, **kwargs):
    """Run the Dask implementation of the public function ``name`` on ``args``."""
    package = importlib.import_module(DASK_PACKAGE)
    try:
        module_name = package.IMPLEMENTATIONS[name]
    except KeyError:
        raise NotImplementedError(f"{name}: no Dask implementation; compute the corpus "
                                  f"(corpus.compute()) to run it with pandas") from None
    module = importlib.import_module(f"{DASK_PACKAGE}.{module_name}")
    return getattr(module, name)(*args, **kwargs)
