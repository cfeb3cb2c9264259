"""Learn the rewriter vocabulary of find_rewrites: corpus_tools/rewrites/rewriter_vocabulary.json.

Which words does a language model add when it rewrites a text, and which does
it drop? From (original, rewrite) pairs, for every word: in how many pairs the
rewrite uses it and the original does not (``added``), and the reverse
(``dropped``; a word whose lemma the other side has in another form is not counted:
``corpus_tools.rewrites.direction.vocabulary_difference``). A word's weight is the smoothed log-odds
``log((added + 1) / (dropped + 1))``, kept when

* the word is everyday English (wordfreq Zipf >= ``MIN_ZIPF``: topic words,
  names and rare words of the training texts stay out),
* it changed in at least ``MIN_PAIRS`` pairs, in at least ``MIN_STORIES``
  different stories in its main direction (four rewrites of one original are
  not four independent observations),
* one direction is at least ``MIN_RATIO`` times the other,
* and a word-for-word spinner does not swap it out: words the planted spinner
  rewrites of BBC News (``bench_rewrites.planted_corpus``, seeds 0-2, training
  half) drop in at least ``SPINNER_MAX_DROPS`` pairs are left out. Those are
  everyday words any rewriting may replace ("key", "move", "despite"); in a
  spinner's output their absence would point at the original.

The direction evidence ``rewriter_words`` of a pair is the sum of the weights of
the words only ``b`` has minus those only ``a`` has
(``corpus_tools.rewrites.direction.vocabulary_shift``).

Training data: the training half of the stories of the fluent-rewrite development set
(``../shared/dev/fluent_rewrites``; the split of ``rewrite_cases.held_out_story``,
the one ``fit_direction.py`` uses); nothing of it is committed but the word weights.
The script prints the sign accuracy of the evidence on the held-out half, and
across domains (learned on one domain's training half, scored on the other domain's
held-out half), next to the fixed ``LLM_WORDS`` list.

Run: ``.venv/bin/python benchmarks/fit_vocabulary.py [--write]``; refit the direction
model (``fit_direction.py --write``) after writing.
"""

from __future__ import annotations

import json
import math
import sys
import warnings
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
OUT = HERE.parent / "corpus_tools" / "rewrites" / "rewriter_vocabulary.json"

MIN_ZIPF = 3.0
MIN_PAIRS = 8
MIN_STORIES = 5
MIN_RATIO = 4.0
SPINNER_MAX_DROPS = 2


def learn_vocabulary(examples, spinner_dropped=None) -> dict[str, float]:
    """``{word: weight}`` from ``(story, original_words, rewrite_words)`` examples (word sets);
    ``spinner_dropped`` counts, per word, the spinner rewrites that dropped it."""
    from corpus_tools.lexicon import zipf
    from corpus_tools.rewrites.direction import vocabulary_difference

    added, dropped = Counter(), Counter()
    stories_added, stories_dropped = {}, {}
    for story, orig, rewrite in examples:
        only_orig, only_rewrite = vocabulary_difference(orig, rewrite)
        for w in only_rewrite:
            added[w] += 1
            stories_added.setdefault(w, set()).add(story)
        for w in only_orig:
            dropped[w] += 1
            stories_dropped.setdefault(w, set()).add(story)
    out = {}
    for w in set(added) | set(dropped):
        a, d = added[w], dropped[w]
        if a + d < MIN_PAIRS or not w.replace("'", "").replace("-", "").isalpha():
            continue
        stories = stories_added.get(w, set()) if a >= d else stories_dropped.get(w, set())
        if len(stories) < MIN_STORIES or zipf(w) < MIN_ZIPF:
            continue
        if spinner_dropped and spinner_dropped.get(w, 0) >= SPINNER_MAX_DROPS:
            continue
        weight = math.log((a + 1) / (d + 1))
        if abs(weight) >= math.log(MIN_RATIO):
            out[w] = round(weight, 4)
    return dict(sorted(out.items()))


def fluent_examples():
    """(examples, docs): per development pair ``(story, domain, held_out, words_o, words_r)``."""
    from rewrite_cases import fluent_corpus, held_out_story

    from corpus_tools.rewrites.direction import document_words
    from corpus_tools.rewrites.features import doc_features

    fluent = fluent_corpus()
    if fluent is None:
        sys.exit("the fluent-rewrite development set (../shared/dev/fluent_rewrites) is missing")
    corpus, pairs, docs = fluent
    words = {}

    def of(d):
        if d not in words:
            words[d] = document_words(doc_features(d, corpus.at[d, "text"]))
        return words[d]

    rows = []
    for p in pairs:
        story = docs[p["original"]]["story"]
        rows.append((story, docs[p["original"]]["domain"], held_out_story(story),
                     of(p["original"]), of(p["rewrite"])))
    return rows


def spinner_dropped() -> Counter:
    """Per word: in how many planted spinner rewrites (training half) the spinner dropped it."""
    from bbc import load_bbc
    from bench_rewrites import planted_corpus
    from rewrite_cases import held_out_story

    from corpus_tools.rewrites.direction import document_words, vocabulary_difference
    from corpus_tools.rewrites.features import doc_features

    bbc = load_bbc()
    out = Counter()
    for seed in (0, 1, 2):
        texts, truth = planted_corpus(bbc, seed=seed)
        for orig, spun, _ in truth:
            if held_out_story(orig):
                continue
            o = document_words(doc_features(orig, texts[orig]))
            r = document_words(doc_features(spun, texts[spun]))
            out.update(vocabulary_difference(o, r)[0])
    return out


def _accuracy(rows, weights) -> str:
    from corpus_tools.rewrites.direction import vocabulary_shift

    s = np.array([vocabulary_shift(o, r, weights) for *_, o, r in rows])
    if not len(s):
        return "no pairs"
    nz = s != 0
    return (f"{len(s):4d} pairs: says something on {nz.mean():.0%}, right there "
            f"{(s[nz] > 0).mean():.1%}")


def main() -> None:
    from corpus_tools.rewrites.direction import LLM_WORDS

    warnings.simplefilter("ignore")
    rows = fluent_examples()
    train = [r for r in rows if not r[2]]
    test = [r for r in rows if r[2]]
    dropped = spinner_dropped()
    weights = learn_vocabulary([(s, o, r) for s, _, _, o, r in train], dropped)
    fixed = {w: 1.0 for w in LLM_WORDS}
    print(f"pairs: {len(rows)}; learned on the training half ({len(train)} pairs): "
          f"{len(weights)} words, {sum(v > 0 for v in weights.values())} added by rewriters, "
          f"{sum(v < 0 for v in weights.values())} dropped")
    print(f"held-out half, learned vocabulary: {_accuracy(test, weights)}")
    print(f"held-out half, LLM_WORDS list:     {_accuracy(test, fixed)}")
    for fit_dom, test_dom in (("Sports", "GovernmentPublic"), ("GovernmentPublic", "Sports")):
        w = learn_vocabulary([(s, o, r) for s, d, _, o, r in train if d == fit_dom], dropped)
        part = [r for r in test if r[1] == test_dom]
        print(f"learned on {fit_dom} ({len(w)} words), held-out {test_dom}: {_accuracy(part, w)}")
    top = sorted(weights.items(), key=lambda kv: -kv[1])
    print("most added:", ", ".join(w for w, _ in top[:25]))
    print("most dropped:", ", ".join(w for w, _ in top[::-1][:25]))
    if "--write" in sys.argv:
        data = {"weights": weights,
                "provenance": {
                    "fitted_by": "benchmarks/fit_vocabulary.py",
                    "fitted_on": f"{len(train)} (original, LLM rewrite) pairs: the training "
                                 "half of the stories of the fluent-rewrite development set",
                    "rule": f"log((added+1)/(dropped+1)), kept when Zipf >= {MIN_ZIPF}, "
                            f">= {MIN_PAIRS} pairs, >= {MIN_STORIES} stories, ratio >= "
                            f"{MIN_RATIO}, dropped by the spinner in < {SPINNER_MAX_DROPS} "
                            "pairs"}}
        OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
