"""Which documents share what? A document x document overlap table for the similarity heatmap."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import pandas as pd

from ..corpus import CorpusError, check_corpus
from ..similarity import overlap_matrix
from .features import doc_features

__all__ = ["similarity_matrix", "MEASURES"]

MEASURES = ("content", "immutables", "shingles")


def similarity_matrix(corpus: pd.DataFrame, *,
                      measure: Literal["content", "immutables", "shingles"] = "content",
                      docs: Sequence[str] | None = None, max_docs: int = 60) -> pd.DataFrame:
    """Document x document overlap, for a heatmap.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus frame; not modified.
    measure : {"content", "immutables", "shingles"}, default "content"
        Share of the smaller set in common (0-1, higher = more shared,
        :func:`corpus_tools.similarity.overlap_matrix`) of content words
        (stop words removed), of immutables (names, numbers, rare words) or
        of word 4-gram shingles, as candidate search sees them
        (:func:`corpus_tools.rewrites.features.feature_sets`).
    docs : sequence of str, optional
        The documents to compare, in this order (e.g. the members of the
        families that :func:`corpus_tools.find_rewrites` found). Default:
        the first ``max_docs`` documents of the corpus.
    max_docs : int, default 60
        At most this many documents (the first ones), so the figure stays
        legible; all pairs are compared, so this is for display only.

    Returns
    -------
    pandas.DataFrame
        Square, indexed and labelled by ``doc_id``; the diagonal is 1 (NaN
        for an empty document).

    Raises
    ------
    CorpusError
        ``docs`` names a document that is not in the corpus.
    """
    check_corpus(corpus, caller="similarity_matrix()")
    if measure not in MEASURES:
        raise ValueError(f"similarity_matrix(): unknown measure {measure!r}; choose from "
                         f"{', '.join(MEASURES)}")
    if docs is None:
        sub = corpus.iloc[:max_docs]
    else:
        wanted = [str(d) for d in docs][:max_docs]
        missing = [d for d in wanted if d not in corpus.index]
        if missing:
            raise CorpusError(f"similarity_matrix(): doc_id(s) {missing[:5]} are not in the corpus")
        sub = corpus.loc[wanted]
    ids = [str(i) for i in sub.index]
    sets = [getattr(doc_features(d, t if isinstance(t, str) else "", full=False), measure)
            for d, t in zip(ids, sub["text"])]
    return pd.DataFrame(overlap_matrix(sets), index=pd.Index(ids, name="doc_id"), columns=ids)
