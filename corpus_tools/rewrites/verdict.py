"""How are two documents related, and which side is the rewrite? The verdict, in three steps.

For a candidate pair that was aligned sentence by sentence:

1. :func:`pair_statistics`: what the alignment shows (coverage, verbatim
   sentences, swapped words, lost inflections, typos, quotes), as a
   :class:`PairStatistics`;
2. :func:`direction_votes`: each artefact votes for the side it points at
   (positive: ``b`` is the rewrite), as :class:`DirectionVotes`;
3. :func:`relation_of`: ``copy``, ``rewrite``, ``related`` or none, from the
   statistics alone.

:func:`judge_pair` runs the three on one pair and returns its row;
:func:`finish_verdicts` then adds, column by column for all pairs at once,
the grammar vote, the direction score, the sides, the confidence and the
explanation. Every vote is kept as a column (``vote_*``), so the
explanation is derived from the data (:func:`explain`) and can be checked.
Every number that shapes a verdict is a field of
:class:`~corpus_tools.rewrites.options.RewriteOptions`.
"""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..lexicon import NAME_MAX_ZIPF, is_known_word, zipf
from ..stopwords import ENGLISH_STOPWORDS
from .align import SWAP_LABELS, align_groups, align_records, sentence_cosines
from .direction import EVIDENCE_NAMES, direction_evidence, direction_model, rewriter_words_used
from .features import DocFeatures, document_numbers, prose_sentences
from .options import RewriteOptions
from .paraphrase import paraphrase_evidence, paraphrase_model
from .records import AlignedGroup, DirectionVotes, QuoteMatch, WordEdit

__all__ = ["CandidatePair", "PairStatistics", "DirectionVotes", "VOTES", "VOTE_COLUMNS",
           "VERDICT_COLUMNS", "pair_statistics", "direction_votes", "relation_of", "judge_pair",
           "identical_pair", "unaligned_pairs", "finish_verdicts", "explain",
           "paraphrase_probability", "paraphrase_rules_hold"]


class CandidatePair(NamedTuple):
    """A candidate pair and what its sketches share (all shares of the smaller set, 0-1)."""

    doc_a: str
    doc_b: str
    candidate_score: float
    n_shared_immutables: int
    immutable_overlap: float
    shingle_overlap: float
    content_overlap: float
    n_words_a: int
    n_words_b: int


class PairStatistics(NamedTuple):
    """What the alignment of a pair shows (step 1); see :func:`pair_statistics`."""

    coverage: float
    aligned_similarity: float
    prose_coverage: float
    prose_coverage_longer: float
    prose_similarity: float
    n_prose_words: int
    n_aligned: int
    n_merged: int
    doc_similarity: float
    meaning_coverage: float
    meaning_coverage_longer: float
    sentence_order: float
    position_gap: float
    identical_sentences: float
    touched_sentences: float
    swap_share: float
    n_name_swaps: int
    n_changed_numbers: int
    numbers_kept: float
    """Share of the smaller set of numbers stated
    (:func:`~corpus_tools.rewrites.features.document_numbers`) that the other text states too;
    NaN when either states none."""
    n_swaps: int
    swaps_per_100: float
    n_lost_inflections: int
    n_typos: int
    quotes_kept: int
    quotes_changed: int
    zipf_shift: float
    n_zipf_swaps: int
    nonwords_per_1k_a: float
    nonwords_per_1k_b: float
    inflections_lost_balance: int
    nonword_typo_balance: int
    unquoted_balance: int

    @property
    def name_share(self) -> float:
        """Share of the swaps replacing one name by another (0 without swaps)."""
        return self.n_name_swaps / self.n_swaps if self.n_swaps else 0.0


VOTES = (*EVIDENCE_NAMES, "grammar")
"""The direction votes (:mod:`corpus_tools.rewrites.direction`), in the order explanations
list them."""

VOTE_WORDS = {"inflection": "lost verb/noun endings", "typos": "typos",
              "zipf": "rarer substitute words", "nonwords": "more non-words",
              "quotes": "quotation marks dropped", "llm_words": "words language models favour",
              "rewriter_words": "words rewriters add", "american_spelling":
              "American spelling for British", "unique_rarity": "rarer words of its own",
              "specifics_lost": "fewer names and numbers", "direct_quotes_lost": "quotes turned into reported speech",
              "broken_boundaries": "broken sentence boundaries", "mixed_spelling":
              "British and American spellings mixed", "stopword_share": "fewer function words",
              "commas": "more commas", "sentence_length_cv": "sentence lengths of its own",
              "grammar": "more grammar findings"}
"""How an explanation names what a vote saw (for the side the vote points at)."""

VOTE_COLUMNS = [f"vote_{v}" for v in VOTES]

VERDICT_COLUMNS = [
    "doc_a", "doc_b", "relation", "method", "original", "rewritten", "confidence",
    "candidate_score", "n_shared_immutables", "immutable_overlap", "shingle_overlap",
    "content_overlap", "n_words_a", "n_words_b", "coverage", "aligned_similarity",
    "prose_coverage", "prose_coverage_longer", "prose_similarity", "n_prose_words",
    "doc_similarity", "meaning_coverage", "meaning_coverage_longer", "sentence_order",
    "position_gap", "paraphrase_probability", "n_aligned", "n_merged", "identical_sentences", "touched_sentences", "swap_share", "n_name_swaps",
    "n_changed_numbers", "numbers_kept", "n_swaps",
    "swaps_per_100", "n_lost_inflections", "n_typos", "quotes_kept", "quotes_changed",
    "zipf_shift", "nonwords_per_1k_a", "nonwords_per_1k_b", "grammar_per_1k_a",
    "grammar_per_1k_b", "reading_ease_a", "reading_ease_b", "rewriter_words_a",
    "rewriter_words_b", "direction_score",
    *VOTE_COLUMNS, "explanation",
]
"""The columns of :func:`corpus_tools.rewrites.find_rewrites`, in order."""

COUNT_COLUMNS = (
    "n_shared_immutables", "n_words_a", "n_words_b", "n_prose_words", "n_aligned",
    "n_merged", "n_name_swaps",
    "n_changed_numbers", "n_swaps", "n_lost_inflections", "n_typos", "quotes_kept",
    "quotes_changed",
)
"""The columns of :data:`VERDICT_COLUMNS` that count something: nullable integers (``Int64``)."""


# --- step 1: what the alignment shows --------------------------------------------

def _coverage(fa: DocFeatures, fb: DocFeatures, groups: list[AlignedGroup]
              ) -> tuple[float, float, int]:
    """(share of the shorter document's words in aligned sentences, mean group similarity,
    aligned words of the shorter side)."""
    words_a = sum(len(w) for w in fa.sent_words)
    words_b = sum(len(w) for w in fb.sent_words)
    al_a = sum(len(fa.sent_words[k]) for g in groups for k in g.a_sents)
    al_b = sum(len(fb.sent_words[k]) for g in groups for k in g.b_sents)
    shorter_is_a = words_a <= words_b
    if shorter_is_a:
        coverage = al_a / words_a if words_a else 0.0
    else:
        coverage = al_b / words_b if words_b else 0.0
    sim = float(np.mean([g.similarity for g in groups])) if groups else math.nan
    return coverage, sim, al_a if shorter_is_a else al_b


def _is_name(word: str) -> bool:
    return bool(word[:1].isupper()) and " " not in word and zipf(word) <= NAME_MAX_ZIPF


def _other_number(x: str, y: str) -> bool:
    """True when ``x`` and ``y`` are both numbers and not the same number ("2,000" is 2000)."""
    x, y = x.replace(",", ""), y.replace(",", "")
    return x[:1].isdigit() and y[:1].isdigit() and x != y


def _nonword(word: str) -> bool:
    return " " not in word and not is_known_word(word)


def _edit_counts(edits: list[WordEdit]) -> dict[str, int]:
    counts = dict.fromkeys(("swaps", "inflections", "typos", "changed", "names", "numbers"), 0)
    counts["inflection_balance"] = counts["typo_balance"] = 0
    for e in edits:
        if e.label in SWAP_LABELS:
            counts["swaps"] += 1
        if e.label in SWAP_LABELS or e.label in ("inserted", "deleted"):
            counts["changed"] += 1
        if e.label == "lost inflection":
            counts["inflections"] += 1
            counts["inflection_balance"] += (e.base_side == "b") - (e.base_side == "a")
        elif e.label == "typo":
            counts["typos"] += 1
            counts["typo_balance"] += _nonword(e.b_word) - _nonword(e.a_word)
        elif e.label == "synonym swap" and _is_name(e.a_word) and _is_name(e.b_word):
            counts["names"] += 1
        elif e.label == "changed number" and _other_number(e.a_word, e.b_word):
            counts["numbers"] += 1
    return counts


def _zipf_shifts(edits: list[WordEdit]) -> list[float]:
    """Zipf frequency of ``a``'s word minus ``b``'s, for synonym swaps of two known single
    words that are not stop words (positive: ``b`` chose the rarer word)."""
    stop = ENGLISH_STOPWORDS
    return [e.zipf_a - e.zipf_b for e in edits
            if e.label == "synonym swap" and e.zipf_a == e.zipf_a and e.zipf_b == e.zipf_b
            and e.a_word.lower() not in stop and e.b_word.lower() not in stop]


def _quote_counts(quotes: list[QuoteMatch]) -> tuple[int, int, int]:
    """(quotes kept, quotes changed or unquoted, unquoted by ``b`` minus unquoted by ``a``)."""
    kept = sum(1 for q in quotes if q.status == "kept")
    changed = sum(1 for q in quotes if q.changed)
    lost_in_b = sum(1 for q in quotes if q.status == "unquoted" and q.quoted_in == "a")
    lost_in_a = sum(1 for q in quotes if q.status == "unquoted" and q.quoted_in == "b")
    return kept, changed, lost_in_b - lost_in_a


class _ProseCoverage(NamedTuple):
    shorter: float  # share of the shorter document's prose words in aligned prose groups
    longer: float  # the same for the longer document
    similarity: float  # mean similarity of the aligned prose groups
    shorter_words: int  # prose words of the shorter document


def _prose_coverage(fa: DocFeatures, fb: DocFeatures, groups: list[AlignedGroup],
                    opt: RewriteOptions) -> _ProseCoverage:
    """How much of each document's prose aligns with prose of the other."""
    rule = dict(min_words=opt.prose_min_words, min_stopword_share=opt.prose_min_stopword_share,
                max_capitalised_share=opt.prose_max_capitalised_share)
    pa, pb = prose_sentences(fa, **rule), prose_sentences(fb, **rule)
    prose = [g for g in groups if any(pa[k] for k in g.a_sents) and any(pb[k] for k in g.b_sents)]

    def share(f, flags, side):
        total = sum(len(w) for w, p in zip(f.sent_words, flags) if p)
        covered = sum(len(f.sent_words[k]) for g in prose for k in getattr(g, side) if flags[k])
        return (covered / total if total else 0.0), total

    cov_a, words_a = share(fa, pa, "a_sents")
    cov_b, words_b = share(fb, pb, "b_sents")
    sim = float(np.mean([g.similarity for g in prose])) if prose else 0.0
    if words_a <= words_b:
        return _ProseCoverage(cov_a, cov_b, sim, words_a)
    return _ProseCoverage(cov_b, cov_a, sim, words_b)


def _numbers_kept(fa: DocFeatures, fb: DocFeatures) -> float:
    """Share of the smaller set of numbers the documents state that both state (NaN: one
    states none). The smaller set, not the shorter text's: a rewrite may drop numbers, but
    what both state must agree."""
    na, nb = document_numbers(fa), document_numbers(fb)
    if not na or not nb:
        return math.nan
    return len(na & nb) / min(len(na), len(nb))


class MeaningMatch(NamedTuple):
    """How each sentence finds its meaning in the other document, wherever it is (the
    fields of :class:`~corpus_tools.rewrites.paraphrase.ParaphraseEvidence` of those names)."""

    coverage: float
    coverage_longer: float
    order: float
    position_gap: float


ORDER_MIN_COSINE = 0.5
"""A sentence's closest sentence in the other text counts for ``sentence_order`` from this
cosine on (fluent rewrites: median best cosine 0.76; another story's sentences 0.16)."""


def meaning_match(fa: DocFeatures, fb: DocFeatures) -> MeaningMatch:
    """:class:`MeaningMatch` of two documents, from their sentence vectors.

    For each sentence of the shorter document (fewer words), its closest
    sentence of the longer one by cosine: the word-weighted mean of those
    cosines (``coverage``; ``coverage_longer`` the same from the longer
    side), the share of pairs of its sentences whose closest sentences (at
    cosine :data:`ORDER_MIN_COSINE` or more) keep their order (``order``;
    NaN with fewer than two), and the word-weighted mean distance between
    a sentence's relative place in its text and its match's
    (``position_gap``). A rewrite retells its story in order; an
    independent text on the topic matches sentences here and there.
    """
    if sum(len(w) for w in fa.sent_words) > sum(len(w) for w in fb.sent_words):
        fa, fb = fb, fa
    cos = sentence_cosines(fa, fb)
    wa = np.array([len(w) for w in fa.sent_words], dtype=float)
    wb = np.array([len(w) for w in fb.sent_words], dtype=float)
    if not cos.size or not wa.sum() or not wb.sum():
        return MeaningMatch(0.0, 0.0, math.nan, math.nan)
    best = cos.argmax(axis=1)
    coverage = float(cos.max(axis=1) @ wa / wa.sum())
    coverage_longer = float(cos.max(axis=0) @ wb / wb.sum())
    sure = best[cos.max(axis=1) >= ORDER_MIN_COSINE]
    if len(sure) >= 2:
        i, j = np.triu_indices(len(sure), 1)
        order = float(np.mean(sure[j] >= sure[i]))
    else:
        order = math.nan
    place_a = (np.arange(len(wa)) + 0.5) / len(wa)
    place_b = (best + 0.5) / len(wb)
    gap = float(np.abs(place_a - place_b) @ wa / wa.sum())
    return MeaningMatch(round(coverage, 6), round(coverage_longer, 6), order, round(gap, 6))


def _doc_similarity(fa: DocFeatures, fb: DocFeatures) -> float:
    """Cosine of the two documents' mean sentence vectors (meaning of the whole; 0-1)."""
    from ..embed import SentenceEncoder

    enc = SentenceEncoder()
    va = enc.encode([fa.text[sp.start:sp.end] for sp in fa.spans]).sum(axis=0)
    vb = enc.encode([fb.text[sp.start:sp.end] for sp in fb.spans]).sum(axis=0)
    norm = float(np.linalg.norm(va) * np.linalg.norm(vb))
    return min(1.0, round(float(va @ vb) / norm, 6)) if norm else 0.0


def pair_statistics(fa: DocFeatures, fb: DocFeatures, groups: list[AlignedGroup], *,
                    coverage: float, similarity: float, aligned_words: int,
                    options: RewriteOptions) -> PairStatistics:
    """Step 1: the numbers the relation and the direction rest on (see :class:`PairStatistics`).

    ``coverage``, ``similarity`` and ``aligned_words`` (of the shorter side)
    come from the groups (:func:`judge_pair` computes them first, to skip
    pairs that barely align).
    """
    rec = align_records(fa, fb, groups, identical_rows=False)
    prose = _prose_coverage(fa, fb, groups, options)
    matched = [r for r in rec.sentences if r.aligned]
    c = _edit_counts(rec.edits)
    shifts = _zipf_shifts(rec.edits)
    kept, changed, unquoted = _quote_counts(rec.quotes)
    touched = len({e.pair for e in rec.edits if e.label in SWAP_LABELS})
    semantic = options.align.semantic_weight and \
        len(fa.sent_words) * len(fb.sent_words) <= options.align.max_dense_cells
    meaning = meaning_match(fa, fb) if semantic else MeaningMatch(*[math.nan] * 4)
    per_1k = (lambda f: 1000.0 * f.nonwords / f.n_words if f.n_words else math.nan)
    return PairStatistics(
        coverage=coverage, aligned_similarity=similarity, prose_coverage=prose.shorter,
        prose_coverage_longer=prose.longer, prose_similarity=prose.similarity,
        n_prose_words=prose.shorter_words, n_aligned=len(groups),
        n_merged=sum(1 for g in groups if len(g.a_sents) + len(g.b_sents) > 2),
        doc_similarity=_doc_similarity(fa, fb) if semantic else math.nan,
        meaning_coverage=meaning.coverage, meaning_coverage_longer=meaning.coverage_longer,
        sentence_order=meaning.order, position_gap=meaning.position_gap,
        identical_sentences=float(np.mean([r.identical for r in matched])) if matched else 0.0,
        touched_sentences=touched / len(matched) if matched else 0.0,
        swap_share=c["swaps"] / c["changed"] if c["changed"] else 0.0,
        n_name_swaps=c["names"], n_changed_numbers=c["numbers"],
        numbers_kept=_numbers_kept(fa, fb), n_swaps=c["swaps"],
        swaps_per_100=100.0 * c["swaps"] / max(1, aligned_words),
        n_lost_inflections=c["inflections"], n_typos=c["typos"], quotes_kept=kept,
        quotes_changed=changed, zipf_shift=float(np.mean(shifts)) if shifts else math.nan,
        n_zipf_swaps=len(shifts), nonwords_per_1k_a=per_1k(fa), nonwords_per_1k_b=per_1k(fb),
        inflections_lost_balance=c["inflection_balance"], nonword_typo_balance=c["typo_balance"],
        unquoted_balance=unquoted)


# --- step 2: what points which way ------------------------------------------------

def _clip(x: float) -> float:
    return float(min(1.0, max(-1.0, x)))


def direction_votes(s: PairStatistics, opt: RewriteOptions) -> DirectionVotes:
    """Step 2: each artefact's vote, -1..1 (positive: ``b`` is the rewrite).

    Lost inflections and non-word typos count for the side that has them;
    the word-frequency shift of synonym swaps for the side with the rarer
    words (spinners reach for rarer synonyms); a higher non-word rate and
    quotation marks dropped for the side that shows them. The strengths are
    fields of :class:`RewriteOptions` (``vote_*``).
    """
    nw_a, nw_b = s.nonwords_per_1k_a, s.nonwords_per_1k_b
    zipf_vote = 0.0
    if s.n_zipf_swaps >= opt.vote_zipf_min_swaps:
        zipf_vote = (_clip(s.zipf_shift / opt.vote_zipf_full_shift)
                     * min(1.0, s.n_zipf_swaps / opt.vote_zipf_full_swaps))
    nonwords_vote = 0.0
    if not (math.isnan(nw_a) or math.isnan(nw_b)) and abs(nw_b - nw_a) >= \
            opt.vote_nonwords_min_gap:
        nonwords_vote = opt.vote_nonwords_weight * float(np.sign(nw_b - nw_a))
    return DirectionVotes(
        inflection=_clip(s.inflections_lost_balance / opt.vote_inflection_full),
        typos=_clip(s.nonword_typo_balance / opt.vote_typo_full),
        zipf=zipf_vote, nonwords=nonwords_vote,
        quotes=opt.vote_quotes_weight * _clip(s.unquoted_balance))


def grammar_vote(per_1k_a, per_1k_b, opt: RewriteOptions):
    """The grammar vote (arrays): more findings per 1,000 words on one side point at it;
    0.0 where a rate is missing or the gap is below ``vote_grammar_min_gap``."""
    a = np.asarray(per_1k_a, dtype=float)
    b = np.asarray(per_1k_b, dtype=float)
    gap = b - a
    with np.errstate(invalid="ignore"):
        strong = np.abs(gap) >= opt.vote_grammar_min_gap
    return np.where(strong, np.clip(gap / opt.vote_grammar_full_gap, -1, 1), 0.0)


# --- step 3: the relation -----------------------------------------------------------

def relation_of(pair: CandidatePair, s: PairStatistics, opt: RewriteOptions, *,
                probability: float | None = None) -> tuple[str, str] | None:
    """Step 3: the relation and, for a rewrite, its method; None when not related at all.

    ``"rewrite"``: the prose aligns in order with swapped words spread over
    most aligned sentences, mostly one for one, few of them names, its
    numbers kept (an article spinner's output; a pair aligned by one group of sentences must
    also be as close in meaning as a paraphrase, since one group shows no
    order). ``("copy", "")``: aligns with
    mostly verbatim or untouched sentences (and at least ``min_coverage`` of
    its prose aligns: two reports sharing a squad list are not copies), or
    shares nearly all its shingles. ``("rewrite", "paraphrase")``: not a copy, but the
    shorter text's prose is retold sentence by sentence, in order, keeping
    its numbers and names, and either nearly all of it is retold close in
    meaning or, for a fluent retelling (few 4-word sequences kept), the
    paraphrase model (:mod:`corpus_tools.rewrites.paraphrase`) finds it
    probable (``probability`` at least ``paraphrase_min_probability``;
    computed here when not given). Either kind of rewrite needs at least
    ``rewrite_min_probability`` from that model. ``("related", "")``:
    anything else that shares enough.
    """
    def probable(at_least: float) -> bool:
        nonlocal probability
        if probability is None:
            probability = paraphrase_probability(pair, s)
        return probability >= at_least

    aligned = s.coverage >= opt.min_coverage
    near_verbatim = pair.shingle_overlap >= opt.copy_min_shingle_overlap
    retold = s.prose_coverage >= opt.rewrite_min_prose_coverage
    close_in_meaning = (s.prose_similarity >= opt.paraphrase_min_similarity
                        # a NaN doc_similarity (words only) does not object
                        and not s.doc_similarity < opt.paraphrase_min_doc_similarity)
    if (aligned and not near_verbatim and retold
            # one aligned group shows no order: short texts on one topic align that way,
            # so such a pair must also be as close in meaning as a paraphrase
            and (s.n_aligned > 1 or close_in_meaning)
            and s.swaps_per_100 >= opt.rewrite_min_swaps_per_100
            and s.touched_sentences >= opt.rewrite_min_touched
            and s.swap_share >= opt.rewrite_min_swap_share
            and s.name_share <= opt.rewrite_max_name_share
            and s.n_changed_numbers <= opt.rewrite_max_changed_numbers * s.n_aligned
            and not s.numbers_kept < opt.rewrite_min_numbers_kept  # NaN: no numbers to keep
            and probable(opt.rewrite_min_probability)):
        return "rewrite", method_of(s, opt)
    if near_verbatim or (aligned and s.prose_coverage >= opt.min_coverage
                         and (s.identical_sentences >= opt.copy_min_identical
                              or s.touched_sentences <= opt.copy_max_touched)):
        return "copy", ""
    if paraphrase_rules_hold(pair, s, opt):
        fluent = pair.shingle_overlap < opt.fluent_max_shingle_overlap
        if (retold and close_in_meaning and probable(opt.rewrite_min_probability)) or (
                fluent and probable(opt.paraphrase_min_probability)):
            return "rewrite", method_of(s, opt)
    if pair.n_shared_immutables >= opt.related_min_shared or s.coverage > 0:
        return "related", ""
    return None


def paraphrase_rules_hold(pair, s, opt: RewriteOptions) -> bool:
    """Whether the rules that come before the paraphrase model hold.

    These are the rules of :func:`relation_of`'s second route: prose aligned (no verdict
    from lists) and long enough to judge, not near-verbatim, numbers and names kept.

    Parameters
    ----------
    pair, s
        A :class:`CandidatePair` and its :class:`PairStatistics`, or one verdict row for
        both (``benchmarks/fit_paraphrase.py`` fits the model on the rows these rules let
        through).
    opt : RewriteOptions
        The thresholds.

    Returns
    -------
    bool
        True when the paraphrase model may decide the pair.
    """
    names = s.n_name_swaps / s.n_swaps if s.n_swaps else 0.0
    return bool(s.prose_coverage >= opt.min_coverage
                and s.n_prose_words >= opt.paraphrase_min_prose_words
                and pair.shingle_overlap < opt.paraphrase_max_shingle_overlap
                and s.n_changed_numbers <= opt.rewrite_max_changed_numbers * s.n_aligned
                and not s.numbers_kept < opt.rewrite_min_numbers_kept  # NaN: no numbers
                and names <= opt.rewrite_max_name_share)


def paraphrase_probability(pair: CandidatePair, s: PairStatistics) -> float:
    """0-1: how probable the paraphrase model finds it that the pair is one text retold."""
    return paraphrase_model().probability(paraphrase_evidence(pair, s))


def method_of(s: PairStatistics, opt: RewriteOptions) -> str:
    """``"word swaps"`` (an article spinner) or ``"paraphrase"`` (a fluent rewrite).

    A spinner leaves its fingerprints (lost inflections: "will be compare";
    typos), which fluent writers (people, language models, translation
    systems) do not; without them, a spinner still keeps every sentence and
    replaces words in place: no sentence merged or split, nearly only
    one-for-one swaps (``method_min_swap_share``). Any other rewrite retold
    the text: a paraphrase.
    """
    if s.n_lost_inflections + s.n_typos > 0:
        return "word swaps"
    if s.n_merged == 0 and s.swap_share >= opt.method_min_swap_share:
        return "word swaps"
    return "paraphrase"


# --- one pair, all steps ---------------------------------------------------------------

def judge_pair(pair: CandidatePair, fa: DocFeatures, fb: DocFeatures,
               opt: RewriteOptions) -> dict | None:
    """The verdict row of one aligned candidate pair (None when it is not related at all).

    Pairs whose shorter side barely aligns (under ``min_coverage``) and that
    do not share nearly all shingles stop after the coverage: ``related``
    when they share enough immutables, else nothing.
    """
    groups = align_groups(fa, fb, options=opt.align)
    coverage, sim, aligned_words = _coverage(fa, fb, groups)
    row = pair._asdict()
    if coverage < opt.min_coverage and pair.shingle_overlap < opt.copy_min_shingle_overlap:
        if pair.n_shared_immutables >= opt.related_min_shared and (
                pair.immutable_overlap >= opt.related_min_overlap or coverage > 0):
            row.update(relation="related", coverage=coverage, aligned_similarity=sim)
            return row
        return None
    stats = pair_statistics(fa, fb, groups, coverage=coverage, similarity=sim,
                            aligned_words=aligned_words, options=opt)
    probability = paraphrase_probability(pair, stats)
    verdict = relation_of(pair, stats, opt, probability=probability)
    if verdict is None:
        return None
    row.update(stats._asdict())
    row["paraphrase_probability"] = probability
    row["relation"], row["method"] = verdict
    if verdict[0] == "rewrite":  # only a rewrite has a side to name
        evidence = direction_evidence(fa, fb, direction_votes(stats, opt))
        row.update({f"vote_{k}": v for k, v in direction_model().votes(evidence).items()})
        row["rewriter_words_a"], row["rewriter_words_b"] = rewriter_words_used(fa, fb)
    return row


def prose_word_count(f: DocFeatures, opt: RewriteOptions) -> int:
    """Words in the prose sentences of ``f`` (see :func:`_prose_coverage`)."""
    flags = prose_sentences(f, min_words=opt.prose_min_words,
                            min_stopword_share=opt.prose_min_stopword_share,
                            max_capitalised_share=opt.prose_max_capitalised_share)
    return sum(len(w) for w, p in zip(f.sent_words, flags) if p)


def identical_pair(pair: CandidatePair, *, nonwords: int, n_quotes: int,
                   n_prose_words: int, n_sentences: int, has_numbers: bool) -> dict:
    """The verdict row of two documents with the same text: what alignment would give
    (every sentence aligned and verbatim, nothing swapped; no votes: a copy has no side to
    name)."""
    per_1k = 1000.0 * nonwords / pair.n_words_a if pair.n_words_a else math.nan
    row = pair._asdict()
    row.update(relation="copy", method="", coverage=1.0, aligned_similarity=1.0,
               prose_coverage=1.0, prose_coverage_longer=1.0, prose_similarity=1.0,
               n_prose_words=n_prose_words, n_aligned=n_sentences, doc_similarity=1.0,
               meaning_coverage=1.0, meaning_coverage_longer=1.0,
               sentence_order=1.0 if n_sentences >= 2 else math.nan, position_gap=0.0,
               n_merged=0,
               identical_sentences=1.0,
               touched_sentences=0.0, swap_share=0.0, n_name_swaps=0, n_changed_numbers=0,
               numbers_kept=1.0 if has_numbers else math.nan, n_swaps=0,
               swaps_per_100=0.0, n_lost_inflections=0, n_typos=0, quotes_kept=n_quotes,
               quotes_changed=0, zipf_shift=math.nan, nonwords_per_1k_a=per_1k,
               nonwords_per_1k_b=per_1k)
    row["paraphrase_probability"] = paraphrase_model().probability(paraphrase_evidence(
        pair, SimpleNamespace(**row)))
    return row


def unaligned_pairs(pairs: pd.DataFrame) -> pd.DataFrame:
    """``related`` rows for candidate pairs that were never aligned (columns of
    :class:`CandidatePair`), built column by column."""
    return pairs.assign(relation="related")


# --- all pairs: sides, confidence, explanation -------------------------------------------

def finish_verdicts(out: pd.DataFrame, opt: RewriteOptions) -> pd.DataFrame:
    """Add the grammar vote, ``direction_score``, the sides, ``confidence`` and ``explanation``.

    Column by column, each computed once from the columns of ``out`` (one
    row per judged pair, with the ``grammar_per_1k_*`` evidence filled in
    where it was computed). Returns a new frame in :data:`VERDICT_COLUMNS`.
    """
    out = out.reindex(columns=VERDICT_COLUMNS)
    for col in ("n_shared_immutables", "n_words_a", "n_words_b"):
        out[col] = out[col].astype("int64")
    judged = out["vote_inflection"].notna()  # the rewrites, which went through step 2
    grammar = grammar_vote(out["grammar_per_1k_a"], out["grammar_per_1k_b"], opt)
    out["vote_grammar"] = np.where(judged, direction_model().grammar_votes(grammar), np.nan)
    out["direction_score"] = out[VOTE_COLUMNS].sum(axis=1, min_count=1)
    rel = out["relation"]
    score = out["direction_score"].fillna(0.0).to_numpy()
    p_b = 1.0 / (1.0 + np.exp(-score))  # P(b is the rewrite)
    side = np.maximum(p_b, 1.0 - p_b)
    rewrite = (rel == "rewrite").to_numpy()
    decided = rewrite & (side >= opt.min_side_probability)
    copy = (rel == "copy").to_numpy()
    longer_b = (out["n_words_b"] > out["n_words_a"]).to_numpy()
    a, b = out["doc_a"].to_numpy(dtype=object), out["doc_b"].to_numpy(dtype=object)
    out["original"] = np.where(decided, np.where(p_b > 0.5, a, b),
                               np.where(copy, np.where(longer_b, b, a), ""))
    out["rewritten"] = np.where(decided, np.where(p_b > 0.5, b, a), "")
    out["confidence"] = _confidence(out, side)
    out["explanation"] = [explain(r, opt) for r in out.itertuples(index=False)]
    return out


def _confidence(out: pd.DataFrame, side: np.ndarray) -> np.ndarray:
    """0-1: for rewrites the probability that the side is right (the calibrated direction
    model); for copies the verbatim share; for related pairs the shared immutables."""
    copy_conf = np.clip(np.maximum(out["shingle_overlap"].to_numpy(dtype=float),
                                   (out["identical_sentences"] * out["coverage"])
                                   .fillna(0.0).to_numpy(dtype=float)), 0, 1)
    rel = out["relation"].to_numpy(dtype=object)
    return np.where(rel == "rewrite", side,
                    np.where(rel == "copy", copy_conf,
                             np.minimum(1.0, out["immutable_overlap"].to_numpy(dtype=float))))


def explain(r, opt: RewriteOptions) -> str:
    """The explanation of a verdict row (a row of :data:`VERDICT_COLUMNS`), from its numbers."""
    if r.relation == "copy":
        return (f"copy: {r.coverage:.0%} of the shorter text aligns, "
                f"{r.identical_sentences:.0%} of aligned sentences verbatim, "
                f"{r.touched_sentences:.0%} with a swapped word, "
                f"{r.shingle_overlap:.0%} shared 4-word sequences, only "
                f"{r.swaps_per_100:.1f} swapped words per 100")
    if r.relation == "rewrite":
        return _explain_rewrite(r)
    shared = (f"related: {r.n_shared_immutables} shared names, numbers or rare words "
              f"({r.immutable_overlap:.0%} of the smaller set)")
    if math.isnan(r.coverage):
        return (f"{shared}, {r.content_overlap:.0%} shared content words, "
                "but not aligned sentence by sentence")
    if math.isnan(r.touched_sentences):
        return f"{shared}, but only {r.coverage:.0%} of the shorter text aligns sentence by sentence"
    if r.coverage >= 0.5 and r.prose_coverage < 0.5:
        return (f"related: {r.coverage:.0%} of the shorter text aligns, but only "
                f"{r.prose_coverage:.0%} of its prose (lists, tables and bylines do not count): "
                "not a rewrite")
    if r.numbers_kept < opt.rewrite_min_numbers_kept:
        return (f"related: {r.coverage:.0%} of the shorter text aligns, but the numbers differ: "
                f"only {r.numbers_kept:.0%} of the smaller set of numbers is stated by both "
                "texts: another report of the same kind of event, not a rewrite")
    if r.n_changed_numbers > opt.rewrite_max_changed_numbers * r.n_aligned:
        return (f"related: {r.coverage:.0%} of the shorter text aligns, but "
                f"{int(r.n_changed_numbers)} number(s) were replaced by others inside aligned "
                "sentences: another version or report, not a rewrite")
    if r.shingle_overlap < opt.fluent_max_shingle_overlap:  # few phrases kept: fluent or other
        if r.n_prose_words < opt.paraphrase_min_prose_words:
            return (f"related: {r.coverage:.0%} of the shorter text aligns, but it has only "
                    f"{int(r.n_prose_words)} words of prose: too few to tell a retelling from "
                    "another text on the topic")
        order = ("" if math.isnan(r.sentence_order) else
                 f"; closest sentences in the story's order for {r.sentence_order:.0%} of "
                 "sentence pairs")
        return (f"related: {r.prose_coverage:.0%} of the shorter text's prose aligns, but the "
                f"pair is no clear retelling: paraphrase probability "
                f"{r.paraphrase_probability:.2f} (a fluent rewrite needs "
                f"{opt.paraphrase_min_probability:.2f}){order}; "
                f"{r.content_overlap:.0%} of content words and {r.immutable_overlap:.0%} of "
                "names, numbers and rare words shared: another text on the topic, or a rewrite "
                "too free to tell")
    return (f"related: {r.coverage:.0%} of the shorter text aligns, but only "
            f"{r.touched_sentences:.0%} of aligned sentences carry word swaps and "
            f"{r.identical_sentences:.0%} are verbatim, with {r.swap_share:.0%} one-for-one "
            f"swaps among changed words and {int(r.n_name_swaps)} name(s) replaced: an edited "
            "version or another report, not a spinner's rewrite")


def _explain_rewrite(r) -> str:
    votes = {v: getattr(r, f"vote_{v}") for v in VOTES}
    if r.method == "paraphrase":
        head = (f"{r.prose_coverage:.0%} of the shorter text's prose is retold in order "
                f"(mean sentence similarity {r.prose_similarity:.2f}, whole texts "
                f"{r.doc_similarity:.2f}), {r.shingle_overlap:.0%} of 4-word sequences kept")
    else:
        head = (f"{r.coverage:.0%} of the shorter text aligns in order "
                f"(mean sentence similarity {r.aligned_similarity:.2f}), "
                f"{int(r.n_swaps)} words swapped ({r.swaps_per_100:.1f} per 100), "
                f"{r.identical_sentences:.0%} of aligned sentences verbatim")
    if not r.rewritten:
        strongest = sorted(votes.items(), key=lambda kv: -abs(kv[1]))[:3]
        said = ", ".join(f"{VOTE_WORDS[k]} ({v:+.2f})" for k, v in strongest if v)
        return (f"{r.doc_a} and {r.doc_b} are rewrites of one another ({r.method}): {head}; "
                f"which side is the rewrite is undetermined: the evidence is weak or "
                f"conflicting (confidence {r.confidence:.2f}" + (f"; {said}" if said else "")
                + ")")
    rew, orig = r.rewritten, r.original
    sign = 1 if rew == r.doc_b else -1
    pro = [VOTE_WORDS[k] for k, v in sorted(votes.items(), key=lambda kv: -kv[1] * sign)
           if v * sign > 0]
    con = [VOTE_WORDS[k] for k, v in sorted(votes.items(), key=lambda kv: kv[1] * sign)
           if v * sign < 0]
    listed = getattr(r, "rewriter_words_b" if sign > 0 else "rewriter_words_a", "") or ""
    # "word +2.7, word -1.2": the words rewriters add that the rewritten side uses
    added = [w for w, weight in (item.rsplit(" ", 1) for item in listed.split(", ") if item)
             if float(weight) > 0][:3]
    if added:  # name the words behind the learned-vocabulary vote
        pro = [f"{p} ({', '.join(added)})" if p == VOTE_WORDS["rewriter_words"] else p
               for p in pro]
    parts = [f"{rew} rewrites {orig} ({r.method}): {head}"]
    if r.quotes_changed:
        parts.append(f"{int(r.quotes_changed)} quote(s) reworded or unquoted")
    parts.append(f"{rew} shows " + ", ".join(pro))
    if con:
        parts.append(f"against: {orig} shows " + ", ".join(con))
    return "; ".join(parts)
