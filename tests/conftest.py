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
    """``data/annotations.json``: what is known about the sample corpus (roles, errors, relations)."""
    return json.loads((DATA / "annotations.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_report_run(tmp_path_factory):
    """Run ``corpus-tools report data --out DIR`` once; return (DIR, completed process)."""
    out = tmp_path_factory.mktemp("report")
    proc = subprocess.run([sys.executable, "-m", "corpus_tools", "report", str(DATA), "--out",
                           str(out)], capture_output=True, text=True, timeout=1800, cwd=ROOT)
    return out, proc


@pytest.fixture(scope="session")
def sample_report(sample_report_run) -> Path:
    """Folder with ``index.html`` and, per notebook, the executed ``.ipynb`` and its ``.html``."""
    return sample_report_run[0]
