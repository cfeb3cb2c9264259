"""How alike are two sentences, two word sets, two documents? The toolkit's similarity measures.

Sentence alignment (:mod:`corpus_tools.rewrites.align`), quote matching
(:mod:`corpus_tools.rewrites.quotes`), candidate search
(:mod:`corpus_tools.rewrites.candidates`), the similarity heatmap and the
term comparison (:mod:`corpus_tools.terms.compare`) all measure with these
functions, so one number means the same thing everywhere.

Words are normalised (:func:`corpus_tools.segment.normalize`) before they
get here. :func:`word_weight` makes rare words and names count more than
common ones and stop words little, after wordfreq's Zipf scale
(:func:`corpus_tools.lexicon.zipf`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

import numpy as np

from .lexicon import WORD_CACHE_SIZE, zipf
from .stopwords import ENGLISH_STOPWORDS

__all__ = ["word_weight", "weighted_dice", "sequence_ratio", "sentence_similarity",
           "containment", "overlap_matrix", "row_normalize", "blocked_products"]


@lru_cache(maxsize=WORD_CACHE_SIZE)
def word_weight(word: str) -> float:
    """Weight of a normalised word in a similarity: 0.3 for stop words, else ``6 - zipf``
    clipped to 1-4 (rare words and names count most).

    >>> word_weight("the"), word_weight("house"), word_weight("zelensky")
    (0.3, 1.0, 4.0)
    """
    if word in ENGLISH_STOPWORDS:
        return 0.3
    return min(4.0, max(1.0, 6.0 - zipf(word)))


def weighted_dice(a: frozenset, b: frozenset, total_a: float | None = None,
                  total_b: float | None = None) -> float:
    """Weighted Dice coefficient of two word sets: ``2 w(a & b) / (w(a) + w(b))``.

    Parameters
    ----------
    a, b : frozenset of str
        Normalised words.
    total_a, total_b : float, optional
        ``sum(map(word_weight, a))`` (and for ``b``) when the caller has it
        already (hot loops compare one set with many).

    Returns
    -------
    float
        0 (nothing shared, or a set empty) to 1 (the same words); symmetric.

    Only "battle" is shared, and it is the commonest of the three words (weight
    1.06 against 2.08 for "fierce" and 1.72 for "bloody"), so it counts least:

    >>> round(weighted_dice(frozenset({"fierce", "battle"}), frozenset({"bloody", "battle"})), 2)
    0.36
    """
    if not a or not b:
        return 0.0
    inter = a & b
    if not inter:
        return 0.0
    if total_a is None:
        total_a = sum(map(word_weight, a))
    if total_b is None:
        total_b = sum(map(word_weight, b))
    return 2.0 * sum(map(word_weight, inter)) / (total_a + total_b)


def sequence_ratio(a: Sequence[str], b: Sequence[str]) -> float:
    """Order-aware similarity of two word sequences: :class:`difflib.SequenceMatcher`'s ratio.

    0 (nothing in common, or one side empty) to 1 (the same sequence);
    ``2 * matched / (len(a) + len(b))``, matched words counted along the
    longest matching blocks, in order. Never more than the bag-of-words
    overlap ``2 |a & b| / (|a| + |b|)``.

    >>> sequence_ratio(["the", "fierce", "battle"], ["the", "bloody", "battle"])
    0.6666666666666666
    """
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def sentence_similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """Similarity of two sentences given as normalised words: the mean of
    :func:`weighted_dice` of their word sets and :func:`sequence_ratio` of
    their word sequences.

    0 = nothing shared, 1 = the same words in the same order. A spinner's
    output with a third of its content words swapped scores about 0.5-0.8
    against its source; unrelated sentences on one topic mostly stay below 0.3.

    >>> round(sentence_similarity("the fierce battle went on".split(),
    ...                           "the bloody battle went on".split()), 3)
    0.692
    """
    sa, sb = frozenset(a), frozenset(b)
    return 0.5 * (weighted_dice(sa, sb) + sequence_ratio(a, b))


def containment(part: Iterable[str], whole: Iterable[str]) -> float:
    """Weighted share of the words of ``part`` found in ``whole`` (0-1; 0 when ``part`` is empty).

    Asymmetric: a quote contained in a longer sentence scores 1.

    >>> containment(["we", "will", "win"], "he said we will win today".split())
    1.0
    """
    sp, sw = set(part), set(whole)
    total = sum(map(word_weight, sp))
    if not total:
        return 0.0
    return sum(map(word_weight, sp & sw)) / total


def row_normalize(matrix):
    """Rows of a sparse matrix scaled to unit L2 norm (all-zero rows stay zero).

    Returns
    -------
    (scipy.sparse.csr_matrix, numpy.ndarray)
        The normalised matrix and a boolean array marking the all-zero rows.
    """
    from scipy import sparse

    x = sparse.csr_matrix(matrix, dtype=np.float64)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    empty = norms == 0
    inv = np.where(empty, 0.0, 1.0 / np.where(empty, 1.0, norms))
    return (sparse.diags(inv) @ x).tocsr(), empty


def blocked_products(left, right, *, block: int) -> Iterator[tuple[int, int, object]]:
    """``left @ right`` a block of rows at a time: yields ``(lo, hi, left[lo:hi] @ right)``.

    Memory stays at ``block`` rows of the product whatever the number of
    rows; with ``right = left.T`` of a :func:`row_normalize`-d matrix each
    block holds cosine similarities.
    """
    n = left.shape[0]
    for lo in range(0, n, max(1, block)):
        hi = min(n, lo + max(1, block))
        yield lo, hi, left[lo:hi] @ right


def overlap_matrix(sets: Sequence[frozenset]) -> np.ndarray:
    """Share of the smaller set in common, ``|A & B| / min(|A|, |B|)``, for every pair of sets.

    Returns
    -------
    numpy.ndarray
        Square, symmetric, 0-1 (1 on the diagonal); NaN in the rows and
        columns of empty sets. Computed as one sparse product of the 0/1
        set-membership matrix with its transpose (``len(sets)`` squared
        cells: meant for display-sized inputs).

    >>> overlap_matrix([frozenset("ab"), frozenset("bc"), frozenset()]).round(2).tolist()
    [[1.0, 0.5, nan], [0.5, 1.0, nan], [nan, nan, nan]]
    """
    import itertools

    import pandas as pd
    from scipy import sparse

    n = len(sets)
    sizes = np.fromiter(map(len, sets), dtype=np.int64, count=n)
    codes, _ = pd.factorize(np.fromiter(itertools.chain.from_iterable(sets), dtype=object,
                                        count=int(sizes.sum())))
    rows = np.repeat(np.arange(n), sizes)
    member = sparse.csr_matrix((np.ones(len(codes)), (rows, codes)),
                               shape=(n, max(1, int(codes.max(initial=-1)) + 1)))
    shared = (member @ member.T).toarray()
    smaller = np.minimum(sizes[:, None], sizes[None, :]).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(smaller > 0, shared / smaller, np.nan)
