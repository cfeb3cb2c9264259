"""One loaded document before it becomes a row: the record every reader returns."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Doc", "guess_title", "MAX_TITLE_CHARS"]

MAX_TITLE_CHARS = 200
"""A first line longer than this is a paragraph, not a title."""


@dataclass(frozen=True, slots=True)
class Doc:
    """A document as a reader made it.

    ``text`` is final (newlines normalised, repairs applied): every offset
    corpus-tools reports indexes it. ``title`` is ``None`` when the source
    has none (it is then guessed from the text); ``meta`` holds the other
    columns of a table row or the metadata of a web page, as ``(name,
    value)`` pairs.
    """

    doc_id: str
    text: str
    path: str
    encoding: str
    flags: tuple[str, ...] = ()
    title: str | None = None
    meta: tuple[tuple[str, object], ...] = ()
    language: str = ""


def guess_title(text: str) -> str:
    """The first line when it reads as a title, else ``""``.

    A title is followed by a blank line, is at most :data:`MAX_TITLE_CHARS`
    characters and does not end with a period.
    """
    head, sep, rest = text.partition("\n")
    head = head.strip()
    if not sep or not head or len(head) > MAX_TITLE_CHARS or head.endswith("."):
        return ""
    nxt, _, _ = rest.partition("\n")
    return head if not nxt.strip() and rest.strip() else ""
