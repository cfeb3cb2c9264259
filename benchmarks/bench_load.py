"""How fast does load_corpus read a real news corpus, and one huge document?

Run: ``.venv/bin/python benchmarks/bench_load.py [--huge-mb 200] [--skip-huge]``

Prints, for the BBC News corpus (2,225 articles): docs/s, words/s and peak
memory (target, issue 2: more than 1 million words per second), the cost of
text repair (ftfy) and language detection (py3langid), and a check that the
linear sentence splitter gives exactly the boundaries of the splitter before
issue 11 (a frozen copy in ``tests/segment_reference.py``). Then the old and
the new splitter on growing documents (the old one is quadratic), and one
huge document against the same text in 50 KB files (issue 11: a 200 MB
document should load at roughly the speed of many small files).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

from bbc import CACHE, bbc_folder

from corpus_tools import CorpusWarning, load_corpus, problems
from corpus_tools.segment import sentence_spans

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from segment_reference import sentence_spans as reference_sentence_spans  # noqa: E402


def _best(fn, runs=3):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def bbc(folder: Path) -> None:
    load_corpus(folder, recursive=True)  # warm the OS file cache
    for n_jobs in (1, None):
        best, corpus = _best(lambda: load_corpus(folder, recursive=True, n_jobs=n_jobs))
        words = int(corpus["n_words"].sum())
        label = "1 process" if n_jobs == 1 else "all cores"
        print(f"load_corpus BBC ({label}): {len(corpus)} docs, {words:,} words, "
              f"best of 3 {best:.3f}s -> {len(corpus) / best:,.0f} docs/s, "
              f"{words / best:,.0f} words/s")
    plain, _ = _best(lambda: load_corpus(folder, recursive=True, n_jobs=1, fix_text=False,
                                         detect_language=False))
    no_lang, _ = _best(lambda: load_corpus(folder, recursive=True, n_jobs=1,
                                           detect_language=False))
    full, corpus = _best(lambda: load_corpus(folder, recursive=True, n_jobs=1))
    print(f"  1 process, best of 3: without repair and language {plain:.3f}s; + ftfy repair "
          f"{no_lang:.3f}s (+{no_lang - plain:.3f}s); + language detection {full:.3f}s "
          f"(+{full - no_lang:.3f}s)")
    flags = corpus["flags"].str.split(";").explode()
    print(f"  flags: {flags[flags != ''].value_counts().to_dict()}; languages: "
          f"{corpus['language'].value_counts().to_dict()}")
    tracemalloc.start()
    corpus = load_corpus(folder, recursive=True, n_jobs=1)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    text_mb = corpus["text"].str.len().sum() / 1e6
    print(f"peak Python memory while loading: {peak / 1e6:.1f} MB for {text_mb:.1f} M characters")
    probs = problems(corpus)
    print(f"problems: {len(probs)} ({probs['problem'].value_counts().to_dict()})")
    print(probs[~probs["problem"].eq("text repaired")].to_string(index=False))

    same = sum(sentence_spans(t) == reference_sentence_spans(t) for t in corpus["text"])
    print(f"sentence boundaries identical to the splitter before issue 11: {same:,} of "
          f"{len(corpus):,} BBC documents")


def splitters(texts: list[str]) -> None:
    base = "\n\n".join(texts)
    print("sentence_spans on one document, old (quadratic) vs new splitter:")
    for mb in (1, 2, 4):
        doc = (base * (mb * 10**6 // len(base) + 1))[: mb * 10**6]
        old, a = _best(lambda: reference_sentence_spans(doc), runs=1)
        new, b = _best(lambda: sentence_spans(doc), runs=1)
        print(f"  {mb} MB: old {old:6.2f}s, new {new:5.2f}s ({len(b):,} sentences, "
              f"identical: {a == b})")


def huge(texts: list[str], mb: int) -> None:
    work = CACHE / "huge"
    shutil.rmtree(work, ignore_errors=True)
    (work / "one").mkdir(parents=True)
    (work / "many").mkdir()
    base = "\n\n".join(texts)
    doc = (base * (mb * 10**6 // len(base) + 1))[: mb * 10**6]
    (work / "one" / "huge.txt").write_text(doc, encoding="utf-8")
    size = 50_000
    for i in range(0, len(doc), size):
        (work / "many" / f"{i // size:05d}.txt").write_text(doc[i:i + size], encoding="utf-8")
    n_files = len(doc) // size + (len(doc) % size > 0)
    try:
        for label, path in (("one document", work / "one"), (f"{n_files:,} files of 50 KB",
                                                              work / "many")):
            t0 = time.perf_counter()
            corpus = load_corpus(path, n_jobs=1)
            elapsed = time.perf_counter() - t0
            print(f"load_corpus {mb} MB as {label} (1 process): {elapsed:.1f}s -> "
                  f"{mb / elapsed:.1f} MB/s, {int(corpus['n_words'].sum()) / elapsed:,.0f} "
                  f"words/s, {int(corpus['n_sentences'].sum()):,} sentences")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--huge-mb", type=int, default=200, help="size of the huge document")
    parser.add_argument("--skip-huge", action="store_true", help="skip the huge-document part")
    args = parser.parse_args()
    folder = bbc_folder()
    warnings.simplefilter("ignore", CorpusWarning)
    bbc(folder)
    texts = list(load_corpus(folder, recursive=True)["text"])
    splitters(texts)
    if not args.skip_huge:
        huge(texts, args.huge_mb)


if __name__ == "__main__":
    main()
