"""Every number that shapes a rewrite verdict, with the reason for its default."""

from __future__ import annotations

from dataclasses import dataclass

from .align import AlignOptions

__all__ = ["RewriteOptions", "RewriteWarning"]


class RewriteWarning(UserWarning):
    """Optional evidence (grammar, readability) could not be computed."""


@dataclass(frozen=True)
class RewriteOptions:
    """Thresholds of :func:`find_rewrites`, with the reasons for their defaults.

    The defaults come from ``benchmarks/bench_rewrites.py`` (BBC News
    articles, planted spinner rewrites at light and heavy rates, the BBC's
    own republished near-duplicates, and same-topic BBC pairs) and from
    the hand-made cases in ``tests/data/rewrites/``.

    Attributes
    ----------
    top_k : int, default 20
        Candidate partners kept per document by the index.
    min_candidate_score : float, default 0.1
        Minimum cosine of idf-weighted immutables for a candidate pair.
    related_min_shared : int, default 3
        A pair is ``related`` only when it shares at least this many
        immutables ...
    related_min_overlap : float, default 0.15
        ... and at least this share of the smaller immutable set.
    align_min_content_overlap : float, default 0.4
        Pairs sharing at least this share of the smaller content-word set
        together with 5% of shingles or ``align_min_immutable_overlap`` of
        immutables (or ``copy_min_shingle_overlap`` of shingles, or 0.3 of
        content words with ``align_min_immutable_overlap`` of immutables)
        are aligned sentence by sentence; others can only be ``related``.
        Heavy planted rewrites keep 17% or more of their shingles, the
        sample rewrite 13%.
        Planted heavy rewrites of BBC articles keep 0.57 or more, the sample
        rewrite 0.59; 97% of candidate BBC pairs stay below 0.4.
    align_min_immutable_overlap : float, default 0.7
        See ``align_min_content_overlap`` (planted rewrites keep 0.8 or
        more of their immutables; 95% of candidate BBC pairs keep under 0.5).
    align_min_shingle_overlap : float, default 0.05
        See ``align_min_content_overlap``: the shingle share that, with
        enough content words, sends a pair to alignment (heavy planted
        rewrites keep 0.17 or more, the sample rewrite 0.13; unrelated
        same-topic pairs share almost none).
    align_min_content_with_immutables : float, default 0.3
        A pair keeping ``align_min_immutable_overlap`` of its immutables is
        aligned from this content-word share on (a rewrite that replaced
        many common words still keeps the names and numbers).
    min_coverage : float, default 0.5
        ``copy`` and ``rewrite`` need at least this share of the shorter
        document's words in aligned sentences (in order). Independent
        reports of one event align a sentence or two (a shared quote), well
        under half.
    rewrite_min_swaps_per_100 : float, default 2.0
        ``rewrite`` needs at least this many swapped words (synonym swaps,
        lost inflections, typos) per 100 aligned words ...
    rewrite_min_touched : float, default 0.5
        ... spread over at least this share of the aligned sentences (a
        spinner touches nearly every sentence: planted light rewrites 0.54
        or more in 95% of cases, heavy ones 0.85; an edited or updated copy
        changes a few sentences: median 0.13 on BBC pairs) ...
    rewrite_min_swap_share : float, default 0.35
        ... with one-for-one swaps making up at least this share of all
        changed words (swaps, insertions, deletions): planted spins 0.78 or
        more, the sample rewrite (a paraphraser) 0.44, edited BBC copies and
        different stories of one template 0.12-0.27 ...
    rewrite_max_name_share : float, default 0.2
        ... and at most this share of the swaps replacing one name by
        another (spinners keep names; two match reports of one template
        swap the teams).
    copy_min_identical : float, default 0.5
        A pair that is not a rewrite is a ``copy`` when at least this share
        of its aligned sentences is verbatim ...
    copy_max_touched : float, default 0.35
        ... or at most this share of aligned sentences has a swapped word.
        Otherwise it is ``related`` (a substantially edited version).
    copy_min_shingle_overlap : float, default 0.9
        A pair sharing this share of the smaller 4-gram shingle set is a
        ``copy`` whatever the alignment says (BBC duplicates: 0.96 or more
        in 95% of cases; planted light spins at most 0.86).
    vote_inflection_full : float, default 2.0
        Direction vote for lost inflections: (endings lost by ``b`` minus
        by ``a``) / this, clipped to -1..1: two lost endings are a full
        vote (a careful writer never writes "will be compare").
    vote_typo_full : float, default 1.0
        Direction vote for typos that are non-words on one side: the
        difference / this, clipped to -1..1 (one non-word is telling).
    vote_zipf_min_swaps : int, default 3
        The word-frequency vote needs at least this many synonym swaps
        (stop words aside): a mean over fewer is noise ...
    vote_zipf_full_shift : float, default 0.4
        ... its strength is the mean Zipf shift / this (0.4 on the Zipf
        scale is a clear preference for rarer words: planted spins shift
        0.5-1.0) ...
    vote_zipf_full_swaps : int, default 8
        ... scaled down below this many swaps.
    vote_nonwords_min_gap : float, default 1.0
        Non-words per 1,000 words must differ by at least this for the
        non-word vote ...
    vote_nonwords_weight : float, default 0.5
        ... which then counts this much (typos already vote; this is the
        weaker whole-document echo).
    vote_quotes_weight : float, default 0.5
        Weight of the vote for quotation marks lost on one side.
    vote_grammar_min_gap : float, default 2.0
        Grammar findings per 1,000 words must differ by at least this for
        the grammar vote (BBC News averages 0.17 per 1,000 words) ...
    vote_grammar_full_gap : float, default 6.0
        ... whose strength is the difference / this, clipped to -1..1.
    tie_break_score : float, default 0.01
        With no vote either way, the longer text is taken as the rewrite
        (spinners pad) with this token score, so confidence stays near 0.5.
    confidence_coverage_floor : float, default 0.4
        The relation part of a rewrite's confidence rises from 0.5 at this
        coverage ...
    confidence_coverage_span : float, default 0.4
        ... to 1.0 at ``floor + span``; the direction part is
        ``0.5 + 0.5 tanh(|direction_score|)``; confidence is their product.
    candidate_max_df : float, default 0.005
        Candidate search drops features found in more than this share of
        the documents (they name a topic, not a story; see
        :func:`corpus_tools.rewrites.candidates.candidate_pairs`) ...
    candidate_min_df_cap : int, default 50
        ... but never below this many documents. Near-duplicates count once
        (see :mod:`corpus_tools.rewrites.duplicates`), so a story copied by
        hundreds of sites is still a story, not a topic.
    duplicate_all_pairs_max : int, default 10
        A group of near-duplicates of up to this many documents lists every
        pair of them as ``copy`` rows; a larger one (a syndicated wire
        story) lists each member against its representative (the group's
        first document), so 200 copies give 199 rows, not 19,900.
    max_expanded_pairs : int, default 400
        A representative's partner is paired with every member of its group
        (a rewrite of a story copied 200 times is a rewrite of each copy);
        when both sides are groups and the product exceeds this, only pairs
        with one of the two representatives are judged, and a
        :class:`RewriteWarning` says so.
    align : AlignOptions
        Sentence matching thresholds.
    """

    top_k: int = 20
    min_candidate_score: float = 0.1
    related_min_shared: int = 3
    related_min_overlap: float = 0.15
    align_min_content_overlap: float = 0.4
    align_min_immutable_overlap: float = 0.7
    align_min_shingle_overlap: float = 0.05
    align_min_content_with_immutables: float = 0.3
    min_coverage: float = 0.5
    rewrite_min_swaps_per_100: float = 2.0
    rewrite_min_touched: float = 0.5
    rewrite_min_swap_share: float = 0.35
    rewrite_max_name_share: float = 0.2
    copy_min_identical: float = 0.5
    copy_max_touched: float = 0.35
    copy_min_shingle_overlap: float = 0.9
    vote_inflection_full: float = 2.0
    vote_typo_full: float = 1.0
    vote_zipf_min_swaps: int = 3
    vote_zipf_full_shift: float = 0.4
    vote_zipf_full_swaps: int = 8
    vote_nonwords_min_gap: float = 1.0
    vote_nonwords_weight: float = 0.5
    vote_quotes_weight: float = 0.5
    vote_grammar_min_gap: float = 2.0
    vote_grammar_full_gap: float = 6.0
    tie_break_score: float = 0.01
    confidence_coverage_floor: float = 0.4
    confidence_coverage_span: float = 0.4
    candidate_max_df: float = 0.005
    candidate_min_df_cap: int = 50
    duplicate_all_pairs_max: int = 10
    max_expanded_pairs: int = 400
    align: AlignOptions = AlignOptions()
