"""Fit the direction model of find_rewrites and write corpus_tools/rewrites/direction_model.json.

Training data (nothing of it is committed):

* the fluent-rewrite development set (``../shared/dev/fluent_rewrites``): 1,528
  (original, LLM rewrite) pairs of sports and public-affairs texts;
* planted spinner rewrites of BBC News articles (``bench_rewrites.planted_corpus``,
  100 pairs per seed, seeds 0-2).

For each pair the evidence of :func:`corpus_tools.rewrites.direction.direction_evidence`
is computed from the two documents and their alignment, in both orientations
(the model is antisymmetric: no intercept). Stories are split in two halves by a
hash of their id: the model is fitted on one half and every number printed for
"held-out" comes from the other. One logistic model weighs all the evidence, on
both kinds of rewrite (so it learns how little a spinner fingerprint says in
a fluent rewrite, and the reverse). A temperature (dividing the logit) is
chosen on cross-domain folds of the training half (fit on sports with the
spinner pairs, score public affairs, and the reverse), so that
probabilities stay honest when the domain shifts. The final weights are fitted on the training half.

Run: ``.venv/bin/python benchmarks/fit_direction.py [--write]`` (without
``--write`` it only prints). Prints per-rewriter accuracy (fitted and
held-out), the cross-domain results and a calibration table.
"""

from __future__ import annotations

import json
import sys
import warnings
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
MODEL = HERE.parent / "corpus_tools" / "rewrites" / "direction_model.json"


def _evidence(corpus, pairs):
    """Rows of evidence (b minus a) for (a, b, rewritten) pairs of ``corpus``."""
    from corpus_tools.grammar import grammar_summary
    from corpus_tools.rewrites.align import align_groups
    from corpus_tools.rewrites.direction import direction_evidence, document_words
    from corpus_tools.rewrites.features import doc_features
    from corpus_tools.rewrites.options import RewriteOptions
    from corpus_tools.rewrites.verdict import (_coverage, direction_votes, grammar_vote,
                                               pair_statistics)

    opt = RewriteOptions()
    docs = sorted({d for a, b, _ in pairs for d in (a, b)})
    rate = grammar_summary(corpus.loc[docs])["findings_per_1000_words"]
    feats = {}
    rows = []
    for a, b, rewritten in pairs:
        a, b = sorted((a, b))  # the orientation find_rewrites uses (doc_a < doc_b)
        for d in (a, b):
            if d not in feats:
                feats[d] = doc_features(d, corpus.at[d, "text"])
        fa, fb = feats[a], feats[b]
        groups = align_groups(fa, fb, options=opt.align)
        cov, sim, words = _coverage(fa, fb, groups)
        stats = pair_statistics(fa, fb, groups, coverage=cov, similarity=sim,
                                aligned_words=words, options=opt)
        ev = direction_evidence(fa, fb, direction_votes(stats, opt))
        row = ev._asdict()
        row["grammar"] = float(grammar_vote(np.array([rate[a]]), np.array([rate[b]]), opt)[0])
        row.update(doc_a=a, doc_b=b, y=int(rewritten == b), words_a=document_words(fa),
                   words_b=document_words(fb))
        rows.append(row)
    return pd.DataFrame(rows)


def training_pairs() -> pd.DataFrame:
    from rewrite_cases import fluent_corpus

    warnings.simplefilter("ignore")
    parts = []
    fluent = fluent_corpus()
    if fluent is not None:
        corpus, pairs, docs = fluent
        ev = _evidence(corpus, [(p["original"], p["rewrite"], p["rewrite"]) for p in pairs])
        ev["source"] = "fluent"
        ev["domain"] = [docs[p["original"]]["domain"] for p in pairs]
        ev["story"] = [docs[p["original"]]["story"] for p in pairs]
        ev["rewriter"] = [p["rewriter"] for p in pairs]
        parts.append(ev)
    from bbc import load_bbc
    from bench_rewrites import planted_corpus

    from corpus_tools import corpus_from_texts

    bbc = load_bbc()
    for seed in (0, 1, 2):
        texts, truth = planted_corpus(bbc, seed=seed)
        corpus = corpus_from_texts({k: v for k, v in texts.items()
                                    if not k.startswith("spun/") or
                                    any(k == s for _, s, _ in truth)})
        ev = _evidence(corpus, [(o, s, s) for o, s, _ in truth])
        ev["doc_a"] = [f"{d}@{seed}" for d in ev["doc_a"]]
        ev["doc_b"] = [f"{d}@{seed}" for d in ev["doc_b"]]
        ev["source"], ev["domain"], ev["rewriter"] = "spinner", "news", "spinner"
        ev["story"] = [o for o, _, _ in truth]
        parts.append(ev)
    t = pd.concat(parts, ignore_index=True)
    _cross_fitted_vocabulary(t)
    return t


def _cross_fitted_vocabulary(ev: pd.DataFrame) -> None:
    """Recompute ``rewriter_words`` so that no pair is scored with a vocabulary learned
    from itself: a fluent training-half pair of one domain is scored with the vocabulary
    learned on the other domain's training half (its weight is then fitted as the evidence
    behaves on a new domain); held-out and spinner pairs with the vocabulary learned on the
    whole fluent training half (``fit_vocabulary.py``'s, the one shipped)."""
    from fit_vocabulary import learn_vocabulary, spinner_dropped
    from rewrite_cases import held_out_story

    from corpus_tools.rewrites.direction import vocabulary_shift

    fluent = (ev["source"] == "fluent").to_numpy()
    held = np.array([held_out_story(s) for s in ev["story"]]) | ~fluent
    orig = [b if y == 0 else a for a, b, y in zip(ev["words_a"], ev["words_b"], ev["y"])]
    rewrite = [a if y == 0 else b for a, b, y in zip(ev["words_a"], ev["words_b"], ev["y"])]

    dropped = spinner_dropped()

    def learned(mask):
        return learn_vocabulary([(s, o, r) for s, o, r, m in
                                 zip(ev["story"], orig, rewrite, mask & fluent) if m], dropped)

    lexicons = {"held": learned(~held)}
    for dom in ev.loc[fluent, "domain"].unique():
        lexicons[dom] = learned(~held & (ev["domain"] != dom).to_numpy())
    ev["rewriter_words"] = [
        vocabulary_shift(a, b, lexicons["held" if h else dom])
        for a, b, h, dom in zip(ev["words_a"], ev["words_b"], held, ev["domain"])]


FEATURES = None  # set from corpus_tools at run time


def _xy(t: pd.DataFrame):
    x = t[FEATURES].to_numpy(dtype=float)
    x = np.nan_to_num(x)
    y = t["y"].to_numpy()
    sign = np.where(y == 1, 1.0, -1.0)
    x = x * sign[:, None]  # oriented: positive values point at the true rewrite
    # both orientations: (x, 1) and (-x, 0)
    return np.vstack([x, -x]), np.concatenate([np.ones(len(x)), np.zeros(len(x))]), sign


ARTEFACTS = ("inflection", "typos", "nonwords", "quotes", "specifics_lost",
             "direct_quotes_lost", "broken_boundaries", "mixed_spelling", "american_spelling",
             "grammar")
"""Evidence whose direction is known before any fitting: an artefact (a lost inflection, a
typo, a broken sentence boundary, mixed spellings, dropped names, numbers or quotes, grammar
findings) is made by the rewriting, so its weight may not be negative. The fitting data has
no machine-translation round trips; fitted freely, broken boundaries (rare there, and in
the human originals) took a negative weight, which would have pointed at the original in
exactly the translated texts that show them. Style evidence (word frequency, function words,
commas, sentence rhythm) has no known direction and is fitted freely."""
CONFIDENT_RIGHT = 0.97
"""The issue's target for pairs given a confidence of 0.8 or more: the script prints the
temperature that would reach it in the cross-domain folds (see ``main``)."""
STYLE_MAX_PROBABILITY = 0.75
"""The most that style evidence (``corpus_tools.rewrites.direction.STYLE_EVIDENCE``: each text's
own vocabulary and rhythm) may say on its own: a side named with a confidence of 0.8 or more
needs an artefact, language-model vocabulary or facts lost as well. Style is the evidence the
issue warns can invert between domains, and on the development set the named sides that were
wrong with confidence 0.8 or more were carried by it (commas, sentence lengths, rare words)."""
VOTE_CAP = 2.0
"""No single piece of evidence moves the log-odds by more than this (before the temperature):
rare evidence (one broken boundary in a 40-word text) must not decide a pair alone."""


def _scale(x: np.ndarray) -> np.ndarray:
    """Per column: the standard deviation, or the median size of the non-zero values when
    that is larger (rare evidence: one occurrence is one unit, not dozens)."""
    scale = x.std(axis=0)
    for k in range(x.shape[1]):
        nz = np.abs(x[:, k][x[:, k] != 0])
        if len(nz):
            scale[k] = max(scale[k], float(np.median(nz)))
    scale[scale == 0] = 1.0
    return scale


def fit(t: pd.DataFrame, C: float = 1.0, features=None):
    """(coef, scale) over FEATURES; features outside ``features`` get weight 0.

    An antisymmetric logistic model (no intercept) with an L2 penalty of ``1 / C``,
    fitted with weights of :data:`ARTEFACTS` bounded at 0 from below.
    """
    from scipy.optimize import minimize

    x, y, _ = _xy(t)
    scale = _scale(x)
    use = np.array([f in (features or FEATURES) for f in FEATURES])
    xs = x[:, use] / scale[use]
    sign = np.where(y == 1, 1.0, -1.0)

    def loss(w):
        z = sign * (xs @ w)
        p = 1.0 / (1.0 + np.exp(z))  # d/dz log(1 + exp(-z)) = -p
        return (np.logaddexp(0.0, -z).sum() + 0.5 * (w @ w) / C,
                -(xs * (sign * p)[:, None]).sum(axis=0) + w / C)

    names = [f for f, u in zip(FEATURES, use) if u]
    bounds = [(0.0, None) if f in ARTEFACTS else (None, None) for f in names]
    w = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B", bounds=bounds).x
    coef = np.zeros(len(FEATURES))
    coef[use] = w
    return coef, scale


def terms(t: pd.DataFrame, coef, scale) -> np.ndarray:
    """Each evidence's term of the logit (pairs x FEATURES), held within VOTE_CAP."""
    x = np.nan_to_num(t[FEATURES].to_numpy(dtype=float))
    return np.clip((x / scale) * coef, -VOTE_CAP, VOTE_CAP)


def combine(term_rows: np.ndarray, temperature: float) -> np.ndarray:
    """Logit that b is the rewrite: the terms over the temperature, the style terms held as
    ``DirectionModel.votes`` holds them (``style_factor``)."""
    from corpus_tools.rewrites.direction import STYLE_EVIDENCE, style_factor

    z = term_rows / temperature
    style = np.array([f in STYLE_EVIDENCE for f in FEATURES])
    total = z[:, style].sum(axis=1)
    return z[:, ~style].sum(axis=1) + total * style_factor(total, STYLE_MAX_PROBABILITY)


def _right(t, z):
    """Per pair: probability given to the true side."""
    y = t["y"].to_numpy()
    p_b = 1 / (1 + np.exp(-z))
    return np.where(y == 1, p_b, 1 - p_b)


def report(name, t, z, min_side=0.7):
    pr = _right(t, z)
    conf = np.maximum(pr, 1 - pr)
    decided = conf >= min_side
    right = pr > 0.5
    print(f"  {name:28s} n={len(t):5d} right {right.mean():.1%}; decided (conf>={min_side}) "
          f"{decided.mean():.1%} of pairs, right among decided {right[decided].mean():.1%}")


def calibration(t, z):
    pr = _right(t, z)
    conf = np.maximum(pr, 1 - pr)
    right = pr > 0.5
    bins = [0.5, 0.6, 0.7, 0.8, 0.9, 0.97, 1.0001]
    print("  confidence bin   pairs   side right")
    for lo, hi in zip(bins, bins[1:]):
        m = (conf >= lo) & (conf < hi)
        if m.any():
            print(f"  [{lo:.2f}, {min(hi, 1):.2f})  {m.sum():6d}   {right[m].mean():.1%}")
    m = conf >= 0.8
    print(f"  confidence >= 0.8: {m.sum()} pairs, side right {right[m].mean():.1%}")


def main() -> None:
    global FEATURES
    from corpus_tools.rewrites.direction import EVIDENCE_NAMES

    FEATURES = [*EVIDENCE_NAMES, "grammar"]
    t = training_pairs()
    from rewrite_cases import held_out_story

    held = np.array([held_out_story(s) for s in t["story"]])
    train, test = t[~held], t[held]
    print(f"pairs: {len(t)} ({t.groupby('source').size().to_dict()}); fitted on {len(train)}, "
          f"held out {len(test)}")
    # cross-domain folds on the training half choose the temperature
    zs, parts = [], []
    for dom_fit, dom_test in (("Sports", "GovernmentPublic"), ("GovernmentPublic", "Sports")):
        fit_part = train[train["domain"] == dom_fit]
        test_part = train[train["domain"] == dom_test]
        if not len(test_part):
            continue
        coef, scale = fit(pd.concat([fit_part, train[train["source"] == "spinner"]]))
        zs.append(terms(test_part, coef, scale))
        parts.append(test_part)
    temperature = 1.0
    if parts:
        z_cd, t_cd = np.concatenate(zs), pd.concat(parts)  # terms of the folds' pairs
        y = t_cd["y"].to_numpy()
        best = None
        for T in np.arange(0.5, 4.01, 0.1):
            p_b = np.clip(1 / (1 + np.exp(-combine(z_cd, T))), 1e-9, 1 - 1e-9)
            loss = -np.mean(np.where(y == 1, np.log(p_b), np.log(1 - p_b)))
            if best is None or loss < best[0]:
                best = (loss, T)
        temperature = float(round(best[1], 2))
        # how far the temperature would have to grow for the named sides with confidence
        # >= 0.8 to be right CONFIDENT_RIGHT of the time in these folds (printed, not used:
        # at that temperature weak but real evidence, such as the sample corpus's spinner
        # fingerprints, falls under min_side_probability and the side goes unnamed)
        for T in np.arange(temperature, 4.01, 0.1):
            p_b = 1 / (1 + np.exp(-combine(z_cd, T)))
            conf = np.maximum(p_b, 1 - p_b)
            right = (p_b > 0.5) == (y == 1)
            hi = conf >= 0.8
            if "--scan" in sys.argv:
                print(f"  T {T:.1f}: conf>=0.8 {hi.mean():.1%} of pairs, right {right[hi].mean():.1%}")
            if not hi.any() or right[hi].mean() >= CONFIDENT_RIGHT:
                print(f"temperature for {CONFIDENT_RIGHT:.0%} right at confidence >= 0.8 in "
                      f"these folds: {T:.1f} ({hi.mean():.0%} of pairs reach 0.8 there); not used")
                break
        print(f"cross-domain folds (training half): temperature {temperature}")
        for (dom_fit, dom_test), z, part in zip((("Sports", "GovernmentPublic"),
                                                 ("GovernmentPublic", "Sports")), zs, parts):
            report(f"fit {dom_fit}, test {dom_test}", part, combine(z, temperature))
    coef, scale = fit(train)  # one model: every evidence, both kinds of rewrite

    def z_of(part):
        return combine(terms(part, coef, scale), temperature)

    z_train, z_test = z_of(train), z_of(test)
    print("fitted half:")
    for key, part in train.groupby("rewriter"):
        report(key, part, z_train[train["rewriter"].to_numpy() == key])
    print("held-out half:")
    for key, part in test.groupby("rewriter"):
        report(key, part, z_test[test["rewriter"].to_numpy() == key])
    report("all held-out", test, z_test)
    print("calibration, held-out half:")
    calibration(test, z_test)
    print("weights (per standard deviation):",
          {f: round(float(c), 3) for f, c in zip(FEATURES, coef)})
    if "--write" in sys.argv:
        def part(c, sc, t, names):
            return {"coef": {f: float(w) for f, w in zip(FEATURES, c) if f in names},
                    "scale": {f: float(v) for f, v in zip(FEATURES, sc) if f in names},
                    "temperature": float(t), "vote_cap": VOTE_CAP,
                    "style_max_probability": STYLE_MAX_PROBABILITY}

        data = {
            "model": part(coef, scale, temperature, FEATURES),
            "provenance": {
                "fitted_by": "benchmarks/fit_direction.py",
                "fitted_on": f"{len(train)} pairs: half the stories of the fluent-rewrite "
                             "development set and half the planted spinner rewrites of BBC "
                             "News (seeds 0-2)",
                "held_out": {
                    "pairs": int(len(test)),
                    "side_right": float((_right(test, z_test) > 0.5).mean())}}}
        MODEL.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL}")


if __name__ == "__main__":
    main()
