"""corpus_tools.markup: corpus text shows as itself in HTML and in rendered Markdown."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from corpus_tools.markup import escape_html, escape_markdown

PAYLOADS = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "a_b_c", "*em* **b**",
            "`code`", "[link](javascript:alert(1))", "# heading", "- item", "1. item", "a|b",
            "&amp; &lt;", "~~x~~", "\\*", "![i](x)", "<https://example.com>", "_x_",
            "https://example.com/a_b", "www.example.org", "name@example.com", "$x$", "a&b"]


def _rendered_text(markdown: str) -> str:
    out = markdown2html_mistune(markdown)
    assert "<" not in re.sub(r"</?p>", "", out).strip(), out  # no element but the paragraph
    return " ".join(html.unescape(re.sub(r"</?p>", "", out)).split())


def test_payloads_render_as_their_own_text():
    for text in PAYLOADS:
        assert _rendered_text(escape_markdown(text)) == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab <>&\"'`*_[]()#!|~\\-+.=/:;@$%^{}?,")), min_size=1,
               max_size=30).filter(lambda t: t.strip()))
def test_any_punctuation_renders_as_itself(text):
    assert _rendered_text(escape_markdown(text)) == " ".join(text.split())


def test_line_breaks_cannot_start_a_block():
    assert _rendered_text(escape_markdown("x\n# not a heading\n- not a list")) == \
        "x # not a heading - not a list"


def test_escape_html_escapes_quotes_for_attributes():
    assert escape_html('"><script>') == "&quot;&gt;&lt;script&gt;"
    assert escape_html(3) == "3"
