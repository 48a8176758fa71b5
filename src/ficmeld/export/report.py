"""The HTML report: one self-contained page per work, rendered from the analysis document.

Python only computes a view model (plain dicts, plot coordinates); every tag is written by the
jinja2 templates in export/templates/ with autoescaping on.
"""
from __future__ import annotations

import bisect
from collections import Counter
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from ficmeld.errors import FicmeldError
from ficmeld.model import EMOTIONS, Analysis, Character

_TEMPLATES = Path(__file__).parent / "templates"
# Markup caps so a 500k-word work stays a page a browser can open.
MAX_QUOTE_MARKS = 20_000
MAX_EMOTION_MARKS = 3_000
MAX_EVIDENCE_LINKS = 5
MAX_BOLD_EMOTIONS = 4
LONG_WORK_PARAGRAPHS = 1_500
# Dark enough for white text and as a border on white (WCAG AA on white for each).
PALETTE = ("#1f5fa8", "#b3261e", "#2e7d32", "#7b1fa2", "#a14e00", "#00727a", "#ad1457",
           "#4e5b00", "#5d4037", "#37474f")
EMOTION_COLOURS = {"anger": "#c62828", "anticipation": "#ef6c00", "disgust": "#6d4c41",
                   "fear": "#6a1b9a", "joy": "#f9a825", "sadness": "#1565c0",
                   "surprise": "#00838f", "trust": "#2e7d32"}
TAG_FACETS = ("fandoms", "rating", "warnings", "category", "relationships", "characters", "freeform",
              "ffnet_rating", "ffnet_genres")
PLOT_W, PLOT_H, PAD_L, PAD_R, PAD_T, PAD_B = 640, 220, 60, 12, 12, 40


def render_report(analysis: Analysis) -> str:
    """The report of one work as a complete HTML page (no external resources)."""
    return _environment().get_template("report.html.j2").render(**report_context(analysis))


def write_report(analysis: Analysis, path: str | Path) -> Path:
    path = Path(path)
    html = render_report(analysis)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise FicmeldError(f"cannot write the report: {exc.strerror}", path=str(path),
                           fix="choose a writable output directory") from exc
    return path


def _environment() -> Environment:
    return Environment(loader=PackageLoader("ficmeld.export", "templates"),
                       autoescape=select_autoescape(["html", "j2", "svg"], default=True),
                       trim_blocks=True, lstrip_blocks=True)


def report_context(analysis: Analysis) -> dict:
    """Everything the template shows, computed from the document alone."""
    colours = {c.id: PALETTE[i % len(PALETTE)] for i, c in
               enumerate(sorted(analysis.characters, key=lambda c: -c.mentions))}
    names = {c.id: c.name for c in analysis.characters}
    locator = _Locator(analysis)
    anchors = _tag_anchors(analysis)
    paragraphs, capped = _paragraph_views(analysis, names, locator, anchors)
    main = [c for c in analysis.characters if c.role == "main"] or \
        sorted(analysis.characters, key=lambda c: -c.mentions)[:3]
    return {
        "title": str(analysis.metadata.get("title") or Path(analysis.source.path).stem or "Untitled work"),
        "source": analysis.source,
        "metadata": _metadata_rows(analysis),
        "stats": analysis.stats,
        "colours": colours,
        "characters": _character_views(analysis, colours),
        "tags": _tag_rows(analysis, locator, anchors),
        "timeline": _pov_timeline(analysis, names, colours),
        "emotion_plots": [p for p in (_emotion_plot(analysis, c, locator) for c in main) if p],
        "valence": _valence_plot(analysis, locator),
        "talk": _conversation_matrix(analysis, names),
        "paragraphs": paragraphs,
        "capped": capped,
        "long_work": LONG_WORK_PARAGRAPHS,
        "emotion_colours": EMOTION_COLOURS,
        "css": (_TEMPLATES / "report.css").read_text(encoding="utf-8"),
        "js": (_TEMPLATES / "report.js").read_text(encoding="utf-8"),
    }


class _Locator:
    """Offset -> paragraph anchor, by bisection over the paragraph starts."""

    def __init__(self, analysis: Analysis):
        self.paragraphs = analysis.paragraphs
        self.starts = [p.start for p in analysis.paragraphs]

    def anchor(self, offset: int) -> str | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        return f"p{self.paragraphs[i].index}" if i >= 0 else None

    def label(self, offset: int) -> str:
        i = bisect.bisect_right(self.starts, offset) - 1
        return f"¶{self.paragraphs[i].index + 1}" if i >= 0 else "start"


def _metadata_rows(analysis: Analysis) -> list[tuple[str, str]]:
    return [(k.replace("_", " "), ", ".join(map(str, v)) if isinstance(v, list) else str(v))
            for k, v in analysis.metadata.items() if k != "title"]


def _character_views(analysis: Analysis, colours: dict[str, str]) -> list[dict]:
    said = Counter(q.speaker for q in analysis.quotes if q.speaker)
    return [{"id": c.id, "name": c.name, "aliases": [a for a in c.aliases if a != c.name],
             "role": c.role, "mentions": c.mentions, "lines": said.get(c.id, c.quotes),
             "words": c.words_spoken, "canonical": c.canonical, "colour": colours[c.id]}
            for c in sorted(analysis.characters, key=lambda c: (-c.mentions, c.id))]


def _suggestions(analysis: Analysis, facet: str) -> list:
    value = getattr(analysis.tags, facet)
    return [value] if value is not None and not isinstance(value, list) else (value or [])


def _tag_anchors(analysis: Analysis) -> dict[tuple[int, int], str]:
    """Ids for the first few evidence spans of each suggestion, so links can land on the words."""
    spans = {(e.start, e.end) for facet in TAG_FACETS for s in _suggestions(analysis, facet)
             for e in s.evidence[:MAX_EVIDENCE_LINKS] if 0 <= e.start < e.end <= len(analysis.text)}
    return {span: f"ev-{span[0]}-{span[1]}" for span in sorted(spans)}


def _evidence_links(spans, locator: _Locator, anchors: dict[tuple[int, int], str]) -> list[dict]:
    links, seen = [], set()
    for e in spans[:MAX_EVIDENCE_LINKS]:
        label = locator.label(e.start)
        if label in seen:  # one link per paragraph is enough to find the words
            continue
        seen.add(label)
        anchor = anchors.get((e.start, e.end)) or locator.anchor(e.start)
        links.append({"href": f"#{anchor}", "label": label})
    return links


def _tag_rows(analysis: Analysis, locator: _Locator, anchors: dict[tuple[int, int], str]) -> list[dict]:
    rows = []
    for facet in TAG_FACETS:
        suggested = _suggestions(analysis, facet)
        declared = analysis.metadata.get(facet, [])
        declared = declared if isinstance(declared, list) else [declared]
        if not suggested and not declared:
            continue
        lowered = {str(d).casefold() for d in declared}
        rows.append({"facet": facet.replace("_", " "), "declared": [str(d) for d in declared],
                     "suggested": [{"tag": s.tag, "confidence": s.confidence, "reason": s.reason,
                                    "agrees": s.tag.casefold() in lowered,
                                    "evidence": _evidence_links(s.evidence, locator, anchors)}
                                   for s in suggested]})
    return rows


def _pov_timeline(analysis: Analysis, names: dict[str, str], colours: dict[str, str]) -> dict:
    """Scenes as bars along the text, coloured by POV character, head-hops as ticks."""
    if not analysis.scenes:
        return {"scenes": [], "hops": [], "legend": []}
    lo, hi = analysis.scenes[0].start, max(s.end for s in analysis.scenes)
    scale = 1000 / max(hi - lo, 1)
    scenes, hops, seen = [], [], {}
    for s in analysis.scenes:
        pov = s.pov.character if s.pov else None
        name = names.get(pov, "unknown") if pov else "no single POV"
        seen[name] = colours.get(pov, "#757575")
        scenes.append({"index": s.index, "chapter": s.chapter, "x": (s.start - lo) * scale,
                       "w": max((s.end - s.start) * scale - 2, 2), "colour": seen[name], "name": name,
                       "person": s.pov.person if s.pov else None, "tense": s.pov.tense if s.pov else None,
                       "confidence": s.pov.confidence if s.pov else None, "hops": len(s.head_hops),
                       "href": f"#scene{s.index}"})
        for h in s.head_hops:
            hops.append({"x": (h.start - lo) * scale, "href": f"#scene{s.index}",
                         "label": f"head-hop in scene {s.index + 1}: {names.get(h.from_, '?')} → "
                                  f"{names.get(h.to, '?')}", "start": h.start})
    return {"scenes": scenes, "hops": hops, "legend": list(seen.items())}


def _axis_x(start: int, lo: int, hi: int) -> float:
    return PAD_L + (start - lo) / max(hi - lo, 1) * (PLOT_W - PAD_L - PAD_R)


def _axis_y(value: float, vmin: float, vmax: float) -> float:
    return PAD_T + (vmax - value) / max(vmax - vmin, 1e-9) * (PLOT_H - PAD_T - PAD_B)


def _emotion_series(analysis: Analysis, character: Character) -> list[tuple[int, int, dict[str, float]]]:
    points = analysis.arcs.per_character.get(character.id)
    if points:
        return [(p.start, p.end, p.emotions) for p in points]
    # No arc for this character: one point per reading span, the strongest reading of each emotion.
    by_span: dict[tuple[int, int], dict[str, float]] = {}
    for e in analysis.emotions:
        if e.experiencer == character.id and not e.negated:
            slot = by_span.setdefault((e.start, e.end), {})
            slot[e.emotion] = max(slot.get(e.emotion, 0.0), e.intensity)
    return [(a, b, em) for (a, b), em in sorted(by_span.items())]


def _emotion_plot(analysis: Analysis, character: Character, locator: _Locator) -> dict | None:
    series = _emotion_series(analysis, character)
    if not series:
        return None
    lo, hi = analysis.scenes[0].start if analysis.scenes else 0, len(analysis.text)
    vmax = max([v for _, _, em in series for v in em.values()] + [1e-6])
    peaks = []
    for emotion in EMOTIONS:
        values = [em.get(emotion, 0.0) for _, _, em in series]
        top = max(values)
        if top <= 0:
            continue
        i = values.index(top)
        # Arcs are smoothed: jump to the strongest reading near the drawn peak, else to the peak itself.
        window = (series[max(i - 1, 0)][0], series[min(i + 1, len(series) - 1)][1])
        target = _strongest_reading(analysis, character.id, emotion, window) or series[i][0]
        peaks.append({"emotion": emotion, "colour": EMOTION_COLOURS[emotion], "x": _axis_x(series[i][0], lo, hi),
                      "y": _axis_y(top, 0, vmax), "value": top, "href": f"#{locator.anchor(target)}",
                      "where": locator.label(target),
                      "points": " ".join(f"{_axis_x(s, lo, hi):.1f},{_axis_y(v, 0, vmax):.1f}"
                                         for (s, _, _), v in zip(series, values))})
    # Beyond the strongest few the lines only tangle: they are drawn faint and get no marker.
    strongest = sorted(peaks, key=lambda p: -p["value"])[:MAX_BOLD_EMOTIONS]
    for p in peaks:
        p["bold"] = p in strongest
    return {"id": character.id, "name": character.name, "peaks": peaks, "ymax": vmax,
            "w": PLOT_W, "h": PLOT_H, "pad": (PAD_L, PAD_R, PAD_T, PAD_B)}


def _strongest_reading(analysis: Analysis, character_id: str, emotion: str, window: tuple[int, int]) -> int | None:
    best = None
    for e in analysis.emotions:
        if (e.experiencer == character_id and e.emotion == emotion and not e.negated
                and window[0] <= e.start < window[1] and (best is None or e.intensity > best[0])):
            best = (e.intensity, e.start)
    return best[1] if best else None


def _valence_plot(analysis: Analysis, locator: _Locator) -> dict | None:
    points = analysis.arcs.points
    if not points:
        return None
    lo, hi = points[0].start, max(points[-1].end, points[0].start + 1)
    bound = max([abs(p.valence) for p in points] + [1e-6])
    low = min(points, key=lambda p: p.valence)
    high = max(points, key=lambda p: p.valence)
    mark = lambda p, what: {"x": _axis_x(p.start, lo, hi), "y": _axis_y(p.valence, -bound, bound),  # noqa: E731
                            "href": f"#{locator.anchor(p.start)}", "where": locator.label(p.start),
                            "label": what, "value": p.valence}
    return {"points": " ".join(f"{_axis_x(p.start, lo, hi):.1f},{_axis_y(p.valence, -bound, bound):.1f}"
                               for p in points),
            "zero": _axis_y(0, -bound, bound), "bound": bound, "marks": [mark(high, "most positive"),
                                                                       mark(low, "most negative")],
            "w": PLOT_W, "h": PLOT_H, "pad": (PAD_L, PAD_R, PAD_T, PAD_B)}


def _conversation_matrix(analysis: Analysis, names: dict[str, str]) -> dict:
    counts = Counter((q.speaker, q.addressee) for q in analysis.quotes if q.speaker)
    speakers = sorted({s for s, _ in counts}, key=lambda c: -sum(n for (s, _), n in counts.items() if s == c))
    listeners = sorted({a for _, a in counts if a}, key=lambda c: names.get(c, c))
    unknown = any(a is None for _, a in counts)
    columns = [(a, names.get(a, a)) for a in listeners] + ([(None, "nobody named")] if unknown else [])
    top = max(counts.values(), default=1)
    rows = [{"id": s, "name": names.get(s, s), "cells": [
        {"n": counts.get((s, a), 0), "alpha": counts.get((s, a), 0) / top} for a, _ in columns]}
        for s in speakers]
    return {"columns": [n for _, n in columns], "rows": rows}


def _paragraph_views(analysis: Analysis, names: dict[str, str], locator: _Locator,
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
