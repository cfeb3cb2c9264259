"""Per-document arrays on disk, read back by position: the scratch space of the distributed analyses.

What a worker would otherwise keep in memory until the end of an analysis
(the sketches and texts of rewrite search, the grammar findings awaiting the
corpus-wide spelling filter) is written to a scratch folder instead: the
memory of a worker stays the same however large the corpus. The folder is
:func:`scratch_root`'s (``scratch=``, else the ``CORPUS_TOOLS_SCRATCH``
environment variable, else the system's temporary folder) and must be
visible to every worker.

A partition's documents are written once as *ragged* arrays (every
document's values end to end, and the offsets where each begins), one
``.npy`` file per array, and read back memory-mapped: a task that needs a
hundred documents of a partition reads their bytes, not the partition. The
folder must be visible to every worker (a local temporary folder for a
local cluster, a shared or network path for workers on several hosts).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import weakref
from pathlib import Path

import numpy as np

__all__ = ["write_ragged", "read_ragged", "write_array", "read_array", "part_folder",
           "digest64", "digests64", "scratch_root", "ScratchFolder", "SCRATCH_VARIABLE"]

SCRATCH_VARIABLE = "CORPUS_TOOLS_SCRATCH"
"""Environment variable naming the folder under which scratch folders are made (a path every
worker sees: a shared file system on a cluster of several machines)."""


def scratch_root(scratch: str | os.PathLike | None = None) -> str | None:
    """Where scratch folders are made: ``scratch``, else ``$CORPUS_TOOLS_SCRATCH``, else ``None``
    (the system's temporary folder)."""
    root = scratch if scratch is not None else os.environ.get(SCRATCH_VARIABLE) or None
    if root is not None and not Path(root).is_dir():
        raise FileNotFoundError(f"scratch folder {os.fspath(root)!r} does not exist (from "
                                f"{'scratch=' if scratch is not None else SCRATCH_VARIABLE}); "
                                "create it on a path every worker sees")
    return None if root is None else os.fspath(root)


class ScratchFolder:
    """A temporary folder removed when the last lazy result that reads it is gone.

    Pass the object itself as an argument of the tasks that read the folder:
    the task graph then holds it, so the folder lives as long as any
    collection built on those tasks (and is removed at exit at the latest).
    Tasks receive its path (``os.fspath`` works on both): a pickled copy is
    the path as a string, so no worker ever removes it.

    Parameters
    ----------
    prefix : str
        Start of the folder's name.
    scratch : str or path-like, optional
        Where to make it (see :func:`scratch_root`).
    """

    def __init__(self, prefix: str, scratch: str | os.PathLike | None = None) -> None:
        self.path = tempfile.mkdtemp(prefix=prefix, dir=scratch_root(scratch))
        self._remove = weakref.finalize(self, shutil.rmtree, self.path, ignore_errors=True)

    def __fspath__(self) -> str:
        return self.path

    def __reduce__(self):
        return (str, (self.path,))

    def __repr__(self) -> str:
        return f"ScratchFolder({self.path!r})"

    def remove(self) -> None:
        """Remove the folder now (results that read it can no longer be computed)."""
        self._remove()


def digest64(text: str) -> int:
    """A 64-bit hash of ``text`` (BLAKE2b), the same in every process.

    Terms and features travel between workers as these hashes instead of
    strings: eight bytes each. Two distinct texts among ``m`` share one with
    probability about ``m**2 / 2**65`` (1e-7 for two million).
    """
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "little")


def digests64(texts) -> np.ndarray:
    """:func:`digest64` of each text, as ``uint64``."""
    return np.fromiter((digest64(t) for t in texts), dtype=np.uint64)


def part_folder(root: str | os.PathLike, k: int) -> Path:
    """The folder of partition ``k`` under ``root`` (created)."""
    folder = Path(root) / f"part-{k:05d}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_array(folder: Path, name: str, values: np.ndarray) -> None:
    """Write one array (written under a temporary name, then renamed: readers never see half)."""
    tmp = folder / f".{name}.tmp.npy"
    np.save(tmp, np.ascontiguousarray(values))
    os.replace(tmp, folder / f"{name}.npy")


def read_array(folder: Path, name: str) -> np.ndarray:
    """An array written by :func:`write_array`, memory-mapped."""
    return np.load(folder / f"{name}.npy", mmap_mode="r")


def write_ragged(folder: Path, name: str, pieces: list[np.ndarray], dtype) -> None:
    """One value array per document, end to end, and the offsets (``len(pieces) + 1``)."""
    lengths = np.fromiter((len(p) for p in pieces), dtype=np.int64, count=len(pieces))
    offsets = np.zeros(len(pieces) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    values = (np.concatenate([np.asarray(p, dtype=dtype) for p in pieces]) if pieces
              else np.zeros(0, dtype=dtype))
    write_array(folder, f"{name}_values", values.astype(dtype, copy=False))
    write_array(folder, f"{name}_offsets", offsets)


def read_ragged(folder: Path, name: str, local: np.ndarray) -> list[np.ndarray]:
    """The arrays of the documents at ``local`` positions of the partition (copies).

    Their bytes are read from the file (``os.pread``), not mapped: a task that
    reads a few documents from each of many partitions would otherwise keep
    every page it touched in its resident memory, which grows with the corpus.
    """
    path = folder / f"{name}_values.npy"
    offsets = read_array(folder, f"{name}_offsets")
    with open(path, "rb") as f:
        major, _ = np.lib.format.read_magic(f)
        header = (np.lib.format.read_array_header_1_0 if major == 1
                  else np.lib.format.read_array_header_2_0)
        _, _, dtype = header(f)
        start = f.tell()
        size = dtype.itemsize
        out = []
        for k in np.asarray(local).tolist():
            lo, hi = int(offsets[k]), int(offsets[k + 1])
            raw = os.pread(f.fileno(), (hi - lo) * size, start + lo * size)
            out.append(np.frombuffer(raw, dtype=dtype).copy())
    return out
