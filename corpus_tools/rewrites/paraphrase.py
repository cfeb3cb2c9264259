"""Is an aligned pair a fluent rewrite (one text retold) or two texts on one topic? A fitted model.

A fluent rewrite (an LLM's, a translation round trip's, a paraphrasing
tool's) keeps a text's meaning, facts and order but few of its words, so no
single number tells it from another text on the same topic: two short
passages on public health align too, sentence by sentence, with a mean
similarity not far below a rewrite's. What does tell them apart is how much
of everything is shared at once: the content words and the names and
numbers (the sketches), the prose retold in order and how close in meaning
(the alignment), whether each sentence finds its meaning in the other text
and in the same order and place (a rewrite keeps the order of its story; an
independent text on the topic does not), and whether the two are of
comparable length.

:func:`paraphrase_evidence` reads those numbers off a judged pair
(:class:`ParaphraseEvidence`); :func:`paraphrase_model` is a model
over them, a small ensemble of boosted decision trees whose every split
ships in ``paraphrase_model.json`` (read and evaluated here: no machine
learning library at run time), fitted and
measured by ``benchmarks/fit_paraphrase.py`` (positives: LLM rewrites of
half the stories of the fluent-rewrite development set, and rewrites of one
text by two rewriters; negatives: aligned pairs of different stories there,
and the aligned pairs of BBC News, which holds no rewrites). Every feature is
read off the pair, not off one document's style, so it does not flip sign
when the domain changes (the script reports a fit on one domain tested on
the other), and the trees are fitted monotone: sharing more (content words,
facts, meaning, order) never makes a pair less probable.
:func:`corpus_tools.rewrites.verdict.relation_of` calls a pair
``rewrite`` (method ``paraphrase``) when the model's probability reaches
``RewriteOptions.paraphrase_min_probability`` and the hard rules (prose
aligned, facts kept) hold.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

__all__ = ["ParaphraseEvidence", "PARAPHRASE_FEATURES", "ParaphraseModel", "Tree",
           "paraphrase_evidence", "paraphrase_model", "model_from_json"]


class ParaphraseEvidence(NamedTuple):
    """What a judged pair shares (see the module docstring); shares are 0-1."""

    content_overlap: float
    """Share of the smaller content-word set in common (the sketches)."""
    immutable_overlap: float
    """Share of the smaller set of names, numbers and rare words in common."""
    shingle_overlap: float
    """Share of the smaller set of word 4-grams in common."""
    prose_coverage: float
    """Share of the shorter text's prose words in aligned prose sentences."""
    prose_coverage_longer: float
    """The same for the longer text."""
    prose_similarity: float
    """Mean meaning similarity of the aligned prose sentences."""
    doc_similarity: float
    """Cosine of the two texts' mean sentence vectors (``prose_similarity`` when the
    alignment used words only)."""
    length_ratio: float
    """Words of the shorter text over words of the longer."""
    meaning_coverage: float
    """Mean, over the shorter text's sentences (weighted by words), of the cosine of each
    with its closest sentence of the other text, wherever that is (NaN: words only)."""
    meaning_coverage_longer: float
    """The same for the longer text's sentences."""
    sentence_order: float
    """Share of the pairs of the shorter text's sentences whose closest sentences in the
    other text (cosine 0.5 or more) come in the same order (NaN: fewer than two)."""
    position_gap: float
    """Mean distance (0-1, weighted by words) between where a sentence of the shorter text
    stands in it and where its closest sentence stands in the other (NaN: words only)."""


PARAPHRASE_FEATURES = ParaphraseEvidence._fields


def paraphrase_evidence(pair, stats) -> ParaphraseEvidence:
    """The evidence of one pair.

    Parameters
    ----------
    pair : CandidatePair
        The candidate pair (what the sketches share, the word counts), or a
        verdict row, which has the same fields.
    stats : PairStatistics
        What its alignment shows (:class:`~corpus_tools.rewrites.verdict.PairStatistics`),
        or a verdict row of :func:`~corpus_tools.rewrites.find_rewrites`, which has those
        columns. A NaN ``doc_similarity`` (alignment by words only) is replaced by
        ``prose_similarity``.

    Returns
    -------
    ParaphraseEvidence
    """
    longer = max(pair.n_words_a, pair.n_words_b)
    doc = float(stats.doc_similarity)
    return ParaphraseEvidence(
        content_overlap=float(pair.content_overlap),
        immutable_overlap=float(pair.immutable_overlap),
        shingle_overlap=float(pair.shingle_overlap),
        prose_coverage=float(stats.prose_coverage),
        prose_coverage_longer=float(stats.prose_coverage_longer),
        prose_similarity=float(stats.prose_similarity),
        doc_similarity=float(stats.prose_similarity) if math.isnan(doc) else doc,
        length_ratio=min(pair.n_words_a, pair.n_words_b) / longer if longer else 0.0,
        meaning_coverage=float(stats.meaning_coverage),
        meaning_coverage_longer=float(stats.meaning_coverage_longer),
        sentence_order=float(stats.sentence_order),
        position_gap=float(stats.position_gap))


class Tree(NamedTuple):
    """One regression tree, node by node (node 0 is the root).

    A node that is not a leaf sends a pair to ``left[k]`` when its value of
    feature ``feature[k]`` is at most ``threshold[k]``, or is missing (NaN)
    and ``missing_left[k]``; otherwise to ``right[k]``. A leaf adds ``value[k]``
    to the log-odds.
    """

    feature: tuple
    threshold: tuple
    missing_left: tuple
    left: tuple
    right: tuple
    leaf: tuple
    value: tuple

    def value_of(self, x: tuple) -> float:
        """The log-odds this tree adds for the feature values ``x``."""
        k = 0
        while not self.leaf[k]:
            v = x[self.feature[k]]
            go_left = self.missing_left[k] if v != v else v <= self.threshold[k]
            k = self.left[k] if go_left else self.right[k]
        return self.value[k]


class ParaphraseModel(NamedTuple):
    """Boosted trees: the log-odds is ``baseline`` plus what every tree adds."""

    features: tuple
    baseline: float
    trees: tuple
    provenance: dict

    def logit(self, evidence: ParaphraseEvidence) -> float:
        """The log-odds that the pair is a rewrite."""
        values = evidence._asdict()
        x = tuple(float(values[f]) for f in self.features)
        return self.baseline + sum(t.value_of(x) for t in self.trees)

    def probability(self, evidence: ParaphraseEvidence) -> float:
        """0-1: how likely the pair is one text retold (see the module docstring)."""
        return 1.0 / (1.0 + math.exp(-self.logit(evidence)))


def model_from_json(m: dict, provenance: dict | None = None) -> ParaphraseModel:
    """A :class:`ParaphraseModel` from the ``"model"`` part of ``paraphrase_model.json``."""
    trees = tuple(Tree(*(tuple(t[f]) for f in Tree._fields)) for t in m["trees"])
    return ParaphraseModel(tuple(m["features"]), float(m["baseline"]), trees, provenance or {})


@lru_cache(maxsize=1)
def paraphrase_model() -> ParaphraseModel:
    """The model shipped in ``corpus_tools/rewrites/paraphrase_model.json``."""
    data = json.loads(resources.files(__package__).joinpath("paraphrase_model.json")
                      .read_text(encoding="utf-8"))
    model = model_from_json(data["model"], data.get("provenance", {}))
    missing = set(PARAPHRASE_FEATURES) ^ set(model.features)
    if missing:
        raise ValueError(f"paraphrase_model.json: features {sorted(missing)} do not match "
                         "ParaphraseEvidence; refit with benchmarks/fit_paraphrase.py --write")
    return model
