"""``--format table`` for people: fits the terminal, rounds, one empty marker, ``--columns``;
the rewrites footer and the keyness rows."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from corpus_tools.cli.format import MISSING, format_column, render_table, select_columns


def _run(*args, columns=80):
    env = {**os.environ, "COLUMNS": str(columns)}
    return subprocess.run([sys.executable, "-m", "corpus_tools", *map(str, args)],
                          capture_output=True, text=True, timeout=300, env=env)


_COMMANDS = [
    ["load"], ["readability"], ["readability", "--sentences"], ["grammar"],
    ["grammar", "--summary"], ["terms"], ["terms", "--ngram", "1-2", "--top", "3"],
    ["terms", "--keyness", "000_a75420020a94f3f2"], ["rewrites"], ["rewrites", "--explain"],
]


@pytest.mark.parametrize("command", _COMMANDS, ids=" ".join)
def test_a_table_fits_an_80_column_terminal(command, data_dir):
    proc = _run(command[0], data_dir, *command[1:], columns=80)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) > 2
    assert max(len(line) for line in lines) <= 80, max(lines, key=len)
    # numbers are rounded: never more than three decimals (a tiny p-value is 1.2e-05)
    assert not re.search(r"\d\.\d{4,}", proc.stdout)
    assert "NaN" not in proc.stdout and "None" not in proc.stdout and "<NA>" not in proc.stdout


def test_a_wider_terminal_shows_more_columns(data_dir):
    narrow = _run("readability", data_dir, columns=80).stdout.splitlines()[0].split()
    wide = _run("readability", data_dir, columns=200).stdout.splitlines()[0].split()
    assert narrow[0] == wide[0] == "doc_id"
    assert wide[:len(narrow)] == narrow and len(wide) > len(narrow)
    # the key columns come first (the formulas a reader knows, then the counts)
    assert narrow[1] == "flesch_reading_ease"


def test_columns_chooses_and_orders_in_every_format(data_dir):
    table = _run("grammar", data_dir, "--columns", "rule_id,doc_id", columns=200).stdout
    assert table.splitlines()[0].split() == ["rule_id", "doc_id"]
    csv = pd.read_csv(io.StringIO(_run("grammar", data_dir, "--columns", "span,start",
                                       "--format", "csv").stdout))
    assert list(csv.columns) == ["span", "start"] and len(csv) > 0
    bad = _run("terms", data_dir, "--columns", "term,nope")
    assert bad.returncode == 2
    assert "no column 'nope'" in bad.stderr and "tf_idf" in bad.stderr  # lists the columns


def test_empty_values_print_one_way():
    frame = pd.DataFrame({"doc_id": ["a", "b", "c", "d"],
                          "suggestion": ["is", "", None, np.nan],
                          "n": pd.array([1, None, 3, 4], dtype="Int64"),
                          "score": [0.5, np.nan, 1.25, 2.0]})
    out = render_table(frame, index=False, width=80).splitlines()
    cells = [line.split() for line in out[1:]]
    assert cells[0] == ["a", "is", "1", "0.50"]  # 2 decimals: the largest value is 2.0
    assert cells[1] == ["b", MISSING, MISSING, MISSING]
    assert [c[1] for c in cells[2:]] == [MISSING, MISSING]


def test_rounding_per_column():
    assert format_column(pd.Series([59, 21]))[0] == ["59", "21"]  # counts: integers
    assert format_column(pd.Series([1.0, 0.25]))[0] == ["1.00", "0.25"]  # a measure stays one
    assert format_column(pd.Series([1234.5678, 2.0]))[0] == ["1234.6", "2.0"]
    assert format_column(pd.Series([0.123456, 0.5]))[0] == ["0.123", "0.500"]
    assert format_column(pd.Series([3e-7, 0.2]))[0] == ["3.0e-07", "0.200"]  # not 0.000


def test_a_long_path_keeps_its_file_name(tmp_path):
    deep = tmp_path / ("a-long-folder-name" * 4) / "deeper"
    deep.mkdir(parents=True)
    (deep / "ok.txt").write_text("Fine text.", encoding="utf-8")
    (deep / "bin.txt").write_bytes(b"\x00\x01binary")
    proc = _run("load", deep.parent.parent, "--recursive", "--problems", columns=80)
    lines = proc.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    row = next(line for line in lines if "binary file" in line)
    assert row.split()[0].startswith("…") and row.split()[0].endswith("/deeper/bin.txt")


def test_the_first_column_is_cut_to_fit_and_hidden_columns_are_named():
    frame = pd.DataFrame({"title": ["x" * 300], "n_words": [5], "flags": ["short"]},
                         index=pd.Index(["doc"], name="doc_id"))
    out = render_table(frame, width=50)
    assert max(len(line) for line in out.splitlines()) <= 50
    assert "…" in out and "n_words" in out and "flags" in out  # named below the table
    assert select_columns(frame, first=["flags"]).columns.tolist() == ["flags", "title",
                                                                       "n_words"]


@pytest.fixture(scope="module")
def with_copies(data_dir, tmp_path_factory):
    """The sample corpus plus two exact copies of one article."""
    folder = tmp_path_factory.mktemp("copies")
    for path in data_dir.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    source = sorted(data_dir.glob("*.txt"))[2]
    for k in (1, 2):
        shutil.copy(source, folder / f"9{k}_copy.txt")
    return folder


def test_rewrites_footer_counts_the_relations_not_shown(with_copies):
    pairs = json.loads(_run("rewrites", with_copies, "--format", "json").stdout)
    counts = pd.Series([p["relation"] for p in pairs]).value_counts()
    assert counts["copy"] >= 2 and counts["rewrite"] == 1
    proc = _run("rewrites", with_copies, "--relation", "rewrite", columns=200)
    rows = [line.split() for line in proc.stdout.splitlines()[1:] if line.startswith("0")]
    assert [r[2] for r in rows] == ["rewrite"]  # only the rewrite is listed
    footer = " ".join(proc.stdout.split("\n\n")[-1].split())
    related = counts.get("related", 0)
    assert (f"1 rewrite shown; {counts['copy']} copies and {related} related not shown"
            in footer), footer
    everything = " ".join(_run("rewrites", with_copies, columns=200).stdout.split())
    assert f"1 rewrite, {counts['copy']} copies, {related} related" in everything


def test_rewrites_table_names_the_original_side(data_dir):
    proc = _run("rewrites", data_dir, "--relation", "rewrite", columns=200)
    header, row = proc.stdout.splitlines()[:2]
    assert header.split()[:6] == ["doc_a", "doc_b", "relation", "method", "orig", "family"]
    proc = _run("rewrites", data_dir, "--relation", "rewrite", "--columns",
                "orig,family,method", columns=200)
    header, row = proc.stdout.splitlines()[:2]
    cells = dict(zip(header.split(), row.split(maxsplit=2)))
    pairs = json.loads(_run("rewrites", data_dir, "--format", "json").stdout)
    rewrite = next(p for p in pairs if p["relation"] == "rewrite")
    side = "a" if rewrite["original"] == rewrite["doc_a"] else "b"
    assert cells["orig"] == side and cells["method"] == rewrite["method"]
    assert cells["family"] == str(rewrite["family"])  # an integer, not 1.0


def test_keyness_top_lists_the_strongest_first_both_ways(data_dir):
    out = _run("terms", data_dir, "--keyness", "000_a75420020a94f3f2", "--top", "4",
               "--format", "csv").stdout
    key = pd.read_csv(io.StringIO(out))
    over, under = key[key["direction"] == "over"], key[key["direction"] == "under"]
    assert len(over) == len(under) == 4
    assert over["keyness"].is_monotonic_decreasing
    assert under["keyness"].is_monotonic_increasing  # most under-represented first
    assert np.isfinite(key["percent_diff"]).all()
    full = pd.read_csv(io.StringIO(_run("terms", data_dir, "--keyness", "000_a75420020a94f3f2",
                                        "--top", "100000", "--format", "csv").stdout))
    assert under["keyness"].iloc[0] == full["keyness"].min()


def test_keyness_of_a_one_document_corpus_says_why_in_words(tmp_path):
    (tmp_path / "only.txt").write_text("Just this one short text.", encoding="utf-8")
    proc = _run("terms", tmp_path, "--keyness", "only")
    assert proc.returncode == 2 and proc.stdout == ""
    assert "no rest of the corpus to compare" in proc.stderr
    assert "Traceback" not in proc.stderr and "Warning" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_docstring_examples_hold():
    import doctest
    import importlib

    for name in ("corpus_tools.cli.format", "corpus_tools.cli.rewrites"):
        result = doctest.testmod(importlib.import_module(name))
        assert result.failed == 0 and result.attempted > 0, name
