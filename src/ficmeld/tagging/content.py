"""Rating and archive warnings, from the content lexicons and the deaths found."""
from __future__ import annotations

import re

from ficmeld.model.document import Span, TagSuggestion
from ficmeld.model.work import Work
from ficmeld.tagging.common import LexiconHits, describe, suggestion
from ficmeld.tagging.deaths import Death


RATING_ORDER = ("General Audiences", "Teen And Up Audiences", "Mature", "Explicit")


def rating(hits: LexiconHits, deaths: list[Death]) -> TagSuggestion:
    w = hits.work
    reasons: list[tuple[int, str, list[Span], float]] = []  # (level, why, evidence, confidence)

    def note(level: int, key: str, minimum: int, why: str, confidence: float) -> None:
        spans = hits(key)
        if len(spans) >= minimum:
            reasons.append((level, f"{why}: {describe(w, spans)}", spans, confidence))

    note(3, "sex.explicit", 6, "explicit sexual content", 0.8)
    note(2, "sex.explicit", 1, "sexual content", 0.6)
    note(2, "profanity.slurs", 1, "slurs", 0.7)
    note(2, "profanity.strong", 4, "frequent strong profanity", 0.6)
    note(2, "violence.graphic", 2, "graphic violence", 0.65)
    note(2, "noncon.words", 1, "sexual violence", 0.7)
    note(1, "profanity.strong", 1, "strong profanity", 0.7)
    note(1, "profanity.moderate", 1, "profanity", 0.65)
    note(1, "sex.suggestive", 2, "sexual situations", 0.55)
    note(1, "violence.general", 3, "violence", 0.55)
    if deaths:
        reasons.append((1, "a character's death", [e for d in deaths for e in d.evidence], 0.6))
    if not reasons:
        mild = hits("profanity.mild")
        why = f"only mild language: {describe(w, mild)}" if mild else "no profanity, sex or violence found"
        return suggestion("General Audiences", 0.6 if mild else 0.7, mild, why)
    level = max(r[0] for r in reasons)
    top = [r for r in reasons if r[0] == level]
    confidence = max(r[3] for r in top) + 0.05 * (len(top) - 1)
    return suggestion(RATING_ORDER[level], confidence, [s for r in top for s in r[2]], "; ".join(r[1] for r in top))


def warnings(work: Work, hits: LexiconHits, deaths: list[Death]) -> list[TagSuggestion]:
    out = []
    for d in deaths:
        c = work.character(d.character)
        name = (c.canonical or c.name) if c else d.character
        out.append(suggestion("Major Character Death", d.confidence, d.evidence, f"{name} dies: {'; '.join(d.cues[:5])}"))
    out = out[:1] if out else []  # one warning; the strongest death carries it
    graphic = hits("violence.graphic")
    if len(graphic) >= 2:
        out.append(suggestion("Graphic Depictions Of Violence", 0.4 + 0.1 * len(graphic), graphic,
                        f"graphic violence: {describe(work, graphic)}"))
    noncon = hits("noncon.words")
    if noncon:
        out.append(suggestion("Rape/Non-Con", 0.5 + 0.1 * len(noncon), noncon, f"non-consent: {describe(work, noncon)}"))
    underage = underage_sex(work, hits)
    if underage is not None:
        out.append(underage)
    if not out:
        out.append(suggestion("No Archive Warnings Apply", 0.7, [], "no death of a main character, graphic violence or non-consent found"))
    return out


# A stated age under 18 ("she was fifteen", "at sixteen"), not a count of minutes or miles.
AGE_UNDER_18 = re.compile(
    r"\b(?:was|is|turned|turns|aged|age of|at)\s+(?:only\s+|just\s+|barely\s+)?"
    r"(?:twelve|thirteen|fourteen|fifteen|sixteen|seventeen|1[2-7])\b(?![:.,]\d)"
    r"(?!\s*(?:minutes?|hours?|days?|weeks?|months?|miles?|feet|foot|yards?|meters?|metres?|percent|times|"
    r"o'clock|%|p\.?m|a\.?m|degrees|dollars|pounds|years\s+ago|years\s+(?:before|after|later)))",
    re.IGNORECASE)


def underage_sex(work: Work, hits: LexiconHits) -> TagSuggestion | None:
    """Explicit sex and a minor's age in the same scene; an age told in another scene does not count."""
    minors = hits("underage.words") + [Span(start=m.start(), end=m.end())
                                       for s, e in hits.regions for m in AGE_UNDER_18.finditer(work.text, s, e)]
    sex = hits("sex.explicit")
    if not minors or len(sex) < 2:
        return None
    bounds = [(sc.start, sc.end) for sc in work.scenes] or [(0, len(work.text))]
    for start, end in bounds:
        minors_here = [m for m in minors if start <= m.start < end]
        sex_here = [x for x in sex if start <= x.start < end]
        if minors_here and len(sex_here) >= 2:
            return suggestion("Underage Sex", 0.3 + 0.1 * min(len(sex_here), 4), minors_here + sex_here[:3],
                        f"explicit sex in a scene that gives a character's age under 18: {describe(work, minors_here)}")
    return None
