"""The report's plots as view models: the POV timeline, emotion and valence arcs, who talks to whom."""
from __future__ import annotations

from collections import Counter

from ficmeld.export.report_common import (EMOTION_COLOURS, MAX_BOLD_EMOTIONS, PAD_B, PAD_L, PAD_R, PAD_T, PLOT_H,
                                          PLOT_W, Locator)
from ficmeld.model import EMOTIONS, Analysis, Character


def pov_timeline(analysis: Analysis, names: dict[str, str], colours: dict[str, str]) -> dict:
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


def emotion_plot(analysis: Analysis, character: Character, locator: Locator) -> dict | None:
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


def valence_plot(analysis: Analysis, locator: Locator) -> dict | None:
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


def conversation_matrix(analysis: Analysis, names: dict[str, str]) -> dict:
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
