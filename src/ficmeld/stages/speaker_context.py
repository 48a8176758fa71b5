"""What the speaker passes share: the quotes and mentions in reading order, and how a speaker is set."""
from __future__ import annotations

import bisect
from typing import Iterator

from ficmeld.model.document import Mention, Quote
from ficmeld.model.work import Work

CONFIDENCE = {"explicit": 0.9, "anaphoric": 0.8, "introduced": 0.6, "echo": 0.65, "paragraph": 0.75, "adjacent": 0.6,
              "repeat": 0.6, "vocative": 0.6, "turn-taking": 0.55, "context": 0.35}


class SpeakerContext:
    def __init__(self, work: Work):
        self.work = work
        self.quotes = sorted(work.quotes, key=lambda q: q.start)
        self.quote_starts = [q.start for q in self.quotes]
        self.mentions = sorted(work.mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.group = work.scratch.get("quotes.group", {})
        self.unnamed: dict[tuple, str] = {}  # (scene, description) -> the character opened for an unnamed speaker

    def in_quote(self, offset: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, offset) - 1
        return i >= 0 and self.quotes[i].start <= offset < self.quotes[i].end

    def mentions_in(self, start: int, end: int, *, outside_quotes: bool = True) -> list[Mention]:
        lo = bisect.bisect_left(self.mention_starts, start)
        hi = bisect.bisect_left(self.mention_starts, end)
        return [m for m in self.mentions[lo:hi] if m.character and not (outside_quotes and self.in_quote(m.start))]

    def covering(self, offset: int) -> Iterator[Mention]:
        """Mentions that cover `offset`, the one starting latest first (a mention spans under 200 characters)."""
        i = bisect.bisect_right(self.mention_starts, offset) - 1
        while i >= 0 and self.mentions[i].end > offset - 200:
            m = self.mentions[i]
            if m.start <= offset < m.end:
                yield m
            i -= 1

    def unresolved_at(self, offset: int) -> list[Mention]:
        """Mentions without a character that cover `offset`."""
        return [m for m in self.covering(offset) if m.character is None]

    def unresolved_in(self, start: int, end: int) -> list[Mention]:
        lo = bisect.bisect_left(self.mention_starts, start)
        hi = bisect.bisect_left(self.mention_starts, end)
        return [m for m in self.mentions[lo:hi] if m.character is None and not self.in_quote(m.start)]

    def mention_at(self, offset: int) -> Mention | None:
        return next((m for m in self.covering(offset) if m.character), None)

    def paragraph_quotes(self, q: Quote) -> list[Quote]:
        p = self.work.paragraph_at(q.start)
        if p is None:
            return [q]
        lo = bisect.bisect_left(self.quote_starts, p.start)
        hi = bisect.bisect_left(self.quote_starts, p.end)
        return self.quotes[lo:hi]


def set_speaker(q: Quote, speaker: str | None, method: str, addressee: str | None = None) -> None:
    q.speaker = speaker
    q.method = method
    q.confidence = CONFIDENCE[method]
    if addressee and addressee != speaker and q.addressee is None:
        q.addressee = addressee
