"""The Dask path equals the pandas path, on a real LocalCluster of two worker processes.

Inputs: the sample corpus, and a generated corpus of 3,000 short articles in
three JSON Lines partitions, with planted rewrites and copies (one original
and its rewrite on either side of a partition boundary) and a doc_id that
two partitions share. Each analysis runs on the pandas frame and on the Dask
frame; the results must be equal (floats to rounding).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import corpus_tools as ct  # noqa: E402
from corpus_tools import distributed as ctd  # noqa: E402

N_DOCS = 3000
PARTITION_DOCS = 500
BOUNDARY = ("d00498", "d00499")  # original, rewrite: last of one partition, first of the next


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


def _vocabulary():
    from wordfreq import top_n_list

    words = [w for w in top_n_list("en", 4000) if w.isalpha() and len(w) > 2]
    return words[:300], words[300:]


def _article(rng: random.Random, common, rare) -> str:
    names = [rng.choice(["Alder", "Brook", "Carver", "Dunmore", "Ellis", "Fenwick", "Garrow",
                         "Hale", "Ingram", "Jessop"]) + rng.choice(["ton", "by", "ford", ""])
             for _ in range(3)]
    sentences = []
    for _ in range(rng.randint(6, 10)):
        words = [rng.choice(common) if rng.random() < 0.6 else rng.choice(rare)
                 for _ in range(rng.randint(8, 16))]
        words.insert(rng.randrange(len(words)), rng.choice(names))
        if rng.random() < 0.4:
            words.insert(rng.randrange(len(words)), str(rng.randint(2, 9999)))
        sentences.append(" ".join(words).capitalize() + ".")
    title = " ".join(rng.choice(rare) for _ in range(4)).title()
    return title + "\n\n" + " ".join(sentences)


def _rewrite(rng: random.Random, text: str, rare) -> str:
    title, _, body = text.partition("\n\n")
    words = body.split(" ")
    out = [rng.choice(rare) if w.isalpha() and w.islower() and rng.random() < 0.2 else w
           for w in words]
    return title + "\n\n" + " ".join(out)


def _texts() -> dict[str, str]:
    rng = random.Random(12)
    common, rare = _vocabulary()
    texts = {f"d{k:05d}": _article(rng, common, rare) for k in range(N_DOCS)}
    for k in range(20, N_DOCS, 150):  # planted rewrites, the next id rewrites this one
        texts[f"d{k + 1:05d}"] = _rewrite(rng, texts[f"d{k:05d}"], rare)
    texts[BOUNDARY[1]] = _rewrite(rng, texts[BOUNDARY[0]], rare)
    for k in range(40, N_DOCS, 400):  # copies
        texts[f"d{k + 1:05d}"] = texts[f"d{k:05d}"]
    texts["d00700"] = ""  # an empty document
    return texts


@pytest.fixture(scope="module")
def generated(tmp_path_factory, client):
    """(pandas frame, Dask frame) of the generated corpus; partitions of 1,000 rows each."""
    folder = tmp_path_factory.mktemp("parts")
    items = list(_texts().items())
    rows = [{"id": d, "text": t, "section": k % 3} for k, (d, t) in enumerate(items)]
    rows[2500]["id"] = rows[10]["id"]  # one id in two partitions
    rows[1200]["text"] = None  # a row without text: skipped in both paths
    single = folder / "all.jsonl"
    single.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    parts = folder / "parts"
    parts.mkdir()
    for p in range(3):
        chunk = rows[p * 1000:(p + 1) * 1000]
        (parts / f"part-{p}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in chunk),
                                               encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pandas = ct.load_corpus(single)
        dask = ctd.load_corpus(parts, partition_docs=PARTITION_DOCS)
    return pandas, dask


def _same(a: pd.DataFrame, b: pd.DataFrame, *, reset: bool = False, rtol: float = 1e-9):
    if reset:
        a, b = a.reset_index(drop=True), b.reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=rtol, atol=1e-12)


def test_import_does_not_load_dask():
    code = ("import sys, corpus_tools as ct; ct.readability; ct.find_rewrites; "
            "print(any(m == 'dask' or m.startswith(('dask.', 'distributed')) for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_sample_corpus_loads_the_same(client, data_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pandas = ct.load_corpus(data_dir)
        dask = ctd.load_corpus(data_dir)
    assert isinstance(dask, dd.DataFrame)
    _same(pandas, dask.compute())
    _same(ct.problems(pandas), ct.problems(dask))
    _same(ct.readability(pandas), ct.readability(dask).compute())
    _same(ct.find_rewrites(pandas), ct.find_rewrites(dask), rtol=1e-6)


def test_text_files_with_problems(client, tmp_path):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    for k in range(30):
        (folder / f"n{k:03d}.txt").write_text(f"Story {k}\n\nThe council met on day {k}.",
                                              encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "legacy.txt").write_bytes("Caf\xe9 prices rose.".encode("cp1252"))
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "page.html").write_text("<html><head><title>T</title></head><body><article>"
                                      "<p>The mayor said the bridge would open in May, after "
                                      "years of delays and rising costs.</p></article></body>"
                                      "</html>", encoding="utf-8")
    (folder / "notes.csv").write_text("id,text\n1,hello\n", encoding="utf-8")
    (folder / "sub" / "n000.txt").write_text("Nested.", encoding="utf-8")
    for recursive in (False, True):
        with warnings.catch_warnings(record=True) as w_pandas:
            warnings.simplefilter("always")
            pandas = ct.load_corpus(folder, recursive=recursive)
        with warnings.catch_warnings(record=True) as w_dask:
            warnings.simplefilter("always")
            dask = ctd.load_corpus(folder, recursive=recursive, partition_docs=7)
        assert dask.npartitions > 2 and dask.known_divisions
        _same(pandas, dask.compute())
        _same(ct.problems(pandas), ct.problems(dask))
        assert [str(w.message) for w in w_pandas] == [str(w.message) for w in w_dask]
    glob = ctd.load_corpus(str(folder / "n0*.txt"), partition_docs=7).compute()
    assert list(glob.index) == [f"n{k:03d}" for k in range(30)]


def test_partitions_load_like_one_table(generated):
    pandas, dask = generated
    assert dask.npartitions == 6 and dask.known_divisions
    computed = dask.compute()
    # the same rows, ids, values and dtypes; only the file named in `path` differs
    _same(pandas.drop(columns="path"), computed.drop(columns="path"))
    assert computed.loc["d00010#2", "path"].endswith("part-2.jsonl:line 501")
    assert "duplicate_id" in computed.loc["d00010#2", "flags"]
    probs_p, probs_d = ct.problems(pandas), ct.problems(dask)
    assert len(probs_p) == len(probs_d)
    _same(probs_p.drop(columns="source"), probs_d.drop(columns="source"))
    renamed = probs_d[probs_d["doc_id"] == "d00010#2"]
    assert renamed["problem"].tolist() == ["duplicate doc_id 'd00010'"]
    assert (probs_d["action"] == "skipped").sum() == 1  # the row without text
    # the planted pair straddles a partition boundary
    div = dask.divisions
    part = [int(np.searchsorted(div[1:-1], d, side="right")) for d in BOUNDARY]
    assert part[0] + 1 == part[1]


def test_per_document_analyses_equal(generated):
    pandas, dask = generated
    _same(ct.readability(pandas), ct.readability(dask).compute())
    _same(ct.sentence_readability(pandas), ct.sentence_readability(dask).compute(), reset=True)
    findings = ct.grammar_errors(pandas)
    dask_findings = ct.grammar_errors(dask)
    assert len(findings) > 0
    _same(findings, dask_findings.compute(), reset=True)
    _same(ct.grammar_summary(pandas, findings=findings),
          ct.grammar_summary(dask, findings=dask_findings).compute())


def test_term_analyses_equal(generated):
    pandas, dask = generated
    tf = ct.term_frequencies(pandas)
    dask_tf = ct.term_frequencies(dask).compute()
    _same(tf, dask_tf, reset=True)
    assert tf["doc_freq"].max() > 100  # corpus-wide document frequencies, across partitions
    _same(ct.term_frequencies(pandas, ngram=(1, 2), min_count=3),
          ct.term_frequencies(dask, ngram=(1, 2), min_count=3).compute(), reset=True)
    _same(ct.top_terms(pandas, by="tf_idf", n=5), ct.top_terms(dask, by="tf_idf", n=5).compute(),
          reset=True)
    for target in ("d00499", ["d00001", "d02999"]):
        a, b = ct.keyness(pandas, target), ct.keyness(dask, target)
        _same(a, b)
        assert a.attrs == b.attrs
    with pytest.raises(KeyError, match="nope"):
        ct.keyness(dask, "nope")


def test_find_rewrites_equal(generated):
    pandas, dask = generated
    a = ct.find_rewrites(pandas)
    b = ct.find_rewrites(dask)
    _same(a, b, rtol=1e-6)  # semantic similarities are float32 sums
    pair = a[(a["doc_a"] == BOUNDARY[0]) & (a["doc_b"] == BOUNDARY[1])]
    assert len(pair) == 1 and pair["coverage"].iloc[0] > 0.5  # aligned across the boundary
    copies = a[a["relation"] == "copy"]
    assert {("d00040", "d00041"), ("d00440", "d00441")} <= set(zip(copies["doc_a"],
                                                                    copies["doc_b"]))


def test_cli_workers_and_parquet(tmp_path, data_dir):
    """``--workers 2`` prints the dashboard and the pandas path's table; ``--out-parquet``
    writes a table a notebook opens with pandas."""
    def run(*args):
        return subprocess.run([sys.executable, "-m", "corpus_tools", *args], capture_output=True,
                              text=True, timeout=300)

    plain = run("readability", str(data_dir), "--format", "csv")
    dask = run("readability", str(data_dir), "--format", "csv", "--workers", "2")
    assert dask.returncode == 0, dask.stderr
    assert "Dask dashboard: http" in dask.stderr
    assert dask.stdout == plain.stdout
    out = tmp_path / "out"
    proc = run("grammar", str(data_dir), "--summary", "--workers", "2", "--out-parquet", str(out))
    assert proc.returncode == 0, proc.stderr
    written = pd.read_parquet(out / "grammar_summary")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = ct.grammar_summary(ct.load_corpus(data_dir))
    _same(expected, written)


def test_grammar_skips_documents_not_in_english(client, tmp_path):
    """english_only: the document in French is not checked, on both paths, with one warning
    (twelve partitions: the not-checked ids are gathered by a tree of more than one level)."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for k in range(10):
        (folder / f"more{k}.txt").write_text(f"Item {k} was discussed by the council.",
                                             encoding="utf-8")
    (folder / "en.txt").write_text("The council met on Monday. It was reveal to the the press.",
                                   encoding="utf-8")
    (folder / "fr.txt").write_text("Le conseil municipal s'est réuni lundi soir pour discuter du "
                                   "budget de la ville, des nouvelles écoles et des routes qui "
                                   "seront construites l'année prochaine.", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pandas = ct.load_corpus(folder)
        dask = ctd.load_corpus(folder, partition_docs=1)
    caught = []
    for corpus in (pandas, dask):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            found = ct.grammar_errors(corpus)
        caught.append([str(x.message) for x in w if issubclass(x.category, ct.GrammarWarning)])
        summary = ct.grammar_summary(corpus, findings=found)
        if corpus is dask:
            found, summary = found.compute(), summary.compute()
        assert set(found["doc_id"]) == {"en"}
        assert len(summary) == 12 and summary["checked"].sum() == 11
        assert not summary.loc["fr", "checked"]
    assert caught[0] == caught[1] and "'fr'" in caught[0][0]


def test_grammar_findings_wait_on_disk_not_in_worker_memory(client, generated, tmp_path,
                                                           monkeypatch):
    """The findings awaiting the spelling filter go to a scratch folder (``scratch=``, else
    $CORPUS_TOOLS_SCRATCH): the workers hold less than the findings, and the result and what is
    built on it read them from the folder."""
    from corpus_tools.distributed import analyses
    from corpus_tools.distributed.store import SCRATCH_VARIABLE

    _, dask = generated
    expected = ct.grammar_errors(dask.compute())
    given = tmp_path / "given"
    given.mkdir()

    def held() -> int:
        return sum(client.run(lambda dask_worker: dask_worker.state.nbytes).values())

    before = held()
    found = analyses.grammar_errors(dask, scratch=str(given))
    (folder,) = given.iterdir()
    assert len(list(folder.glob("findings-*.pkl"))) == dask.npartitions
    assert held() - before < expected.memory_usage(deep=True).sum() / 4
    summary = analyses.grammar_summary(dask, findings=found)  # built on the findings
    del found
    assert summary.compute()["n_findings"].sum() == len(expected)
    env = tmp_path / "env"
    env.mkdir()
    monkeypatch.setenv(SCRATCH_VARIABLE, str(env))
    _same(expected, ct.grammar_errors(dask).compute(), reset=True)
    assert len(list(env.iterdir())) == 1
    monkeypatch.setenv(SCRATCH_VARIABLE, str(tmp_path / "missing"))
    with pytest.raises(FileNotFoundError, match="missing.*CORPUS_TOOLS_SCRATCH"):
        ct.grammar_errors(dask)


def test_grammar_scratch_folder_lives_as_long_as_a_result_needs_it(data_dir, tmp_path):
    """Removed when the last collection that reads it is gone, not before (Dask's local
    scheduler, in a process of its own: a distributed scheduler in this process keeps a log
    of recent tasks, which would keep the folder until the log moves on)."""
    code = f"""
import gc, warnings
from pathlib import Path
import dask
warnings.simplefilter("ignore")
from corpus_tools import distributed as ctd
from corpus_tools.distributed import analyses
scratch = Path({str(tmp_path)!r})
with dask.config.set(scheduler="synchronous"):
    corpus = ctd.load_corpus({str(data_dir)!r}, partition_docs=2)
    found = analyses.grammar_errors(corpus, scratch=str(scratch))
    (folder,) = scratch.iterdir()
    summary = analyses.grammar_summary(corpus, findings=found)
    del found
    gc.collect()
    assert folder.exists(), "removed while the summary needs it"
    assert summary.compute()["n_findings"].sum() > 0
    del summary
    gc.collect()
    assert not folder.exists(), "kept after the last result was gone"
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


def test_summaries_equal_the_pandas_analyses(client, data_dir, tmp_path):
    """write_summaries: every table read back equals the pandas analysis of the same corpus;
    the texts of the pair shown side by side are written, and nothing else's."""
    from corpus_tools.distributed.summaries import read_summaries, write_summaries

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pandas = ct.load_corpus(data_dir)
        folder = write_summaries(ctd.load_corpus(data_dir), tmp_path / "sum", source="data")
        s = read_summaries(folder)
        expected_pairs = ct.find_rewrites(pandas)
    _same(pandas.drop(columns="text"), s.corpus)
    _same(ct.problems(pandas), s.problems)
    _same(ct.readability(pandas), s.readability)
    _same(ct.grammar_summary(pandas), s.grammar_summary)
    _same(ct.top_terms(pandas, n=10), s.top_terms, reset=True)
    _same(expected_pairs, s.rewrites, rtol=1e-6)
    linked = expected_pairs[expected_pairs["relation"].isin(["copy", "rewrite"])]
    assert len(linked) >= 1
    ids = sorted(set(linked["doc_a"]) | set(linked["doc_b"]))
    assert s.texts.index.tolist() == ids and len(ids) < len(pandas)
    assert s.texts["text"].tolist() == pandas.loc[ids, "text"].tolist()
    assert s.manifest["rows"]["corpus"] == len(pandas) and s.manifest["source"] == "data"


def test_read_summaries_names_what_is_missing(tmp_path):
    from corpus_tools.distributed.summaries import read_summaries

    with pytest.raises(FileNotFoundError, match="manifest.json"):
        read_summaries(tmp_path)


def test_report_renders_from_summaries_written_earlier(client, data_dir, tmp_path):
    """``report --summaries DIR``: no corpus is analysed; the page shows the written tables."""
    from corpus_tools.distributed.summaries import write_summaries

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        folder = write_summaries(ctd.load_corpus(data_dir), tmp_path / "sum")
    out = tmp_path / "report"
    proc = subprocess.run([sys.executable, "-m", "corpus_tools", "report", "elsewhere",
                           "--summaries", str(folder), "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    page = (out / "01_corpus_at_scale.html").read_text(encoding="utf-8")
    assert "3 documents" in page and "001_dbc4827b14b7b483" in page
    assert "elsewhere" in (out / "index.html").read_text(encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "corpus_tools", "report", "x", "--summaries",
                          str(tmp_path), "--out", str(tmp_path / "r2")],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "manifest.json" in bad.stderr


def test_each_table_is_surveyed_by_a_task_of_its_own():
    """A folder of Parquet partitions is surveyed in parallel: one task per table, and document
    files ``partition_docs`` to a task, in input order."""
    from corpus_tools.corpus.files import Entry
    from corpus_tools.distributed.load import Unit, survey_groups

    def unit(name, table):
        return Unit(Entry(name, name, name, True), table, False)

    units = [unit("a.txt", False), unit("b.txt", False), unit("c.txt", False),
             unit("p0.parquet", True), unit("p1.parquet", True), unit("d.txt", False)]
    groups = survey_groups(units, 2)
    assert [[u.entry.rel for u in g] for g in groups] == [
        ["a.txt", "b.txt"], ["c.txt"], ["p0.parquet"], ["p1.parquet"], ["d.txt"]]
    assert [u for g in groups for u in g] == units


def test_index_blocks_shrink_as_the_cap_grows():
    """A block of the index product holds rows x partners, and partners grow with the corpus's
    document-frequency cap: the blocks get fewer rows so a task's memory does not grow."""
    from corpus_tools.distributed.rewrites import PRODUCT_BUDGET, block_rows
    from corpus_tools.rewrites import RewriteOptions
    from corpus_tools.rewrites.candidates import df_cap

    opt = RewriteOptions()
    sizes = {}
    for n in (3_000, 50_000, 200_000, 2_000_000):
        n_parts = -(-n // 5000)
        rows = block_rows(n, n_parts, opt)
        cap = df_cap(n, max_df=opt.candidate_max_df, min_df_cap=opt.candidate_min_df_cap)
        assert 1 <= rows <= -(-n // n_parts) and rows * cap <= PRODUCT_BUDGET
        sizes[n] = rows
    assert sizes[3_000] == 3_000 and sizes[50_000] == 5_000
    assert sizes[200_000] == 1_250 and sizes[2_000_000] == 125


def test_pair_tasks_read_a_bounded_number_of_documents():
    """Pair chunks cover every pair once, in order, and none reaches more than max_docs
    documents or holds more than max_pairs pairs: the all-pairs of a group of 300 documents
    (44,850 pairs over 300 documents) and pairs over 30,000 documents."""
    from corpus_tools.distributed.rewrites import pair_chunks

    rng = np.random.default_rng(5)
    group = np.array([(a, b) for a in range(300) for b in range(a + 1, 300)])
    spread = np.sort(rng.integers(0, 30_000, size=(40_000, 2)), axis=0)
    for pairs, max_pairs, max_docs in ((group, 20_000, 5_000), (spread, 20_000, 5_000),
                                       (spread, 300, 5_000), (group, 20_000, 50)):
        ci, cj = pairs[:, 0], pairs[:, 1]
        chunks = pair_chunks(ci, cj, max_pairs, max_docs)
        assert chunks[0].start == 0 and chunks[-1].stop == len(ci)
        assert all(a.stop == b.start for a, b in zip(chunks, chunks[1:]))
        for c in chunks:
            assert 0 < c.stop - c.start <= max_pairs
            assert len(set(ci[c]) | set(cj[c])) <= max_docs
    assert len(pair_chunks(group[:, 0], group[:, 1], 20_000, 5_000)) == 3  # pairs bound
    assert len(pair_chunks(spread[:, 0], spread[:, 1], 20_000, 5_000)) > 2  # documents bound
    with pytest.raises(ValueError, match="max_docs"):
        pair_chunks(ci, cj, 10, 1)
