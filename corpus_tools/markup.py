"""How does corpus text go into a page safely? Escaping for HTML and Markdown.

Corpus text (texts, titles, file names, ids) is untrusted: a document id
``<img src=x onerror=...>`` must show as those characters, never run. HTML
is escaped with :func:`html.escape`. Markdown needs more, because the
notebooks' Markdown outputs are turned into HTML by a renderer that passes
raw HTML through and gives meaning to ``*``, ``_``, backticks and brackets:
:func:`escape_markdown` neutralises both, so the text reads exactly as it is
written.
"""

from __future__ import annotations

import html
import re

__all__ = ["escape_html", "escape_markdown"]

# CommonMark lets any ASCII punctuation be backslash-escaped. Escaping all of it (but
# & < >, which become entities) covers markup (emphasis, code, links, headings, lists,
# tables, math) and the renderer's extensions: ":" and "@" stop bare URLs and e-mail
# addresses from becoming links.
_MARKDOWN_SPECIAL = re.compile(r"([!-%'-/:;=?@\[-`{-~])")  # ASCII punctuation but & < >


def escape_html(value: object) -> str:
    """``str(value)`` with ``& < > " '`` escaped, for element text and attribute values.

    >>> escape_html('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape(str(value), quote=True)


def escape_markdown(value: object) -> str:
    """``str(value)`` as Markdown that renders as exactly that text.

    Every ASCII punctuation character but ``& < >`` is backslash-escaped
    (Markdown markup), then ``& < >`` become entities (a Markdown renderer
    keeps raw HTML), and line breaks become spaces (a line break could start
    a heading or a list).

    >>> escape_markdown("000_a *b* <script>")
    '000\\\\_a \\\\*b\\\\* &lt;script&gt;'
    """
    text = " ".join(str(value).splitlines())
    # backslashes first, entities after: the entities' own "&" and ";" stay markup
    return html.escape(_MARKDOWN_SPECIAL.sub(r"\\\1", text), quote=False)
