"""Beyond one machine: the same analyses on a Dask cluster.

The pandas path stays the default: nothing here is imported by ``import
corpus_tools``, and this package imports Dask only in its step modules, when
they are used. Install the extra with ``pip install 'corpus-tools[dask]'``.

Every public analysis of corpus-tools accepts a Dask DataFrame from
:func:`corpus_tools.distributed.load_corpus` (or any Dask DataFrame indexed by
``doc_id`` with a ``text`` column) in place of a pandas corpus and hands it
(:func:`corpus_tools.engines.on_dask`) to the module below that
:data:`IMPLEMENTATIONS` names, which runs it per partition with the pandas
path's own functions; a notebook works unchanged.

One module per step:

``cluster``
    start a local cluster or connect to one, the dashboard address, progress.
``load``
    :func:`load_corpus`: text files (folders, globs) and table partitions
    (Parquet, JSON Lines, CSV) as a lazy Dask DataFrame, problems gathered and
    duplicate ids renamed across partitions as the pandas loader does.
``analyses``
    readability, sentences, grammar findings and summaries per partition;
    the grammar's corpus-wide spelling filter as a reduction.
``terms``
    term frequencies with corpus-wide document frequencies, and keyness.
``rewrites``
    :func:`find_rewrites` with a feature-sharded candidate index and pair
    verification distributed by pair.
``output``
    summary tables written as Parquet partitions for notebooks to open.
``summaries``
    the report's tables of a corpus, written by the cluster, read by the
    at-scale notebook.
"""

from __future__ import annotations

from ..engines import is_dask, on_dask

__all__ = ["is_dask", "load_corpus", "IMPLEMENTATIONS"]

IMPLEMENTATIONS = {
    "readability": "analyses", "sentence_readability": "analyses",
    "grammar_errors": "analyses", "grammar_summary": "analyses",
    "term_frequencies": "terms", "top_terms": "terms", "keyness": "terms",
    "find_rewrites": "rewrites", "problems": "load", "load_corpus": "load",
}
"""Public function of corpus-tools -> the module of this package that runs it on Dask
(:func:`corpus_tools.engines.on_dask` reads it)."""


def load_corpus(source, **kwargs):
    """Load a corpus as a lazy Dask DataFrame (see :func:`corpus_tools.distributed.load.load_corpus`)."""
    return on_dask("load_corpus", source, **kwargs)
