"""The report's front page: which corpus, and what each page found.

:func:`index_html` writes ``index.html`` from the results of
:func:`corpus_tools.report.render_report`: per page its title (a link), its
status and time, the findings the notebook displayed as a
:class:`corpus_tools.report.headlines.Headline`, and the notebook's own
description rendered from Markdown. Every piece of text that can come from
the corpus (path, ids, headline sentences, errors) is escaped.
"""

from __future__ import annotations

import datetime as _dt
import json
import platform
from pathlib import Path

from ..corpus import problems
from ..markup import escape_html as esc

__all__ = ["index_html"]

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:920px;margin:2rem auto;
padding:0 1rem;color:#1b1b1b;line-height:1.5}
h1{margin-bottom:.2rem} .meta{color:#555}
section.page{border-top:1px solid #ddd;padding:.6rem 0 .4rem 0}
section.page h2{font-size:1.2rem;margin:.2rem 0 .3rem 0;display:flex;gap:.8rem;align-items:baseline}
section.page h2 .meta{font-size:.85rem;font-weight:400}
ul.findings{margin:.2rem 0 .4rem 0;padding-left:1.3rem} ul.findings li{margin:.1rem 0}
.about{color:#444;font-size:.92rem} .about p{margin:.2rem 0}
.ok{color:#17702d;font-weight:600;font-size:.85rem} .failed{color:#b00020;font-weight:600;font-size:.85rem}
pre{white-space:pre-wrap;background:#fff4f4;padding:.5rem;font-size:.85rem}
code{background:#f4f4f4;padding:0 .2rem;border-radius:3px}
"""


def index_html(src: Path, corpus, results, load_options: dict, *, seconds: float = 0.0) -> str:
    """The HTML of ``index.html``.

    Parameters
    ----------
    src : Path
        The corpus path given to the report.
    corpus : pandas.DataFrame
        The corpus as loaded (for its size and input problems).
    results : sequence of NotebookResult
        One per page, in page order.
    load_options : dict
        Options the corpus was loaded with (shown when not empty).
    seconds : float, default 0.0
        Wall time of the whole report.
    """
    from .. import __version__

    now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    n_problems = len(problems(corpus))
    sections = [_section(r) for r in results]
    options = f" with options <code>{esc(json.dumps(load_options))}</code>" if load_options else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>corpus-tools report: {esc(src.name)}</title><style>{_CSS}</style></head>
<body>
<h1>corpus-tools report</h1>
<p class="meta">Corpus <code>{esc(str(src))}</code>{options}: {len(corpus):,} documents,
{int(corpus['n_words'].sum()):,} words, {n_problems} input problem(s).<br>
Generated {esc(now)} in {seconds:.0f}&nbsp;s with corpus-tools {esc(__version__)}
(Python {esc(platform.python_version())}).</p>
{chr(10).join(sections)}
<p class="meta">Each page was produced by executing the notebook of the same name on this corpus.
The executed notebooks (<code>.ipynb</code>) are next to the pages.</p>
</body></html>
"""


def _section(r) -> str:
    status = ('<span class="ok">ok</span>' if r.ok else '<span class="failed">failed</span>')
    findings = ""
    if r.headline is not None and r.headline.findings:
        findings = ('<ul class="findings">'
                    + "".join(f"<li>{esc(f)}</li>" for f in r.headline.findings) + "</ul>")
    error = f"<pre>{esc(r.error)}</pre>" if r.error else ""
    return (f'<section class="page"><h2><a href="{esc(r.html_path.name)}">{esc(r.title)}</a>'
            f'{status}<span class="meta">{r.seconds:.1f}&nbsp;s</span></h2>{findings}{error}'
            f'<div class="about">{_markdown(r.summary)}</div></section>')


def _markdown(text: str) -> str:
    """A notebook's own Markdown (not corpus text) as HTML."""
    if not text:
        return ""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(text)
