"""Relationships (`/` romantic, `&` platonic) between characters who interact, the category, and character tags."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ficmeld.model.document import Span, TagSuggestion
from ficmeld.model.work import Work
from ficmeld.tagging.common import LEAD_ROLES, describe, lexicons, suggestion


@dataclass
class Pair:
    a: str
    b: str
    shared: list[int]  # paragraph indices where both are mentioned
    quotes: list[Span]  # quotes one addresses to the other


SUPPORTING_PAIR = 0.7


def relationships(work: Work) -> list[TagSuggestion]:
    lex = lexicons()
    romantic = [lex["relationship.romantic"], lex["sex.suggestive"], lex["sex.explicit"]]
    romantic_re, platonic_re = romantic[0], lex["relationship.platonic"]
    out = []
    for pair in interacting_pairs(work):
        rom, pla = [], []
        for i in pair.shared:
            p = work.paragraphs[i]
            rom += [Span(start=m.start(), end=m.end()) for r in romantic for m in r.finditer(work.text, p.start, p.end)]
            pla += [Span(start=m.start(), end=m.end()) for m in platonic_re.finditer(work.text, p.start, p.end)]
        for q in pair.quotes:
            rom += [Span(start=m.start(), end=m.end()) for m in romantic_re.finditer(work.text, q.start, q.end)]
            pla += [Span(start=m.start(), end=m.end()) for m in platonic_re.finditer(work.text, q.start, q.end)]
        rom, pla = _dedupe(rom), _dedupe(pla)
        a, b = work.character(pair.a), work.character(pair.b)
        names = f"{a.canonical or a.name}", f"{b.canonical or b.name}"
        strength = min(1.0, 0.3 + 0.08 * len(pair.shared) + 0.1 * len(pair.quotes))
        if "main" not in (a.role, b.role) or a.role != b.role:
            strength *= SUPPORTING_PAIR  # a pair with a supporting character is seldom what a work is about
        if len(rom) > 1.5 * len(pla) and len(rom) >= 2:
            tag, evidence = f"{names[0]}/{names[1]}", rom
            reason = f"romantic words where both appear: {describe(work, rom)}"
            confidence = strength * min(1.0, 0.5 + 0.1 * len(rom))
        else:
            tag, evidence = f"{names[0]} & {names[1]}", pla or [work.paragraphs[i] for i in pair.shared[:3]]
            evidence = [Span(start=e.start, end=e.end) for e in evidence]
            reason = (f"platonic words where both appear: {describe(work, pla)}" if pla
                      else f"together in {len(pair.shared)} paragraphs, no romantic evidence")
            confidence = strength * (0.85 if pla else 0.6)
        out.append(suggestion(tag, confidence, evidence, reason))
    return sorted(out, key=lambda t: -t.confidence)


def _dedupe(spans: list[Span]) -> list[Span]:
    return sorted({(s.start, s.end): s for s in spans}.values(), key=lambda s: s.start)


def interacting_pairs(work: Work) -> list[Pair]:
    """Pairs of main/supporting characters seen together in 2+ paragraphs or talking to each other."""
    leads = [c for c in work.characters if c.role in LEAD_ROLES]
    order = {c.id: (c.first_start if c.first_start is not None else _first_mention(work, c.id)) for c in leads}
    by_paragraph: dict[int, set[str]] = defaultdict(set)
    for m in work.mentions:
        if m.character in order:
            p = work.paragraph_at(m.start)
            if p is not None:
                by_paragraph[p.index].add(m.character)
    shared: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, ids in by_paragraph.items():
        for a in ids:
            for b in ids:
                if order[a] < order[b] or (order[a] == order[b] and a < b):
                    shared[(a, b)].append(index)
    quotes: dict[tuple[str, str], list[Span]] = defaultdict(list)
    for q in work.quotes:
        if q.speaker in order and q.addressee in order and q.speaker != q.addressee:
            a, b = sorted((q.speaker, q.addressee), key=lambda x: (order[x], x))
            quotes[(a, b)].append(Span(start=q.start, end=q.end))
    pairs = []
    for key in set(shared) | set(quotes):
        para, said = sorted(shared.get(key, [])), quotes.get(key, [])
        if len(para) >= 2 or said:
            pairs.append(Pair(key[0], key[1], para, said))
    return sorted(pairs, key=lambda p: -(len(p.shared) + 2 * len(p.quotes)))


def _first_mention(work: Work, character_id: str) -> int:
    return next((m.start for m in work.mentions if m.character == character_id), len(work.text))


CATEGORY_BY_GENDERS = {("male", "male"): "M/M", ("female", "male"): "F/M", ("female", "female"): "F/F"}


def category(work: Work, rels: list[TagSuggestion]) -> list[TagSuggestion]:
    gender = {(c.canonical or c.name): c.gender for c in work.characters}
    found: dict[str, list[TagSuggestion]] = defaultdict(list)
    for r in rels:
        if "/" not in r.tag:
            continue
        a, b = r.tag.split("/", 1)
        found[CATEGORY_BY_GENDERS.get(tuple(sorted((gender.get(a) or "?", gender.get(b) or "?"))), "Other")].append(r)
    if not found:
        return [suggestion("Gen", 0.7, [], "no romantic or sexual relationship found")]
    out = [suggestion(cat, max(r.confidence for r in rs), [s for r in rs for s in r.evidence], ", ".join(r.tag for r in rs))
           for cat, rs in found.items()]
    if len(found) > 1:
        out.append(suggestion("Multi", 0.5, [], "more than one kind of pairing"))
    return out


def character_tags(work: Work) -> list[TagSuggestion]:
    base = {"main": 0.9, "supporting": 0.75, "mentioned": 0.45}
    out = []
    firsts: dict[str, Span] = {}
    for m in work.mentions:
        if m.character is not None and m.character not in firsts:
            firsts[m.character] = Span(start=m.start, end=m.end)
    for c in sorted(work.characters, key=lambda c: -c.mentions):
        if c.role == "mentioned" and c.mentions < 3:
            continue
        first = firsts.get(c.id)
        reason = f"{c.role} character, {c.mentions} mentions" + ("" if c.canonical else ", no fandom pack knows this name")
        out.append(suggestion(c.canonical or c.name, base[c.role], [first] if first else [], reason))
    return out
