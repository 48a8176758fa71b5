"""Which fandom packs a work belongs to, from the words it uses and what it declares."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ficmeld.model.document import Span

if TYPE_CHECKING:
    from ficmeld.fandoms import FandomPack
    from ficmeld.model.work import Work

# Weights per distinct item found. Front matter (summary, notes, disclaimer) is where writers name
# the fandom, so abbreviations count most there.
W_DECLARED = 12.0
W_CREATOR = 5.0
W_ABBREV_FRONT = 4.0
W_ABBREV_BODY = 1.5
W_FULL_NAME = 2.5
W_SHORT_NAME = 1.0
W_TERM = 1.5
MIN_SCORE = 6.0
MIN_ITEMS = 2
MAX_EVIDENCE = 12


@dataclass
class FandomMatch:
    pack: "FandomPack"
    score: float
    confidence: float
    evidence: list[Span] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # most specific supported tag first, umbrella last
    reasons: list[str] = field(default_factory=list)


def detect_fandoms(work: "Work", packs: list["FandomPack"] | None = None) -> list[FandomMatch]:
    """Packs that fit the work, strongest first; empty for a work from a fandom no pack knows."""
    shipped = packs is None
    if shipped:
        cached = work.scratch.get("fandoms.detected")
        if cached is not None and cached[0] is work.text:
            return list(cached[1])  # characters and tags both ask; the answer is the same
        from ficmeld.fandoms import load_packs
        packs = load_packs()
    _index_text(work.text, packs)
    front = _front_matter(work)
    declared = [d.lower() for d in _declared(work)]
    matches = [m for m in (_score(work, p, front, declared) for p in packs) if m is not None]
    matches.sort(key=lambda m: -m.score)
    if shipped:
        work.scratch["fandoms.detected"] = (work.text, matches)
    return list(matches)


def _front_matter(work: "Work") -> list[tuple[int, int]]:
    return [(p.start, p.end) for p in work.parts if p.kind != "body"]


def _declared(work: "Work") -> list[str]:
    value = work.metadata.get("fandoms") or []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _score(work: "Work", pack: "FandomPack", front, declared: list[str]) -> FandomMatch | None:
    score, items, evidence, reasons = 0.0, 0, [], []

    def add(weight: float, span: Span | None, reason: str) -> None:
        nonlocal score, items
        score += weight
        items += 1
        if span is not None and len(evidence) < MAX_EVIDENCE:
            evidence.append(span)
        reasons.append(reason)

    pack_tags = {t.lower() for t in pack.tags} | {s.tag.lower() for s in pack.subfandoms} | {pack.name.lower()}
    if any(d in pack_tags or any(d.startswith(t) for t in pack_tags) for d in declared):
        add(W_DECLARED, None, "declared in the work's metadata")
    for creator in pack.creators:
        spans = _find(work.text, creator)
        if spans:
            add(W_CREATOR, spans[0], f"creator {creator}")
    for abbr in pack.abbreviations:
        spans = _find(work.text, abbr)
        if spans:
            in_front = any(s < e and s <= sp.start < e for sp in spans for s, e in front)
            add(W_ABBREV_FRONT if in_front else W_ABBREV_BODY, spans[0], f"abbreviation {abbr}")
    for character in pack.characters:
        weight, first = _character_weight(work.text, character)
        if weight:
            add(weight, first, f"character {character.tag}")
    for term in pack.terms:
        spans = _find(work.text, term)
        if spans:
            add(W_TERM, spans[0], f"term {term}")
    if score < MIN_SCORE or (items < MIN_ITEMS and score < W_DECLARED):
        return None
    confidence = round(min(0.99, 1 - math.exp(-score / 8)), 3)
    evidence.sort(key=lambda s: s.start)
    return FandomMatch(pack, round(score, 2), confidence, evidence, _supported_tags(work.text, pack), reasons)


def _character_weight(text: str, character) -> tuple[float, Span | None]:
    """Full names (several words) are strong evidence; a lone first name is weak, and more so if rare."""
    best, first, count = 0.0, None, 0
    for name in (character.tag, *character.aliases):
        spans = _find(text, name)
        if not spans:
            continue
        count += len(spans)
        weight = W_FULL_NAME if len(name.split()) > 1 else W_SHORT_NAME
        best = max(best, weight)
        if first is None or spans[0].start < first.start:
            first = spans[0]
    if not best:
        return 0.0, None
    return best * min(2.0, 1 + math.log10(count)), first


def _supported_tags(text: str, pack: "FandomPack") -> list[str]:
    hits = [(sum(len(_find(text, c)) for c in s.cues), i, s.tag) for i, s in enumerate(pack.subfandoms)]
    hits = [h for h in hits if h[0] > 0]
    tags = [max(hits, key=lambda h: (h[0], -h[1]))[2]] if hits else []
    return tags + [pack.umbrella]


_WORD = re.compile(r"\w+")
_found: tuple[str | None, dict, set] = (None, {}, set())  # text, spans by phrase words, phrases indexed


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(phrase))


def _pack_phrases(pack: "FandomPack") -> set[str]:
    phrases = set(pack.creators) | set(pack.abbreviations) | set(pack.terms)
    for c in pack.characters:
        phrases.add(c.tag)
        phrases.update(c.aliases)
    for sub in pack.subfandoms:
        phrases.update(sub.cues)
    return phrases


def _index_text(text: str, packs: list["FandomPack"]) -> None:
    """Find every pack phrase in one pass over the text's words (not one regex scan per phrase)."""
    global _found
    wanted = set().union(*(_pack_phrases(p) for p in packs)) if packs else set()
    if _found[0] is text and wanted <= _found[2]:
        return
    by_first: dict[str, set[tuple[str, ...]]] = {}
    for phrase in wanted:
        words = _words(phrase)
        if words:
            by_first.setdefault(words[0], set()).add(words)
    tokens = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
    spans: dict[tuple[str, ...], list[Span]] = {}
    for i, (word, start, _) in enumerate(tokens):
        candidates = by_first.get(word)
        if not candidates:
            continue
        if start > 0 and text[start - 1] in "'’":
            continue  # the 's in "Kirk's" is not the start of a name
        for words in candidates:
            n = len(words)
            if i + n <= len(tokens) and all(tokens[i + k][0] == words[k] for k in range(1, n)):
                spans.setdefault(words, []).append(Span(start=start, end=tokens[i + n - 1][2]))
    _found = (text, spans, wanted)


def _find(text: str, phrase: str) -> list[Span]:
    """Whole-word, case-sensitive occurrences: names and abbreviations are capitalised."""
    if _found[0] is not text or phrase not in _found[2]:
        return [Span(start=m.start(), end=m.end())
                for m in re.finditer(r"(?<![\w'’])" + re.escape(phrase) + r"(?!\w)", text)]
    return list(_found[1].get(_words(phrase), ()))
