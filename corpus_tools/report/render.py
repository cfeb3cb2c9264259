"""How do I get every analysis of a corpus as static HTML?

:func:`render_report` executes each notebook of ``notebooks/`` against a
corpus (injecting its path after the cell tagged ``parameters``, as papermill
does), converts each executed notebook to a standalone HTML page with
nbconvert (figures embedded as data URIs, code cells hidden unless asked for)
and writes an ``index.html`` that links them and says which corpus was
analysed, when, and with which version of corpus-tools.

A notebook that fails does not stop the others: its page is still written
(with the error shown) and the index marks it as failed.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import platform
import tempfile
import warnings
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .corpus import CorpusWarning, load_corpus, problems
from .progress import progress as _progress

__all__ = ["render_report", "find_notebooks", "execute_notebook", "ReportResult", "NotebookResult"]


@dataclass(frozen=True)
class NotebookResult:
    """What happened to one notebook of a report."""

    name: str
    title: str
    summary: str
    html_path: Path
    ipynb_path: Path
    ok: bool
    error: str = ""
    seconds: float = 0.0


@dataclass(frozen=True)
class ReportResult:
    """The pages of a rendered report; ``ok`` is False when any notebook failed."""

    index_path: Path
    notebooks: tuple[NotebookResult, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return all(nb.ok for nb in self.notebooks)


def notebooks_folder() -> Path:
    """The notebooks shipped with corpus-tools.

    In a source checkout (or an editable install) this is the repository's
    ``notebooks/`` folder; an installed wheel carries them as package data.
    """
    here = Path(__file__).resolve().parent
    checkout = here.parent / "notebooks"
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
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    source = "\n".join(f"{k} = {v!r}" for k, v in parameters.items())
    injected = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    at = next((i + 1 for i, c in enumerate(nb.cells)
               if "parameters" in c.get("metadata", {}).get("tags", [])), 0)
    nb.cells.insert(at, injected)
    from jupyter_client.manager import KernelManager

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
        Show a progress bar on stderr.

    Returns
    -------
    ReportResult
        Paths of the pages and, per notebook, whether it executed cleanly.
    """
    load_options = dict(load_options or {})
    src = Path(source).resolve()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        corpus = load_corpus(src, **load_options)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    params = {"corpus_path": str(src), "load_options": load_options}
    import nbformat

    results = []
    paths = find_notebooks(notebooks)
    for path in _progress(paths, enabled=progress, desc="notebooks"):
        started = _dt.datetime.now()
        nb, error = execute_notebook(path, parameters=params, timeout=timeout)
        title = _notebook_title(nb, path)
        nb.metadata["title"] = title
        ipynb_path = out / path.name
        html_path = out / f"{path.stem}.html"
        nbformat.write(nb, ipynb_path)
        html_path.write_text(_to_html(nb, show_code=show_code or bool(error)), encoding="utf-8")
        seconds = (_dt.datetime.now() - started).total_seconds()
        results.append(NotebookResult(path.stem, title, _notebook_summary(nb), html_path,
                                      ipynb_path, not error, error, seconds))
    index = out / "index.html"
    index.write_text(_index_html(src, corpus, results, load_options), encoding="utf-8")
    return ReportResult(index, tuple(results))


def _first_lines(text: str, n: int = 12) -> str:
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    return "\n".join(lines[-n:])


def _notebook_summary(nb) -> str:
    """The first paragraph after the notebook's title, as plain text."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        paragraphs = [p.strip() for p in cell.source.split("\n\n")]
        body = [p for p in paragraphs if p and not p.startswith("#")]
        if body:
            return body[0].replace("\n", " ").replace("`", "").replace("**", "")
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

    templates = Path(__file__).resolve().parent / "templates"
    exporter = HTMLExporter(template_name="corpus_report", extra_template_basedirs=[str(templates)],
                            exclude_input=not show_code,
                            exclude_input_prompt=True, exclude_output_prompt=True,
                            embed_images=True)
    body, _ = exporter.from_notebook_node(nb)
    return body


_INDEX_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:880px;margin:2rem auto;
padding:0 1rem;color:#1b1b1b;line-height:1.5}
h1{margin-bottom:.2rem} .meta{color:#555} td .meta{font-size:.9rem} table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ddd} th{background:#f4f4f4}
.ok{color:#17702d;font-weight:600} .failed{color:#b00020;font-weight:600}
pre{white-space:pre-wrap;background:#fff4f4;padding:.5rem;font-size:.85rem}
"""


def _index_html(src: Path, corpus, results: list[NotebookResult], load_options: dict) -> str:
    from . import __version__

    esc = html.escape
    now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    n_problems = len(problems(corpus))
    rows = []
    for r in results:
        status = ('<span class="ok">ok</span>' if r.ok else
                  f'<span class="failed">failed</span><pre>{esc(r.error)}</pre>')
        rows.append(f'<tr><td><a href="{esc(r.html_path.name)}">{esc(r.title)}</a>'
                    f'<div class="meta">{esc(r.summary)}</div></td>'
                    f"<td>{status}</td><td>{r.seconds:.1f}&nbsp;s</td></tr>")
    options = f" with options <code>{esc(json.dumps(load_options))}</code>" if load_options else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>corpus-tools report: {esc(src.name)}</title><style>{_INDEX_CSS}</style></head>
<body>
<h1>corpus-tools report</h1>
<p class="meta">Corpus <code>{esc(str(src))}</code>{options}: {len(corpus)} documents,
{int(corpus['n_words'].sum()):,} words, {n_problems} input problem(s).<br>
Generated {esc(now)} with corpus-tools {esc(__version__)} (Python {esc(platform.python_version())}).</p>
<table><thead><tr><th>Analysis</th><th>Status</th><th>Time</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
<p class="meta">Each page was produced by executing the notebook of the same name on this corpus.
The executed notebooks (<code>.ipynb</code>) are next to the pages.</p>
</body></html>
"""
