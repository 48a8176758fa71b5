"""Which characters die in a work, with the cues and who watched: the Major Character Death evidence."""
from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass

from ficmeld.model.document import Span
from ficmeld.model.work import Work
from ficmeld.nlp.access import sentences
from ficmeld.tagging.common import LEAD_ROLES


@dataclass
class Death:
    character: str
    confidence: float
    evidence: list[Span]
    cues: list[str]


# lemma -> (weight, how the dying character attaches to the cue word)
DEATH_VERBS = {"die": 0.6, "perish": 0.6, "expire": 0.4, "lose": 0.2, "fade": 0.15, "slip": 0.1, "go": 0.1}
KILL_VERBS = {"kill": 0.6, "murder": 0.6, "slay": 0.6, "execute": 0.5, "assassinate": 0.6, "sacrifice": 0.3}
BODY_CLOSES = {"eye": ("close", 0.35), "heart": ("stop", 0.5), "breathing": ("stop", 0.5), "breath": ("stop", 0.4),
               "hand": ("slip", 0.15), "pulse": ("stop", 0.5), "body": ("go", 0.1)}
DEATH_ADJ = {"dead": 0.5, "lifeless": 0.5, "gone": 0.15, "still": 0.1}
DEATH_NOUNS = {"death": 0.4, "funeral": 0.5, "grave": 0.3, "corpse": 0.5, "body": 0.1, "sacrifice": 0.2, "coffin": 0.4}
HEDGES = {"almost", "nearly", "would", "could", "might", "may", "if", "not", "never", "n't", "afraid", "fear"}
DEATH_THRESHOLD = 0.5


def character_deaths(work: Work) -> list[Death]:
    """Main/supporting characters the text lets die: a dying word whose subject, object or owner is them.

    A single strong cue ("X died", "they killed X", "X's funeral") suffices; softer ones (his eyes
    closed, his hand slipped, X lost) add up. Hedged cues (almost, would, if, not) count a fifth.
    """
    leads = {c.id for c in work.characters if c.role in LEAD_ROLES}
    if not leads or not work.parsed:
        return []
    starts = [m.start for m in work.mentions]
    score: dict[str, float] = defaultdict(float)
    evidence: dict[str, list[Span]] = defaultdict(list)
    cues: dict[str, list[str]] = defaultdict(list)
    for pp, sent in sentences(work):
        for tok in sent:
            weight, victims = _death_cue(tok)
            if not weight:
                continue
            if _hedged(tok):
                weight *= 0.2
            for victim in victims:
                cid = _character_of(work, starts, pp.start + victim.idx, leads)
                if cid is not None and victim.pos_ == "PRON" and _watcher(work, starts, pp, tok, leads) == cid:
                    # "Spock watched as his eyes closed": no one watches their own eyes close
                    cid = _nearest_other(work, starts, pp.start + tok.idx, cid, leads)
                if cid is None:
                    continue
                score[cid] += weight
                span = Span(start=pp.start + sent.start_char, end=pp.start + sent.end_char)
                if span not in evidence[cid]:
                    evidence[cid].append(span)
                    cues[cid].append(f"'{sent.text.strip()[:80]}'")
                break
    deaths = [Death(c, round(min(0.95, s), 3), evidence[c], cues[c]) for c, s in score.items() if s >= DEATH_THRESHOLD]
    return sorted(deaths, key=lambda d: -d.confidence)


def _death_cue(tok) -> tuple[float, list]:
    """(weight, tokens that may name the one who dies) for one token."""
    lemma = tok.lemma_.lower()
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.pos_ == "VERB":
        for s in subjects:
            owner = BODY_CLOSES.get(s.lemma_.lower())
            if owner and owner[0] == lemma:
                return owner[1], [c for c in s.children if c.dep_ == "poss"]
        if lemma in KILL_VERBS:
            return KILL_VERBS[lemma], objects
        if lemma in DEATH_VERBS and not any(c.dep_ == "dobj" for c in tok.children):
            if lemma == "go" and not any(c.lower_ in ("limp", "still") for c in tok.children):
                return 0.0, []
            return DEATH_VERBS[lemma], subjects
    if tok.pos_ == "ADJ" and lemma in DEATH_ADJ and tok.dep_ in ("acomp", "amod"):
        head = tok.head
        if tok.dep_ == "acomp":
            return DEATH_ADJ[lemma], [c for c in head.children if c.dep_ == "nsubj"]
        return DEATH_ADJ[lemma], [c for c in head.children if c.dep_ == "poss"]
    if tok.pos_ == "NOUN" and lemma in DEATH_NOUNS:
        owners = [c for c in tok.children if c.dep_ == "poss"]
        owners += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return DEATH_NOUNS[lemma], owners
    return 0.0, []


PERCEPTION = {"watch", "see", "stare", "look", "observe", "feel", "hear"}


def _watcher(work: Work, starts: list[int], pp, tok, leads: set[str]) -> str | None:
    """The character whose perceiving ("X watched as ...") governs this cue, if any."""
    for depth, head in enumerate(tok.ancestors):
        if depth >= 4:
            break
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if head.lemma_.lower() in PERCEPTION and subject is not None:
            return _character_of(work, starts, pp.start + subject.idx, leads)
    return None


def _nearest_other(work: Work, starts: list[int], offset: int, other_than: str, leads: set[str],
                   reach: int = 400) -> str | None:
    window = work.mentions[bisect.bisect_left(starts, offset - reach):bisect.bisect_right(starts, offset + reach)]
    named = [m for m in window if m.kind == "name" and m.character in leads and m.character != other_than]
    return min(named, key=lambda m: abs(m.start - offset)).character if named else None


def _hedged(tok) -> bool:
    near = [c.lower_ for c in tok.children] + [c.lower_ for c in tok.head.children if tok.dep_ in ("acomp", "xcomp")]
    return any(w in HEDGES for w in near)


def _character_of(work: Work, starts: list[int], offset: int, leads: set[str]) -> str | None:
    i = bisect.bisect_right(starts, offset) - 1
    while i >= 0 and work.mentions[i].end > offset - 40:
        m = work.mentions[i]
        if m.start <= offset < m.end:
            return m.character if m.character in leads else None
        i -= 1
    return None
