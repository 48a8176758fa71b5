"""Roles (main, supporting, mentioned) from mentions, speech and POV; first and second person inside quotes,
and descriptions called out in them (vocatives.py)."""
from __future__ import annotations

import bisect
import re
from collections import Counter

from ficmeld.model.work import Work
from ficmeld.stages.base import stage
from ficmeld.stages.characters import refresh_character_views
from ficmeld.stages.lexicon import PRONOUNS
from ficmeld.stages.vocatives import resolve_vocatives

MAIN_SHARE = 0.4        # of the most-mentioned character's weight
SUPPORTING_SHARE = 0.12
RECENT = 30
_WORD = re.compile(r"\w+(?:['’]\w+)?")


@stage("roles", requires=("speakers", "pov"), assigns=("characters", "mentions"))
def assign_roles(work: Work) -> None:
    _resolve_quoted_persons(work)
    resolve_vocatives(work)
    refresh_character_views(work)
    spoken: Counter = Counter()
    words: Counter = Counter()
    turns: set[tuple[str, int]] = set()  # one turn per speaker per paragraph: a quote broken by its tag is one
    for q in work.quotes:
        if q.speaker:
            spoken[q.speaker] += 1
            words[q.speaker] += len(_WORD.findall(work.text[q.start:q.end]))
            paragraph = work.paragraph_at(q.start)
            turns.add((q.speaker, paragraph.index if paragraph is not None else q.start))
    talk = Counter(speaker for speaker, _ in turns)
    pov = Counter(s.pov.character for s in work.scenes if s.pov and s.pov.character)
    weight = {c.id: c.mentions + 3 * talk[c.id] for c in work.characters}
    top = max(weight.values(), default=0) or 1
    for c in work.characters:
        c.quotes = spoken[c.id]
        c.words_spoken = words[c.id]
        share = weight[c.id] / top
        if pov[c.id] or share >= MAIN_SHARE:
            c.role = "main"
        elif share >= SUPPORTING_SHARE or spoken[c.id] >= 3:
            c.role = "supporting"
        else:
            c.role = "mentioned"
    # Characters nobody mentions any more (a narrator never confirmed) are dropped.
    work.characters = [c for c in work.characters if c.mentions or c.quotes or pov[c.id]]


def _resolve_quoted_persons(work: Work) -> None:
    """Inside a quote 'I' is its speaker and 'you' its addressee; 'he'/'she' is someone else, found
    among the characters mentioned just before who agree in gender."""
    if not work.quotes:
        return
    quotes = sorted(work.quotes, key=lambda q: q.start)
    starts = [q.start for q in quotes]
    gender = {c.id: c.gender for c in work.characters}
    guessed = set(work.scratch.get("coref.quoted_pronouns", ()))  # coref's guesses before speakers were known
    recent: list[str] = []  # characters of the latest resolved mentions, newest last
    for m in work.mentions:
        i = bisect.bisect_right(starts, m.start) - 1
        q = quotes[i] if i >= 0 and quotes[i].start <= m.start < quotes[i].end else None
        if q is not None and m.start in guessed and m.kind == "pronoun":
            m.character = _reguess(work, m, q)
        if m.kind == "pronoun" and m.character is None and q is not None:
            cls = PRONOUNS.get(work.text[m.start:m.end].lower(), (None,))[0]
            if cls == "first":
                m.character = q.speaker
            elif cls == "second":
                m.character = q.addressee
            elif cls in ("male", "female"):
                excluded = {q.speaker, q.addressee}
                m.character = next((c for c in reversed(recent[-RECENT:])
                                    if c not in excluded and gender.get(c) in (cls, None)), None)
        if m.character is not None:
            m.group = None  # a character holds it now, not a group
            recent.append(m.character)


def _reguess(work: Work, m, q) -> str | None:
    """Coref's guess for a pronoun in a quote, dropped where the attributed speaker or addressee now
    says otherwise ('I' is the speaker, 'you' the addressee, 'he'/'she' neither); None re-resolves it."""
    cls = PRONOUNS.get(work.text[m.start:m.end].lower(), (None,))[0]
    if cls == "first" and q.speaker:
        return q.speaker
    if cls == "second" and q.addressee:
        return q.addressee
    if cls in ("male", "female") and m.character in {q.speaker, q.addressee} - {None}:
        return None
    return m.character
