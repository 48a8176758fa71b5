"""Readers: a file's bytes to a `Work` with text, blocks, emphasis and declared metadata.

The format is chosen from the content first and the extension second, so a story page saved
as `.txt` or an EPUB renamed `.zip` still reads correctly.
"""
from __future__ import annotations

import hashlib
import os
import zipfile
from io import BytesIO
from pathlib import Path

from ficmeld.errors import FormatError, InputError
from ficmeld.ingest.decode import decode_bytes, normalise_newlines
from ficmeld.ingest.text import marked_emphasis, text_blocks
from ficmeld.model.document import Source
from ficmeld.model.work import Work

FORMATS = ("text", "markdown", "html", "ao3-html", "epub")
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}


def read_bytes(path: str | os.PathLike) -> bytes:
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", path=str(p), fix="check the path")
    if p.is_dir():
        raise InputError("this is a directory", path=str(p),
                         fix="name a file, or use `ficmeld corpus` for a folder of works")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", path=str(p), fix="check its permissions") from None


def detect_format(data: bytes, path: str) -> str:
    suffix = Path(path).suffix.lower()
    if data[:4] == b"PK\x03\x04":
        return "epub"
    head = data[:4096].lstrip().lower()
    for bom in (b"\xef\xbb\xbf",):
        head = head.removeprefix(bom)
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or (suffix in {".html", ".htm", ".xhtml"}):
        sniff = data[:200_000].lower()
        if b"archiveofourown.org" in sniff or b'class="tags"' in sniff and b"preface" in sniff:
            return "ao3-html"
        return "html"
    if suffix == ".epub":
        return "epub"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


def source_for(data: bytes, path: str, fmt: str, encoding: str | None = None, notes: list[str] | None = None) -> Source:
    return Source(path=str(path), format=fmt, sha256=hashlib.sha256(data).hexdigest(),
                  encoding=encoding, notes=notes or [])


def read_text_work(data: bytes, path: str) -> Work:
    decoded = decode_bytes(data, path=path)
    text = normalise_newlines(decoded.text)
    if not text.strip():
        raise InputError("the file holds only whitespace", path=path, fix="give a file that holds a story")
    notes = [decoded.note] if decoded.note else []
    blocks = text_blocks(text)
    emphasis = [span for b in blocks if any(ch.isalpha() for ch in text[b.start:b.end])
                for span in marked_emphasis(text, b)]
    return Work(text=text, source=source_for(data, path, "text", decoded.encoding, notes), blocks=blocks,
                emphasis=emphasis)


def read_work(path: str | os.PathLike, *, fmt: str | None = None) -> Work:
    """Read one file into a `Work`. Raises `InputError`/`FormatError` with a fix in the message."""
    data = read_bytes(path)
    return read_work_bytes(data, str(path), fmt=fmt)


def read_work_bytes(data: bytes, path: str, *, fmt: str | None = None) -> Work:
    if not data.strip():
        raise InputError("the file is empty", path=path, fix="give a file that holds a story")
    fmt = fmt or detect_format(data, path)
    if fmt == "text":
        work = read_text_work(data, path)
    elif fmt == "markdown":
        from ficmeld.ingest.markdown import read_markdown
        work = read_markdown(data, path)
    elif fmt in ("html", "ao3-html"):
        from ficmeld.ingest.html import read_html
        work = read_html(data, path)
    elif fmt == "epub":
        if data[:4] != b"PK\x03\x04":
            raise FormatError("this is not an EPUB (not a zip archive)", path=path,
                              fix="give a complete .epub file, or rename a text file to .txt")
        if not _is_zip(data):
            raise FormatError("the EPUB is damaged or truncated", path=path, fix="download the EPUB again")
        from ficmeld.ingest.epub import read_epub
        work = read_epub(data, path)
    else:
        raise InputError(f"unknown format {fmt!r}", path=path, fix=f"use one of {', '.join(FORMATS)}")
    if not work.text.strip() or not work.blocks:
        raise FormatError("no story text was found", path=path, fix="give the page or file that holds the story itself")
    return work


def _is_zip(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)):
            return True
    except zipfile.BadZipFile:
        return False
