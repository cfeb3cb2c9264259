"""Which documents are machine rewrites or copies of others, and which side is the rewrite?

:func:`find_rewrites` finds pairs of related documents and says how they are
related:

``copy``
    nearly every sentence of the shorter document is in the other one
    word for word (syndication, scrapers, light editing).
``rewrite``
    most sentences of the shorter document align, in order, with sentences
    of the other one, but words were swapped inside them: article-spinner
    output (synonym swaps, lost inflections, typos, reworded quotes) and
    close paraphrases. ``rewritten`` names the machine-rewritten side.
``related``
    the two share names, numbers and rare words (the same story or topic)
    but few sentences align: independently written.

How it works
------------
1. Each document is tokenized once (:mod:`corpus_tools.segment`) into its
   *immutables* (numbers, names, rare words: what a spinner cannot change;
   DSpin, Zhang et al. 2014), content words and word 4-gram shingles
   (:mod:`corpus_tools.rewrites.features`, kept compactly by
   :mod:`corpus_tools.rewrites.sketch`).
2. Candidate pairs come from an inverted index over the immutables, never
   from all pairs, and are screened on what their sketches share
   (:mod:`corpus_tools.rewrites.candidates`).
3. Candidates with enough shared content words are aligned sentence by
   sentence and word by word (:mod:`corpus_tools.rewrites.align`) and judged
   (:mod:`corpus_tools.rewrites.verdict`): the relation rests on how much of
   the shorter document aligns in order (``coverage``), how many aligned
   sentences are verbatim, and how many words were swapped.
4. The rewritten side is the one with the spinner's fingerprints: rarer
   substitute words (lower wordfreq Zipf frequency), base forms where the
   other side has an inflection, typos and non-words, quotation marks lost,
   and more grammar findings per 1,000 words. Each is a ``vote_*`` column;
   ``direction_score`` is their sum.

Every number that shapes a verdict lives in :class:`RewriteOptions`.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

import numpy as np
import pandas as pd

from ..corpus import check_corpus
from ..engines import is_dask, on_dask
from ..progress import progress as _progress
from ..workers import process_pool, worker_count
from .candidates import screen_candidates
from .duplicates import duplicate_groups, expand_groups
from .families import add_families
from .features import DocFeatures, doc_features, document_numbers
from .matrix import similarity_matrix
from .options import RewriteOptions, RewriteWarning
from .quotes import count_quotes
from .sketch import sketch_corpus
from .verdict import (COUNT_COLUMNS, VERDICT_COLUMNS, CandidatePair, finish_verdicts, identical_pair,
                      judge_pair, prose_word_count)

__all__ = ["RewriteOptions", "find_rewrites", "similarity_matrix", "RELATIONS",
           "REWRITE_COLUMNS", "RewriteWarning", "EVIDENCE", "judge_aligned", "verdict_rows",
           "evidence_documents", "evidence_values", "add_evidence", "rewrite_table",
           "check_choices"]

RELATIONS = ("copy", "rewrite", "related")
REWRITE_COLUMNS = [*VERDICT_COLUMNS[:6], "family", "family_original", *VERDICT_COLUMNS[6:]]
EVIDENCE = ("grammar", "readability")
Evidence = Literal["grammar", "readability"]

PARALLEL_MIN_PAIRS = 400
"""Below this many pairs to align, alignment stays in this process (workers would cost more)."""
FEATURE_CACHE = 2000
"""Full features of at most this many documents are kept at once while aligning."""


def find_rewrites(corpus: pd.DataFrame, *, options: RewriteOptions | None = None,
                  evidence: tuple[Evidence, ...] = ("grammar", "readability"),
                  relations: tuple[str, ...] = RELATIONS, progress: bool = False,
                  n_jobs: int | None = 1) -> pd.DataFrame:
    """Find copies, machine rewrites and related documents in a corpus.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus frame (:func:`corpus_tools.load_corpus`), indexed by
        ``doc_id`` with a ``text`` column. Not modified.
    options : RewriteOptions, optional
        Thresholds; defaults documented on :class:`RewriteOptions`.
    evidence : tuple of {"grammar", "readability"}, default both
        Extra evidence computed for the documents of ``copy`` and
        ``rewrite`` pairs: grammar findings per 1,000 words
        (:func:`corpus_tools.grammar.grammar_summary`, also a direction vote)
        and Flesch reading ease (:func:`corpus_tools.readability.readability`).
        Pass ``()`` to skip both (their columns are then NaN). The relation
        never depends on them.
    relations : tuple of str, default all
        Which relations to return (e.g. ``("copy", "rewrite")``).
    progress : bool, default False
        Show a progress bar on stderr.
    n_jobs : int or None, default 1
        Processes used for document features and pair alignment (``None``:
        every core). Used only above two million characters / 400 aligned
        pairs, where it pays off.

    Returns
    -------
    pandas.DataFrame
        One row per related pair (unrelated pairs are not listed), sorted by
        relation (rewrite, copy, related) then confidence; columns
        :data:`REWRITE_COLUMNS` (:data:`~corpus_tools.rewrites.verdict.VERDICT_COLUMNS`):

        - ``doc_a``, ``doc_b``: the pair (``doc_a < doc_b``).
        - ``relation``: ``copy``, ``rewrite`` or ``related``.
        - ``original``, ``rewritten``: doc ids for ``rewrite`` rows; for
          ``copy`` rows ``original`` is the longer document (its source
          cannot be told from the text) and ``rewritten`` is ``""``.
        - ``confidence``: 0-1, higher = surer of the relation (and, for
          rewrites, of the direction).
        - ``candidate_score`` (0-1), ``n_shared_immutables``,
          ``immutable_overlap``, ``shingle_overlap``, ``content_overlap``
          (shared share of the smaller set; 0-1); ``n_words_a``,
          ``n_words_b``.
        - ``coverage``: share of the shorter document's words in aligned
          sentences (0-1); ``aligned_similarity``: mean sentence
          similarity of aligned pairs; ``identical_sentences``: share of
          aligned pairs that are verbatim.
        - ``touched_sentences``: share of aligned pairs with a swapped
          word; ``swap_share``: one-for-one swaps among all changed words;
          ``n_name_swaps``: swaps of one name for another.
        - ``n_swaps``, ``swaps_per_100`` (per 100 aligned words of the
          shorter side), ``n_lost_inflections``, ``n_typos``.
        - ``numbers_kept``: share of the smaller set of numbers stated by both
          texts (NaN when one states none); a rewrite keeps them.
        - ``quotes_kept``, ``quotes_changed`` (changed or unquoted).
        - ``zipf_shift``: mean Zipf frequency of ``doc_a``'s swapped words
          minus ``doc_b``'s (positive: ``doc_b`` uses rarer substitutes).
        - ``nonwords_per_1k_a/_b``, ``grammar_per_1k_a/_b``,
          ``reading_ease_a/_b``: per-document evidence.
        - ``rewriter_words_a/_b`` (rewrites only, else ``""``): the words of the
          learned rewriter vocabulary only that side uses, with their weights
          ("additionally +2.1": rewriters add it), strongest first; the evidence
          behind ``vote_rewriter_words``.
        - ``direction_score``: the sum of the votes, the logit of the
          direction model; positive = ``doc_b`` is the rewrite.
        - ``vote_*`` (:data:`~corpus_tools.rewrites.verdict.VOTE_COLUMNS`:
          spinner artefacts, language-model vocabulary, lost names, numbers
          and quotes, translation artefacts, style, grammar): each
          evidence's term of that logit (positive: ``doc_b`` is the rewrite;
          0: no evidence). Only rewrites are voted on: a copy or a related
          pair has no side to name, and its votes are NaN.
        - ``explanation``: why, in words (derived from the columns above).

        Alignment columns are NaN for pairs that were not aligned
        (``related`` pairs below ``align_min_content_overlap``). Empty
        documents are never paired. A corpus of fewer than two documents
        gives an empty frame with these columns.

    Notes
    -----
    Accuracy (measured with ``benchmarks/bench_rewrites.py``; see the
    README) is for English news. The direction rests on spinner artefacts;
    a fluent human or LLM paraphrase may leave too few of them, and then
    ``confidence`` is low.

    References
    ----------
    Zhang, Q., Wang, D. Y., & Voelker, G. M. (2014). DSpin: Detecting
    automatically spun content on the web. NDSS.
    """
    if is_dask(corpus):
        return on_dask("find_rewrites", corpus, options=options, evidence=evidence,
                        relations=relations, progress=progress)
    check_corpus(corpus, caller="find_rewrites()")
    opt = options or RewriteOptions()
    check_choices(relations, evidence)
    ids = [str(i) for i in corpus.index]
    texts = ["" if not isinstance(t, str) else t for t in corpus["text"]]
    sketch = sketch_corpus(ids, texts, n_jobs=n_jobs, progress=progress)
    rep = duplicate_groups(sketch, texts, min_overlap=opt.copy_min_shingle_overlap)
    screened = screen_candidates(sketch, ids, opt, indexed=rep == np.arange(len(ids)))
    screened = expand_groups(screened, rep, sketch, ids, opt)
    rows = judge_aligned(screened[screened["align"]], ids, texts, sketch.nonwords, opt,
                         n_jobs=n_jobs, progress=progress)
    del sketch
    out = verdict_rows(rows, screened)
    if out is None:
        return rewrite_table(None, relations)
    docs = evidence_documents(out)
    if docs:
        out = add_evidence(out, *evidence_values(corpus.loc[docs], evidence))
    return rewrite_table(finish_verdicts(out, opt), relations)


def verdict_rows(rows: list[dict], screened: pd.DataFrame) -> pd.DataFrame | None:
    """The judged rows and the ``related`` pairs of the screen in one frame (``None``: no pair)."""
    related = screened[screened["related"]].drop(columns=["i", "j", "align", "related"])
    parts = [p for p in (pd.DataFrame(rows), related.assign(relation="related", method=""))
             if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else None


def rewrite_table(out: pd.DataFrame | None, relations: tuple[str, ...]) -> pd.DataFrame:
    """The final table of :func:`find_rewrites`: families added, the chosen relations, sorted, typed."""
    if out is None:
        return _typed(pd.DataFrame(columns=VERDICT_COLUMNS))
    out = add_families(out)
    out = out[out["relation"].isin(relations)]
    order = out["relation"].map({"rewrite": 0, "copy": 1, "related": 2})
    out = (out.assign(_o=order)
           .sort_values(["_o", "confidence", "doc_a", "doc_b"],
                        ascending=[True, False, True, True], kind="stable")
           .drop(columns="_o").reset_index(drop=True))
    return _typed(out)


def check_choices(relations, evidence) -> None:
    bad = [r for r in relations if r not in RELATIONS]
    if bad:
        raise ValueError(f"find_rewrites(): unknown relation(s) {bad}; choose from {RELATIONS}")
    for e in evidence:
        if e not in EVIDENCE:
            raise ValueError(f"find_rewrites(): unknown evidence {e!r}; "
                             "choose from 'grammar', 'readability'")


class _Job(NamedTuple):
    """One pair to align: the documents' positions and what the screen found."""

    i: int
    j: int
    pair: CandidatePair


class _Chunk(NamedTuple):
    """Pairs to judge with the documents they need (what a worker process receives)."""

    jobs: list[_Job]
    docs: dict[int, tuple[str, str]]
    options: RewriteOptions


_WORKER_FEATURES: dict[tuple[str, int], DocFeatures] = {}
"""Full features of the documents a worker process has met, across the chunks it judges."""


def forget_documents() -> None:
    """Empty what this process remembers of the documents it judged: their features, styles
    and sentence vectors (kept so that a document met in many pairs is read once). A worker
    that judges one chunk of pairs after another calls it after each chunk, so that its
    memory does not grow with the corpus."""
    from ..embed import SentenceEncoder
    from .direction import forget_styles

    _WORKER_FEATURES.clear()
    forget_styles()
    SentenceEncoder.cache_clear()


def _features_of(doc: tuple[str, str], cache: dict) -> DocFeatures:
    key = (doc[0], hash(doc[1]))
    f = cache.get(key)
    if f is None:
        if len(cache) >= FEATURE_CACHE:
            cache.clear()
        f = cache[key] = doc_features(*doc, sets=False)
    return f


def _judge_chunk(chunk: _Chunk, features: dict | None = None) -> list[dict]:
    """Verdict rows of a chunk's pairs; ``features`` caches documents' features across chunks
    (a worker process keeps its own, :data:`_WORKER_FEATURES`)."""
    features = _WORKER_FEATURES if features is None else features
    full = {k: _features_of(doc, features) for k, doc in chunk.docs.items()}
    if chunk.options.align.semantic_weight:  # every sentence of the chunk in one batch
        from ..embed import SentenceEncoder

        SentenceEncoder().encode([f.text[sp.start:sp.end] for f in full.values()
                                  for sp in f.spans])
    rows = []
    for job in chunk.jobs:
        row = judge_pair(job.pair, full[job.i], full[job.j], chunk.options)
        if row is not None:
            rows.append(row)
    return rows


def judge_aligned(aligned: pd.DataFrame, ids, texts, nonwords, opt: RewriteOptions, *,
                  n_jobs: int | None, progress: bool) -> list[dict]:
    """Verdict rows of the pairs to align; identical texts are copies without alignment.

    ``ids``, ``texts`` and ``nonwords`` are indexed by the positions in
    ``aligned["i"]`` and ``aligned["j"]`` (lists, or dicts of the documents
    a part of the pairs needs).
    """
    fields = list(CandidatePair._fields)
    jobs, rows = [], []
    counted: dict[str, tuple[int, int]] = {}  # per distinct text: prose words, sentences
    for i, j, *values in aligned[["i", "j", *fields]].itertuples(index=False, name=None):
        pair = CandidatePair(*values)
        if texts[i] == texts[j]:
            if texts[i] not in counted:
                f = doc_features("", texts[i])
                counted[texts[i]] = (prose_word_count(f, opt), len(f.sent_words),
                                     bool(document_numbers(f)))
            words, sentences, has_numbers = counted[texts[i]]
            rows.append(identical_pair(pair, nonwords=int(nonwords[i]),
                                       n_quotes=count_quotes(texts[i]), n_prose_words=words,
                                       n_sentences=sentences, has_numbers=has_numbers))
        else:
            jobs.append(_Job(int(i), int(j), pair))
    workers = worker_count(n_jobs)
    parallel = workers > 1 and len(jobs) >= PARALLEL_MIN_PAIRS
    size = max(100, len(jobs) // (workers * 8)) if parallel else max(100, len(jobs) // 20)
    chunks = []
    for k in range(0, len(jobs), size):
        part = jobs[k:k + size]
        need = {x for job in part for x in (job.i, job.j)}
        chunks.append(_Chunk(part, {x: (ids[x], texts[x]) for x in need}, opt))
    if parallel:
        _load_word_data(opt)  # once, before the workers fork: they share it
        with process_pool(workers) as pool:
            results = list(_progress(pool.map(_judge_chunk, chunks), enabled=progress,
                                     total=len(chunks), desc="aligning"))
    else:
        cache: dict = {}
        results = [_judge_chunk(c, cache) for c in _progress(chunks, enabled=progress,
                                                              total=len(chunks), desc="aligning")]
    return rows + [row for part in results for row in part]


def _load_word_data(opt: RewriteOptions) -> None:
    """Load what judging a pair reads (word lists, lemmas, the sentence model, the direction
    model) in this process, so worker processes forked from it start with it loaded."""
    from ..lexicon import frequencies, lemmas
    from .direction import direction_model, spelling_variants

    frequencies()
    lemmas("loaded")
    spelling_variants()
    direction_model()
    if opt.align.semantic_weight:
        from ..embed import SentenceEncoder

        SentenceEncoder().encode(["A sentence to load the model."])


def evidence_documents(out: pd.DataFrame) -> list[str]:
    """The documents of ``copy`` and ``rewrite`` pairs, sorted: those that get evidence."""
    focus = out["relation"].isin(["rewrite", "copy"])
    return sorted(set(out.loc[focus, "doc_a"]) | set(out.loc[focus, "doc_b"]))


def evidence_values(sub, evidence) -> tuple[pd.Series | None, pd.Series | None]:
    """Grammar findings per 1,000 words and Flesch reading ease of the evidence documents
    ``sub`` (a corpus frame: the rates depend on the other documents of ``sub``)."""
    rate = ease = None
    if "grammar" in evidence:
        from ..grammar import grammar_summary

        rate = grammar_summary(sub)["findings_per_1000_words"]
    if "readability" in evidence:
        from ..readability import readability

        ease = readability(sub)["flesch_reading_ease"]
    return rate, ease


def add_evidence(out: pd.DataFrame, rate: pd.Series | None, ease: pd.Series | None
                 ) -> pd.DataFrame:
    """``out`` with the evidence columns for the documents of copy/rewrite pairs."""
    focus = out["relation"].isin(["rewrite", "copy"])
    if not focus.any():
        return out
    new = {}
    if rate is not None:
        new["grammar_per_1k_a"] = out["doc_a"].map(rate).where(focus)
        new["grammar_per_1k_b"] = out["doc_b"].map(rate).where(focus)
    if ease is not None:
        new["reading_ease_a"] = out["doc_a"].map(ease).where(focus)
        new["reading_ease_b"] = out["doc_b"].map(ease).where(focus)
    return out.assign(**new)


_TEXT_COLUMNS = ("doc_a", "doc_b", "relation", "method", "original", "rewritten",
                 "family_original", "rewriter_words_a", "rewriter_words_b", "explanation")


def _number(values: pd.Series, *, integer: bool) -> pd.Series:
    """A numeric column: counts as nullable ``Int64`` (a count that is not a whole number
    raises), everything else as ``float``."""
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    return numbers.astype("Int64") if integer else numbers


def _typed(out: pd.DataFrame) -> pd.DataFrame:
    out = out.reindex(columns=REWRITE_COLUMNS)
    text = {c: out[c].fillna("").astype(str) for c in _TEXT_COLUMNS}
    numbers = {c: _number(out[c], integer=c == "family" or c in COUNT_COLUMNS)
               for c in REWRITE_COLUMNS if c not in _TEXT_COLUMNS}
    return pd.DataFrame({**text, **numbers}, index=out.index)[REWRITE_COLUMNS]
