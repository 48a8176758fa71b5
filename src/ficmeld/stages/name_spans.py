"""A name's mention takes in the words that modify it: 'old Cotter', 'the great Gibbs', 'young Linwood'.

The name finder marks the capitalised run only; but a mention of a person is the whole phrase that
names them, so "the late Irene Adler" is one mention, as "the old man" would be. The widening walks left
from the name over its own determiner, possessive and adjectives (dependents of the name's head in the
parse) and stops at anything else, so "said Amy", "all Mary" or a verb the tagger calls a modifier stay
out. It runs when coref is done, because coref and the speaker passes look mentions up by the name's
own first token ('old Cotter said' is Cotter as the subject). The name as written stays the character's
alias: `scratch["names.widened"]` maps each widened span to where its name begins.
"""
from __future__ import annotations

import bisect

from ficmeld.model.work import Work

MODIFIER_DEPS = {"det", "amod", "poss"}
MODIFIER_POS = {"DET", "ADJ", "PRON"}
VERB_TAGS = {"VBN", "VBD", "VBG"}  # participles the tagger hangs on a name ("observed Amy")
QUANTIFIERS = {"all", "both", "such", "each", "every", "no"}  # quantify a group or a case, not one person


def widen_name_mentions(work: Work) -> None:
    """Move each name mention's start left over its modifiers (in place; one pass over the mentions)."""
    starts = [pp.start for pp in work.parsed]
    taken = {(m.start, m.end) for m in work.mentions}
    widened: dict[tuple[int, int], int] = work.scratch.setdefault("names.widened", {})
    for m in work.mentions:
        if m.kind != "name":
            continue
        i = bisect.bisect_right(starts, m.start) - 1
        if i < 0:
            continue
        pp = work.parsed[i]
        new_start = _modified_start(pp.doc, m.start - pp.start, m.end - pp.start)
        if new_start is None or (pp.start + new_start, m.end) in taken:
            continue
        taken.discard((m.start, m.end))
        name_start, m.start = m.start, pp.start + new_start
        widened[(m.start, m.end)] = name_start
        taken.add((m.start, m.end))
    work.mentions.sort(key=lambda m: (m.start, -m.end))


def _modified_start(doc, start: int, end: int) -> int | None:
    """Offset (in the paragraph) where the name's phrase begins, when modifiers precede the name."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    left = span.start
    while left > 0:
        tok = doc[left - 1]
        if (tok.head.i == root.i and tok.dep_ in MODIFIER_DEPS and tok.pos_ in MODIFIER_POS
                and tok.tag_ not in VERB_TAGS and tok.lower_ not in QUANTIFIERS):
            left -= 1
        else:
            break
    return doc[left].idx if left < span.start else None
