"""Which words and phrases does each document use, and how often?

Term counts, relative frequencies, document frequencies and tf-idf for words
and n-grams, a sparse document-term matrix for scikit-learn users, the
comparison of two documents' vocabularies and the most similar pair of
documents.

How terms are made
------------------
Every document is split once with :mod:`corpus_tools.segment` (the toolkit's
single tokenizer). The *words* of a sentence are its tokens of
the kinds in :data:`~corpus_tools.segment.WORD_KINDS` (words, numbers, URLs);
punctuation and the clitics ``'s 're ...`` are not words, and are skipped.

* A unigram is a word; an n-gram is ``n`` consecutive words of one *clause*
  joined by single spaces (``"prime minister"``). **n-grams never cross a
  sentence boundary nor clause punctuation** (commas, semicolons, colons,
  brackets, quotation marks, dashes, ``!``, ``?``, ellipses:
  :func:`corpus_tools.segment.clause_words`), so ``"rose 4.3%, although"``
  gives no ``"4.3 although"`` and ``"$1.13bn (£600m)"`` no ``"1.13bn 600m"``.
  Other punctuation between two words (the full stop of ``Mr.``, ``%``,
  ``$``, ``&``, ``/``) and clitics (``'s``) are skipped: ``"Mr. Blair's
  office"`` gives ``"mr blair"`` and ``"blair office"``.
* With ``lowercase=True`` (the default) words are normalised with
  :func:`~corpus_tools.segment.normalize` (case-folded, curly apostrophes made
  straight).
* Stop words (:mod:`corpus_tools.stopwords`; by default the Snowball English
  list, in every term function alike) are matched on the normalised word. A
  unigram that is a stop word is dropped, and so is every n-gram that
  *contains* one (n-grams are formed first, so ``"bank of england"``
  never becomes ``"bank england"``).
* Document sizes (``n_words``, the denominator of ``per_1000``) always count
  every word, stop words included, so relative frequencies stay comparable
  whatever the stop list.

Counts come first: each document's term counts are computed once and every
column (relative frequency, document frequency, tf-idf) is a formula over
them. Memory grows with the number of distinct (document, term) pairs.
"""

from __future__ import annotations

import dataclasses
import enum
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse

from ..corpus import check_corpus
from ..engines import is_dask, on_dask
from ..progress import progress as _progress
from ..segment import clause_words, normalize, words
from ..stopwords import resolve_stopwords

__all__ = [
    "TermOptions",
    "NOT_SET",
    "NotSet",
    "resolve_term_options",
    "DocumentTermMatrix",
    "term_frequencies",
    "top_terms",
    "summarize_top_terms",
    "document_term_matrix",
    "TermCounts",
    "count_terms_corpus",
    "idf_weights",
    "idf_of",
    "tidy_counts",
    "rank_top_terms",
    "check_doc_ids",
    "known_doc_id",
    "UnknownDocumentError",
    "doc_words",
]

TF_COLUMNS = ["doc_id", "term", "n", "count", "per_1000", "doc_freq", "tf_idf"]


@dataclass(frozen=True)
class TermOptions:
    """How documents are turned into terms (shared by every term analysis).

    Every term function takes one of these as ``options=``; each keyword
    argument of the same name (``ngram=``, ``lowercase=``, ``stopwords=``,
    ``min_count=``) overrides one field, so ``top_terms(corpus, ngram=2)`` is
    ``top_terms(corpus, options=TermOptions(ngram=2))``. Without ``options``
    every function starts from ``TermOptions()`` (English stop words left
    out), but for :func:`~corpus_tools.terms.collocations`, which also needs
    pairs (``ngram=2``) seen at least 3 times.

    Parameters
    ----------
    ngram : int or (int, int), default 1
        Term length in words: ``1`` for single words, ``2`` for bigrams,
        ``(1, 2)`` for both (an inclusive range, as scikit-learn's
        ``ngram_range``).
    lowercase : bool, default True
        Case-fold words and straighten apostrophes, so ``The`` and ``the``
        are one term. ``False`` keeps the spelling of the text.
    stopwords : "english", iterable of str, or None, default "english"
        Words to leave out (see :func:`corpus_tools.stopwords.resolve_stopwords`);
        n-grams containing one are left out too. The default, the Snowball
        English list, keeps function words ("the", "of") from leading every
        list; ``None`` keeps every word (a Zipf plot, a vocabulary size, a
        shift in function words between two documents). Document sizes always
        count every word.
    min_count : int, default 1
        Keep only terms that occur at least this many times in the whole
        corpus (the analysed documents).

    Examples
    --------
    >>> TermOptions(ngram=(1, 2), stopwords="english").ngram_range
    range(1, 3)
    """

    ngram: int | tuple[int, int] = 1
    lowercase: bool = True
    stopwords: str | Iterable[str] | None = "english"
    min_count: int = 1
    stopword_set: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ngram = self.ngram
        if isinstance(ngram, (int, np.integer)) and not isinstance(ngram, bool):
            lo = hi = ngram
        elif isinstance(ngram, (tuple, list)) and len(ngram) == 2:
            lo, hi = ngram
        else:
            lo = hi = None
        if not (isinstance(lo, (int, np.integer)) and isinstance(hi, (int, np.integer))
                and 1 <= lo <= hi):
            raise ValueError(f"ngram={ngram!r}: expected a positive int or a range (lo, hi) "
                             f"with 1 <= lo <= hi")
        object.__setattr__(self, "ngram", int(lo) if lo == hi else (int(lo), int(hi)))
        if not isinstance(self.min_count, (int, np.integer)) or self.min_count < 1:
            raise ValueError(f"min_count={self.min_count!r}: expected an int >= 1")
        stop = resolve_stopwords(self.stopwords)
        if not isinstance(self.stopwords, (str, type(None))):
            object.__setattr__(self, "stopwords", tuple(sorted(stop)))
        object.__setattr__(self, "stopword_set", stop)

    @property
    def ngram_range(self) -> range:
        """The n-gram lengths counted, e.g. ``range(1, 3)`` for ``(1, 2)``."""
        lo, hi = (self.ngram, self.ngram) if isinstance(self.ngram, int) else self.ngram
        return range(lo, hi + 1)


class NotSet(enum.Enum):
    """The type of :data:`NOT_SET`."""

    NOT_SET = "NOT_SET"

    def __repr__(self) -> str:
        return "NOT_SET"


NOT_SET = NotSet.NOT_SET
"""Default of the keyword overrides of term functions: "not given, use ``options``".

(``None`` cannot play that part: ``stopwords=None`` means "keep every word".)"""


def resolve_term_options(options: TermOptions | None, default: TermOptions, *,
                         caller: str, **overrides) -> TermOptions:
    """The :class:`TermOptions` a term function uses.

    Parameters
    ----------
    options : TermOptions or None
        What the caller passed as ``options=``; ``None`` uses ``default``.
    default : TermOptions
        The function's own default.
    caller : str
        Named in error messages.
    **overrides
        The function's keyword arguments ``ngram``, ``lowercase``,
        ``stopwords``, ``min_count``; those that are not :data:`NOT_SET`
        replace the field of the same name.

    Raises
    ------
    TypeError
        ``options`` is not a :class:`TermOptions`.

    Examples
    --------
    >>> resolve_term_options(None, TermOptions(), caller="f", ngram=2, stopwords=NOT_SET)
    TermOptions(ngram=2, lowercase=True, stopwords='english', min_count=1)
    >>> resolve_term_options(None, TermOptions(), caller="f", stopwords=None).stopwords is None
    True
    """
    if options is None:
        options = default
    elif not isinstance(options, TermOptions):
        raise TypeError(f"{caller}(options=...): expected a TermOptions, got "
                        f"{type(options).__name__}")
    given = {name: value for name, value in overrides.items() if value is not NOT_SET}
    return dataclasses.replace(options, **given) if given else options


def _texts(corpus: pd.DataFrame, caller: str) -> tuple[list[str], list[str]]:
    check_corpus(corpus, caller=caller)
    ids = [str(i) for i in corpus.index]
    texts = [t if isinstance(t, str) else "" for t in corpus["text"].tolist()]
    return ids, texts


def doc_words(text: str, *, lowercase: bool = True) -> list[list[str]]:
    """The words of ``text``, one list per clause (the input of every n-gram).

    Clauses are sentences cut at clause punctuation
    (:func:`corpus_tools.segment.clause_words`).

    Parameters
    ----------
    text : str
        A document.
    lowercase : bool, default True
        Normalise each word with :func:`corpus_tools.segment.normalize`.

    Returns
    -------
    list of list of str
        Empty for an empty or blank text.

    Examples
    --------
    >>> doc_words("The U.S. Senate met. It voted 52-48, didn't it?")
    [['the', 'u.s.', 'senate', 'met'], ['it', 'voted', '52-48'], ["didn't", 'it']]
    """
    return clause_words(text, lowercase=lowercase)


def _doc_counts(sentences: list[list[str]], opts: TermOptions) -> Counter:
    """Term counts of one document, from its words per clause."""
    stop = opts.stopword_set
    lower = opts.lowercase
    grams: list[str] = []
    for n in opts.ngram_range:
        for ws in sentences:
            if len(ws) < n:
                continue
            if stop:
                keys = ws if lower else [normalize(w) for w in ws]
                ok = [k not in stop for k in keys]
                if n == 1:
                    grams += [w for w, good in zip(ws, ok) if good]
                elif n == 2:
                    grams += [f"{a} {b}" for a, b, g1, g2 in zip(ws, ws[1:], ok, ok[1:])
                              if g1 and g2]
                else:
                    grams += [" ".join(ws[i:i + n]) for i in range(len(ws) - n + 1)
                              if all(ok[i:i + n])]
            elif n == 1:
                grams += ws
            elif n == 2:
                grams += [f"{a} {b}" for a, b in zip(ws, ws[1:])]
            else:
                grams += [" ".join(ws[i:i + n]) for i in range(len(ws) - n + 1)]
    return Counter(grams)


@dataclass(frozen=True)
class TermCounts:
    """Sparse (document, term) counts of a corpus: the base of every term table.

    Attributes
    ----------
    doc_ids : list of str
    n_words : numpy.ndarray
        Words per document (stop words included).
    terms : numpy.ndarray
        The vocabulary (object array), sorted.
    matrix : scipy.sparse.csr_matrix
        Documents x terms, int64 counts.
    """

    doc_ids: list[str]
    n_words: np.ndarray          # words per document (stop words included)
    terms: np.ndarray            # object array, sorted
    matrix: sparse.csr_matrix    # documents x terms, int64 counts


def count_terms_corpus(corpus: pd.DataFrame, opts: TermOptions, *, progress: bool = False,
                       caller: str = "term_frequencies") -> TermCounts:
    """Count the terms of every document of ``corpus`` once (the base of every term table).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus frame; not modified.
    opts : TermOptions
        How terms are made.
    progress : bool, default False
        Show a progress bar on stderr.
    caller : str
        Named in error messages.
    """
    ids, texts = _texts(corpus, caller)
    unigrams_only = opts.ngram == 1
    all_terms: list[str] = []
    data = array("q")
    per_doc = np.zeros(len(texts), dtype=np.int64)
    n_words = np.zeros(len(texts), dtype=np.int64)
    for i, text in enumerate(_progress(texts, enabled=progress, total=len(texts),
                                       desc="counting terms")):
        sentences = (([ws] if (ws := words(text, lowercase=opts.lowercase)) else [])
                     if unigrams_only else doc_words(text, lowercase=opts.lowercase))
        n_words[i] = sum(map(len, sentences))
        counts = _doc_counts(sentences, opts)
        all_terms += counts
        data.extend(counts.values())
        per_doc[i] = len(counts)
    # One hash table for the whole vocabulary (pandas' C factorize).
    codes, uniques = pd.factorize(np.array(all_terms, dtype=object)
                                  if all_terms else np.zeros(0, dtype=object))
    del all_terms
    terms = np.asarray(uniques, dtype=object)
    n_terms = len(terms)
    cols_a = codes.astype(np.int64)
    rows_a = np.repeat(np.arange(len(texts), dtype=np.int64), per_doc)
    data_a = np.frombuffer(data, dtype=np.int64) if len(data) else np.zeros(0, np.int64)
    keep = np.ones(n_terms, dtype=bool)
    if opts.min_count > 1 and n_terms:
        keep = np.bincount(cols_a, weights=data_a, minlength=n_terms) >= opts.min_count
    # Renumber the kept terms in sorted order, so columns are reproducible.
    kept = np.flatnonzero(keep)
    order = kept[np.argsort(terms[kept].astype(str), kind="stable")] if len(kept) else kept
    new_index = np.full(n_terms, -1, dtype=np.int64)
    new_index[order] = np.arange(len(order))
    mapped = new_index[cols_a]
    sel = mapped >= 0
    matrix = sparse.csr_matrix((data_a[sel], (rows_a[sel], mapped[sel])),
                               shape=(len(ids), len(order)), dtype=np.int64)
    matrix.sort_indices()
    return TermCounts(ids, n_words, terms[order], matrix)


def idf_weights(matrix: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Smoothed idf (scikit-learn's) and document frequency of every column."""
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    return idf_of(df, matrix.shape[0]), df


def idf_of(df: np.ndarray, n_docs: int) -> np.ndarray:
    """Smoothed idf ``ln((1 + N) / (1 + df)) + 1`` of document frequencies over ``N`` documents."""
    return np.log((1 + n_docs) / (1 + df)) + 1.0


def term_frequencies(
    corpus: pd.DataFrame,
    *,
    options: TermOptions | None = None,
    ngram: int | tuple[int, int] | NotSet = NOT_SET,
    lowercase: bool | NotSet = NOT_SET,
    stopwords: str | Iterable[str] | None | NotSet = NOT_SET,
    min_count: int | NotSet = NOT_SET,
    progress: bool = False,
) -> pd.DataFrame:
    """Count the terms of every document: one row per (document, term).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus frame (:func:`corpus_tools.load_corpus`); only its index and
        ``text`` column are read, and it is not modified.
    options : TermOptions, optional
        How terms are made; default ``TermOptions()``: English stop words are
        left out (``stopwords=None`` keeps every word).
    ngram, lowercase, stopwords, min_count : optional
        Override the field of the same name of ``options`` (:class:`TermOptions`).
    progress : bool, default False
        Show a progress bar on stderr.

    Returns
    -------
    pandas.DataFrame
        Columns:

        * ``doc_id`` - the document (str);
        * ``term`` - the word or n-gram (words joined by one space);
        * ``n`` - number of words in the term;
        * ``count`` - occurrences in the document;
        * ``per_1000`` - ``count`` per 1,000 words of the document (all
          words, stop words included; higher = more frequent);
        * ``doc_freq`` - number of documents of the corpus that use the term;
        * ``tf_idf`` - ``count * idf`` with the smoothed inverse document
          frequency ``idf = ln((1 + N) / (1 + doc_freq)) + 1`` over the ``N``
          documents (scikit-learn's ``TfidfTransformer(norm=None)``; >= count,
          higher = more frequent here and rarer elsewhere; with one document
          it equals ``count``).

        Rows are grouped by document (in corpus order), most frequent term
        first, ties alphabetical. An empty document has no rows (its
        ``doc_id`` is absent); so does a document whose words are all stop
        words. ``frame.attrs["n_words"]`` maps every ``doc_id`` to its number
        of words.

    See Also
    --------
    document_term_matrix : the same counts as a sparse matrix.
    top_terms : the first ``n`` rows per document.

    Examples
    --------
    >>> from corpus_tools import corpus_from_texts
    >>> c = corpus_from_texts({"a": "The cat saw the dog."})
    >>> term_frequencies(c)[["term", "count", "per_1000"]].head(2).to_dict("records")
    [{'term': 'cat', 'count': 1, 'per_1000': 200.0}, {'term': 'dog', 'count': 1, 'per_1000': 200.0}]
    >>> term_frequencies(c, stopwords=None)[["term", "count"]].head(1).to_dict("records")
    [{'term': 'the', 'count': 2}]
    """
    if is_dask(corpus):
        return on_dask("term_frequencies", corpus, options=options, ngram=ngram,
                        lowercase=lowercase, stopwords=stopwords, min_count=min_count,
                        progress=progress)
    opts = resolve_term_options(options, TermOptions(), caller="term_frequencies",
                                ngram=ngram, lowercase=lowercase, stopwords=stopwords,
                                min_count=min_count)
    counts = count_terms_corpus(corpus, opts, progress=progress)
    idf, df = idf_weights(counts.matrix)
    return tidy_counts(counts, idf, df)


def _row_order(rows, data, cols, shape) -> np.ndarray:
    """Order (document, most frequent first, term): one int64 key when it fits."""
    if not len(data):
        return np.zeros(0, dtype=np.int64)
    top = int(data.max()) + 1
    if shape[0] * top * shape[1] < 2 ** 62:
        key = (rows * top + (top - 1 - data)) * shape[1] + cols
        return np.argsort(key, kind="stable")
    return np.lexsort((cols, -data, rows))


def tidy_counts(counts: TermCounts, idf: np.ndarray, df: np.ndarray) -> pd.DataFrame:
    """The :func:`term_frequencies` table of ``counts``, given each term's idf and document frequency.

    ``idf`` and ``df`` follow ``counts.terms``; they come from the counts
    themselves (:func:`idf_weights`) or from a larger corpus the counts are
    a part of.
    """
    m = counts.matrix.tocoo()
    rows, cols, data = m.row.astype(np.int64), m.col.astype(np.int64), m.data
    order = _row_order(rows, data, cols, counts.matrix.shape)
    rows, cols, data = rows[order], cols[order], data[order]
    ids = pd.Index(counts.doc_ids, dtype="str")
    sizes = counts.n_words[rows]
    terms = pd.Index(counts.terms, dtype="str")
    n_of_term = terms.str.count(" ").to_numpy(dtype=np.int64) + 1
    with np.errstate(divide="ignore", invalid="ignore"):
        per_1000 = data * 1000.0 / sizes
    frame = pd.DataFrame({
        "doc_id": _labels(rows, ids),
        "term": _labels(cols, terms),
        "n": n_of_term[cols],
        "count": data.astype(np.int64),
        "per_1000": per_1000,
        "doc_freq": df[cols].astype(np.int64),
        "tf_idf": data * idf[cols],
    }, columns=TF_COLUMNS)
    frame.attrs["n_words"] = dict(zip(counts.doc_ids, counts.n_words.tolist()))
    return frame


def _labels(codes: np.ndarray, labels: pd.Index) -> pd.Series:
    """``labels[codes]`` as a str column (an Arrow take: no Python object per row)."""
    return pd.Series(labels.array.take(codes), dtype="str")


def top_terms(
    corpus: pd.DataFrame,
    *,
    n: int = 10,
    by: Literal["count", "tf_idf", "per_1000"] = "count",
    options: TermOptions | None = None,
    ngram: int | tuple[int, int] | NotSet = NOT_SET,
    lowercase: bool | NotSet = NOT_SET,
    stopwords: str | Iterable[str] | None | NotSet = NOT_SET,
    min_count: int | NotSet = NOT_SET,
    progress: bool = False,
) -> pd.DataFrame:
    """The ``n`` most frequent (or most distinctive) terms of each document.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus frame; not modified.
    n : int, default 10
        Terms per document (fewer when a document has fewer terms).
    by : {"count", "tf_idf", "per_1000"}, default "count"
        Ranking column; ties are broken alphabetically. ``"tf_idf"`` favours
        terms that are frequent in the document and rare in the others.
    options : TermOptions, optional
        How terms are made; default ``TermOptions()`` (English stop words
        left out: a list of top terms is otherwise all "the" and "of").
    ngram, lowercase, stopwords, min_count : optional
        Override the field of the same name of ``options`` (:class:`TermOptions`).
    progress : bool, default False
        Show a progress bar on stderr.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`term_frequencies` plus ``rank`` (1 = top), at
        most ``n`` rows per document; empty documents have none.
    """
    if is_dask(corpus):
        return on_dask("top_terms", corpus, n=n, by=by, options=options, ngram=ngram,
                        lowercase=lowercase, stopwords=stopwords, min_count=min_count,
                        progress=progress)
    if by not in ("count", "tf_idf", "per_1000"):
        raise ValueError(f"by={by!r}: expected 'count', 'tf_idf' or 'per_1000'")
    if n < 1:
        raise ValueError(f"n={n!r}: expected a positive number of terms")
    opts = resolve_term_options(options, TermOptions(), caller="top_terms",
                                ngram=ngram, lowercase=lowercase, stopwords=stopwords,
                                min_count=min_count)
    tf = term_frequencies(corpus, options=opts, progress=progress)
    return rank_top_terms(tf, corpus.index, n=n, by=by)


def rank_top_terms(tf: pd.DataFrame, doc_ids, *, n: int, by: str) -> pd.DataFrame:
    """The :func:`top_terms` table of a :func:`term_frequencies` table (documents in ``doc_ids`` order)."""
    order = {d: i for i, d in enumerate(str(i) for i in doc_ids)}
    tf = tf.assign(_doc=tf["doc_id"].map(order))
    tf = tf.sort_values(["_doc", by, "term"], ascending=[True, False, True], kind="stable")
    tf = tf.groupby("_doc", sort=False).head(n).drop(columns="_doc")
    tf.insert(1, "rank", tf.groupby("doc_id", sort=False).cumcount() + 1)
    return tf.reset_index(drop=True)


def summarize_top_terms(top: pd.DataFrame, *, column: str = "count") -> pd.DataFrame:
    """One row per document listing its top terms as ``"term (value)"``.

    Parameters
    ----------
    top : pandas.DataFrame
        Output of :func:`top_terms`.
    column : str, default "count"
        The value shown after each term.

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id`` (documents with at least one term, in the order of
        ``top``), column ``top_terms``.

    Examples
    --------
    >>> from corpus_tools import corpus_from_texts
    >>> summarize_top_terms(top_terms(corpus_from_texts({"a": "War, war and peace."}))).to_dict()
    {'top_terms': {'a': 'war (2), peace (1)'}}
    """
    if top.empty:
        return pd.DataFrame({"top_terms": pd.Series(dtype="str")},
                            index=pd.Index([], name="doc_id", dtype="str"))
    fmt = "{} ({:g})".format
    labels = [fmt(t, v) for t, v in zip(top["term"], top[column])]
    joined = (pd.Series(labels, index=top.index).groupby(top["doc_id"], sort=False)
              .agg(", ".join))
    out = joined.rename("top_terms").to_frame()
    out.index.name = "doc_id"
    return out


@dataclass(frozen=True)
class DocumentTermMatrix:
    """A sparse document-term matrix with its row and column labels.

    Not a matrix itself but a labelled holder of one: ``.matrix`` is the
    ``scipy.sparse.csr_matrix`` to give scikit-learn, ``.doc_ids`` and
    ``.terms`` say what its rows and columns are, ``.shape`` and ``.nnz`` are
    the matrix's, and :meth:`to_frame` gives a pandas DataFrame with sparse
    columns.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        Shape ``(n_documents, n_terms)``; rows follow ``doc_ids``, columns
        follow ``terms``. Never densified.
    doc_ids : pandas.Index
        Row labels (every document of the corpus, empty ones as all-zero rows).
    terms : pandas.Index
        Column labels, sorted (the vocabulary; ``terms.get_loc(t)`` is a
        column number).
    n_words : numpy.ndarray
        Words per document (stop words included).
    weight : str
        What the cells hold: ``"count"``, ``"per_1000"`` or ``"tf_idf"``.
    """

    matrix: sparse.csr_matrix
    doc_ids: pd.Index
    terms: pd.Index
    n_words: np.ndarray
    weight: str

    @property
    def vocabulary(self) -> dict[str, int]:
        """``{term: column}`` as scikit-learn's ``vocabulary_``."""
        return {t: i for i, t in enumerate(self.terms)}

    @property
    def shape(self) -> tuple[int, int]:
        """``(n_documents, n_terms)``, the shape of :attr:`matrix`."""
        return self.matrix.shape

    @property
    def nnz(self) -> int:
        """Number of stored (non-zero) cells of :attr:`matrix`."""
        return int(self.matrix.nnz)

    def to_frame(self) -> pd.DataFrame:
        """The matrix as a DataFrame: index ``doc_id``, one sparse column per term.

        Examples
        --------
        >>> from corpus_tools import corpus_from_texts
        >>> dtm = document_term_matrix(corpus_from_texts({"a": "War and war.", "b": "Peace."}))
        >>> dtm.shape, dtm.to_frame().loc["a", "war"]
        ((2, 2), np.int64(2))
        """
        frame = pd.DataFrame.sparse.from_spmatrix(self.matrix, index=self.doc_ids,
                                                  columns=self.terms)
        return frame


def document_term_matrix(
    corpus: pd.DataFrame,
    *,
    weight: Literal["count", "per_1000", "tf_idf"] = "count",
    options: TermOptions | None = None,
    ngram: int | tuple[int, int] | NotSet = NOT_SET,
    lowercase: bool | NotSet = NOT_SET,
    stopwords: str | Iterable[str] | None | NotSet = NOT_SET,
    min_count: int | NotSet = NOT_SET,
    progress: bool = False,
) -> DocumentTermMatrix:
    """The corpus as a sparse document-term matrix (for scikit-learn and friends).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus frame; not modified.
    weight : {"count", "per_1000", "tf_idf"}, default "count"
        Cell values: raw counts, counts per 1,000 words of the document, or
        tf-idf as defined in :func:`term_frequencies` (no row normalisation;
        use ``sklearn.preprocessing.normalize`` for unit rows).
    options : TermOptions, optional
        How terms are made; default ``TermOptions()`` (English stop words
        left out; ``stopwords=None`` keeps every word, as scikit-learn's
        ``CountVectorizer`` does by default).
    ngram, lowercase, stopwords, min_count : optional
        Override the field of the same name of ``options`` (:class:`TermOptions`).
    progress : bool, default False
        Show a progress bar on stderr.

    Returns
    -------
    DocumentTermMatrix
        A labelled holder, not a scipy matrix: ``.matrix`` is the
        ``scipy.sparse.csr_matrix`` (documents x terms; what scikit-learn
        takes), ``.doc_ids`` and ``.terms`` its row and column labels,
        ``.shape``, ``.nnz``, ``.n_words``, ``.weight``, and ``.to_frame()`` a
        sparse DataFrame. An empty document is an all-zero row; a corpus
        without words gives zero columns. Memory is proportional to the
        number of distinct (document, term) pairs.
    """
    if weight not in ("count", "per_1000", "tf_idf"):
        raise ValueError(f"weight={weight!r}: expected 'count', 'per_1000' or 'tf_idf'")
    opts = resolve_term_options(options, TermOptions(), caller="document_term_matrix",
                                ngram=ngram, lowercase=lowercase, stopwords=stopwords,
                                min_count=min_count)
    counts = count_terms_corpus(corpus, opts, progress=progress, caller="document_term_matrix")
    matrix = counts.matrix
    if weight == "tf_idf":
        idf, _ = idf_weights(matrix)
        matrix = (matrix @ sparse.diags(idf)).tocsr()
    elif weight == "per_1000":
        with np.errstate(divide="ignore"):
            scale = np.where(counts.n_words > 0, 1000.0 / np.maximum(counts.n_words, 1), 0.0)
        matrix = (sparse.diags(scale) @ matrix).tocsr()
    return DocumentTermMatrix(matrix, pd.Index(counts.doc_ids, name="doc_id", dtype="str"),
                              pd.Index(counts.terms, name="term", dtype="str"),
                              counts.n_words, weight)


class UnknownDocumentError(KeyError):
    """A ``doc_id`` argument names no document of the corpus."""

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0]) if self.args else ""


def check_doc_ids(corpus: pd.DataFrame, wanted: list[str], name: str) -> None:
    """Raise :class:`UnknownDocumentError` naming the ids of ``wanted`` not in ``corpus``."""
    ids = [str(i) for i in corpus.index]
    known = set(ids)
    missing = [d for d in wanted if d not in known]
    if missing:
        shown = ", ".join(ids[:5]) + (" ..." if len(ids) > 5 else "")
        raise UnknownDocumentError(f"{name}: no doc_id {', '.join(map(repr, missing[:5]))} "
                                   f"in the corpus (doc_ids: {shown})")


def known_doc_id(corpus: pd.DataFrame, doc: object, name: str) -> str:
    """``doc`` as a str, after checking that the corpus has it."""
    check_doc_ids(corpus, [str(doc)], name)
    return str(doc)
