"""Chains that no character holds: groups ('we', 'they') and people the text never identifies.

A pronoun that the coref stage could not give to one character is still often coreferent with
other pronouns: the narrator's 'we' is one group throughout, a 'they' usually continues the 'they'
just before it, and the 'I' (or 'you') of an unattributed quote is the same person for the rest of
its paragraph. These chains go to `scratch["coref.groups"]` as {(start, end): group id}; the
mentions keep character None, so the character list and everything computed from it stay as they
were.
"""
from __future__ import annotations

import bisect

from ficmeld.model.document import Mention
from ficmeld.model.work import Work
from ficmeld.stages.lexicon import PRONOUNS

THEY_WINDOW = 300  # characters from one plural 'they' to the next that still continues its group


def group_chains(work: Work, mentions: list[Mention]) -> dict[tuple[int, int], str]:
    """Group ids for the unresolved pronouns in `mentions` (sorted by start) that share a referent."""
    quotes = sorted((q.start, q.end) for q in work.quotes)
    starts = [s for s, _ in quotes]

    def quoted(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and quotes[i][0] <= offset < quotes[i][1]

    groups: dict[tuple[int, int], str] = {}
    ids: dict[object, str] = {}

    def group(key: object) -> str:
        return ids.setdefault(key, f"g{len(ids)}")

    last_they: tuple[str, int] | None = None  # (group, end) of the latest plural third-person pronoun
    for m in mentions:
        if m.character is not None:
            continue
        if m.kind != "pronoun":
            continue
        cls = PRONOUNS.get(work.text[m.start:m.end].lower(), (None,))[0]
        inside = quoted(m.start)
        span = (m.start, m.end)
        if cls == "we":
            groups[span] = group(("we", inside))
        elif cls == "plural":
            if last_they is None or m.start - last_they[1] > THEY_WINDOW:
                last_they = (group(("they", m.start)), m.end)
            groups[span] = last_they[0]
            last_they = (last_they[0], m.end)
        elif cls in ("first", "second") and inside:
            paragraph = work.paragraph_at(m.start)
            groups[span] = group((cls, paragraph.index if paragraph is not None else m.start))
    return groups
