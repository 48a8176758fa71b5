"""Bytes to text: BOMs, UTF-16, and a cp1252 fallback that says so."""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from ficmeld.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass
class Decoded:
    text: str
    encoding: str
    note: str | None = None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB, outside UTF-16."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(head) // 100)


def decode_bytes(data: bytes, *, path: str) -> Decoded:
    if not data.strip():
        raise InputError("the file is empty", path=path, fix="give a file that holds a story")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"the {encoding} text is broken at byte {exc.start}", path=path,
                                 fix="re-save the file as UTF-8") from None
    if looks_binary(data):
        raise InputError("this is binary data, not text", path=path,
                         fix="give a .txt, .md, .html or .epub file")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(f"the text is neither UTF-8 nor Windows-1252 (byte {exc.start})", path=path,
                         fix="re-save the file as UTF-8") from None
    return Decoded(text, "cp1252", "not valid UTF-8: decoded as Windows-1252 (cp1252)")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
