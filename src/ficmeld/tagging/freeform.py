"""Additional (freeform) tags, the fandom tags, and the FanFiction.net rating and genres."""
from __future__ import annotations

import re
from collections import Counter

from ficmeld.fandoms import detect_fandoms
from ficmeld.model.document import Span, TagSuggestion, Tags
from ficmeld.model.work import Work
from ficmeld.tagging.common import LexiconHits, describe, suggestion


def fandom_tags(work: Work) -> list[TagSuggestion]:
    matches = detect_fandoms(work)
    out: list[TagSuggestion] = []
    for m in matches:
        if m.score < matches[0].score / 2:  # a crossover needs comparable evidence of its own
            break
        reason = "; ".join(m.reasons[:6])
        for i, tag in enumerate(m.tags):
            specific = i < len(m.tags) - 1
            out.append(suggestion(tag, m.confidence * (0.8 if specific else 1.0), m.evidence, reason))
    return out


MISSING_SCENE = re.compile(r"\b(missing scene|coda|episode tag|tag to|set (?:\(?\w+\)? )?(?:at|during|after|before|in)"
                           r" the|takes place (?:at|during|after|before)|fills? in the gap)", re.IGNORECASE)
AU = re.compile(r"\b(AU|alternate universe|alternative universe|modern au|canon divergence|what if)\b", re.IGNORECASE)


def freeform(work: Work, hits: LexiconHits, deaths: list, rels: list[TagSuggestion]) -> list[TagSuggestion]:
    out: list[TagSuggestion] = []
    share = _emotion_share(work)
    sad = share.get("sadness", 0) + share.get("fear", 0)
    happy = share.get("joy", 0) + share.get("trust", 0)
    evidence = lambda names: [Span(start=e.start, end=e.end) for e in work.emotions if e.emotion in names][:12]
    if sad >= 0.35:
        out.append(suggestion("Angst", 0.4 + sad, evidence(("sadness", "fear")), f"sadness and fear are {sad:.0%} of the feelings read"))
    if happy >= 0.5 and not deaths and sad < 0.25:
        out.append(suggestion("Fluff", 0.3 + happy / 2, evidence(("joy", "trust")), f"joy and trust are {happy:.0%} of the feelings read"))
    hurt, comfort = hits("mood.hurt"), hits("mood.comfort")
    if len(hurt) >= 2 and len(comfort) >= 2:
        out.append(suggestion("Hurt/Comfort", 0.5, hurt[:4] + comfort[:4], f"hurt {describe(work, hurt)} and comfort {describe(work, comfort)}"))
    friendship = [r for r in rels if " & " in r.tag and r.reason and r.reason.startswith("platonic")]
    if friendship:
        out.append(suggestion("Friendship", max(r.confidence for r in friendship), friendship[0].evidence, friendship[0].reason))
    if any("/" in r.tag for r in rels):
        out.append(suggestion("Romance", max(r.confidence for r in rels if "/" in r.tag), [], "a romantic relationship"))
    if deaths:
        out.append(suggestion("Character Death", deaths[0].confidence, deaths[0].evidence, "a main or supporting character dies"))
    grief = hits("mood.grief")
    if grief or (deaths and share.get("sadness", 0) >= 0.2):
        out.append(suggestion("Grief/Mourning", 0.4 + 0.1 * len(grief) + (0.2 if deaths else 0), grief,
                        f"grief words {describe(work, grief)}" if grief else "sadness after a death"))
    dialogue = _dialogue_share(work)
    if work.paragraphs and dialogue < 0.15:
        out.append(suggestion("Introspection", 0.75 - dialogue * 2, [], f"only {dialogue:.0%} of the body is dialogue"))
    out += _pov_tags(work)
    front = [(p.start, p.end) for p in work.parts if p.kind in ("summary", "author_note", "title")]
    for pattern, tag in ((MISSING_SCENE, "Missing Scene"), (AU, "Alternate Universe")):
        spans = [Span(start=m.start(), end=m.end()) for s, e in front for m in pattern.finditer(work.text, s, e)]
        if spans:
            out.append(suggestion(tag, 0.6, spans, f"the summary or notes say {describe(work, spans)}"))
    return out


def _emotion_share(work: Work) -> dict[str, float]:
    total = Counter()
    for e in work.emotions:
        if not e.negated:
            total[e.emotion] += e.intensity
    whole = sum(total.values())
    return {k: v / whole for k, v in total.items()} if whole else {}


def _dialogue_share(work: Work) -> float:
    body = sum(p.end - p.start for p in work.paragraphs if p.part == "body")
    spoken = sum(q.end - q.start for q in work.quotes if q.kind == "speech")
    return spoken / body if body else 0.0


def _pov_tags(work: Work) -> list[TagSuggestion]:
    scenes = [s for s in work.scenes if s.pov is not None]
    if not scenes:
        return []
    out = []
    for person, tag in (("first", "First Person"), ("second", "Second Person")):
        these = [s for s in scenes if s.pov.person == person]
        if len(these) * 2 > len(scenes):
            out.append(suggestion(tag, sum(s.pov.confidence for s in these) / len(these),
                            [Span(start=s.start, end=s.end) for s in these], f"{len(these)} of {len(scenes)} scenes in {person} person"))
    holders = [s for s in scenes if s.pov.character is not None and s.pov.confidence >= 0.4]
    distinct = list(dict.fromkeys(s.pov.character for s in holders))
    if len(distinct) >= 2:
        names = [(work.character(c).name if work.character(c) else c) for c in distinct]
        out.append(suggestion("Alternating Points of View", min(s.pov.confidence for s in holders),
                        [Span(start=s.start, end=s.start + 1) for s in holders], "scenes told by " + ", ".join(names)))
    return out


FFN_BY_RATING = {"General Audiences": "K+", "Teen And Up Audiences": "T", "Mature": "M", "Explicit": "M"}


def ffnet_rating(r: TagSuggestion | None) -> TagSuggestion | None:
    if r is None:
        return None
    tag = FFN_BY_RATING[r.tag]
    if r.tag == "General Audiences" and not r.evidence:
        tag = "K"
    return suggestion(tag, r.confidence, r.evidence, f"from {r.tag}: {r.reason}")


FFN_GENRES = {"Angst": "Angst", "Hurt/Comfort": "Hurt/Comfort", "Friendship": "Friendship", "Romance": "Romance",
              "Fluff": "Humor", "Grief/Mourning": "Drama", "Character Death": "Tragedy"}


def ffnet_genres(tags: Tags) -> list[TagSuggestion]:
    seen: dict[str, TagSuggestion] = {}
    for t in tags.freeform:
        genre = FFN_GENRES.get(t.tag)
        if genre and genre not in seen:
            seen[genre] = suggestion(genre, t.confidence, t.evidence, f"from freeform {t.tag}")
    ranked = sorted(seen.values(), key=lambda t: -t.confidence)[:2]  # FanFiction.net allows two genres
    return ranked or [suggestion("General", 0.5, [], "no genre signal")]
