"""Bad input, as a new user or an attacker would make it: cases as data, plus a fuzzer.

Each case of ``data/bad_input/cases.json`` builds files in an empty folder,
loads them and checks the outcome (loaded, flagged, skipped and listed, or a
one-line error naming the file, line or column). The property test feeds the
loader random bytes under random names and checks the invariant that matters
most: every input file is in the corpus or in the problems table.
"""

from __future__ import annotations

import io
import json
import os
import re
import socket
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_tools import CorpusError, CorpusWarning, corpus_from_texts, load_corpus, problems
from corpus_tools.corpus import english_mask
from corpus_tools.corpus.files import shown

CASES = json.loads((Path(__file__).parent / "data" / "bad_input" / "cases.json")
                   .read_text(encoding="utf-8"))


def _warc(records: list[dict]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for r in records:
        body = r["body"].encode("utf-8")
        http = StatusAndHeaders(r.get("status", "200 OK"), [("Content-Type", r["type"])],
                                protocol="HTTP/1.1")
        record = writer.create_warc_record(r["url"], "response", payload=io.BytesIO(body),
                                           http_headers=http)
        writer.write_record(record)
    return out.getvalue()


def _parquet(path: Path, columns: dict) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrays = {}
    for name, spec in columns.items():
        if spec["type"] == "binary":
            arrays[name] = pa.array([bytes.fromhex(h) for h in spec["hex"]], pa.binary())
        elif spec["type"] == "list<string>":
            arrays[name] = pa.array(spec["values"], pa.list_(pa.string()))
        else:
            arrays[name] = pa.array(spec["values"], pa.string())
    pq.write_table(pa.table(arrays), path)


def _build(folder: Path, files: list[dict]) -> None:
    """Make the files of a case (see the 'about' of cases.json)."""
    for spec in files:
        if "name_hex" in spec:
            target = os.path.join(os.fsencode(folder), bytes.fromhex(spec["name_hex"]))
            with open(target, "wb") as f:
                f.write(spec["text"].encode("utf-8"))
            continue
        parent = folder
        if "depth" in spec:  # os.makedirs recurses; build the chain one level at a time
            fd_path = str(folder)
            for _ in range(spec["depth"]):
                fd_path = os.path.join(fd_path, "d")
                os.mkdir(fd_path)
            parent = Path(fd_path)
        path = parent / spec["name"]
        path.parent.mkdir(parents=True, exist_ok=True)
        if spec.get("fifo"):
            os.mkfifo(path)
        elif "symlink" in spec:
            path.symlink_to(spec["symlink"])
        elif spec.get("dir"):
            path.mkdir()
        elif "hex" in spec:
            path.write_bytes(bytes.fromhex(spec["hex"]))
        elif "repeat" in spec:
            path.write_text(spec["repeat"]["text"] * spec["repeat"]["times"], encoding="utf-8")
        elif "jsonl" in spec:
            path.write_text("\n".join(json.dumps(r) for r in spec["jsonl"]) + "\n", encoding="utf-8")
        elif "parquet" in spec:
            _parquet(path, spec["parquet"])
        elif "warc" in spec:
            path.write_bytes(_warc(spec["warc"]))
        else:
            path.write_bytes(spec["text"].encode("utf-8"))


def _remove_deep_trees(folder: Path) -> None:
    """Remove the chains of nested ``d`` folders a case made.

    shutil.rmtree (and so pytest's clean-up of old temporary folders)
    recurses once per level and fails on a tree 1,300 folders deep.
    """
    chain = folder / "d"
    if chain.is_dir():
        path = str(chain)
        while os.path.isdir(os.path.join(path, "d")):
            path = os.path.join(path, "d")
        while True:
            for entry in os.scandir(path):
                os.unlink(entry.path)
            os.rmdir(path)
            if path == str(chain):
                break
            path = os.path.dirname(path)


@pytest.fixture
def deep_cleanup():
    made: list[Path] = []
    yield made
    for folder in made:
        _remove_deep_trees(folder)


def _load(source, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return load_corpus(source, **options)


@pytest.fixture
def no_network(monkeypatch):
    """Loading never touches the network (house rule 1): any socket fails the test."""
    class NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            raise AssertionError("load_corpus tried to open a network socket")

    def refuse(*args, **kwargs):
        raise AssertionError("load_corpus tried to open a network connection")

    monkeypatch.setattr(socket, "socket", NoSocket)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: c["id"])
def test_bad_input_case(case, tmp_path, no_network, deep_cleanup):
    deep_cleanup.append(tmp_path)
    _build(tmp_path, case["files"])
    source = tmp_path / case.get("source", ".")
    expect = case["expect"]
    if case["outcome"] == "error":
        with pytest.raises(CorpusError, match=expect["error"]) as caught:
            _load(source, **case.get("options", {}))
        assert "\n" not in str(caught.value)  # one line
        return
    corpus = _load(source, **case.get("options", {}))
    probs = problems(corpus)
    for doc_id, columns in expect.get("docs", {}).items():
        assert doc_id in corpus.index, f"{doc_id!r} not in {list(corpus.index)}"
        for column, value in columns.items():
            assert corpus.loc[doc_id, column] == value, (doc_id, column)
    if "n_docs" in expect:
        assert len(corpus) == expect["n_docs"]
    for doc_id, parts in expect.get("text_has", {}).items():
        for part in parts:
            assert part in corpus.loc[doc_id, "text"]
    for doc_id, parts in expect.get("text_lacks", {}).items():
        for part in parts:
            assert part not in corpus.loc[doc_id, "text"]
    if expect.get("no_problems"):
        assert probs.empty, probs.to_string()
    for want in expect.get("problems", []):
        source_path = shown(str(tmp_path / want["source"].split(":")[0]))
        suffix = want["source"][len(want["source"].split(":")[0]):]
        rows = probs[(probs["source"] == source_path + suffix) & (probs["problem"] == want["problem"])
                     & (probs["action"] == want["action"])
                     & probs["detail"].str.contains(want.get("detail", ""), regex=False)]
        assert len(rows) >= 1, f"{want} not in\n{probs.to_string()}"
    if case["outcome"] == "flagged":
        assert any(corpus["flags"] != ""), "a flagged case flags a document"
    if case["outcome"] == "skipped":
        assert (probs["action"] == "skipped").any()
    # nothing silently dropped: a flagged document has a problems row naming it
    for doc_id, flags in corpus["flags"].items():
        for flag in filter(None, flags.split(";")):
            if flag != "empty":
                assert (probs["doc_id"] == doc_id).any(), (doc_id, flag)


@pytest.mark.parametrize("case", CASES["cli_cases"], ids=lambda c: c["id"])
def test_bad_input_on_the_command_line(case, tmp_path):
    _build(tmp_path, case["files"])
    args = [a.replace("{dir}", str(tmp_path)) for a in case["args"]]
    proc = subprocess.run([sys.executable, "-m", "corpus_tools", *args], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == case["rc"], proc.stderr
    assert re.search(case["stderr"], proc.stderr), proc.stderr
    assert "Traceback" not in proc.stderr
    if case["rc"] == 2:
        assert proc.stderr.count("\n") == 1 or "usage:" in proc.stderr  # one line (or argparse's)


def test_every_input_of_the_cases_is_accounted_for(tmp_path, deep_cleanup):
    # the invariant of the fuzzer, on the hand-made cases of one folder
    for case in CASES["cases"]:
        if case.get("source", ".") != "." or case["outcome"] == "error":
            continue
        folder = tmp_path / case["id"]
        folder.mkdir()
        deep_cleanup.append(folder)
        _build(folder, case["files"])
        corpus = _load(folder, **case.get("options", {}))
        _assert_accounted_for(folder, corpus, recursive=case.get("options", {}).get("recursive"))


def _inputs(folder: Path, recursive: bool) -> set[str]:
    """Every file (not folder) a load of ``folder`` must account for, as shown in tables."""
    out, stack = set(), [str(folder)]
    while stack:  # os.walk recurses: a tree 1,300 folders deep is too deep for it
        with os.scandir(stack.pop()) as entries:
            for e in entries:
                if e.is_dir() and not e.is_symlink():
                    if recursive:
                        stack.append(e.path)
                elif not e.is_dir():
                    out.add(shown(e.path))
    return out


def _assert_accounted_for(folder: Path, corpus: pd.DataFrame, *, recursive) -> None:
    probs = problems(corpus)
    found = set()
    for path in list(corpus["path"]) + list(probs["source"]):
        found.add(re.sub(r":(line|row|record) \d+$", "", path))
    missing = _inputs(folder, bool(recursive)) - found
    assert not missing, f"neither loaded nor listed: {missing}"
    loaded_paths = set(corpus["path"])
    skipped = set(probs.loc[probs["action"] == "skipped", "source"])
    assert loaded_paths.isdisjoint(skipped)


_NAMES = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
            min_size=1, max_size=12),
    st.binary(min_size=1, max_size=12).map(lambda b: os.fsdecode(b.replace(b"/", b"_")
                                                                 .replace(b"\x00", b"_"))))
_SUFFIXES = st.sampled_from([".txt", ".TXT", ".html", ".htm", ".warc", ".warc.gz", ".csv", ".md",
                             ".text", ""])
_CONTENT = st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode),
                     st.sampled_from([b"<html><body><p>" + b"Some words here. " * 10 + b"</p></body></html>",
                                      b"WARC/1.0\r\n", b"\xef\xbb\xbfBOM text", b"\xff\xfeu\x00t\x00f\x00",
                                      b"Caf\xc3\xa9 and Caf\xe9 &amp; more"]))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(files=st.dictionaries(st.tuples(_NAMES, _SUFFIXES), _CONTENT, min_size=1, max_size=6))
def test_fuzz_every_input_is_loaded_or_listed(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("fuzz")
    made = 0
    for (name, suffix), content in files.items():
        full = name + suffix
        if full in (".", "..") or len(os.fsencode(full)) > 200:
            continue
        try:
            with open(os.path.join(os.fsencode(folder), os.fsencode(full)), "xb") as f:
                f.write(content)
            made += 1
        except (FileExistsError, IsADirectoryError):
            continue
    if not made:
        return
    try:
        corpus = _load(folder)
    except CorpusError as exc:  # only when nothing in the folder is a document
        assert "no files of a document type" in str(exc)
        assert all(os.fsdecode(n).lower().endswith((".csv", ".md")) or "." not in
                   os.fsdecode(n).lstrip(".") or not os.fsdecode(n).lower().endswith(
                       (".txt", ".text", ".html", ".htm", ".xhtml", ".warc", ".warc.gz"))
                   for n in os.listdir(os.fsencode(folder)))
        return
    _assert_accounted_for(folder, corpus, recursive=False)
    assert corpus.index.is_unique
    for doc_id, row in corpus.iterrows():
        assert isinstance(row["text"], str)
        assert not re.search("[\ud800-\udfff]", doc_id + row["path"])  # printable everywhere


# --- the language column and its helper ------------------------------------------

def test_english_mask_follows_the_language_column():
    corpus = corpus_from_texts({
        "en": "The mayor said on Monday that the new bridge will open next year.",
        "ru": "Мэр города сказал в понедельник, что новый мост откроют в следующем году.",
        "short": "Fine."})
    assert corpus["language"].to_dict() == {"en": "en", "ru": "ru", "short": ""}
    assert english_mask(corpus).to_dict() == {"en": True, "ru": False, "short": True}
    assert "non_english" in corpus.loc["ru", "flags"]
    bare = pd.DataFrame({"text": list(corpus["text"])}, index=corpus.index)
    assert english_mask(bare).equals(english_mask(corpus))


_RU = ("Мэр города сказал в понедельник, что новый мост откроют в следующем году. Жители "
       "давно ждали этого решения, и теперь работы начнутся весной.")
_EN = ("The mayor said on Monday that the new bridge will open next year. People in the town "
       "have waited a long time for it, and the work will start in the spring.")


def test_readability_leaves_formulas_blank_for_a_document_not_in_english():
    from corpus_tools import ReadabilityOptions, readability

    corpus = corpus_from_texts({"ru": _RU, "en": _EN})
    table = readability(corpus)
    assert "not_english" in table.loc["ru", "flags"] and "not_english" not in table.loc["en", "flags"]
    assert table.loc["ru", ["flesch_reading_ease", "smog_index", "text_standard"]].isna().all()
    assert table.loc["en", "flesch_reading_ease"] > 0
    assert table.loc["ru", "n_words"] > 10  # counts stay: they are not English rules
    everything = readability(corpus, options=ReadabilityOptions(english_only=False))
    assert everything.loc["ru", "flesch_reading_ease"] > 100  # the noise the default avoids
    assert everything.loc["en"].equals(table.loc["en"])


def test_grammar_does_not_check_a_document_not_in_english():
    from corpus_tools import GrammarOptions, GrammarWarning, grammar_errors, grammar_summary

    corpus = corpus_from_texts({"ru": _RU, "en": _EN + " It was reveal today."})
    with pytest.warns(GrammarWarning, match="1 document.*not in English.*'ru'"):
        findings = grammar_errors(corpus)
    assert set(findings["doc_id"]) == {"en"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GrammarWarning)
        summary = grammar_summary(corpus, findings=findings)
    assert summary["checked"].to_dict() == {"ru": False, "en": True}
    assert pd.isna(summary.loc["ru", "findings_per_1000_words"])
    assert summary.loc["en", "findings_per_1000_words"] > 0
    everything = grammar_errors(corpus, options=GrammarOptions(english_only=False))
    assert (everything["doc_id"] == "ru").sum() > 5  # Cyrillic words are not in the word list


def test_report_headlines_name_the_documents_not_in_english():
    from corpus_tools import grammar_errors, readability
    from corpus_tools.report.headlines import (grammar_headline, overview_headline,
                                               readability_headline)

    corpus = corpus_from_texts({"ru": _RU, "en": _EN, "en2": _EN.replace("mayor", "governor")})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        findings = grammar_errors(corpus)
    said = " ".join(overview_headline(corpus, problems(corpus)).findings)
    assert "1 document not in English (ru 1)" in said
    assert "not in English" in " ".join(readability_headline(readability(corpus)).findings)
    grammar = " ".join(grammar_headline(findings, corpus).findings)
    assert "not checked" in grammar and "2 documents" in grammar


def test_language_detection_can_be_switched_off(tmp_path):
    (tmp_path / "ru.txt").write_text("Мэр города сказал в понедельник, что новый мост откроют "
                                     "в следующем году.", encoding="utf-8")
    corpus = _load(tmp_path, detect_language=False)
    assert corpus.loc["ru", "language"] == "" and corpus.loc["ru", "flags"] == ""


# --- repairs: what ftfy would do, in a fraction of the time -------------------------

_MOJIBAKE = st.text(alphabet="aé€â€œ™Ã©Â·ÐÑ¿œŒ\x80\x9d&amp;#x27; \n<p>\x1b[0m\ud800‘’“”", max_size=60)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_MOJIBAKE, st.text(max_size=200)))
def test_repairs_equal_ftfy_fix_text(text):
    import ftfy

    from corpus_tools.corpus.decode import ftfy_config, repair_text

    repaired = repair_text(text, markup=False)
    assert repaired.text == ftfy.fix_text(text, ftfy_config())
    assert bool(repaired.flags) == (repaired.text != text)


def _mojibake_alphabet() -> str:
    from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES

    chars = set()
    for value in MOJIBAKE_CATEGORIES.values():  # character-class contents, with ranges
        for m in re.finditer(r"(.)-(.)|(.)", value, re.S):
            if m.group(3):
                chars.add(m.group(3))
            else:
                chars.update(map(chr, range(ord(m.group(1)), ord(m.group(2)) + 1)))
    chars.update(c for c in BADNESS_RE.pattern if ord(c) > 127)
    return "".join(sorted(chars)) + "aZ .,?!\n\t\xa0"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_mojibake_alphabet(), min_size=1, max_size=6))
def test_mojibake_check_is_necessary_for_ftfys_badness(text):
    # repair_text skips ftfy where this fast check finds nothing; that is
    # only right if ftfy's own badness expression never matches there
    from ftfy.badness import is_bad

    from corpus_tools.corpus.decode import _ftfy, _may_change

    if is_bad(text):
        assert _may_change(_ftfy(), text)


def test_markup_removal_is_linear_in_unclosed_scripts():
    from corpus_tools.corpus.decode import strip_markup

    text = "<script>" * 20_000 + "Body."
    assert strip_markup(text) == ("", 1)  # the first script never closes: the rest is code
    assert strip_markup("a <b>bold</b> a < b <grin>") == ("a bold a < b <grin>", 2)


# --- the report's error text ------------------------------------------------------

def test_report_error_text_has_no_terminal_colours():
    from corpus_tools.report.render import _first_lines

    coloured = ("\x1b[0;31m---------\x1b[0m\n\x1b[0;31mValueError\x1b[0m: bad "
                "\x1b[38;5;241mvalue\x1b[39m\n")
    assert _first_lines(coloured) == "---------\nValueError: bad value"


@settings(max_examples=300, deadline=None)
@given(size=st.integers(0, 5000), max_bytes=st.integers(1, 5000), reported=st.integers(0, 6000))
def test_bounded_read_never_returns_more_than_max_bytes(size, max_bytes, reported):
    # "reported" is the size the file claimed when it was opened (it may have grown since)
    from corpus_tools.corpus.files import read_bounded

    data = bytes(range(256)) * (size // 256) + bytes(size % 256)
    got = read_bounded(io.BytesIO(data), max_bytes, reported)
    assert got == (data if size <= max_bytes else None)
