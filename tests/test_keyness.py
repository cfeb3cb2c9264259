"""Specifications for corpus_tools.terms.keyness: published values, hand counts, edge cases."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from corpus_tools import corpus_from_texts
from corpus_tools.terms.keyness import (
    MEASURES,
    ChiSquared,
    LogLikelihood,
    LogRatio,
    NothingToCompareError,
    PercentDiff,
    keyness,
    top_keyness,
)


def _one(measure, a, b, c, d) -> float:
    arr = [np.array([float(x)]) for x in (a, b, c, d)]
    return float(measure.score(*arr)[0])


def test_log_likelihood_reproduces_the_published_ucrel_example():
    # Lancaster/UCREL log-likelihood wizard worked example (ucrel.lancs.ac.uk/llwizard.html,
    # as taught in Lancaster's corpus linguistics course): a word occurring 52 times in
    # corpus 1 of 50,000 tokens and 57 times in corpus 2 of 75,000 tokens gives
    # "Word 52 0.10 57 0.08 + 2.65" (O1, %1, O2, %2, LL) - not significant (< 3.84).
    g2 = _one(LogLikelihood(), 52, 57, 50_000, 75_000)
    assert round(g2, 2) == 2.65
    assert g2 < 3.84
    corpus1 = " ".join(["word"] * 52 + ["other"] * (50_000 - 52))
    corpus2 = " ".join(["word"] * 57 + ["else"] * (75_000 - 57))
    k = keyness(corpus_from_texts({"c1": corpus1, "c2": corpus2}), "c1").set_index("term")
    row = k.loc["word"]
    assert (row["freq_target"], row["freq_reference"], row["size_target"],
            row["size_reference"]) == (52, 57, 50_000, 75_000)
    assert round(row["log_likelihood"], 2) == 2.65
    assert row["direction"] == "over"  # the wizard's "+"
    assert round(row["per_1000_target"] / 10, 2) == 0.10  # %1
    assert round(row["per_1000_reference"] / 10, 2) == 0.08  # %2


def test_log_likelihood_by_hand_from_rayson_garside_formula():
    # E1 = c(a+b)/(c+d) = 50000*109/125000 = 43.6 ; E2 = 65.4
    expected = 2 * (52 * math.log(52 / 43.6) + 57 * math.log(57 / 65.4))
    assert _one(LogLikelihood(), 52, 57, 50_000, 75_000) == pytest.approx(expected)
    # a word absent from the target: only the b term contributes
    assert _one(LogLikelihood(), 0, 10, 100, 100) == pytest.approx(2 * 10 * math.log(10 / 5))


def test_p_value_uses_chi2_with_one_degree_of_freedom():
    corpus = corpus_from_texts({"t": "alpha " * 30 + "beta " * 70,
                                "r": "alpha " * 10 + "beta " * 90})
    k = keyness(corpus, "t").set_index("term")
    g2 = k.loc["alpha", "log_likelihood"]
    assert k.loc["alpha", "p_value"] == pytest.approx(1 - stats.chi2.cdf(g2, 1))
    # textbook critical values: G2 3.84 <-> p 0.05, 6.63 <-> p 0.01
    assert stats.chi2.sf(3.841, 1) == pytest.approx(0.05, abs=1e-3)


def test_chi_squared_equals_pearson_on_the_2x2_table():
    a, b, c, d = 52, 57, 50_000, 75_000
    table = [[a, b], [c - a, d - b]]
    expected = stats.chi2_contingency(table, correction=False)[0]
    assert _one(ChiSquared(), a, b, c, d) == pytest.approx(expected)


def test_log_ratio_and_percent_diff_definitions():
    # twice as frequent in the target: log ratio 1 (Hardie 2014), %DIFF +100
    assert _one(LogRatio(), 20, 10, 1000, 1000) == pytest.approx(1.0)
    assert _one(PercentDiff(), 20, 10, 1000, 1000) == pytest.approx(100.0)
    # half as frequent: -1 and -50; same relative frequency: 0 and 0
    assert _one(LogRatio(), 5, 20, 1000, 2000) == pytest.approx(-1.0)
    assert _one(PercentDiff(), 5, 20, 1000, 2000) == pytest.approx(-50.0)
    assert _one(LogRatio(), 3, 6, 100, 200) == pytest.approx(0.0)
    # zero frequency: Hardie's 0.5 substitution keeps log ratio and %DIFF finite
    assert _one(LogRatio(), 4, 0, 100, 100) == pytest.approx(math.log2(4 / 0.5))
    assert _one(PercentDiff(), 4, 0, 100, 100) == pytest.approx(100 * (0.04 - 0.005) / 0.005)
    # ... and the more often the target uses it, the higher (a ranking, never a tie at inf)
    assert _one(PercentDiff(), 8, 0, 100, 100) > _one(PercentDiff(), 4, 0, 100, 100)
    assert _one(PercentDiff(), 0, 4, 100, 100) == pytest.approx(-100.0)


def test_keyness_rows_carry_hand_counted_frequencies():
    corpus = corpus_from_texts({"a": "Tanks rolled. Tanks and troops!",
                                "b": "Troops talked and troops talked.",
                                "c": "More talks."})
    k = keyness(corpus, "a").set_index("term")
    # target a: 5 words; reference b + c: 5 + 2 = 7 words
    assert k.loc["tanks", ["freq_target", "freq_reference", "size_target",
                           "size_reference"]].tolist() == [2, 0, 5, 7]
    assert k.loc["troops", ["freq_target", "freq_reference"]].tolist() == [1, 2]
    assert k.loc["tanks", "direction"] == "over"
    assert k.loc["talked", "direction"] == "under"
    assert k["keyness"].is_monotonic_decreasing
    assert k.index[0] == "tanks" and k.loc["talked", "keyness"] < 0


def test_reference_as_doc_ids_and_as_other_corpus_agree():
    corpus = corpus_from_texts({"a": "red red blue", "b": "blue blue green", "c": "x"})
    ref = corpus_from_texts({"b": "blue blue green"})
    by_ids = keyness(corpus, ["a"], reference=["b"])
    by_frame = keyness(corpus, "a", reference=ref)
    cols = ["term", "freq_target", "freq_reference", "log_likelihood", "log_ratio"]
    pd.testing.assert_frame_equal(by_ids[cols], by_frame[cols])
    assert "x" not in set(by_ids["term"])


@pytest.mark.parametrize("name", list(MEASURES))
def test_chosen_measure_orders_the_rows(sample_corpus, name):
    k = keyness(sample_corpus, sample_corpus.index[0], measure=name)
    assert k.attrs["measure"] == name
    sign = np.where(k["direction"] == "under", -1, 1)
    expected = k[name] if MEASURES[name].signed else k[name] * sign
    np.testing.assert_allclose(k["keyness"], expected)
    assert k["keyness"].is_monotonic_decreasing


def test_custom_measure_object_is_accepted():
    class Difference:
        name = "difference"
        signed = True

        def score(self, a, b, c, d):
            return a / c - b / d

    corpus = corpus_from_texts({"a": "x x y", "b": "y y z"})
    k = keyness(corpus, "a", measure=Difference())
    assert k.iloc[0]["term"] == "x" and k.attrs["measure"] == "difference"


def test_group_target_and_group_sizes(sample_corpus):
    ids = list(sample_corpus.index)
    k = keyness(sample_corpus, ids[:2])
    assert k["size_target"].iloc[0] == sample_corpus.loc[ids[:2], "n_words"].sum()
    assert k["size_reference"].iloc[0] == sample_corpus.loc[ids[2], "n_words"]


def test_empty_target_says_so_in_words():
    corpus = corpus_from_texts({"empty": "", "b": "some words here"})
    with pytest.raises(NothingToCompareError, match=r"target \(empty\) has no words"):
        keyness(corpus, "empty")
    with pytest.raises(NothingToCompareError, match="reference .* has no words"):
        keyness(corpus, "b")


def test_single_document_corpus_has_no_rest_to_compare_with():
    only = corpus_from_texts({"only": "Just this."})
    with pytest.raises(NothingToCompareError, match="no rest of the corpus") as caught:
        keyness(only, "only")
    assert isinstance(caught.value, ValueError)  # the command line reports it as an error
    # another corpus as the reference still works
    other = corpus_from_texts({"x": "Just that and more."})
    assert keyness(only, "only", reference=other)["term"].tolist()[:1] == ["just"]


def test_no_measure_is_ever_infinite_on_the_sample(sample_corpus):
    k = keyness(sample_corpus, sample_corpus.index[0])
    values = k[["log_likelihood", "chi_squared", "log_ratio", "percent_diff", "keyness"]]
    assert np.isfinite(values.to_numpy()).all()


def test_top_keyness_lists_the_strongest_of_each_direction_first(sample_corpus):
    k = keyness(sample_corpus, sample_corpus.index[0])
    top = top_keyness(k, n=5)
    over, under = top[top["keyness"] > 0], top[top["keyness"] < 0]
    assert len(over) == len(under) == 5
    assert over["keyness"].is_monotonic_decreasing and under["keyness"].is_monotonic_increasing
    assert under["keyness"].iloc[0] == k["keyness"].min()  # the most under-represented first
    assert over["keyness"].iloc[0] == k["keyness"].max()


def test_bad_arguments_are_named():
    corpus = corpus_from_texts({"a": "x", "b": "y"})
    with pytest.raises(KeyError, match="zzz"):
        keyness(corpus, "zzz")
    with pytest.raises(ValueError, match="measure"):
        keyness(corpus, "a", measure="dice")
    with pytest.raises(ValueError, match="also in the target"):
        keyness(corpus, "a", reference=["a", "b"])


def test_keyness_leaves_the_corpus_unchanged(sample_corpus):
    before = sample_corpus.copy(deep=True)
    keyness(sample_corpus, sample_corpus.index[1], ngram=2, stopwords="english")
    pd.testing.assert_frame_equal(sample_corpus, before)
