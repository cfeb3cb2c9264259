"""Which terms are over- or under-represented in a document or group?

Keyness compares how often each term occurs in a *target* (one document or a
group of documents) with how often it occurs in a *reference* (by default the
rest of the corpus; or another corpus). Each result row carries the four
frequencies every measure is computed from, in the notation of the UCREL
log-likelihood wizard (Rayson & Garside 2000):

* ``a`` = ``freq_target``: occurrences of the term in the target;
* ``b`` = ``freq_reference``: occurrences of the term in the reference;
* ``c`` = ``size_target``: words in the target;
* ``d`` = ``size_reference``: words in the reference.

The measures are tiny objects with one method, ``score(a, b, c, d)``
(vectorised over numpy arrays), so a user can plug in their own:

* :class:`LogLikelihood` - G2, significance (Rayson & Garside 2000);
* :class:`ChiSquared` - Pearson's chi-squared on the 2x2 table;
* :class:`LogRatio` - effect size, binary log of the ratio of relative
  frequencies (Hardie 2014);
* :class:`PercentDiff` - %DIFF effect size (Gabrielatos & Marchi 2012).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, Protocol

import numpy as np
import pandas as pd

from ..corpus import check_corpus
from ..engines import is_dask, on_dask
from .counts import (NOT_SET, NotSet, TermOptions, check_doc_ids, count_terms_corpus,
                     resolve_term_options)

__all__ = [
    "NothingToCompareError",
    "KeynessMeasure",
    "LogLikelihood",
    "ChiSquared",
    "LogRatio",
    "PercentDiff",
    "MEASURES",
    "keyness",
    "key_terms_by_document",
    "top_keyness",
    "keyness_frame",
    "resolve_measure",
    "check_sizes",
]



def _chi2():
    """scipy's chi-squared distribution, imported on first use (scipy.stats is slow to import)."""
    from scipy.stats import chi2

    return chi2

class NothingToCompareError(ValueError):
    """Keyness cannot compare: the target or the reference has no words.

    The message says which side is empty and why (an empty document; a
    corpus of one document has no "rest of the corpus").
    """


class KeynessMeasure(Protocol):
    """What :func:`keyness` needs from a measure: a name and ``score``."""

    name: str
    signed: bool  # True if score() is already negative for under-use

    def score(self, a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray
              ) -> np.ndarray:
        """One value per term from the four frequencies (float arrays)."""


class LogLikelihood:
    """Log-likelihood G2 (Rayson & Garside 2000), as in the UCREL LL wizard.

    ``E1 = c (a + b) / (c + d)``, ``E2 = d (a + b) / (c + d)``,
    ``G2 = 2 (a ln(a / E1) + b ln(b / E2))`` with ``0 ln 0 = 0``.

    Range ``[0, inf)``; higher = stronger evidence that the term's relative
    frequency differs (in either direction; :func:`keyness` adds the
    direction). 3.84 is p < 0.05 and 6.63 is p < 0.01 with one degree of
    freedom. Language-independent. Not an effect size: it grows with corpus
    size.

    References
    ----------
    Rayson, P. and Garside, R. (2000). Comparing corpora using frequency
    profiling. Proceedings of the Workshop on Comparing Corpora, ACL 2000,
    1-6. https://ucrel.lancs.ac.uk/llwizard.html
    """

    name = "log_likelihood"
    signed = False

    def score(self, a, b, c, d):
        e1 = c * (a + b) / (c + d)
        e2 = d * (a + b) / (c + d)
        with np.errstate(divide="ignore", invalid="ignore"):
            t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
            t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
        return 2.0 * (t1 + t2)


class ChiSquared:
    """Pearson's chi-squared on the 2x2 table (term / other words x target / reference).

    ``N (a (d - b) - b (c - a))^2 / ((a + b) (N - a - b) c d)`` with
    ``N = c + d``, no Yates correction. Range ``[0, inf)``, higher = stronger
    evidence of a difference; unreliable when an expected frequency is below 5
    (Rayson, Berridge & Francis 2004). NaN when the table is degenerate (the
    term is every word of both sides). AntConc's "chi-squared" sums over the
    two term cells only and gives smaller values.
    """

    name = "chi_squared"
    signed = False

    def score(self, a, b, c, d):
        n = c + d
        with np.errstate(divide="ignore", invalid="ignore"):
            return n * (a * (d - b) - b * (c - a)) ** 2 / ((a + b) * (n - a - b) * c * d)


class LogRatio:
    """Log ratio effect size (Hardie 2014): ``log2((a / c) / (b / d))``.

    Each extra point doubles the ratio of relative frequencies: 1 = twice as
    frequent in the target, -1 = half as frequent, 0 = equal. Unbounded.
    A zero frequency is replaced by 0.5 first (Hardie's adjustment), so
    the value is always finite. Language-independent.

    References
    ----------
    Hardie, A. (2014). Log Ratio - an informal introduction. ESRC Centre for
    Corpus Approaches to Social Science (CASS), Lancaster University.
    """

    name = "log_ratio"
    signed = True

    def score(self, a, b, c, d):
        a = np.where(a == 0, 0.5, a)
        b = np.where(b == 0, 0.5, b)
        return np.log2((a / c) / (b / d))


class PercentDiff:
    """%DIFF (Gabrielatos & Marchi 2012): ``100 (a/c - b/d) / (b/d)``.

    How much more (positive) or less (down to -100) frequent the term is in
    the target, in percent of its reference frequency. Undefined when the
    reference never uses the term (``b = 0``): as for :class:`LogRatio`,
    ``b`` is then taken as 0.5 (half an occurrence), so the value is finite
    and large, and ranks terms only the target uses by their frequency (the
    authors substitute 1e-18, which gives every such term an arbitrary huge
    value).

    References
    ----------
    Gabrielatos, C. and Marchi, A. (2012). Keyness: Appropriate metrics and
    practical issues. CADS International Conference, Bologna.
    """

    name = "percent_diff"
    signed = True

    def score(self, a, b, c, d):
        ref = np.where(b == 0, 0.5, b) / d
        return 100.0 * (a / c - ref) / ref


MEASURES: dict[str, KeynessMeasure] = {
    m.name: m for m in (LogLikelihood(), ChiSquared(), LogRatio(), PercentDiff())}
"""The built-in measures by name."""

KEYNESS_COLUMNS = ["term", "freq_target", "freq_reference", "size_target", "size_reference",
                   "per_1000_target", "per_1000_reference", "direction", "log_likelihood",
                   "p_value", "chi_squared", "log_ratio", "percent_diff", "keyness"]


def _ids(corpus: pd.DataFrame, docs: str | Iterable[str], name: str) -> list[str]:
    wanted = [docs] if isinstance(docs, str) else list(dict.fromkeys(str(d) for d in docs))
    check_doc_ids(corpus, wanted, name)
    if not wanted:
        raise ValueError(f"{name}: no documents given")
    return wanted


def keyness(
    corpus: pd.DataFrame,
    target: str | Sequence[str],
    *,
    reference: pd.DataFrame | Sequence[str] | None = None,
    measure: Literal["log_likelihood", "chi_squared", "log_ratio", "percent_diff"]
    | KeynessMeasure = "log_likelihood",
    options: TermOptions | None = None,
    ngram: int | tuple[int, int] | NotSet = NOT_SET,
    lowercase: bool | NotSet = NOT_SET,
    stopwords: str | Iterable[str] | None | NotSet = NOT_SET,
    min_count: int | NotSet = NOT_SET,
    progress: bool = False,
) -> pd.DataFrame:
    """Key terms of a document or group against the rest of the corpus or a reference.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus frame; not modified.
    target : str or sequence of str
        The ``doc_id`` (or ``doc_id``\\ s) whose terms are examined.
    reference : None, sequence of str, or pandas.DataFrame, default None
        ``None``: every other document of ``corpus``; a list of ``doc_id``\\ s
        of ``corpus``; or another corpus frame (all its documents).
    measure : str or KeynessMeasure, default "log_likelihood"
        Which measure ranks the rows (its signed value is the ``keyness``
        column). Every built-in measure is reported whatever this is.
    options : TermOptions, optional
        How terms are made; default ``TermOptions()``: English stop words are
        left out, as in every term function (``stopwords=None`` keeps them,
        to see a shift in function words too); the sizes ``c`` and ``d``
        always count all words. ``min_count`` keeps terms with
        ``freq_target + freq_reference >= min_count``.
    ngram, lowercase, stopwords, min_count : optional
        Override the field of the same name of ``options`` (:class:`TermOptions`).
    progress : bool, default False
        Show a progress bar on stderr.

    Returns
    -------
    pandas.DataFrame
        One row per term used by the target or the reference: ``term``, the
        four frequencies ``freq_target`` (a), ``freq_reference`` (b),
        ``size_target`` (c), ``size_reference`` (d), ``per_1000_target``,
        ``per_1000_reference``, ``direction`` (``"over"`` when the term is
        relatively more frequent in the target, ``"under"`` when less,
        ``"equal"``), ``log_likelihood``, ``p_value`` (chi-squared
        distribution, 1 degree of freedom, of G2), ``chi_squared``,
        ``log_ratio``, ``percent_diff`` and ``keyness`` (the chosen measure,
        negative for under-use). Sorted by ``keyness`` descending: the most
        over-represented terms first, the most under-represented last.
        ``attrs`` holds ``target``, ``reference``, ``measure``.

    Raises
    ------
    KeyError
        A ``doc_id`` in ``target`` or ``reference`` is not in the corpus.
    NothingToCompareError
        The target or the reference has no words (an empty document; a
        corpus of one document, whose "rest" is empty): the message says
        which, in words. A subclass of ``ValueError``.
    ValueError
        Unknown measure, or target and reference overlap.

    Notes
    -----
    Counts are compared as bags of words; a term repeated in one long
    document can be "key" for a group. For a group of documents, check
    dispersion (``doc_freq`` in :func:`corpus_tools.term_frequencies`).

    Examples
    --------
    >>> from corpus_tools import corpus_from_texts
    >>> c = corpus_from_texts({"a": "tanks tanks tanks and troops",
    ...                        "b": "troops and talks and more talks"})
    >>> k = keyness(c, "a")
    >>> k[["term", "freq_target", "freq_reference", "direction"]].head(1).to_dict("records")
    [{'term': 'tanks', 'freq_target': 3, 'freq_reference': 0, 'direction': 'over'}]
    """
    if is_dask(corpus):
        return on_dask("keyness", corpus, target, reference=reference, measure=measure,
                        options=options, ngram=ngram, lowercase=lowercase, stopwords=stopwords,
                        min_count=min_count, progress=progress)
    check_corpus(corpus, caller="keyness")
    chosen = resolve_measure(measure)
    opts = resolve_term_options(options, TermOptions(), caller="keyness", ngram=ngram,
                                lowercase=lowercase, stopwords=stopwords, min_count=min_count)
    target_ids = _ids(corpus, target, "target")
    if isinstance(reference, pd.DataFrame):
        check_corpus(reference, caller="keyness(reference=...)")
        ref_frame = reference[["text"]]
        ref_label = str(reference.attrs.get("source", "reference corpus"))
    else:
        ref_ids = ([str(i) for i in corpus.index if str(i) not in set(target_ids)]
                   if reference is None else _ids(corpus, reference, "reference"))
        overlap = set(ref_ids) & set(target_ids)
        if overlap:
            raise ValueError(f"reference: doc_id(s) {', '.join(sorted(overlap)[:5])} are "
                             f"also in the target")
        ref_frame = corpus.loc[ref_ids, ["text"]]
        ref_label = "rest of corpus" if reference is None else ", ".join(ref_ids[:5])
    if ref_frame.empty and reference is None:
        raise NothingToCompareError(
            f"keyness: {', '.join(target_ids[:3])} is the whole corpus, so there is no rest of "
            f"the corpus to compare it with (a corpus of one document has nothing to compare); "
            f"pass reference= another corpus")
    tgt_frame = corpus.loc[target_ids, ["text"]]
    both = pd.concat([tgt_frame, ref_frame], ignore_index=True)
    both.index = both.index.astype(str)
    counts = count_terms_corpus(both, opts, progress=progress, caller="keyness")
    n_t = len(tgt_frame)
    m = counts.matrix
    a = np.asarray(m[:n_t].sum(axis=0), dtype=float).ravel()
    b = np.asarray(m[n_t:].sum(axis=0), dtype=float).ravel()
    c = float(counts.n_words[:n_t].sum())
    d = float(counts.n_words[n_t:].sum())
    check_sizes(c, d, target_ids, ref_label)
    # each term used at least opts.min_count times by target + reference
    frame = keyness_frame(counts.terms, a, b, c, d, chosen)
    frame.attrs.update(target=target_ids, reference=ref_label, measure=chosen.name)
    return frame


def resolve_measure(measure) -> KeynessMeasure:
    """The measure object of ``measure=`` (a name of :data:`MEASURES` or a measure)."""
    if isinstance(measure, str):
        if measure not in MEASURES:
            raise ValueError(f"measure={measure!r}: expected one of {', '.join(MEASURES)} "
                             f"or an object with .name and .score(a, b, c, d)")
        return MEASURES[measure]
    return measure


def check_sizes(c: float, d: float, target_ids: list[str], ref_label) -> None:
    """Raise :class:`NothingToCompareError` when the target (``c`` words) or the reference
    (``d`` words) has no words."""
    if c == 0 or d == 0:
        side, docs = (("target", target_ids) if c == 0 else ("reference", ref_label))
        named = ", ".join(docs[:3]) if isinstance(docs, list) else docs
        raise NothingToCompareError(
            f"keyness: the {side} ({named}) has no words (empty or blank text), so there is "
            f"nothing to compare; give a {side} with words")


def keyness_frame(terms: np.ndarray, a: np.ndarray, b: np.ndarray, c: float, d: float,
                  chosen: KeynessMeasure) -> pd.DataFrame:
    """The :func:`keyness` table from each term's frequencies ``a``, ``b`` and the sizes ``c``, ``d``.

    ``terms`` are sorted; the table is sorted by ``keyness`` (see
    :func:`keyness`), without ``attrs``. ``c`` and ``d`` are not 0
    (:func:`check_sizes`).
    """
    cs, ds = np.full(len(a), c), np.full(len(a), d)
    frame = pd.DataFrame({
        "term": pd.array(terms.astype(str) if len(terms) else [], dtype="str"),
        "freq_target": a.astype(np.int64),
        "freq_reference": b.astype(np.int64),
        "size_target": cs.astype(np.int64),
        "size_reference": ds.astype(np.int64),
    })
    with np.errstate(divide="ignore", invalid="ignore"):
        rel_t = a / c * 1000.0 if c else np.full(len(a), np.nan)
        rel_r = b / d * 1000.0 if d else np.full(len(a), np.nan)
    frame["per_1000_target"] = rel_t
    frame["per_1000_reference"] = rel_r
    sign = np.sign(rel_t - rel_r)
    frame["direction"] = pd.array(np.where(sign > 0, "over", np.where(sign < 0, "under",
                                                                      "equal")), dtype="str")
    for name, meas in MEASURES.items():
        frame[name] = meas.score(a, b, cs, ds)
        if name == "log_likelihood":
            frame["p_value"] = _chi2().sf(frame[name].to_numpy(), 1)
    value = (frame[chosen.name].to_numpy() if chosen.name in MEASURES
             and chosen is MEASURES.get(chosen.name) else chosen.score(a, b, cs, ds))
    frame["keyness"] = value if getattr(chosen, "signed", False) else value * sign
    frame = frame[KEYNESS_COLUMNS].sort_values(["keyness", "freq_target", "term"],
                                               ascending=[False, False, True],
                                               kind="stable", na_position="last")
    return frame.reset_index(drop=True)


def key_terms_by_document(
    corpus: pd.DataFrame,
    *,
    n: int = 5,
    measure: Literal["log_likelihood", "chi_squared", "log_ratio", "percent_diff"]
    = "log_likelihood",
    options: TermOptions | None = None,
    ngram: int | tuple[int, int] | NotSet = NOT_SET,
    lowercase: bool | NotSet = NOT_SET,
    stopwords: str | Iterable[str] | None | NotSet = NOT_SET,
    min_count: int | NotSet = NOT_SET,
    max_p: float = 0.05,
    progress: bool = False,
) -> pd.DataFrame:
    """The key terms of every document against the rest of the corpus, in one table.

    The corpus is counted once; each document is then compared with the
    sum of all the others, exactly as ``keyness(corpus, doc_id)`` would.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus frame; not modified.
    n : int, default 5
        Terms listed per direction.
    measure : str, default "log_likelihood"
        Ranking measure (see :data:`MEASURES`).
    options : TermOptions, optional
        How terms are made; default ``TermOptions()`` (English stop words left
        out, as in :func:`keyness`).
    ngram, lowercase, stopwords, min_count : optional
        Override the field of the same name of ``options`` (:class:`TermOptions`).
    max_p : float, default 0.05
        Only list terms whose G2 p-value is at most this (``1.0`` lists
        the top ``n`` whatever their significance).
    progress : bool, default False
        Show a progress bar on stderr.

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id`` (every document of the corpus, in order); columns
        ``n_words``, ``over`` and ``under``: the over- and under-represented
        terms as ``"term (G2)"`` strings, most key first, ``""`` when none
        reaches ``max_p``; and ``n_key_terms``, the number of terms with
        ``p <= max_p``. An empty document (or a corpus of one document)
        has nothing to compare: ``over``/``under`` are ``""`` and
        ``n_key_terms`` is 0.

    Notes
    -----
    Cost grows with documents x vocabulary (every term of the corpus is a
    candidate for under-use), fine for thousands of documents.
    """
    check_corpus(corpus, caller="key_terms_by_document")
    if measure not in MEASURES:
        raise ValueError(f"measure={measure!r}: expected one of {', '.join(MEASURES)}")
    chosen = MEASURES[measure]
    ll = MEASURES["log_likelihood"]
    opts = resolve_term_options(options, TermOptions(), caller="key_terms_by_document",
                                ngram=ngram, lowercase=lowercase, stopwords=stopwords,
                                min_count=min_count)
    counts = count_terms_corpus(corpus, opts, progress=progress, caller="key_terms_by_document")
    m = counts.matrix
    total = np.asarray(m.sum(axis=0), dtype=float).ravel()
    by_total = np.argsort(-total, kind="stable")  # most frequent terms first
    n_all = float(counts.n_words.sum())
    terms = counts.terms
    critical = _chi2().isf(max_p, 1) if max_p < 1 else 0.0
    rows = []
    for i, doc_id in enumerate(counts.doc_ids):
        c = float(counts.n_words[i])
        d = n_all - c
        if c == 0 or d == 0:
            rows.append((doc_id, int(c), "", "", 0))
            continue
        present = m.indices[m.indptr[i]:m.indptr[i + 1]]
        # A term the document never uses scores higher (more under-used) the more
        # often the rest of the corpus uses it, for every built-in measure
        # (G2 = 2 b ln((c + d) / d) when a = 0): only the most frequent absent
        # terms can make the list, and their significance is a threshold on b.
        head = by_total[:n + len(present)]
        absent = head[~np.isin(head, present)][:n]
        idx = np.concatenate([present, absent])
        a = np.concatenate([m.data[m.indptr[i]:m.indptr[i + 1]].astype(float),
                            np.zeros(len(absent))])
        b = total[idx] - a
        cs, ds = np.full(len(idx), c), np.full(len(idx), d)
        g2 = ll.score(a, b, cs, ds)
        sign = np.sign(a / c - b / d)
        value = chosen.score(a, b, cs, ds)
        key = value if chosen.signed else value * sign
        ok = _chi2().sf(g2, 1) <= max_p
        over = np.flatnonzero(ok & (sign > 0))
        under = np.flatnonzero(ok & (sign < 0))
        over = over[np.lexsort((idx[over], -a[over], -key[over]))][:n]
        under = under[np.lexsort((idx[under], key[under]))][:n]
        b_min = critical / (2 * np.log((c + d) / d))  # absent terms need b >= b_min
        n_absent_key = int((total >= b_min).sum() - (total[present] >= b_min).sum())
        n_key = int((ok[:len(present)]).sum()) + n_absent_key
        fmt = "{} ({:.1f})"
        rows.append((doc_id, int(c),
                     ", ".join(fmt.format(terms[idx[j]], g2[j]) for j in over),
                     ", ".join(fmt.format(terms[idx[j]], g2[j]) for j in under),
                     n_key))
    frame = pd.DataFrame(rows, columns=["doc_id", "n_words", "over", "under", "n_key_terms"])
    frame = frame.astype({"doc_id": "str", "over": "str", "under": "str"})
    return frame.set_index("doc_id")


def top_keyness(key: pd.DataFrame, *, n: int = 10) -> pd.DataFrame:
    """The ``n`` most over-represented and the ``n`` most under-represented terms.

    Parameters
    ----------
    key : pandas.DataFrame
        Output of :func:`keyness`.
    n : int, default 10
        Terms per direction.

    Returns
    -------
    pandas.DataFrame
        The rows of ``key`` with a positive ``keyness``, strongest first, then
        those with a negative one, strongest (most negative) first: the
        order a reader of "over" and "under" lists expects. ``attrs`` kept;
        a new RangeIndex.

    Examples
    --------
    >>> from corpus_tools import corpus_from_texts
    >>> c = corpus_from_texts({"a": "tanks tanks tanks troops", "b": "troops troops talks"})
    >>> top_keyness(keyness(c, "a"), n=2)[["term", "direction"]].values.tolist()
    [['tanks', 'over'], ['talks', 'under'], ['troops', 'under']]
    """
    if n < 1:
        raise ValueError(f"top_keyness: n={n!r}, expected a positive number of terms")
    over = key[key["keyness"] > 0].sort_values(["keyness", "freq_target", "term"],
                                               ascending=[False, False, True], kind="stable")
    under = key[key["keyness"] < 0].sort_values(["keyness", "freq_reference", "term"],
                                                ascending=[True, False, True], kind="stable")
    out = pd.concat([over.head(n), under.head(n)]).reset_index(drop=True)
    out.attrs = dict(key.attrs)
    return out
