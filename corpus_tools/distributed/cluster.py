"""Which cluster runs the work? Start a local one or connect to one; progress and the dashboard.

:func:`connect` returns a ``dask.distributed.Client``: to an existing
scheduler (``scheduler="tcp://host:8786"``, the ``--scheduler`` option of the
command line) or to a :class:`~dask.distributed.LocalCluster` of ``workers``
processes started for the caller and closed with the client (``--workers``).
Each worker process runs one task at a time (one thread): the analyses are
pure Python and hold the GIL, so processes, not threads, give parallelism.

:func:`compute` is ``dask.compute`` with an optional progress bar on stderr.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

__all__ = ["connect", "Session", "compute", "persist", "dashboard_address", "current_client",
           "pandas_dtypes", "share"]


class Session(NamedTuple):
    """A client and, when it was started here, its local cluster (closed with it)."""

    client: object
    cluster: object | None

    def close(self) -> None:
        """Close the client, and the local cluster if one was started."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def connect(*, scheduler: str | None = None, workers: int | None = None,
            memory_limit: str | float | None = "auto", dashboard: bool = True) -> Session:
    """A Dask client: to ``scheduler``, or to a local cluster of ``workers`` processes.

    Parameters
    ----------
    scheduler : str, optional
        Address of a running scheduler (``tcp://10.0.0.5:8786``; start one
        with ``dask scheduler`` and workers with ``dask worker ADDRESS``).
    workers : int, optional
        Worker processes of a local cluster started for this session (one
        thread each). Ignored when ``scheduler`` is given.
    memory_limit : str, float or None, default "auto"
        Memory limit of each local worker (Dask's ``memory_limit``).
    dashboard : bool, default True
        Serve the local cluster's dashboard (on a free port).

    Raises
    ------
    ValueError
        Neither ``scheduler`` nor ``workers`` is given, or ``workers < 1``.
    """
    from distributed import Client, LocalCluster

    if scheduler:
        return Session(Client(scheduler), None)
    if workers is None or workers < 1:
        raise ValueError(f"workers={workers!r}: give a scheduler address (--scheduler) or a "
                         f"number of local worker processes >= 1 (--workers)")
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           memory_limit=memory_limit,
                           dashboard_address=":0" if dashboard else None)
    return Session(Client(cluster), cluster)


def pandas_dtypes(func):
    """Run ``func`` with Dask's string conversion off, so results keep pandas' own dtypes.

    Dask turns text columns into ``string[pyarrow]`` (missing value
    ``pd.NA``) by default; the pandas path's frames use pandas' ``str``
    dtype (missing value NaN) and ``object`` where it says so.
    """
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        import dask

        with dask.config.set({"dataframe.convert-string": False}):
            return func(*args, **kwargs)

    return wrapper


def share(obj):
    """``obj`` as an argument of many tasks: scattered to the cluster once (else delayed)."""
    import dask

    client = current_client()
    if client is None:
        return dask.delayed(obj, traverse=False)
    # a list of one: scatter would send each item of a tuple on its own
    (future,) = client.scatter([obj], broadcast=False, hash=False)
    return dask.delayed(_same, pure=True)(future)


def _same(obj):
    return obj


def current_client():
    """The default ``distributed`` client, or ``None`` (Dask's local scheduler is used then)."""
    try:
        from distributed import get_client
    except ImportError:  # pragma: no cover - distributed is part of the extra
        return None
    try:
        return get_client()
    except ValueError:
        return None


def dashboard_address(client) -> str:
    """The client's dashboard address (``""`` when it has none)."""
    try:
        return str(client.dashboard_link or "")
    except (AttributeError, KeyError):
        return ""


def compute(*collections, progress: bool = False, desc: str = "dask"):
    """``dask.compute(*collections)``; with ``progress``, a bar on stderr counting finished outputs.

    On a cluster, the results of several collections are fetched each as it
    finishes and released on the workers then: a step of many independent
    tasks (the pair chunks of rewrite search) keeps no finished results on
    the workers until the last task is done. The bar counts the collections
    (one collection: its output pieces, its partitions); the dashboard shows
    every task.
    """
    import dask

    client = current_client()
    if client is None:
        return dask.compute(*collections)
    from distributed import as_completed

    from ..progress import progress as bar

    if len(collections) == 1:
        if not progress:
            return dask.compute(*collections)
        persisted = client.persist(list(collections))
        futures = [f for c in persisted for f in client.futures_of(c)]
        for _ in bar(as_completed(futures), enabled=True, total=len(futures), desc=desc):
            pass
        return dask.compute(*persisted)
    futures = client.compute(list(collections))
    where: dict[int, list[int]] = {}
    for k, f in enumerate(futures):
        where.setdefault(id(f), []).append(k)
    out: list = [None] * len(futures)
    for f in bar(as_completed(futures), enabled=progress, total=len(futures), desc=desc):
        value = f.result()
        for k in where.get(id(f), ()):
            out[k] = value
        f.release()
    return tuple(out)


def persist(*collections, progress: bool = False, desc: str = "dask"):
    """``dask.persist(*collections)``: the results stay on the workers (with an optional bar)."""
    import dask

    client = current_client()
    out = dask.persist(*collections)
    if progress and client is not None:
        from distributed import as_completed

        from ..progress import progress as bar

        futures = [f for c in out for f in client.futures_of(c)]
        for _ in bar(as_completed(futures), enabled=True, total=len(futures), desc=desc):
            pass
    return out
