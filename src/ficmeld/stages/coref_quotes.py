"""Pronouns inside quotations: 'I' is the speaker, 'you' the addressee, 'he'/'she' someone else.

Coreference runs before speaker attribution, so this module guesses each quote's speaker from its
own paragraph (the subject of a speech verb in the narration around it, else the nearest subject
there), shares it between quotes of one paragraph and lets a two-person exchange alternate. The
guesses are provisional: they are kept in `scratch["coref.quoted_pronouns"]` so a later stage that
knows the speakers better may redo them.
"""
from __future__ import annotations

import bisect

from ficmeld.model.document import Mention, Quote
from ficmeld.model.work import Work
from ficmeld.stages.lexicon import PRONOUNS
from ficmeld.stages.quote_patterns import SPEECH_VERBS

SUBJECTS = ("nsubj", "nsubjpass")
RECENT = 6  # characters mentioned just before a quoted he/she that it may refer to


class _QuoteIndex:
    def __init__(self, quotes: list[Quote]):
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self.starts = [q.start for q in self.quotes]

    def at(self, offset: int) -> int | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i if i >= 0 and self.quotes[i].start <= offset < self.quotes[i].end else None


def _subjects(work: Work, index: _QuoteIndex, by_start: dict[int, Mention]) -> dict[int, list[tuple[int, str, bool]]]:
    """Per paragraph: (offset, character, is a speech verb's subject) for narration subjects that are resolved mentions."""
    out: dict[int, list[tuple[int, str, bool]]] = {}
    for pp in work.parsed:
        found = []
        for tok in pp.doc:
            if tok.dep_ not in SUBJECTS:
                continue
            at = pp.start + tok.idx
            m = by_start.get(at)
            if m is None or m.character is None or index.at(at) is not None:
                continue
            found.append((at, m.character, tok.head.lemma_.lower() in SPEECH_VERBS))
        if found:
            out.setdefault(pp.paragraph, []).extend(found)
    return out


def provisional_speakers(work: Work, index: _QuoteIndex, mentions: list[Mention]) -> list[str | None]:
    by_start = {m.start: m for m in mentions if m.character is not None}
    subjects = _subjects(work, index, by_start)
    para_of = [work.paragraph_at(q.start) for q in index.quotes]
    quoted_paras = {p.index for p in para_of if p is not None}
    speakers: list[str | None] = []
    for q, para in zip(index.quotes, para_of):
        cands = subjects.get(para.index, []) if para is not None else []
        speech = [c for c in cands if c[2]]
        pool = speech or cands
        best = min(pool, key=lambda c: q.start - c[0] if c[0] < q.start else 10_000 + c[0] - q.end, default=None)
        if best is None and para is not None and para.index - 1 not in quoted_paras:
            before = subjects.get(para.index - 1, [])  # "He turned to her." then the quote, a paragraph of its own
            best = before[-1] if before else None
        speakers.append(best[1] if best else None)
    for i in range(len(speakers)):  # quotes of one paragraph share their speaker
        if speakers[i] is None and i and para_of[i] is para_of[i - 1]:
            speakers[i] = speakers[i - 1]
    for i in range(1, len(speakers)):  # an exchange alternates: the one who spoke before the last speaker
        if speakers[i] is not None or para_of[i] is None or para_of[i - 1] is None \
                or para_of[i].index - para_of[i - 1].index > 2:
            continue
        last = speakers[i - 1]
        speakers[i] = next((s for s in reversed(speakers[max(0, i - 4):i - 1]) if s is not None and s != last), None)
    return speakers


def _addressee(speakers: list[str | None], i: int) -> str | None:
    for j in (i - 1, i + 1, i - 2):
        if 0 <= j < len(speakers) and speakers[j] is not None and speakers[j] != speakers[i]:
            return speakers[j]
    return None


def resolve_quoted(work: Work, mentions: list[Mention], gender: dict[str, str | None]) -> None:
    """Give quoted pronoun mentions (character None) their provisional referent, in place."""
    if not work.quotes:
        return
    index = _QuoteIndex(work.quotes)
    speakers = provisional_speakers(work, index, mentions)
    recent: list[str] = []
    guessed = []
    for m in sorted(mentions, key=lambda m: m.start):
        i = index.at(m.start)
        if m.kind == "pronoun" and m.character is None and i is not None:
            cls = PRONOUNS.get(work.text[m.start:m.end].lower(), (None,))[0]
            if cls == "first":
                m.character = speakers[i]
            elif cls == "second":
                m.character = _addressee(speakers, i)
            elif cls in ("male", "female"):
                excluded = {speakers[i], _addressee(speakers, i)}
                m.character = next((c for c in reversed(recent[-RECENT:])
                                    if c not in excluded and gender.get(c) in (cls, None)), None)
            if m.character is not None:
                guessed.append(m.start)
        if m.character is not None:
            recent.append(m.character)
    work.scratch["coref.quoted_pronouns"] = guessed
    work.scratch["coref.quote_speakers"] = {(q.start, q.end): s for q, s in zip(index.quotes, speakers)}
