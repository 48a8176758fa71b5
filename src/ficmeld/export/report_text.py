"""The report's reading view: each paragraph cut into runs of narration, quotes and emotion marks."""
from __future__ import annotations

import bisect

from ficmeld.export.report_common import MAX_EMOTION_MARKS, MAX_QUOTE_MARKS, Locator
from ficmeld.model import Analysis


def paragraph_views(analysis: Analysis, names: dict[str, str], locator: Locator,
                     anchors: dict[tuple[int, int], str]) -> tuple[list[dict], list[str]]:
    """Each paragraph as runs (a quote or plain narration), each run as pieces (underlined or not)."""
    capped = []
    quotes = analysis.quotes
    if len(quotes) > MAX_QUOTE_MARKS:
        capped.append(f"only the first {MAX_QUOTE_MARKS} of {len(quotes)} quotes are coloured")
        quotes = quotes[:MAX_QUOTE_MARKS]
    readings = [e for e in analysis.emotions if not e.negated]
    if len(readings) > MAX_EMOTION_MARKS:
        capped.append(f"only the {MAX_EMOTION_MARKS} strongest of {len(readings)} emotion readings are underlined")
        readings = sorted(readings, key=lambda e: -e.intensity)[:MAX_EMOTION_MARKS]
    marks = sorted(_evidence_spans(analysis.text, readings, names)
                   | {(a, b, "evidence", anchor) for (a, b), anchor in anchors.items()})
    quotes = sorted(quotes, key=lambda q: q.start)
    scene_at = {}
    for s in analysis.scenes:
        i = bisect.bisect_right(locator.starts, s.start) - 1
        pov = s.pov.character if s.pov else None
        scene_at.setdefault(max(i, 0), {"index": s.index, "pov": f"{names[pov]}'s point of view" if pov in names
                                         else "no single point of view"})
    qi = mi = 0
    views = []
    text = analysis.text
    for pos, p in enumerate(analysis.paragraphs):
        while qi < len(quotes) and quotes[qi].end <= p.start:
            qi += 1
        while mi < len(marks) and marks[mi][1] <= p.start:
            mi += 1
        here_q = [q for q in quotes[qi:_upto(quotes, qi, p.end)] if q.end > p.start]
        here_m = [m for m in marks[mi:_upto_marks(marks, mi, p.end)] if m[1] > p.start]
        views.append({"id": f"p{p.index}", "number": p.index + 1, "part": p.part,
                      "scene": scene_at.get(pos),
                      "runs": _runs(text, p.start, p.end, here_q, here_m, names)})
    return views, capped


def _upto(quotes, i: int, end: int) -> int:
    while i < len(quotes) and quotes[i].start < end:
        i += 1
    return i


def _upto_marks(marks, i: int, end: int) -> int:
    while i < len(marks) and marks[i][0] < end:
        i += 1
    return i


def _evidence_spans(text: str, readings, names: dict[str, str]) -> set[tuple[int, int, str, str]]:
    """Underline the evidence words inside each reading's span; the span itself if none is found."""
    spans = set()
    for e in readings:
        who = names.get(e.experiencer, "someone") if e.experiencer else "someone"
        label = f"{e.emotion} ({who}, {e.intensity:.2f})"
        window = text[e.start:e.end].casefold()
        found = False
        for word in e.evidence:
            at = window.find(word.casefold()) if word else -1
            if at >= 0:
                spans.add((e.start + at, e.start + at + len(word), "emotion", label))
                found = True
        if not found and e.end - e.start <= 80:
            spans.add((e.start, e.end, "emotion", label))
    return spans


def _runs(text: str, start: int, end: int, quotes, marks, names: dict[str, str]) -> list[dict]:
    cuts = {start, end}
    for q in quotes:
        cuts.update((max(q.start, start), min(q.end, end)))
    for m in marks:
        cuts.update((max(m[0], start), min(m[1], end)))
    cuts = sorted(cuts)
    runs: list[dict] = []
    for a, b in zip(cuts, cuts[1:]):
        quote = next((q for q in quotes if q.start <= a < q.end), None)
        emotion = [m[3] for m in marks if m[2] == "emotion" and m[0] <= a < m[1]]
        evidence = [m for m in marks if m[2] == "evidence" and m[0] <= a < m[1]]
        piece = {"text": text[a:b], "emotion": "; ".join(emotion) or None,
                 "emotion_name": emotion[0].split(" ", 1)[0] if emotion else None,
                 "evidence": bool(evidence), "anchor": next((m[3] for m in evidence if m[0] == a), None)}
        if runs and runs[-1]["quote_obj"] is quote:
            runs[-1]["pieces"].append(piece)
            continue
        runs.append({"quote_obj": quote, "pieces": [piece], "quote": _quote_view(quote, names, end)})
    return runs


def _quote_view(quote, names: dict[str, str], paragraph_end: int) -> dict | None:
    if quote is None:
        return None
    speaker = names.get(quote.speaker, "unknown speaker") if quote.speaker else "unknown speaker"
    addressee = names.get(quote.addressee, "unknown") if quote.addressee else "no one named"
    return {"speaker": quote.speaker or "", "kind": quote.kind,
            "said_by": names.get(quote.speaker) if quote.end <= paragraph_end else None,
            "title": f"{speaker} to {addressee} ({quote.kind}, confidence {quote.confidence:.2f})"}
