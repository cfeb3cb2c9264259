"""How fast does load_corpus read a real news corpus? Prints docs/s, words/s, peak memory.

Target (issue 2): more than 1 million words per second on the BBC News corpus.
"""

from __future__ import annotations

import time
import tracemalloc
import warnings

from bbc import bbc_folder

from corpus_tools import CorpusWarning, load_corpus, problems


def main() -> None:
    folder = bbc_folder()
    warnings.simplefilter("ignore", CorpusWarning)
    load_corpus(folder, recursive=True)  # warm the OS file cache
    for n_jobs in (1, None):
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            corpus = load_corpus(folder, recursive=True, n_jobs=n_jobs)
            times.append(time.perf_counter() - t0)
        best = min(times)
        words = int(corpus["n_words"].sum())
        label = "1 process" if n_jobs == 1 else "all cores"
        print(f"load_corpus BBC ({label}): {len(corpus)} docs, {words:,} words, "
              f"best of 3 {best:.3f}s -> {len(corpus) / best:,.0f} docs/s, "
              f"{words / best:,.0f} words/s")
    tracemalloc.start()
    corpus = load_corpus(folder, recursive=True, n_jobs=1)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    text_mb = corpus["text"].str.len().sum() / 1e6
    print(f"peak Python memory while loading: {peak / 1e6:.1f} MB for {text_mb:.1f} M characters")
    print(f"problems: {len(problems(corpus))}")
    print(problems(corpus).to_string(index=False))


if __name__ == "__main__":
    main()
