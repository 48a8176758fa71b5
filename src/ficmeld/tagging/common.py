"""The shared pieces of tag suggestion: content-lexicon matches in the body, and a suggestion's shape."""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

from ficmeld.model.document import Span, TagSuggestion
from ficmeld.model.work import Work

LEAD_ROLES = ("main", "supporting")


@lru_cache(maxsize=1)
def lexicons() -> dict[str, re.Pattern]:
    """`section.key` -> one compiled alternation of that list's phrases."""
    data = tomllib.loads(resources.files("ficmeld.resources").joinpath("lexicons/content.toml").read_text("utf-8"))
    return {f"{section}.{key}": _compile(words) for section, lists in data.items() for key, words in lists.items()}


def _compile(phrases: list[str]) -> re.Pattern:
    parts = []
    for p in sorted(phrases, key=len, reverse=True):
        body = re.escape(p.rstrip("*")).replace(r"\ ", r"\s+")
        parts.append(body + (r"\w*" if p.endswith("*") else ""))
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


class LexiconHits:
    """Lexicon matches in the body text; capitalised hits that are character names do not count."""

    def __init__(self, work: Work):
        self.work = work
        body = [p for p in work.paragraphs if p.part == "body"] or None
        self.regions = [(p.start, p.end) for p in body] if body else [(0, len(work.text))]
        self.names = {a.lower() for c in work.characters for a in (c.name, *c.aliases)}
        self._cache: dict[str, list[Span]] = {}

    def __call__(self, key: str) -> list[Span]:
        if key not in self._cache:
            pattern, text, found = lexicons()[key], self.work.text, []
            for start, end in self.regions:
                for m in pattern.finditer(text, start, end):
                    if m.group()[0].isupper() and m.group().lower() in self.names:
                        continue
                    found.append(Span(start=m.start(), end=m.end()))
            self._cache[key] = found
        return self._cache[key]

    def count(self, key: str) -> int:
        return len(self(key))


def suggestion(tag: str, confidence: float, evidence: list[Span], reason: str) -> TagSuggestion:
    return TagSuggestion(tag=tag, confidence=round(max(0.05, min(0.99, confidence)), 3),
                         evidence=sorted(evidence, key=lambda s: s.start)[:12], reason=reason)


def describe(work: Work, spans: list[Span], limit: int = 4) -> str:
    words = list(dict.fromkeys(work.text[s.start:s.end].lower() for s in spans))
    return ", ".join(f"'{w}'" for w in words[:limit]) + (" …" if len(words) > limit else "")
