"""A description called out inside a quote names its listener: '"Yes, sir."', '"Sit down, my boy."'.

A nominal mention that stands alone between the quote's opening (or a comma) and a comma, stop, or
the closing mark is said to someone, so it is the quote's addressee. Where the speakers stage found
no addressee, it is the last one who spoke before, if that was someone else: "sir" answers them. A
plural ("Come on, boys") addresses a group, not one character, and is left alone. Runs once the
speakers are known (roles stage), one pass over the mentions.
"""
from __future__ import annotations

import bisect

from ficmeld.model.work import Work

OPENING = ",“\"‘'—–-"  # what may stand just before a called-out description (after spaces)
CLOSING = (",", "!", "?", ".", "”", '"', "’", "—", "–")
REPLY_REACH = 600  # characters back to the quote a vocative may answer


def resolve_vocatives(work: Work) -> None:
    """Unresolved singular nominal mentions called out in a quote go to whom the quote is said to."""
    if not work.quotes:
        return
    quotes = sorted(work.quotes, key=lambda q: q.start)
    starts = [q.start for q in quotes]
    heads = work.scratch.get("characters.nominal_heads", {})
    for m in work.mentions:
        if m.kind != "nominal" or m.character is not None:
            continue
        i = bisect.bisect_right(starts, m.start) - 1
        if i < 0 or not quotes[i].start <= m.start < quotes[i].end:
            continue
        head = heads.get(m.start)
        if head is not None and head.plural:
            continue
        q = quotes[i]
        if not _called_out(work.text, q.start, m.start, m.end):
            continue
        listener = q.addressee or _last_other_speaker(quotes, i)
        if listener is not None and listener != q.speaker:
            m.character = listener
            m.group = None


def _called_out(text: str, quote_start: int, start: int, end: int) -> bool:
    before = text[quote_start:start].rstrip()
    return (not before or before[-1] in OPENING) and text[end:end + 1] in CLOSING


def _last_other_speaker(quotes, i: int) -> str | None:
    """The speaker of the latest quote before quote i, within reach, who is not quote i's speaker."""
    for j in range(i - 1, -1, -1):
        if quotes[i].start - quotes[j].end > REPLY_REACH:
            return None
        if quotes[j].speaker and quotes[j].speaker != quotes[i].speaker:
            return quotes[j].speaker
    return None
