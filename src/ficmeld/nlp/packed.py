"""A paragraph's parse that packs itself into a few numpy columns when memory runs short.

A live spaCy `Doc` costs about 240 bytes a token, packed columns about 80. Every parse starts live
and is registered in one bounded cache of live docs, counted in tokens; when the cache is full the
least recently read parse is packed and its Doc let go. `doc` rebuilds a packed parse on demand
(~2-8 µs a token, against ~150 µs to parse it). A work below the budget is never packed at all, so
ordinary works pay nothing and a work of millions of words holds its parse in a third of the memory.
"""
from __future__ import annotations

import os
from collections import OrderedDict
from typing import TYPE_CHECKING

import numpy

if TYPE_CHECKING:
    from spacy.tokens import Doc

ATTRS = ["LEMMA", "TAG", "POS", "MORPH", "DEP", "HEAD", "SENT_START", "ENT_IOB", "ENT_TYPE"]
TOKEN_BUDGET = int(os.environ.get("FICMELD_LIVE_TOKENS", "1000000"))  # ~240 MB of live docs


class PackableDoc:
    __slots__ = ("vocab", "text", "size", "live", "starts", "lengths", "spaces", "columns")

    def __init__(self, doc: "Doc"):
        self.vocab = doc.vocab
        self.text = doc.text
        self.size = len(doc)
        self.live: "Doc | None" = doc
        self.columns: numpy.ndarray | None = None
        _cache.touch(self)

    def unpack(self) -> "Doc":
        if self.live is None:
            self.live = self._rebuild()
        _cache.touch(self)
        return self.live

    def pack(self) -> None:
        """Keep the parse as columns only (they are computed once; a rebuilt Doc reads the same)."""
        if self.columns is None and self.live is not None:
            doc = self.live
            self.starts = numpy.fromiter((t.idx for t in doc), dtype=numpy.int32, count=len(doc))
            self.lengths = numpy.fromiter((len(t) for t in doc), dtype=numpy.int32, count=len(doc))
            self.spaces = numpy.fromiter((bool(t.whitespace_) for t in doc), dtype=numpy.bool_, count=len(doc))
            self.columns = doc.to_array(ATTRS)
        self.live = None

    def _rebuild(self) -> "Doc":
        from spacy.tokens import Doc

        if self.columns is None:
            raise RuntimeError("a parse was let go before it was packed")
        words = [self.text[s:s + n] for s, n in zip(self.starts.tolist(), self.lengths.tolist())]
        doc = Doc(self.vocab, words=words, spaces=self.spaces.tolist())
        return doc.from_array(ATTRS, self.columns)


class _LiveCache:
    """Least recently read parses that are live, by identity; packs the oldest past the token budget."""

    def __init__(self) -> None:
        self.order: OrderedDict[int, PackableDoc] = OrderedDict()
        self.tokens = 0

    def touch(self, parse: PackableDoc) -> None:
        key = id(parse)
        if key in self.order:
            self.order.move_to_end(key)
            return
        self.order[key] = parse
        self.tokens += parse.size
        while self.tokens > TOKEN_BUDGET and len(self.order) > 1:
            _, oldest = self.order.popitem(last=False)
            self.tokens -= oldest.size
            oldest.pack()

    def clear(self) -> None:
        self.order.clear()
        self.tokens = 0


_cache = _LiveCache()


def forget_all() -> None:
    """Stop tracking every live parse (call when the works that own them are done)."""
    _cache.clear()
