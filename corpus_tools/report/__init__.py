"""How do I get every analysis of a corpus as static HTML pages people can read?

- :mod:`~corpus_tools.report.render`: :func:`render_report` executes the
  notebooks (side by side, sharing one analysis cache) and writes the pages;
  :func:`render_summary_report` renders a corpus summarised on a cluster
  from the tables the cluster wrote.
- :mod:`~corpus_tools.report.index`: the front page, with what each page found.
- :mod:`~corpus_tools.report.headlines`: the findings of each page, in a few
  sentences, computed from the analyses' tables.
- :mod:`~corpus_tools.report.tables`: sortable, searchable, paged tables and
  collapsed sections, with every cell escaped.
"""

from __future__ import annotations

from .headlines import Headline
from .render import (NotebookResult, ReportResult, execute_notebook, find_notebooks,
                     notebooks_folder, render_report, render_summary_report)
from .tables import details, interactive_table

__all__ = ["render_report", "render_summary_report", "find_notebooks", "execute_notebook", "notebooks_folder",
           "ReportResult", "NotebookResult", "Headline", "interactive_table", "details"]
