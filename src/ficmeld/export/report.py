"""The HTML report: one self-contained page per work, rendered from the analysis document.

Python only computes a view model (plain dicts, plot coordinates); every tag is written by the
jinja2 templates in export/templates/ with autoescaping on.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from ficmeld.errors import FicmeldError
from ficmeld.export.report_common import (EMOTION_COLOURS, LONG_WORK_PARAGRAPHS, MAX_EVIDENCE_LINKS, PALETTE,
                                          TAG_FACETS, Locator)
from ficmeld.export.report_plots import conversation_matrix, emotion_plot, pov_timeline, valence_plot
from ficmeld.export.report_text import paragraph_views
from ficmeld.model import Analysis

_TEMPLATES = Path(__file__).parent / "templates"
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
    locator = Locator(analysis)
    anchors = _tag_anchors(analysis)
    paragraphs, capped = paragraph_views(analysis, names, locator, anchors)
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
        "timeline": pov_timeline(analysis, names, colours),
        "emotion_plots": [p for p in (emotion_plot(analysis, c, locator) for c in main) if p],
        "valence": valence_plot(analysis, locator),
        "talk": conversation_matrix(analysis, names),
        "paragraphs": paragraphs,
        "capped": capped,
        "long_work": LONG_WORK_PARAGRAPHS,
        "emotion_colours": EMOTION_COLOURS,
        "css": (_TEMPLATES / "report.css").read_text(encoding="utf-8"),
        "js": (_TEMPLATES / "report.js").read_text(encoding="utf-8"),
    }


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


def _evidence_links(spans, locator: Locator, anchors: dict[tuple[int, int], str]) -> list[dict]:
    links, seen = [], set()
    for e in spans[:MAX_EVIDENCE_LINKS]:
        label = locator.label(e.start)
        if label in seen:  # one link per paragraph is enough to find the words
            continue
        seen.add(label)
        anchor = anchors.get((e.start, e.end)) or locator.anchor(e.start)
        links.append({"href": f"#{anchor}", "label": label})
    return links


def _tag_rows(analysis: Analysis, locator: Locator, anchors: dict[tuple[int, int], str]) -> list[dict]:
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
