"""Fit the paraphrase model of find_rewrites and write corpus_tools/rewrites/paraphrase_model.json.

The model (:mod:`corpus_tools.rewrites.paraphrase`) tells a fluent rewrite from
another text on the same topic, from what an aligned pair shares. Training data
(nothing of it is committed), the rows :func:`rewrite_cases.labelled_pairs`
gives for pairs that were aligned and are not copies:

* the fluent-rewrite development set (``../shared/dev/fluent_rewrites``):
  positives are (original, LLM rewrite) pairs and two rewrites of one
  original; negatives are pairs of different stories, except stories whose
  originals share a verbatim run of 8 words (versions of one passage:
  ``rewrite_cases.shared_source_stories``), which are left out;
* BBC News with planted spinner rewrites: every aligned pair of two BBC
  articles that are not near-duplicates is a negative (BBC holds no
  rewrites; many of these are reports of one event or one template).

Stories (BBC: the first document's id) are split in two halves by a hash: the
model is fitted on one half, and every "held-out" number comes from the other.
Cross-domain folds fit on one domain of the development set (with BBC's
training half) and test on the other. The threshold table shows, for each
probability, the share of true pairs above it and the negatives above it.

Run: ``.venv/bin/python benchmarks/fit_paraphrase.py [--write] [--refresh]`` (without
``--write`` it only prints; ``--refresh`` runs find_rewrites again instead of reading the
cached rows of ``rewrite_cases.labelled_pairs``, as it must after the pipeline changed).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
MODEL = HERE.parent / "corpus_tools" / "rewrites" / "paraphrase_model.json"
THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.98)
# The model: gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier, here only)
# over every field of ParaphraseEvidence, monotone in what the two texts share (more content
# words, facts, meaning, order: never less probable). The shingle overlap and the length ratio
# are left free: the BBC pairs that align are reports written from one template, sharing whole
# phrases but not a story, while a fluent rewrite keeps few 4-word sequences (a pair that keeps
# many is a copy or a spinner's, judged before this model).
MONOTONE = {"content_overlap": 1, "immutable_overlap": 1, "prose_coverage": 1,
            "prose_coverage_longer": 1, "prose_similarity": 1, "doc_similarity": 1,
            "meaning_coverage": 1, "meaning_coverage_longer": 1, "sentence_order": 1,
            "position_gap": -1, "length_ratio": 1}
TREES = dict(max_depth=3, max_iter=200, learning_rate=0.05, random_state=0)


def model_decides(t: pd.DataFrame) -> pd.Series:
    """The rows whose verdict the model can decide: those passing the rules of
    ``verdict.relation_of`` that hold before it (``verdict.paraphrase_rules_hold``: prose
    aligned and long enough, numbers and names kept, not near-verbatim). Fitted on the others
    too, the model would spend its weight on pairs the rules already turn away (balanced
    classes share the negatives' weight among them: many easy ones leave the hard ones
    light)."""
    from corpus_tools.rewrites.options import RewriteOptions
    from corpus_tools.rewrites.verdict import paraphrase_rules_hold

    opt = RewriteOptions()
    return pd.Series([paraphrase_rules_hold(r, r, opt) for r in t.itertuples(index=False)],
                     index=t.index, dtype=bool)


def training_rows() -> pd.DataFrame:
    """Aligned, non-copy rows the model decides (:func:`model_decides`) with their evidence,
    ``y`` (1: a rewrite), ``half`` and ``domain``."""
    from rewrite_cases import labelled_pairs

    from corpus_tools.rewrites.paraphrase import PARAPHRASE_FEATURES, paraphrase_evidence

    t = labelled_pairs(refresh="--refresh" in sys.argv)
    t = t[t["prose_coverage"].notna() & (t["relation"] != "copy") & (t["label"] != "copy")]
    fluent = t["source"] == "fluent"
    spun = t["doc_a"].str.startswith("spun/") | t["doc_b"].str.startswith("spun/")
    keep = (fluent & ~(t["shared_source"].astype(bool) & (t["label"] == "none"))) | \
        (~fluent & ~spun & (t["label"] == "none"))
    keep &= model_decides(t)
    t = t[keep].copy()
    t["y"] = t["label"].isin(["rewrite", "sibling"]).astype(int)
    key = np.where(fluent[keep], t["story"], t["doc_a"])
    t["half"] = np.where([zlib.crc32(k.encode()) % 2 == 1 for k in key], "held-out", "fitted")
    # the evidence exactly as find_rewrites reads it (each row stands in for its pair)
    evidence = [paraphrase_evidence(r, r) for r in t.itertuples(index=False)]
    return pd.concat([t.drop(columns=[f for f in PARAPHRASE_FEATURES if f in t]).reset_index(
        drop=True), pd.DataFrame(evidence, columns=PARAPHRASE_FEATURES)], axis=1)


def fit(t: pd.DataFrame) -> dict:
    """The model's JSON part: the features, the baseline log-odds and every tree.

    Classes are balanced: the development set holds ten rewrites for every
    aligned pair of different stories, a ratio no real corpus has, and the
    probability should not inherit it.
    """
    from sklearn.ensemble import HistGradientBoostingClassifier

    from corpus_tools.rewrites.paraphrase import PARAPHRASE_FEATURES

    names = list(PARAPHRASE_FEATURES)
    m = HistGradientBoostingClassifier(class_weight="balanced",
                                       monotonic_cst=[MONOTONE.get(f, 0) for f in names],
                                       **TREES).fit(t[names].to_numpy(dtype=float), t["y"])
    trees = []
    for (predictor,) in m._predictors:
        nodes = predictor.nodes
        trees.append({"feature": nodes["feature_idx"].tolist(),
                      # a split of the known values from the missing ones has an infinite
                      # threshold: written as a finite one, for standard JSON
                      "threshold": np.clip(nodes["num_threshold"], -1e300, 1e300).tolist(),
                      "missing_left": nodes["missing_go_to_left"].astype(bool).tolist(),
                      "left": nodes["left"].tolist(), "right": nodes["right"].tolist(),
                      "leaf": nodes["is_leaf"].astype(bool).tolist(),
                      "value": nodes["value"].tolist()})
    model = {"kind": "gradient-boosted trees", "features": names,
             "monotone": {f: MONOTONE[f] for f in names if f in MONOTONE},
             "baseline": float(np.ravel(m._baseline_prediction)[0]), "trees": trees}
    # the shipped evaluator must give scikit-learn's probabilities
    x = t[names].to_numpy(dtype=float)
    assert np.allclose(probabilities(t, model), m.predict_proba(x)[:, 1], atol=1e-9)
    return model


def probabilities(t: pd.DataFrame, model: dict) -> np.ndarray:
    """The probability :class:`~corpus_tools.rewrites.paraphrase.ParaphraseModel` gives each
    row, for a model in its JSON form."""
    from corpus_tools.rewrites.paraphrase import (PARAPHRASE_FEATURES, ParaphraseEvidence,
                                                  model_from_json)

    m = model_from_json(model)
    return np.array([m.probability(ParaphraseEvidence(*row)) for row in
                     t[list(PARAPHRASE_FEATURES)].itertuples(index=False, name=None)])


def model_json(data: dict) -> str:
    """``data`` as indented JSON with one line per tree (readable, and diffs stay small)."""
    trees = data["model"]["trees"]
    marks = [f"@tree{k}@" for k in range(len(trees))]
    text = json.dumps({**data, "model": {**data["model"], "trees": marks}}, indent=1)
    for mark, tree in zip(marks, trees):
        text = text.replace(f'"{mark}"', json.dumps(tree, separators=(",", ":")))
    return text + "\n"


def table(name: str, t: pd.DataFrame, p: np.ndarray) -> None:
    true = (t["label"] == "rewrite").to_numpy()
    neg_fl = ((t["y"] == 0) & (t["source"] == "fluent")).to_numpy()
    neg_bbc = ((t["y"] == 0) & (t["source"] != "fluent")).to_numpy()
    print(f"  {name}: {true.sum()} true pairs, {neg_fl.sum()} cross-story pairs, "
          f"{neg_bbc.sum()} BBC pairs")
    for th in THRESHOLDS:
        up = p >= th
        print(f"    p >= {th:.2f}: true pairs {up[true].mean() if true.any() else float('nan'):6.1%}"
              f"  cross-story {int(up[neg_fl].sum()):4d}  BBC {int(up[neg_bbc].sum()):4d}")


def main() -> None:
    t = training_rows()
    train, test = t[t["half"] == "fitted"], t[t["half"] == "held-out"]
    print(f"rows: {len(t)} (fitted {len(train)}, held out {len(test)}); positives "
          f"{int(t['y'].sum())}, negatives {int((1 - t['y']).sum())}")
    bbc_train = train[train["source"] != "fluent"]
    print("cross-domain folds (fitted half; BBC's fitted half in both):")
    for dom_fit, dom_test in (("Sports", "GovernmentPublic"), ("GovernmentPublic", "Sports")):
        m = fit(pd.concat([train[train["domain"] == dom_fit], bbc_train]))
        part = train[train["domain"] == dom_test]
        table(f"fit {dom_fit}, test {dom_test}", part, probabilities(part, m))
    model = fit(train)
    print("fitted half:")
    table("all", train, probabilities(train, model))
    print("held-out half:")
    table("all", test, probabilities(test, model))
    used = Counter(model["features"][k] for tree in model["trees"]
                   for k, leaf in zip(tree["feature"], tree["leaf"]) if not leaf)
    print(f"{len(model['trees'])} trees; splits per feature:", dict(used.most_common()))
    if "--write" in sys.argv:
        data = {"model": model, "provenance": {
            "fitted_by": "benchmarks/fit_paraphrase.py",
            "fitted_on": f"{len(train)} aligned pairs: half the stories of the fluent-rewrite "
                         "development set (rewrites and cross-story pairs) and half the aligned "
                         "pairs of BBC News (no rewrites)",
            "held_out_pairs": int(len(test))}}
        MODEL.write_text(model_json(data), encoding="utf-8")
        print(f"wrote {MODEL}")


if __name__ == "__main__":
    main()
