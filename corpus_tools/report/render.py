"""How do I get every analysis of a corpus as static HTML?

:func:`render_report` executes each notebook of ``notebooks/`` against a
corpus (injecting its path after the cell tagged ``parameters``, as papermill
does), converts each executed notebook to a standalone HTML page with
nbconvert (figures embedded as data URIs, code cells hidden unless asked for)
and writes an ``index.html`` that links them, says what each page found, and
which corpus was analysed, when, and with which version of corpus-tools.

Notebooks run side by side (one more at a time than there are cores) and share
one :class:`corpus_tools.cache.AnalysisCache` (injected as ``cache_dir``), so
an analysis shown on two pages is computed once per report, and a second
report of the same corpus reuses every result.

A notebook that fails does not stop the others: its page is still written
(with the error shown) and the index marks it as failed.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..cache import AnalysisCache
from ..corpus import CorpusWarning
from ..progress import stderr_is_terminal
from .headlines import Headline, headline_of
from .index import index_html

__all__ = ["render_report", "render_summary_report", "find_notebooks", "execute_notebook", "notebooks_folder",
           "ReportResult", "NotebookResult"]

CACHE_FOLDER = ".cache"
AT_SCALE_FOLDER = "at_scale"
"""The shipped notebooks that read a cluster's summaries (:func:`render_summary_report`)."""


@dataclass(frozen=True)
class NotebookResult:
    """What happened to one notebook of a report.

    Attributes
    ----------
    name : str
        File name without ``.ipynb``.
    title : str
        The notebook's first ``# heading``.
    summary : str
        The first paragraph after the heading (Markdown).
    html_path, ipynb_path : Path
        The page and the executed notebook.
    ok : bool
        False when a cell raised.
    error : str
        The end of the traceback, or ``""``.
    seconds : float
        Wall time to execute and convert it.
    headline : Headline or None
        What the page found (:mod:`corpus_tools.report.headlines`), when the
        notebook displayed one.
    """

    name: str
    title: str
    summary: str
    html_path: Path
    ipynb_path: Path
    ok: bool
    error: str = ""
    seconds: float = 0.0
    headline: Headline | None = None


@dataclass(frozen=True)
class ReportResult:
    """The pages of a rendered report; ``ok`` is False when any notebook failed."""

    index_path: Path
    notebooks: tuple[NotebookResult, ...] = field(default_factory=tuple)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(nb.ok for nb in self.notebooks)


def notebooks_folder() -> Path:
    """The notebooks shipped with corpus-tools.

    In a source checkout (or an editable install) this is the repository's
    ``notebooks/`` folder; an installed wheel carries them as package data.
    """
    package = Path(__file__).resolve().parent.parent
    checkout = package.parent / "notebooks"
    if checkout.is_dir():
        return checkout
    packaged = resources.files("corpus_tools") / "_notebooks"
    return Path(str(packaged))


def find_notebooks(folder: str | Path | None = None) -> list[Path]:
    """The report's notebooks: ``NN_*.ipynb`` files of ``folder``, in name order."""
    folder = notebooks_folder() if folder is None else Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: notebooks folder not found")
    found = sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))
    if not found:
        raise FileNotFoundError(f"{folder}: no notebooks named NN_*.ipynb")
    return found


def execute_notebook(path: str | Path, *, parameters: dict, timeout: int = 900,
                     kernel_name: str = "python3"):
    """Execute a notebook with ``parameters`` injected; return ``(notebook, error)``.

    Parameters
    ----------
    path : str or Path
        The notebook. It runs with its own folder as working directory.
    parameters : dict
        Names and values (anything with a Python ``repr`` that evaluates back)
        set in a cell inserted after the cell tagged ``parameters`` (at the top
        when there is none). The inserted cell is tagged
        ``injected-parameters``.
    timeout : int, default 900
        Seconds one cell may run.
    kernel_name : str, default ``"python3"``
        Jupyter kernel to run it in.

    Returns
    -------
    (nbformat.NotebookNode, str)
        The executed notebook (outputs up to the failing cell when a cell
        failed) and ``""`` or a one-paragraph description of the error.
    """
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    source = "\n".join(f"{k} = {v!r}" for k, v in parameters.items())
    injected = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    at = next((i + 1 for i, c in enumerate(nb.cells)
               if "parameters" in c.get("metadata", {}).get("tags", [])), 0)
    nb.cells.insert(at, injected)

    # IPC sockets: the kernel is local, and ipykernel warns about plain TCP.
    error = ""
    with tempfile.TemporaryDirectory(prefix="corpus-tools-kernel-") as sockets:
        manager = KernelManager(kernel_name=kernel_name, transport="ipc",
                                ip=str(Path(sockets) / "kernel"))
        client = NotebookClient(nb, km=manager, timeout=timeout, kernel_name=kernel_name,
                                resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute(cleanup_kc=True)  # shut our kernel down (nbclient keeps a km it was given)
        except CellExecutionError as exc:
            error = _first_lines(str(exc))
        except (CellTimeoutError, DeadKernelError, RuntimeError) as exc:
            error = f"{type(exc).__name__}: {_first_lines(str(exc))}"
    return nb, error


def render_report(
    source: str | Path,
    *,
    out: str | Path = "reports",
    notebooks: str | Path | None = None,
    show_code: bool = False,
    load_options: dict | None = None,
    timeout: int = 900,
    progress: bool = False,
    cache_dir: str | Path | None = None,
    n_jobs: int | None = None,
) -> ReportResult:
    """Execute every notebook against ``source`` and write static HTML pages.

    Parameters
    ----------
    source : str or Path
        The corpus: anything :func:`corpus_tools.load_corpus` accepts. It is
        loaded once first, so a bad path fails before any notebook runs.
    out : str or Path, default ``"reports"``
        Folder for ``index.html``, one ``NN_name.html`` per notebook and the
        executed ``NN_name.ipynb`` files (created if missing).
    notebooks : str or Path, optional
        Folder of ``NN_*.ipynb`` notebooks; default: the ones shipped with
        corpus-tools.
    show_code : bool, default False
        Keep code cells in the HTML (hidden by default: the pages are for
        readers, the notebooks for analysts).
    load_options : dict, optional
        Keyword arguments for :func:`corpus_tools.load_corpus` (e.g.
        ``{"recursive": True}``), passed to every notebook.
    timeout : int, default 900
        Seconds a single notebook cell may run.
    progress : bool, default False
        Say on stderr when each notebook starts and finishes (with its
        seconds); when stderr is a terminal, also show a progress bar.
    cache_dir : str or Path, optional
        Folder of the analysis cache shared by the notebooks (see
        :class:`corpus_tools.cache.AnalysisCache`). Default ``out/.cache``,
        which keeps only what the last report used; a folder given here is
        never pruned.
    n_jobs : int, optional
        Notebooks executed at the same time; default: one more than the
        available cores (a kernel is partly idle: starting, waiting for a
        shared result, its page being converted), at most the number of
        notebooks.

    Returns
    -------
    ReportResult
        Paths of the pages and, per notebook, whether it executed cleanly,
        how long it took and what it found.
    """
    started = time.time()
    load_options = dict(load_options or {})
    src = Path(source).resolve()
    out = Path(out)
    prune = cache_dir is None
    cache = AnalysisCache(Path(cache_dir) if cache_dir is not None else out / CACHE_FOLDER)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        corpus = cache.load_corpus(src, **load_options)  # the notebooks read it from there
    out.mkdir(parents=True, exist_ok=True)
    params = {"corpus_path": str(src), "load_options": load_options,
              "cache_dir": str(Path(cache.folder).resolve())}
    paths = find_notebooks(notebooks)
    results, seconds = _render_all(paths, out, params, show_code=show_code, timeout=timeout,
                                   n_jobs=n_jobs, progress=progress, started=started,
                                   what=f"{len(corpus):,} documents")
    index = out / "index.html"
    index.write_text(index_html(src, corpus, results, load_options, seconds=seconds),
                     encoding="utf-8")
    if prune:
        cache.prune(unused_since=started)
    return ReportResult(index, tuple(results), seconds)


def render_summary_report(summaries: str | Path, *, out: str | Path = "reports",
                          notebooks: str | Path | None = None, show_code: bool = False,
                          timeout: int = 900, progress: bool = False,
                          source: str | Path | None = None) -> ReportResult:
    """Render the report of a corpus summarised on a cluster, from the tables it wrote.

    The notebooks read the folder :func:`corpus_tools.distributed.write_summaries`
    wrote (one row per document, and the texts of the pairs shown side by
    side), so the report of a corpus too large for memory is rendered on
    one machine without its texts.

    Parameters
    ----------
    summaries : str or Path
        The summaries folder.
    out, show_code, timeout, progress
        As for :func:`render_report`.
    notebooks : str or Path, optional
        Folder of ``NN_*.ipynb`` notebooks taking ``summaries_dir``; default
        the shipped ``at_scale`` notebooks.
    source : str or Path, optional
        The corpus path shown on the pages (default: the one the summaries name).

    Returns
    -------
    ReportResult
    """
    from ..distributed.summaries import read_summaries

    started = time.time()
    folder = Path(summaries).resolve()
    summary = read_summaries(folder)  # a folder that is not one fails here, before any kernel
    src = Path(source or summary.manifest.get("source") or folder)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    params = {"summaries_dir": str(folder), "corpus_path": str(src)}
    paths = find_notebooks(notebooks if notebooks is not None
                           else notebooks_folder() / AT_SCALE_FOLDER)
    results, seconds = _render_all(paths, out, params, show_code=show_code, timeout=timeout,
                                   n_jobs=None, progress=progress, started=started,
                                   what=f"{len(summary.corpus):,} documents summarised")
    index = out / "index.html"
    index.write_text(index_html(src, summary.corpus, results, {}, seconds=seconds),
                     encoding="utf-8")
    return ReportResult(index, tuple(results), seconds)


def _render_all(paths: list[Path], out: Path, params: dict, *, show_code: bool, timeout: int,
                n_jobs: int | None, progress: bool, started: float,
                what: str) -> tuple[list[NotebookResult], float]:
    """Execute and convert ``paths`` side by side; their results in name order, and the seconds."""
    # one more than the cores: a kernel spends part of its life off the CPU (starting,
    # waiting for a result another notebook is computing, its page being converted)
    workers = max(1, min(n_jobs or _cores() + 1, len(paths)))
    log = _Log(enabled=progress, total=len(paths))
    log.line(f"corpus-tools report: {what}, {len(paths)} notebook"
             f"{'' if len(paths) == 1 else 's'}, {workers} at a time")

    def run(path: Path) -> NotebookResult:
        log.line(f"  started  {path.stem}")
        result = _render_one(path, out, params, show_code=show_code, timeout=timeout)
        log.done(f"  {'done' if result.ok else 'FAILED':8} {path.stem}  {result.seconds:.1f} s")
        return result

    try:
        if workers == 1:
            results = [run(p) for p in paths]
        else:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                results = list(pool.map(run, paths))  # in name order, whatever finishes first
    finally:
        log.close()
    return results, time.time() - started


def _render_one(path: Path, out: Path, params: dict, *, show_code: bool,
                timeout: int) -> NotebookResult:
    import nbformat

    started = time.perf_counter()
    nb, error = execute_notebook(path, parameters=params, timeout=timeout)
    title = _notebook_title(nb, path)
    nb.metadata["title"] = title
    ipynb_path = out / path.name
    html_path = out / f"{path.stem}.html"
    nbformat.write(nb, ipynb_path)
    html_path.write_text(_to_html(nb, show_code=show_code or bool(error)), encoding="utf-8")
    return NotebookResult(path.stem, title, _notebook_summary(nb), html_path, ipynb_path,
                          not error, error, time.perf_counter() - started, headline_of(nb))


class _Log:
    """Start and finish lines on stderr; a bar as well when stderr is a terminal."""

    def __init__(self, *, enabled: bool, total: int) -> None:
        self.enabled = enabled
        self.lock = threading.Lock()
        self.bar = None
        if enabled and stderr_is_terminal():
            from tqdm.auto import tqdm

            self.bar = tqdm(total=total, desc="notebooks", file=sys.stderr, leave=False)

    def line(self, text: str) -> None:
        if not self.enabled:
            return
        with self.lock:
            if self.bar is not None:
                self.bar.write(text, file=sys.stderr)
            else:
                print(text, file=sys.stderr, flush=True)

    def done(self, text: str) -> None:
        self.line(text)
        if self.bar is not None:
            with self.lock:
                self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


_ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _first_lines(text: str, n: int = 12) -> str:
    text = _ANSI_RE.sub("", text)  # IPython colours its tracebacks
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    return "\n".join(lines[-n:])


def _notebook_summary(nb) -> str:
    """The first paragraph after the notebook's title, as Markdown."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        paragraphs = [p.strip() for p in cell.source.split("\n\n")]
        body = [p for p in paragraphs if p and not p.startswith("#")]
        if body:
            return body[0]
    return ""


def _notebook_title(nb, path: Path) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem.split("_", 1)[-1].replace("_", " ").capitalize()


def _to_html(nb, *, show_code: bool) -> str:
    from nbconvert import HTMLExporter

    templates = Path(__file__).resolve().parent.parent / "templates"
    exporter = HTMLExporter(template_name="corpus_report", extra_template_basedirs=[str(templates)],
                            exclude_input=not show_code,
                            exclude_input_prompt=True, exclude_output_prompt=True,
                            embed_images=True)
    body, _ = exporter.from_notebook_node(nb)
    return body
