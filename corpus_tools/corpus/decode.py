"""From bytes to the stored text: decoding, newlines, HTML tags and entities, mojibake.

:func:`decode_bytes` turns a file's bytes into text (a byte-order mark picks
UTF-8 or UTF-16; bytes that are not valid in the main encoding are decoded
with the fallback encoding, so a file that mixes UTF-8 and Windows-1252 reads
right). :func:`repair_text` then removes HTML markup from plain text and
fixes what ``ftfy`` knows how to fix: HTML entities (``&amp;``), mojibake
(``CafÃ©``), terminal colour codes, C1 and other control characters. Each
repair is reported, so the loader can flag the document; the repaired text is
the stored ``text`` and every offset indexes it.
"""

from __future__ import annotations

import codecs
import functools
import re
from typing import NamedTuple

__all__ = ["Decoded", "Repaired", "decode_bytes", "normalise_newlines", "repair_text",
           "repair_and_log",
           "strip_markup", "looks_like_html_page", "ftfy_config"]


class Decoded(NamedTuple):
    """The text of a file, or why there is none.

    ``text`` is ``None`` when the bytes cannot be decoded; ``problem`` and
    ``detail`` then say why. When the fallback encoding was needed,
    ``fallback_detail`` says where.
    """

    text: str | None
    encoding: str
    problem: str = ""
    detail: str = ""
    fallback_detail: str = ""


class Repaired(NamedTuple):
    """Text after :func:`repair_text`, with a flag and a sentence per kind of repair."""

    text: str
    flags: tuple[str, ...]
    details: tuple[str, ...]


_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")  # not ESC: coloured logs are text


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    return bool(sample) and len(_CONTROL_RE.findall(sample)) / len(sample) > 0.05


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and ``\\r`` become ``\\n``."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _fallback_handler(fallback: str):
    """A codec error handler (registered once per fallback) decoding bad bytes with ``fallback``."""
    name = f"corpus-tools-fallback-{codecs.lookup(fallback).name}"
    try:
        codecs.lookup_error(name)
    except LookupError:
        def handler(exc: UnicodeDecodeError):
            try:
                return exc.object[exc.start:exc.end].decode(fallback), exc.end
            except UnicodeDecodeError as bad:  # report the offset in the whole file
                raise UnicodeDecodeError(fallback, exc.object, exc.start + bad.start,
                                         exc.start + bad.end, bad.reason) from None

        codecs.register_error(name, handler)
    return name


def decode_bytes(raw: bytes, *, encoding: str, fallback: str | None,
                 nul_is_binary: bool = True) -> Decoded:
    """Decode a text file's bytes (see the module docstring).

    Parameters
    ----------
    raw : bytes
        The file.
    encoding : str
        The expected encoding; a UTF-8 or UTF-16 byte-order mark overrides it.
    fallback : str or None
        Encoding for the bytes that are not valid in ``encoding``; ``None``
        rejects such files.
    nul_is_binary : bool, default True
        A NUL byte in the first 8 KiB makes a text file binary. Tables pass
        False: one NUL in one cell must not sink every row.

    Returns
    -------
    Decoded
        Newlines normalised, a leading byte-order mark removed.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raw, encoding = raw[3:], "utf-8-sig"
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif nul_is_binary and b"\x00" in raw[:8192]:
        return Decoded(None, "", "binary file", "contains NUL bytes; not a text file")
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    fallback_detail = ""
    try:
        text, used = raw.decode(codec), encoding
    except UnicodeDecodeError as exc:
        detail = f"invalid {encoding} byte 0x{raw[exc.start]:02x} at offset {exc.start}"
        if fallback is None:
            return Decoded(None, "", f"not valid {encoding}", detail + "; no fallback_encoding")
        try:
            text = raw.decode(codec, errors=_fallback_handler(fallback))
        except UnicodeDecodeError as exc2:
            return Decoded(None, "", "cannot be decoded",
                           f"{detail}; also invalid {fallback} (byte 0x{exc2.object[exc2.start]:02x} "
                           f"at offset {exc2.start})")
        try:
            whole = raw.decode(fallback)
        except UnicodeDecodeError:
            whole = None
        if whole == text:
            used = fallback
            fallback_detail = f"{detail}; decoded as {fallback}"
        else:  # valid UTF-8 sequences too: a file that mixes the two
            used = f"{encoding}+{fallback}"
            fallback_detail = (f"{detail}; the bytes that are not valid {encoding} were decoded "
                               f"as {fallback}, the rest as {encoding}")
    if text.startswith("\ufeff"):
        text = text[1:]
    if _looks_binary(text):
        return Decoded(None, "", "binary file", "mostly control characters; not a text file")
    return Decoded(normalise_newlines(text), used, fallback_detail=fallback_detail)


# --- HTML markup in plain text -------------------------------------------------

_ELEMENTS = """a abbr address article aside b bdi bdo big blockquote body br button caption
center cite code col colgroup dd del details dfn div dl dt em fieldset figcaption figure font
footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li
link main mark meta nav ol option p picture pre q s samp section select small source span strike
strong sub summary sup table tbody td textarea tfoot th thead time title tr tt u ul var video
wbr""".split()
_BLOCKS = frozenset("""address article aside blockquote body br dd div dl dt fieldset figcaption
figure footer form h1 h2 h3 h4 h5 h6 head header hr html li main nav ol p pre section table
tbody td tfoot th thead title tr ul""".split())
_TAG_RE = re.compile(r"</?(" + "|".join(sorted(_ELEMENTS, key=len, reverse=True))
                     + r")(?![\w-])[^<>]*>", re.IGNORECASE)
# Elements whose content is code, not text: removed with their content.
_HIDDEN = ("script", "style", "noscript", "template")
_HIDDEN_OPEN_RE = re.compile(r"<(" + "|".join(_HIDDEN) + r")(?![\w-])[^<>]*>|<!--",
                             re.IGNORECASE)
_CLOSE_RES = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in _HIDDEN}


_PAGE_RE = re.compile(r"\s*(?:<!doctype\s+html|<html(?:[\s>]|$))", re.IGNORECASE)


def looks_like_html_page(text: str) -> bool:
    """Whether ``text`` is a whole web page (it starts with a doctype or ``<html>``)."""
    return _PAGE_RE.match(text, 0, 1024) is not None


def strip_markup(text: str) -> tuple[str, int]:
    """Remove HTML tags (and scripts, styles, comments) from plain text.

    Only tags of HTML elements are removed (``<p>``, ``</div>``,
    ``<br/>``...), so ``a <b`` or ``<grin>`` stay. Block elements become line
    breaks so that paragraphs still end sentences. Returns the text and the
    number of tags, scripts and comments removed.
    """
    if "<" not in text or not (_TAG_RE.search(text) or _HIDDEN_OPEN_RE.search(text)):
        return text, 0
    out: list[str] = []
    pos = n = 0
    while True:  # hidden blocks first; each search resumes after the last block: linear
        m = _HIDDEN_OPEN_RE.search(text, pos)
        if m is None:
            break
        out.append(text[pos:m.start()])
        n += 1
        if m.group() == "<!--":
            end = text.find("-->", m.end())
            pos = len(text) if end < 0 else end + 3
        else:
            close = _CLOSE_RES[m.group(1).lower()].search(text, m.end())
            pos = len(text) if close is None else close.end()
    out.append(text[pos:])
    text = "".join(out)

    def replace(m: re.Match) -> str:
        nonlocal n
        n += 1
        name = m.group(1).lower()
        if name == "br":
            return "\n"
        return "\n\n" if name in _BLOCKS else ""

    return _TAG_RE.sub(replace, text), n


# --- ftfy ------------------------------------------------------------------------

class _Ftfy(NamedTuple):
    config: object
    fix_and_explain: object
    entity_re: re.Pattern
    other_re: re.Pattern
    mojibake_re: re.Pattern


@functools.cache
def _ftfy() -> _Ftfy:
    """ftfy, imported on first use, with the fixes that repair text without restyling it.

    On: HTML entities, mojibake (and its helpers), terminal escapes, C1 and
    other control characters, lone surrogates. Off: ligatures, full-width
    characters, curly quotes, line breaks (the loader normalises ``\\r``
    itself) and Unicode normalisation: the text keeps its typography, and
    the grammar rules that read curly quotes still see them.
    """
    import ftfy
    from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES
    from ftfy.chardata import CONTROL_CHARS, HTML_ENTITY_RE

    config = ftfy.TextFixerConfig(
        unescape_html=True, remove_terminal_escapes=True, fix_encoding=True,
        restore_byte_a0=True, replace_lossy_sequences=True, decode_inconsistent_utf8=True,
        fix_c1_controls=True, fix_latin_ligatures=False, fix_character_width=False,
        uncurl_quotes=False, fix_line_breaks=False, fix_surrogates=True,
        remove_control_chars=True, normalization=None, max_decode_length=1_000_000, explain=True)
    controls = "".join(re.escape(chr(c)) for c in sorted(CONTROL_CHARS))
    # every character one of these fixes can change: C1 controls,
    # surrogates, the escape that starts terminal codes, control characters
    other = re.compile(f"[\\x80-\\x9f\\ud800-\\udfff\\x1b{controls}]")
    # ftfy only looks for mojibake where its badness expression matches, and
    # every match of it holds two adjacent characters of its mojibake
    # categories (or of its literal characters), an "Ã" or "Â" before a space,
    # or an "Œ"/"œ": a search for
    # such a pair is a fast necessary condition (BBC News: 40 ms, against
    # 500 ms for the badness expression itself)
    chars = "".join(MOJIBAKE_CATEGORIES.values()) + re.escape(
        "".join(sorted({c for c in BADNESS_RE.pattern if ord(c) > 127})))
    mojibake = re.compile(f"[{chars}][{chars}]|[ÃÂ]\\s|[Œœ]")
    return _Ftfy(config, ftfy.fix_and_explain, HTML_ENTITY_RE, other, mojibake)


def ftfy_config():
    """The ``ftfy.TextFixerConfig`` that :func:`repair_text` applies."""
    return _ftfy().config


def _may_change(f: _Ftfy, text: str) -> bool:
    """False only where none of the configured ftfy fixes can change ``text``."""
    if "&" in text and f.entity_re.search(text):
        return True
    if f.other_re.search(text):
        return True
    return not text.isascii() and f.mojibake_re.search(text) is not None


_STEP_FLAGS = {"unescape_html": "entities_decoded", "decode_inconsistent_utf8": "mojibake_fixed",
               "fix_c1_controls": "text_fixed", "fix_surrogates": "text_fixed",
               "remove_terminal_escapes": "text_fixed", "remove_control_chars": "text_fixed"}
_FLAG_DETAILS = {"markup_removed": "removed {n} HTML tag(s), script(s) or comment(s)",
                 "entities_decoded": "decoded HTML entities (&amp; -> &)",
                 "mojibake_fixed": "repaired mojibake ({how})",
                 "text_fixed": "removed or replaced control characters ({how})"}


def repair_and_log(text: str, flags: tuple, log, where: str, doc_id: str
                   ) -> tuple[str, tuple]:
    """:func:`repair_text` of a document: the repaired text and its flags, and one
    "text repaired" row in ``log`` (a :class:`~corpus_tools.corpus.problems.ProblemLog`)
    saying what was fixed (nothing to fix: ``text`` and ``flags`` unchanged)."""
    repaired = repair_text(text)
    if not repaired.flags:
        return text, flags
    log.loaded(where, doc_id, "text repaired", "; ".join(repaired.details)
               + "; flagged " + ", ".join(f"'{f}'" for f in repaired.flags))
    return repaired.text, flags + repaired.flags


def repair_text(text: str, *, markup: bool = True) -> Repaired:
    """Remove HTML markup (when ``markup``) and apply ftfy (see :func:`ftfy_config`).

    The text is fixed line by line (each line at most a million characters,
    as ``ftfy.fix_text`` does); lines none of the fixes can change are
    skipped unread by ftfy, so clean text costs a few fast scans.

    Returns
    -------
    Repaired
        The text (unchanged, with no flags, when nothing needed fixing), the
        flags ``markup_removed``, ``entities_decoded``, ``mojibake_fixed``,
        ``text_fixed`` that apply, and one sentence each.
    """
    flags: dict[str, set[str]] = {}
    n_tags = 0
    if markup:
        text, n_tags = strip_markup(text)
        if n_tags:
            flags["markup_removed"] = set()
    f = _ftfy()
    if _may_change(f, text):
        out = []
        pos, size = 0, len(text)
        limit = f.config.max_decode_length
        while pos < size:
            brk = text.find("\n", pos) + 1 or size
            brk = min(brk, pos + limit)
            segment = text[pos:brk]
            if _may_change(f, segment):
                fixed, steps = f.fix_and_explain(segment, f.config)
                # ftfy can explain a step that changed nothing (an undefined C1 byte)
                for kind, name in (steps if fixed != segment else ()):
                    flag = _STEP_FLAGS.get(name, "mojibake_fixed")
                    flags.setdefault(flag, set()).add(name if kind == "apply" else f"{kind} {name}")
                segment = fixed
            out.append(segment)
            pos = brk
        text = "".join(out)
    details = []
    for flag in ("markup_removed", "entities_decoded", "mojibake_fixed", "text_fixed"):
        if flag in flags:
            how = ", ".join(sorted(flags[flag]))
            details.append(_FLAG_DETAILS[flag].format(n=n_tags, how=how))
    order = [k for k in ("markup_removed", "entities_decoded", "mojibake_fixed", "text_fixed")
             if k in flags]
    return Repaired(text, tuple(order), tuple(details))


def text_document(decoded: Decoded, *, doc_id: str, where: str, options, log,
                  flags: tuple[str, ...] = (), meta: tuple = ()):
    """A plain-text document from decoded text: repaired, flagged, its changes logged.

    Parameters
    ----------
    decoded : Decoded
        The file's text (``decoded.text`` is not ``None``).
    doc_id, where : str
        The document's id and where it comes from (for the problems table).
    options : LoadOptions
        ``encoding`` and ``fix_text`` are used.
    log : ProblemLog
        Gets one row for the fallback encoding and one for the repairs.
    flags, meta
        Flags and metadata the caller already has.
    """
    from .document import Doc

    text = decoded.text
    flags = tuple(flags)
    if decoded.fallback_detail:
        flags += ("fallback_encoding",)
        log.loaded(where, doc_id, f"not valid {options.encoding}",
                   f"{decoded.fallback_detail}; flagged 'fallback_encoding'")
    if options.fix_text:
        text, flags = repair_and_log(text, flags, log, where, doc_id)
    return Doc(doc_id, text, where, decoded.encoding, flags, None, meta)
