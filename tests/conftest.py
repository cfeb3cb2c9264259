"""Shared fixtures: the sample corpus, its annotations, and one rendered report per session."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The default corpus shipped in ``data/`` (the three sample documents)."""
    return DATA


@pytest.fixture(scope="session")
def sample_corpus(data_dir):
    from corpus_tools import load_corpus

    return load_corpus(data_dir)


@pytest.fixture(scope="session")
def annotations() -> dict:
    """What is known about the sample corpus in ``data/`` (roles, errors, relations).

    It lives in ``tests/data/``, not in ``data/``: the loader reads every file of a
    corpus folder and would list it as a skipped input of the sample corpus.
    """
    return json.loads((ROOT / "tests" / "data" / "annotations.json").read_text(encoding="utf-8"))


# A document id, title or text with this in it changes the page's title if it ever runs.
XSS_IMG = "<img src=x onerror=\"document.title+=' XSS'\">"
XSS_SCRIPT = "<script>document.title+=' XSS'</script>"


def _report(source: Path, out: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "corpus_tools", "report", str(source), "--out",
                           str(out), *options], capture_output=True, text=True, timeout=1800,
                          cwd=ROOT)


@pytest.fixture(scope="session")
def sample_report_run(tmp_path_factory):
    """Run ``corpus-tools report data --out DIR`` once; return (DIR, completed process)."""
    out = tmp_path_factory.mktemp("report")
    return out, _report(DATA, out)


@pytest.fixture(scope="session")
def sample_report(sample_report_run) -> Path:
    """Folder with ``index.html`` and, per notebook, the executed ``.ipynb`` and its ``.html``."""
    return sample_report_run[0]


def _hostile_csv(folder: Path) -> Path:
    """The sample corpus as a CSV table with script payloads in every id, title and text.

    The texts keep the sample's rewrite pair, so every table of every page (pairs,
    findings, key terms, concordance, side-by-side view) shows corpus text.
    """
    import pandas as pd

    rows = []
    for path in sorted(DATA.glob("*.txt")):
        title, _, rest = path.read_text(encoding="utf-8").partition("\n")
        rest = rest.replace("Putin", f"Putin{XSS_SCRIPT}", 2).replace("Russian",
                                                                       f"Russian {XSS_IMG}", 1)
        rows.append({"id": f"{XSS_IMG}{path.stem[:3]}_`x`*y*", "text": f"{title} {XSS_IMG}\n\n{rest}"})
    source = folder / "hostile.csv"
    pd.DataFrame(rows).to_csv(source, index=False)
    return source


@pytest.fixture(scope="session")
def hostile_report_run(tmp_path_factory):
    """The report of the sample corpus with script payloads in every id, title and text."""
    folder = tmp_path_factory.mktemp("hostile")
    out = folder / "report"
    return out, _report(_hostile_csv(folder), out)


@pytest.fixture(scope="session")
def hostile_scale_report_run(tmp_path_factory):
    """The same hostile corpus reported on a local Dask cluster of two workers: the cluster
    writes the summary tables, the at-scale page is rendered from them."""
    pytest.importorskip("distributed")
    folder = tmp_path_factory.mktemp("hostile-scale")
    out = folder / "report"
    return out, _report(_hostile_csv(folder), out, "--workers", "2")


@pytest.fixture(scope="session")
def one_document_report_run(tmp_path_factory):
    """The report of a corpus of one document (the sample's first)."""
    folder = tmp_path_factory.mktemp("one")
    (folder / "corpus").mkdir()
    first = sorted(DATA.glob("*.txt"))[0]
    (folder / "corpus" / first.name).write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    out = folder / "report"
    return out, _report(folder / "corpus", out)
