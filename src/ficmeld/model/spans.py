"""Sorted (start, end) spans answering 'is this offset inside one?' and 'does this range touch one?'
by bisection: a long work has hundreds of thousands of quotes, paragraphs and names."""
from __future__ import annotations

import bisect
from typing import Iterable


class SpanIndex:
    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.reach = max((e - s for s, e in self.spans), default=0)  # how far back an overlapping span can start

    def holds(self, offset: int) -> bool:
        """`offset` lies inside a span (spans assumed not to nest)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and self.spans[i][0] <= offset < self.spans[i][1]

    def contains(self, start: int, end: int) -> bool:
        """[start, end) lies inside one span (spans assumed not to nest)."""
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.spans[i][0] <= start and end <= self.spans[i][1]

    def overlaps(self, start: int, end: int) -> bool:
        """Some span shares a character with [start, end); spans may nest or overlap."""
        lo = bisect.bisect_left(self.starts, start - self.reach)
        hi = bisect.bisect_left(self.starts, end)
        return any(s < end and start < e for s, e in self.spans[lo:hi])
