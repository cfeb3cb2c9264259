"""Grammar checker on the BBC News corpus: speed, peak memory and a precision proxy.

Run: ``.venv/bin/python benchmarks/bench_grammar.py [--sample N] [--degenerate-only]``

BBC News is professionally edited, so (almost) every finding is a false
alarm: the script prints findings per 1,000 words overall and by rule (the
target is at most 1) and a random sample of findings to read by hand. Speed
is words per second of :func:`corpus_tools.grammar_errors` on one core,
after the lexical data is loaded (loading time is printed separately).

The last section checks degenerate documents (issue 11): one "sentence" of
25,000 or 1,000,000 repeated "the". Each runs in a fresh process, which
prints its peak resident memory next to that of a two-word document
(the interpreter and the lexical data: two "the"): memory must grow with the text, not
with findings times sentence length (before issue 11: 4.2 GB for 25,000,
killed at 24 GB for 1,000,000).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import tracemalloc
import warnings

import pandas as pd

from bbc import load_bbc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=40, help="findings to print (default 40)")
    parser.add_argument("--degenerate-only", action="store_true",
                        help="only the degenerate-documents section")
    args = parser.parse_args()
    if args.degenerate_only:
        degenerate()
        return

    from corpus_tools.grammar import grammar_errors, grammar_summary
    from corpus_tools.lexicon import Lexicon
    from corpus_tools.grammar.rules import RuleChecker

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_bbc()
    n_words = int(corpus["n_words"].sum())
    print(f"BBC News: {len(corpus)} documents, {n_words:,} words")

    t0 = time.perf_counter()
    lex = Lexicon()
    lex.frequencies
    lex.starts_with_vowel_sound("hour")
    lex.base_verb("compare")
    print(f"lexicon load: {time.perf_counter() - t0:.2f} s")

    t0 = time.perf_counter()
    findings = grammar_errors(corpus, checker=RuleChecker(lexicon=lex))
    elapsed = time.perf_counter() - t0
    print(f"grammar_errors: {elapsed:.2f} s, {n_words / elapsed:,.0f} words/s (one core, "
          f"word caches cold)")

    t0 = time.perf_counter()
    grammar_errors(corpus, checker=RuleChecker(lexicon=lex))
    elapsed2 = time.perf_counter() - t0
    print(f"second run (word caches warm): {elapsed2:.2f} s, {n_words / elapsed2:,.0f} words/s")

    tracemalloc.start()
    grammar_errors(corpus, checker=RuleChecker(lexicon=Lexicon()))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak traced memory of a run including lexicon load: {peak / 2**20:.1f} MiB "
          f"(corpus frame itself excluded)")

    summary = grammar_summary(corpus, findings=findings)
    print(f"\nfindings: {len(findings)}  = {1000 * len(findings) / n_words:.3f} per 1,000 words "
          f"(target <= 1); documents with any finding: {(summary['n_findings'] > 0).sum()}")
    by_rule = findings.groupby(["category", "rule_id"]).size().rename("n").to_frame()
    by_rule["per_1000_words"] = (1000 * by_rule["n"] / n_words).round(4)
    print(by_rule.to_string())

    sample = findings.sample(min(args.sample, len(findings)), random_state=0) \
        .sort_values(["rule_id", "doc_id"])
    print(f"\nrandom sample of {len(sample)} findings:")
    with pd.option_context("display.max_colwidth", 90, "display.width", 200):
        for r in sample.itertuples():
            print(f"- {r.doc_id} {r.rule_id} {r.span!r} -> {r.suggestion!r}: {r.context}")


    print()
    degenerate()


_ONE_DOC = """
import sys, time
from corpus_tools import corpus_from_texts, grammar_errors
n = int(sys.argv[1])
text = " ".join(["the"] * n)
corpus = corpus_from_texts({"d": text}, detect_language=False)
t0 = time.perf_counter()
found = grammar_errors(corpus)
elapsed = time.perf_counter() - t0
# VmHWM: the peak of this process image (ru_maxrss would include the parent's peak before exec)
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
peak /= 1024
print(f"{len(text):,}\t{len(found)}\t{elapsed:.1f}\t{peak:.0f}")
"""


def degenerate() -> None:
    print("degenerate documents (one process each; peak resident memory of that process):")
    base = None
    for n in (2, 25_000, 1_000_000):
        out = subprocess.run([sys.executable, "-c", _ONE_DOC, str(n)], capture_output=True,
                             text=True, check=True).stdout.split("\t")
        chars, n_found, seconds, peak = int(out[0].replace(",", "")), out[1], out[2], int(out[3])
        label = f'{n:,} x "the"'
        extra = "" if base is None else f" (+{peak - base:,} MiB over the 2-word document)"
        print(f"- {label}: {chars:,} characters, {n_found} findings, {seconds}s, peak "
              f"{peak:,} MiB{extra}")
        base = peak if base is None else base


if __name__ == "__main__":
    main()
