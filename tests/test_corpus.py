"""load_corpus: every input format, every bad-input case, nothing lost."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tools import CorpusError, CorpusWarning, corpus_from_texts, load_corpus, problems
from corpus_tools.corpus.decode import looks_like_html_page
from corpus_tools.segment import count_words, sentence_spans

TEXTS = {
    "b": "Second Title\n\nMr. Smith went to Washington. He met the U.S. president.\n",
    "a": "First title\n\nIt rained. “We stayed in,” she said.\n",
    "c": "No title here, the first line runs on.\nAnd continues.",
}


def _folder(tmp_path, texts=TEXTS, suffix=".txt"):
    for name, text in texts.items():
        (tmp_path / f"{name}{suffix}").write_text(text, encoding="utf-8")
    return tmp_path


def _quiet(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return load_corpus(*args, **kwargs)


def test_folder_of_text_files(tmp_path):
    corpus = load_corpus(_folder(tmp_path))
    assert list(corpus.index) == ["a", "b", "c"]  # sorted by doc_id
    assert corpus.index.name == "doc_id"
    for col in ["title", "text", "path", "n_chars", "n_words", "n_sentences"]:
        assert col in corpus.columns
    assert corpus.loc["b", "text"] == TEXTS["b"]
    assert corpus.loc["b", "title"] == "Second Title"
    assert corpus.loc["c", "title"] == ""  # first line not followed by a blank line
    assert corpus.loc["b", "n_sentences"] == 3  # the title, and "Mr."/"U.S." do not split
    assert corpus.loc["a", "n_words"] == count_words(TEXTS["a"]) == 9
    assert corpus.loc["a", "n_chars"] == len(TEXTS["a"])
    assert problems(corpus).empty


def test_sample_corpus_is_the_seeds(sample_corpus, data_dir):
    assert len(sample_corpus) == 3
    for doc_id, row in sample_corpus.iterrows():
        assert row["text"] == (data_dir / f"{doc_id}.txt").read_text(encoding="utf-8")
        assert row["n_sentences"] == len(sentence_spans(row["text"]))


def test_title_rules():
    corpus = corpus_from_texts({"t": "Headline\n\nBody.", "p": "A sentence.\n\nBody.",
                                "one": "Only line", "w": "Headline\nBody."})
    assert corpus["title"].to_dict() == {"one": "", "p": "", "t": "Headline", "w": ""}


def test_single_file_and_pattern_and_recursion(tmp_path):
    _folder(tmp_path)
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "a.txt").write_text("Nested a.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Markdown.", encoding="utf-8")
    one = load_corpus(tmp_path / "a.txt")
    assert list(one.index) == ["a"]
    assert list(load_corpus(tmp_path, pattern="*.md").index) == ["notes"]
    with pytest.warns(CorpusWarning, match=r"notes\.md \(not a document file\)"):
        deep = load_corpus(tmp_path, recursive=True)
    assert list(deep.index) == ["a", "b", "c", "sub/a"]  # no clash between a and sub/a
    flat = _quiet(tmp_path, pattern="*.txt")  # an explicit pattern lists no other file
    assert list(flat.index) == ["a", "b", "c"]
    assert problems(flat)[["source", "problem"]].values.tolist() == [
        [str(sub), "sub-folder not read"]]
    assert "holds 1 file(s) matching '*.txt': recursive=True (--recursive) loads them" in \
        problems(flat)["detail"].iloc[0]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "parquet"])
def test_table_formats(tmp_path, fmt):
    table = pd.DataFrame({"id": ["x2", "x1"], "content": ["Second doc. Two sentences.", "First."],
                          "source": ["s2", "s1"]})
    path = tmp_path / f"corpus.{fmt}"
    if fmt == "csv":
        table.to_csv(path, index=False)
    elif fmt == "tsv":
        table.to_csv(path, index=False, sep="\t")
    elif fmt == "jsonl":
        table.to_json(path, orient="records", lines=True)
    else:
        table.to_parquet(path)
    corpus = load_corpus(path)
    assert list(corpus.index) == ["x1", "x2"]
    assert corpus.loc["x2", "text"] == "Second doc. Two sentences."
    assert corpus.loc["x2", "n_sentences"] == 2


def test_table_column_options_and_errors(tmp_path):
    path = tmp_path / "t.csv"
    pd.DataFrame({"a": ["one text", "two"], "b": ["x", "y"]}).to_csv(path, index=False)
    with pytest.raises(CorpusError, match=r"t\.csv.*cannot tell which column.*columns: a, b"):
        load_corpus(path)
    corpus = load_corpus(path, text_column="a", id_column="b")
    assert corpus.loc["x", "text"] == "one text"
    with pytest.raises(CorpusError, match="no column 'body'"):
        load_corpus(path, text_column="body")
    no_id = load_corpus(path, text_column="a")
    assert list(no_id.index) == ["row1", "row2"]


def test_table_missing_cells(tmp_path):
    path = tmp_path / "t.jsonl"
    rows = [{"id": "a", "text": "Fine."}, {"id": "b", "text": None}, {"id": None, "text": "No id."},
            {"id": "d", "text": ""}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    with pytest.warns(CorpusWarning, match=r"line 2"):
        corpus = load_corpus(path)
    probs = problems(corpus)
    assert set(corpus.index) == {"a", "row3", "d"}
    assert "missing_id" in corpus.loc["row3", "flags"]
    assert corpus.loc["d", "flags"] == "empty"
    skipped = probs[probs["action"] == "skipped"]
    assert skipped["source"].tolist() == [f"{path}:line 2"]


def test_bad_files_are_listed_never_lost(tmp_path):
    _folder(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (tmp_path / "legacy.txt").write_bytes("Caf\u00e9 \u201cquoted\u201d".encode("cp1252"))
    (tmp_path / "undecodable.txt").write_bytes(b"bad \x81\x8d\x90 bytes \xff")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "does-not-exist")
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "A.txt").write_text("Upper-case twin of a.", encoding="utf-8")
    with pytest.warns(CorpusWarning) as caught:
        corpus = load_corpus(tmp_path)
    message = str(caught[0].message)
    for name in ["binary.txt", "undecodable.txt", "dangling.txt", "folder.txt"]:
        assert name in message
    probs = problems(corpus)
    reasons = dict(zip(probs["source"].map(lambda s: s.rsplit("/", 1)[-1]), probs["problem"]))
    assert reasons["binary.txt"] == "binary file"
    assert reasons["undecodable.txt"] == "cannot be decoded"
    assert reasons["dangling.txt"] == "unreadable file"
    assert reasons["folder.txt"] == "is a folder"
    assert reasons["empty.txt"] == "empty document"
    assert reasons["legacy.txt"] == "not valid utf-8"
    assert corpus.loc["legacy", "text"] == "Caf\u00e9 \u201cquoted\u201d"
    assert corpus.loc["legacy", "encoding"] == "cp1252"
    assert "fallback_encoding" in corpus.loc["legacy", "flags"]
    assert corpus.loc["empty", "flags"] == "empty" and corpus.loc["empty", "n_words"] == 0
    # nothing lost: every input is loaded or listed as skipped
    inputs = {p.stem for p in tmp_path.glob("*.txt")}
    skipped = {s.rsplit("/", 1)[-1][:-4] for s in probs.loc[probs["action"] == "skipped", "source"]}
    assert inputs == set(corpus.index) | skipped
    assert set(corpus.index).isdisjoint(skipped)


def test_no_fallback_skips_legacy_files(tmp_path):
    (tmp_path / "legacy.txt").write_bytes("na\u00efve".encode("cp1252"))
    (tmp_path / "ok.txt").write_text("Fine.", encoding="utf-8")
    corpus = _quiet(tmp_path, fallback_encoding=None)
    assert list(corpus.index) == ["ok"]
    row = problems(corpus).iloc[0]
    assert row["action"] == "skipped" and "0xef" in row["detail"]


def test_bom_utf16_and_newlines(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffTitle\r\n\r\nBody text.\r\n".encode("utf-8"))
    (tmp_path / "u16.txt").write_bytes("Wide text.".encode("utf-16"))
    (tmp_path / "mac.txt").write_bytes(b"Old Mac.\rLine two.")
    corpus = load_corpus(tmp_path)
    assert corpus.loc["bom", "text"] == "Title\n\nBody text.\n"
    assert corpus.loc["bom", "encoding"] == "utf-8-sig"
    assert corpus.loc["bom", "title"] == "Title"
    assert corpus.loc["u16", "text"] == "Wide text."
    assert corpus.loc["mac", "text"] == "Old Mac.\nLine two."


def test_duplicate_ids_are_renamed_and_flagged(tmp_path):
    path = tmp_path / "t.csv"
    pd.DataFrame({"id": ["a", "a", "a#2"], "text": ["one", "two", "three"]}).to_csv(path, index=False)
    corpus = load_corpus(path)
    assert len(corpus) == 3
    assert corpus.loc["a", "text"] == "one"
    renamed = corpus[corpus["flags"].str.contains("duplicate_id")]
    assert len(renamed) == 1 and renamed["text"].iloc[0] == "two"
    assert renamed.index[0] not in {"a", "a#2"}
    assert (problems(corpus)["problem"] == "duplicate doc_id 'a'").sum() == 1


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(CorpusError, match=r"nope: no such file or folder"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(CorpusError, match=r"no files of a document type \(\.txt.*in this folder; "
                                          r"its sub-folders hold none either"):
        load_corpus(tmp_path)
    with pytest.raises(CorpusError, match=r"no files matching '\*\.txt' in this folder"):
        load_corpus(tmp_path, pattern="*.txt")


def test_strict_turns_problems_into_errors(tmp_path):
    _folder(tmp_path)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(CorpusError, match="empty.txt: empty document"):
        load_corpus(tmp_path, strict=True)
    assert len(load_corpus(tmp_path, pattern="[abc].txt", strict=True)) == 3


def test_parallel_counts_equal_serial(tmp_path):
    texts = {f"d{i:03d}": (f"Doc {i}. " + "Mr. Smith said “hello” twice. " * 50) for i in range(60)}
    import corpus_tools.corpus.load as cc

    serial = corpus_from_texts(texts)
    old = cc.PARALLEL_MIN_CHARS
    cc.PARALLEL_MIN_CHARS = 0
    try:
        _folder(tmp_path, texts)
        parallel = load_corpus(tmp_path, n_jobs=2)
    finally:
        cc.PARALLEL_MIN_CHARS = old
    pd.testing.assert_series_equal(serial["n_words"], parallel["n_words"])
    pd.testing.assert_series_equal(serial["n_sentences"], parallel["n_sentences"])


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True), st.text(max_size=300),
                       min_size=1, max_size=5))
def test_any_texts_round_trip(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("hyp")
    for name, text in texts.items():
        (folder / f"{name}.txt").write_bytes(text.encode("utf-8"))
    exact = _quiet(folder, fix_text=False)
    repaired = _quiet(folder)
    for corpus in (exact, repaired):
        skipped = set(problems(corpus).query("action == 'skipped'")["doc_id"])
        assert set(corpus.index) | skipped == set(texts)
        assert set(corpus.index).isdisjoint(skipped)
    for doc_id, row in exact.iterrows():
        expected = texts[doc_id].replace("\r\n", "\n").replace("\r", "\n")
        if expected.startswith("\ufeff"):
            expected = expected[1:]
        assert row["text"] == expected
        assert row["n_words"] == count_words(expected)
        # repairs change the stored text only with a flag and a problems row
        if doc_id not in repaired.index:  # a whole web page: its article text is extracted
            assert looks_like_html_page(row["text"])
            continue
        fixed = repaired.loc[doc_id]
        assert fixed["n_words"] == count_words(fixed["text"])
        listed = problems(repaired).query("doc_id == @doc_id and problem == 'text repaired'")
        if fixed["text"] == row["text"]:
            assert listed.empty
        else:
            assert len(listed) == 1 and fixed["flags"]


def test_public_names_importable_from_both_places():
    import corpus_tools
    import corpus_tools.corpus as package

    for name in ["load_corpus", "problems", "corpus_from_texts", "check_corpus", "CorpusError",
                 "CorpusWarning", "CORPUS_COLUMNS", "PROBLEM_COLUMNS", "english_mask",
                 "LoadOptions"]:
        assert getattr(corpus_tools, name) is getattr(package, name)
    assert package.CORPUS_COLUMNS[-2:] == ["language", "flags"]


def test_problems_survive_frame_operations_without_copies(tmp_path):
    (tmp_path / "ok.txt").write_text("Fine.", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01")
    corpus = _quiet(tmp_path)
    table = corpus.attrs["problems"]
    derived = corpus[corpus["n_words"] > 0].copy()
    assert derived.attrs["problems"] is table  # immutable: pandas' deep copy shares it
    assert problems(derived)["problem"].tolist() == ["binary file"]


def test_counting_documents_in_sub_folders_is_bounded(tmp_path, monkeypatch):
    import corpus_tools.corpus.files as files

    (tmp_path / "top.txt").write_text("Top.", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    for i in range(30):
        (sub / f"{i}.txt").write_text("Below.", encoding="utf-8")
    detail = problems(_quiet(tmp_path))["detail"].iloc[0]
    assert "holds 30 file(s)" in detail
    monkeypatch.setattr(files, "COUNT_BUDGET", 10)  # a huge tree: stop counting, say so
    probs = problems(_quiet(tmp_path))
    assert probs["source"].tolist() == [str(sub)]
    assert "holds at least " in probs["detail"].iloc[0]
    assert "too many entries to count them all" in probs["detail"].iloc[0]
