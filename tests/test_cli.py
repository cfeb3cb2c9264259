"""The corpus-tools command line: formats, exit codes, one-line errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pandas as pd

from corpus_tools.cli import main


def _run(*args, columns=100):
    """Run the command line as a user would, in a terminal ``columns`` characters wide."""
    env = {**os.environ, "COLUMNS": str(columns)}
    return subprocess.run([sys.executable, "-m", "corpus_tools", *args], capture_output=True,
                          text=True, timeout=120, env=env)


def test_load_formats(data_dir):
    proc = _run("load", str(data_dir), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    records = json.loads(proc.stdout)
    assert [r["doc_id"] for r in records] == sorted(p.stem for p in data_dir.glob("*.txt"))
    assert all(r["n_words"] > 100 for r in records)
    csv = _run("load", str(data_dir), "--format", "csv")
    frame = pd.read_csv(io.StringIO(csv.stdout), index_col="doc_id")
    assert frame["n_words"].to_dict() == {r["doc_id"]: r["n_words"] for r in records}
    table = _run("load", str(data_dir))
    assert "3 documents" in table.stdout and "001_dbc4827b14b7b483" in table.stdout


def test_load_lists_problems(tmp_path):
    (tmp_path / "ok.txt").write_text("Fine text.", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    proc = _run("load", str(tmp_path))
    assert proc.returncode == 0
    assert "bin.txt" in proc.stdout and "binary file" in proc.stdout
    assert "skipped 1 input" in proc.stderr and "--problems lists every problem" in proc.stderr
    probs = json.loads(_run("load", str(tmp_path), "--problems", "--format", "json").stdout)
    assert [p["problem"] for p in probs] == ["binary file"]


def test_bad_input_exits_nonzero_with_one_line(tmp_path, capsys):
    assert main(["load", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing: no such file or folder" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["load", str(empty)]) == 2
    assert "no files of a document type" in capsys.readouterr().err
    table = tmp_path / "t.csv"
    pd.DataFrame({"a": ["x"], "b": ["y"]}).to_csv(table, index=False)
    assert main(["load", str(table)]) == 2
    err = capsys.readouterr().err
    assert "t.csv: cannot tell which column holds the text" in err and "--text-column" in err
    assert main(["load", str(table), "--text-column", "zzz"]) == 2
    assert "no column 'zzz'" in capsys.readouterr().err


def test_max_bytes_option_and_sizes(tmp_path):
    from corpus_tools.cli._common import parse_size

    assert [parse_size(v) for v in ("1000", "2K", "800M", "1.5G", "3MiB")] == [
        1000, 2048, 800 * 2**20, int(1.5 * 2**30), 3 * 2**20]
    (tmp_path / "big.txt").write_text("Word. " * 100, encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Fine.", encoding="utf-8")
    probs = json.loads(_run("load", str(tmp_path), "--max-bytes", "500", "--problems",
                            "--format", "json").stdout)
    assert [(p["problem"], p["action"]) for p in probs] == [("file too large", "skipped")]
    assert "max_bytes=500" in probs[0]["detail"]


def test_load_footer_counts_in_words(tmp_path, capsys):
    from corpus_tools.cli import main

    (tmp_path / "one.txt").write_text("Just one short sentence here.", encoding="utf-8")
    assert main(["load", str(tmp_path)]) == 0
    assert "1 document, 5 words, 1 sentence from" in capsys.readouterr().out
    (tmp_path / "two.txt").write_text("Two. Sentences.", encoding="utf-8")
    assert main(["load", str(tmp_path)]) == 0
    assert "2 documents, 7 words, 3 sentences from" in capsys.readouterr().out
