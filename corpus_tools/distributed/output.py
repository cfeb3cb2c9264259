"""Summary tables written as Parquet partitions, for notebooks to open a corpus too large for memory.

:func:`write_table` writes a pandas or Dask table to ``FOLDER/NAME/``: one
Parquet file per partition (``part.0.parquet``...), written by the workers
for a Dask table, so no process holds the whole table. :func:`read_table`
opens it again, as pandas (``pandas.read_parquet`` reads the folder) or lazily
as Dask. A table indexed by ``doc_id`` keeps its index.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

__all__ = ["write_table", "read_table", "TABLES"]

TABLES = ("corpus", "problems", "readability", "sentences", "findings", "grammar_summary",
          "top_terms", "keyness", "rewrites")
"""Names of the tables the command line writes with ``--out-parquet``."""


def _parquet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Object columns as text (``str`` dtype): Parquet columns have one type, and a column of
    Python objects has none Dask can announce before the partitions are computed."""
    fixed = {name: frame[name].map(lambda v: v if v is None or v != v or isinstance(v, str)
                                   else str(v)).astype("str")
             for name in frame.columns if frame[name].dtype == object}
    return frame.assign(**fixed) if fixed else frame


def write_table(table, folder: str | Path, name: str, *, progress: bool = False) -> Path:
    """Write ``table`` (pandas or Dask) to ``folder/name/`` as Parquet partitions; returns the path.

    An earlier table of that name is replaced. Object columns are written
    as text (``str``), other values of mixed columns as their ``str()``.
    """
    out = Path(folder) / name
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    if hasattr(type(table), "__dask_graph__"):
        from .cluster import compute

        job = table.map_partitions(_parquet_safe, meta=_parquet_safe(table._meta)).to_parquet(
            out, compute=False, write_index=True)
        compute(job, progress=progress, desc=name)
    else:
        _parquet_safe(table).to_parquet(out / "part.0.parquet")
    return out


def read_table(folder: str | Path, name: str, *, lazy: bool = False):
    """A table written by :func:`write_table` (a Dask frame when ``lazy``)."""
    path = Path(folder) / name
    if lazy:
        import dask.dataframe as dd

        return dd.read_parquet(path)
    return pd.read_parquet(path)
