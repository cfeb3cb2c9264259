"""Documents from scraped web pages: HTML files and WARC archives.

The article text, title, date and URL of a page are extracted with
``trafilatura`` (offline: it parses what it is given and fetches nothing);
navigation, footers, scripts and comments are left out. WARC archives
(``.warc``, ``.warc.gz``) are read record by record with ``warcio``; each
HTML (or plain-text) response is one document. Every extraction is listed in
the problems table, so it can be checked against the page.
"""

from __future__ import annotations

import codecs
import dataclasses
import re

from .decode import Decoded, decode_bytes, normalise_newlines, text_document
from .document import Doc
from .files import open_regular_file, read_bounded
from .options import LoadOptions
from .problems import ProblemLog

__all__ = ["read_html", "read_warc", "extract_page"]

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""",
                              re.IGNORECASE)
_HEADER_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def _charset(raw: bytes, declared: str | None) -> str | None:
    """The page's declared charset (HTTP header first, then ``<meta>``), if Python knows it."""
    names = [declared] if declared else []
    m = _META_CHARSET_RE.search(raw[:4096])
    if m:
        names.append(m.group(1).decode("ascii"))
    for name in names:
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return None


def _decode_page(raw: bytes, declared: str | None, options: LoadOptions) -> Decoded:
    charset = _charset(raw, declared)
    if charset is not None and not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(normalise_newlines(raw.decode(charset)), charset)
        except UnicodeDecodeError:
            pass  # the declaration is wrong: decode as a text file would be
    return decode_bytes(raw, encoding=options.encoding, fallback=options.fallback_encoding)


def extract_page(html: str, *, url: str | None = None):
    """Article text and metadata of one page: ``(text, title, date, url)``, or ``None``.

    ``text`` is ``None`` when trafilatura finds no main text (an index page,
    a login wall, an empty page).
    """
    import trafilatura
    from lxml.etree import LxmlError

    try:
        found = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                            include_comments=False, include_tables=True)
    except (LxmlError, ValueError, TypeError) as exc:  # a page lxml cannot parse
        return None, None, None, url, f"{type(exc).__name__}: {exc}"
    if found is None or not (found.text or "").strip():
        return None, None, None, url, "trafilatura found no main text"
    return found.text, found.title or None, found.date or None, found.url or url, ""


def read_html(raw: bytes, *, doc_id: str, where: str, options: LoadOptions, log: ProblemLog,
              url: str | None = None, declared_charset: str | None = None) -> Doc | None:
    """One document from the bytes of a web page, or ``None`` (listed in ``log``)."""
    decoded = _decode_page(raw, declared_charset, options)
    if decoded.text is None:
        log.skipped(where, decoded.problem, decoded.detail, doc_id=doc_id)
        return None
    html = decoded.text
    text, title, date, page_url, why = extract_page(html, url=url)
    if text is None:
        log.skipped(where, "no article text", f"{why}; the page may be an index, a login wall "
                                              f"or empty", doc_id=doc_id)
        return None
    page = Decoded(normalise_newlines(text), decoded.encoding,
                   fallback_detail=decoded.fallback_detail)
    doc = text_document(page, doc_id=doc_id, where=where, options=options, log=log,
                        flags=("html_extracted",), meta=(("url", page_url), ("date", date)))
    log.loaded(where, doc_id, "extracted from HTML",
               f"trafilatura kept {len(doc.text):,} of {len(html):,} characters (title "
               f"{title!r}, date {date or 'none'}, url {page_url or 'none'}); flagged "
               f"'html_extracted'")
    return dataclasses.replace(doc, title=title)


def _is_text_type(content_type: str) -> str | None:
    low = content_type.lower()
    if "html" in low:
        return "html"
    if low.startswith("text/plain"):
        return "text"
    return None


def read_warc(path: str, *, doc_id: str, where: str, options: LoadOptions,
              log: ProblemLog) -> list[Doc]:
    """The documents of a WARC archive: one per HTML or plain-text response."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    f, problem = open_regular_file(path, max_bytes=2**62)  # read by record: each has the limit
    if f is None:
        log.skipped(where, problem.problem, problem.detail)
        return []
    docs: list[Doc] = []
    n_records = 0
    with f:
        magic = f.read(5)
        f.seek(0)
        if not magic.startswith((b"WARC/", b"\x1f\x8b")):
            log.skipped(where, "not a WARC file", f"starts with {magic!r}, not 'WARC/' (or gzip)")
            return []
        try:
            for record in ArchiveIterator(f):
                n_records += 1
                if record.rec_type not in ("response", "resource", "conversion"):
                    continue  # requests, metadata, warcinfo: not documents
                here = f"{where}:record {n_records}"
                rid = f"{doc_id}/{n_records:05d}"
                url = record.rec_headers.get_header("WARC-Target-URI")
                headers = record.http_headers
                ctype = ((headers.get_header("Content-Type") if headers else None)
                         or record.rec_headers.get_header("Content-Type") or "")
                if headers is not None and record.rec_type == "response":
                    status = headers.get_statuscode() or ""
                    if not status.startswith("2"):
                        log.skipped(here, "not a page", f"HTTP status {status} for {url}",
                                    doc_id=rid)
                        continue
                kind = _is_text_type(ctype)
                if kind is None:
                    log.skipped(here, "not an HTML or text record",
                                f"content type {ctype or 'none'} ({url})", doc_id=rid)
                    continue
                payload = read_bounded(record.content_stream(), options.max_bytes)
                if payload is None:
                    log.skipped(here, "record too large",
                                f"more than max_bytes={options.max_bytes:,}; pass a larger "
                                f"max_bytes= (--max-bytes) to load it", doc_id=rid)
                    continue
                m = _HEADER_CHARSET_RE.search(ctype)
                if kind == "html":
                    doc = read_html(payload, doc_id=rid, where=here, options=options, log=log,
                                    url=url, declared_charset=m.group(1) if m else None)
                else:
                    decoded = decode_bytes(payload, encoding=options.encoding,
                                           fallback=options.fallback_encoding)
                    if decoded.text is None:
                        log.skipped(here, decoded.problem, decoded.detail, doc_id=rid)
                        continue
                    doc = text_document(decoded, doc_id=rid, where=here, options=options,
                                        log=log, meta=(("url", url), ("date", None)))
                if doc is not None:
                    docs.append(doc)
        except (ArchiveLoadFailed, ValueError, EOFError, OSError) as exc:
            at = f"{where}:record {n_records + 1}" if n_records else where
            log.skipped(at, "unreadable WARC" if n_records else "not a WARC file",
                        f"{type(exc).__name__}: {exc}"[:300]
                        + (f"; the {len(docs)} document(s) before it are loaded" if docs else ""))
        else:
            if not n_records:
                log.skipped(where, "empty WARC", "the archive holds no record")
            elif not docs:
                log.skipped(where, "no documents", f"none of its {n_records} record(s) is an "
                                                   f"HTML or text page")
    return docs
