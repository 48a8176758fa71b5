"""A parsed paragraph kept as a few numpy columns, rebuilt into a spaCy `Doc` when a stage reads it.

A live `Doc` costs about 240 bytes a token; these columns about 80. The most recently read docs are
kept live in a bounded cache, so a work of ordinary length is never rebuilt at all, and a work of
millions of words holds its parse in a fraction of the memory (rebuilding costs ~2 µs a token,
against ~150 µs to parse it).
"""
from __future__ import annotations

import os
from collections import OrderedDict
from typing import TYPE_CHECKING

import numpy

if TYPE_CHECKING:
    from spacy.tokens import Doc

ATTRS = ("LEMMA", "TAG", "POS", "MORPH", "DEP", "HEAD", "SENT_START", "ENT_IOB", "ENT_TYPE")
CACHE_SIZE = int(os.environ.get("FICMELD_PARSE_CACHE", "2048"))  # live docs kept, in paragraphs
_live: OrderedDict[int, tuple["PackedDoc", "Doc"]] = OrderedDict()


class PackedDoc:
    __slots__ = ("vocab", "text", "starts", "lengths", "spaces", "columns", "__weakref__")

    def __init__(self, doc: "Doc"):
        self.vocab = doc.vocab
        self.text = doc.text
        self.starts = numpy.fromiter((t.idx for t in doc), dtype=numpy.int32, count=len(doc))
        self.lengths = numpy.fromiter((len(t) for t in doc), dtype=numpy.int32, count=len(doc))
        self.spaces = numpy.fromiter((bool(t.whitespace_) for t in doc), dtype=numpy.bool_, count=len(doc))
        self.columns = doc.to_array(list(ATTRS))
        _remember(self, doc)

    def unpack(self) -> "Doc":
        hit = _live.get(id(self))
        if hit is not None and hit[0] is self:
            _live.move_to_end(id(self))
            return hit[1]
        doc = self._rebuild()
        _remember(self, doc)
        return doc

    def _rebuild(self) -> "Doc":
        from spacy.tokens import Doc

        words = [self.text[s:s + n] for s, n in zip(self.starts.tolist(), self.lengths.tolist())]
        doc = Doc(self.vocab, words=words, spaces=self.spaces.tolist())
        return doc.from_array(list(ATTRS), self.columns)


def _remember(packed: PackedDoc, doc: "Doc") -> None:
    _live[id(packed)] = (packed, doc)
    _live.move_to_end(id(packed))
    while len(_live) > CACHE_SIZE:
        _live.popitem(last=False)


def forget_all() -> None:
    """Drop every live doc (the packed columns stay with their works)."""
    _live.clear()
