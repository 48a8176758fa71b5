"""Reading the shared parse by character offsets into `Work.text`."""
from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Iterator

from ficmeld.model.work import ParsedParagraph, Work

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def parsed_at(work: Work, offset: int) -> ParsedParagraph | None:
    """The parsed piece that holds `offset`, or None (not body text)."""
    starts = work.scratch.get("_parsed_starts")
    if starts is None or len(starts) != len(work.parsed):
        starts = [pp.start for pp in work.parsed]
        work.scratch["_parsed_starts"] = starts
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0:
        return None
    pp = work.parsed[i]
    return pp if offset <= pp.start + len(pp.doc.text) else None


def span_at(work: Work, start: int, end: int, *, mode: str = "expand") -> "Span | None":
    """The spaCy span covering [start, end) of `Work.text`, or None."""
    pp = parsed_at(work, start)
    if pp is None:
        return None
    return pp.doc.char_span(start - pp.start, end - pp.start, alignment_mode=mode)


def token_start(pp: ParsedParagraph, token: "Token") -> int:
    return pp.start + token.idx


def token_end(pp: ParsedParagraph, token: "Token") -> int:
    return pp.start + token.idx + len(token.text)


def sentences(work: Work) -> Iterator[tuple[ParsedParagraph, "Span"]]:
    for pp in work.parsed:
        for sent in pp.doc.sents:
            yield pp, sent
