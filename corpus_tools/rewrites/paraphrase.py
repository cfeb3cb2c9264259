"""Is an aligned pair a fluent rewrite (one text retold) or two texts on one topic? A fitted model.

A fluent rewrite (an LLM's, a translation round trip's, a paraphrasing
tool's) keeps a text's meaning, facts and order but few of its words, so no
single number tells it from another text on the same topic: two short
passages on public health align too, sentence by sentence, with a mean
similarity not far below a rewrite's. What does tell them apart is how much
of everything is shared at once: the content words and the names and
numbers (the sketches), the prose retold in order and how close in meaning
(the alignment), and whether the two are of comparable length.

:func:`paraphrase_evidence` reads those numbers off a judged pair
(:class:`ParaphraseEvidence`); :func:`paraphrase_model` is a logistic model
over them whose weights ship in ``paraphrase_model.json``, fitted and
measured by ``benchmarks/fit_paraphrase.py`` (positives: LLM rewrites of
half the stories of the fluent-rewrite development set, and rewrites of one
text by two rewriters; negatives: aligned pairs of different stories there,
and the aligned pairs of BBC News, which holds no rewrites). Every feature is
read off the pair, not off one document's style, so it does not flip sign
when the domain changes (the script reports a fit on one domain tested on
the other). :func:`corpus_tools.rewrites.verdict.relation_of` calls a pair
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

__all__ = ["ParaphraseEvidence", "PARAPHRASE_FEATURES", "ParaphraseModel", "paraphrase_evidence",
           "paraphrase_model"]


class ParaphraseEvidence(NamedTuple):
    """What a judged pair shares, all 0-1 (see the module docstring)."""

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


PARAPHRASE_FEATURES = ParaphraseEvidence._fields


def paraphrase_evidence(pair, *, prose_coverage: float, prose_coverage_longer: float,
                        prose_similarity: float, doc_similarity: float) -> ParaphraseEvidence:
    """The evidence of one pair.

    Parameters
    ----------
    pair : CandidatePair
        The candidate pair (what the sketches share, the word counts).
    prose_coverage, prose_coverage_longer, prose_similarity, doc_similarity : float
        What its alignment shows (the fields of
        :class:`~corpus_tools.rewrites.verdict.PairStatistics`); a NaN
        ``doc_similarity`` (alignment by words only) is replaced by
        ``prose_similarity``.

    Returns
    -------
    ParaphraseEvidence
    """
    longer = max(pair.n_words_a, pair.n_words_b)
    return ParaphraseEvidence(
        content_overlap=float(pair.content_overlap),
        immutable_overlap=float(pair.immutable_overlap),
        shingle_overlap=float(pair.shingle_overlap),
        prose_coverage=float(prose_coverage),
        prose_coverage_longer=float(prose_coverage_longer),
        prose_similarity=float(prose_similarity),
        doc_similarity=float(prose_similarity if math.isnan(doc_similarity) else doc_similarity),
        length_ratio=min(pair.n_words_a, pair.n_words_b) / longer if longer else 0.0)


class ParaphraseModel(NamedTuple):
    """Logistic weights: ``intercept + sum(coef[k] * (x[k] - mean[k]) / scale[k])``."""

    intercept: float
    coef: dict
    mean: dict
    scale: dict
    provenance: dict

    def logit(self, evidence: ParaphraseEvidence) -> float:
        """The log-odds that the pair is a rewrite."""
        z = self.intercept
        for name, value in evidence._asdict().items():
            z += self.coef.get(name, 0.0) * (value - self.mean.get(name, 0.0)) / \
                self.scale.get(name, 1.0)
        return z

    def probability(self, evidence: ParaphraseEvidence) -> float:
        """0-1: how likely the pair is one text retold (see the module docstring)."""
        return 1.0 / (1.0 + math.exp(-self.logit(evidence)))


@lru_cache(maxsize=1)
def paraphrase_model() -> ParaphraseModel:
    """The model shipped in ``corpus_tools/rewrites/paraphrase_model.json``."""
    data = json.loads(resources.files(__package__).joinpath("paraphrase_model.json")
                      .read_text(encoding="utf-8"))
    m = data["model"]
    return ParaphraseModel(float(m["intercept"]), m["coef"], m["mean"], m["scale"],
                           data.get("provenance", {}))
