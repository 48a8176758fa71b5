"""Candidate speakers of each quote and the features the learned speaker model scores them by.

A candidate is a character with a mention near the quote (its paragraph and up to WINDOW paragraphs either
side), a speaker of one of the previous quotes, or the rules' own choice. The features say where the
character's mentions sit relative to the quote (tag region, same paragraph, neighbours), what the rules
concluded and by which method, and who spoke and was addressed in the quotes just before (turn taking).
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ficmeld.model.document import Mention, Quote

if TYPE_CHECKING:
    from ficmeld.stages.speaker_context import SpeakerContext as _Context

WINDOW = 3  # paragraphs either side searched for candidates
HISTORY = 3  # previous quotes whose speakers are candidates
TURN_GAP = 3  # paragraphs between two quotes of one conversation at most
METHODS = ("explicit", "anaphoric", "introduced", "echo", "paragraph", "adjacent", "repeat", "vocative",
           "turn-taking", "context")
TAGGED = ("explicit", "anaphoric")
KINDS = ("name", "nominal", "pronoun")

FEATURES = (
    [f"rule_{m}" for m in METHODS]
    + ["rule_addressee", "untagged"]
    + [f"after_{k}" for k in KINDS] + [f"before_{k}" for k in KINDS]
    + ["after_near", "before_near", "nearest_after", "nearest_before", "second_after", "second_before",
       "in_quote_first", "in_quote_second", "in_quote_other", "vocative", "prev_par", "next_par", "window", "same_par_subject"]
    + [f"spoke_{i}" for i in range(1, HISTORY + 1)] + [f"untagged_spoke_{i}" for i in range(1, HISTORY + 1)]
    + ["addressed_by_prev", "vocative_in_prev", "doc_share", "most_frequent"]
    + ["adjacent_spoke_1", "adjacent_spoke_2", "spoke_long_ago", "lone_quote"]
)
INDEX = {name: i for i, name in enumerate(FEATURES)}
QUOTE_PERSON = {**dict.fromkeys(("i", "me", "my", "mine", "myself"), "first"),
                **dict.fromkeys(("you", "your", "yours", "yourself"), "second")}


@dataclass
class QuoteView:
    """What the features read of one quote: its paragraph, the rules' speaker and method, its vocative."""

    quote: Quote
    paragraph: int
    speaker: str | None
    method: str | None
    addressee: str | None
    vocative: str | None


def _closeness(distance: int) -> float:
    return 1.0 / (1.0 + distance / 30.0)


def _narration(ctx: "_Context", start: int, end: int) -> list[Mention]:
    return [m for m in ctx.mentions_in(start, end) if not _possessive(ctx, m)]


def _possessive(ctx: "_Context", m: Mention) -> bool:
    surface = ctx.work.text[m.start:m.end].lower()
    return surface in ("his", "her", "their", "its", "my", "your") or ctx.work.text[m.end:m.end + 2] in ("'s", "’s")


def _paragraph_bounds(ctx: "_Context", index: int) -> tuple[int, int] | None:
    if 0 <= index < len(ctx.work.paragraphs):
        p = ctx.work.paragraphs[index]
        return p.start, p.end
    return None


def quote_features(ctx: "_Context", views: list[QuoteView], i: int, subjects: set[int],
                   counts: Counter) -> tuple[list[str], np.ndarray]:
    """Candidates of quote `views[i]` and one feature row for each (rows in FEATURES order)."""
    view = views[i]
    q = view.quote
    bounds = _paragraph_bounds(ctx, view.paragraph) or (q.start, q.end)
    rows: dict[str, np.ndarray] = {}

    def row(cid: str) -> np.ndarray:
        if cid not in rows:
            rows[cid] = np.zeros(len(FEATURES), dtype=np.float32)
        return rows[cid]

    siblings = ctx.paragraph_quotes(q)
    after_end = min([o.start for o in siblings if o.start >= q.end] or [bounds[1]])
    before_start = max([o.end for o in siblings if o.end <= q.start] or [bounds[0]])
    after = _narration(ctx, q.end, after_end)
    before = _narration(ctx, before_start, q.start)
    for rank, m in enumerate(_first_per_character(after)):
        r = row(m.character)
        r[INDEX[f"after_{m.kind}"]] = 1.0
        r[INDEX["after_near"]] = _closeness(m.start - q.end)
        if rank < 2:
            r[INDEX["nearest_after" if rank == 0 else "second_after"]] = 1.0
    for rank, m in enumerate(_first_per_character(list(reversed(before)))):
        r = row(m.character)
        r[INDEX[f"before_{m.kind}"]] = 1.0
        r[INDEX["before_near"]] = _closeness(q.start - m.end)
        if rank < 2:
            r[INDEX["nearest_before" if rank == 0 else "second_before"]] = 1.0
    for m in ctx.mentions_in(q.start, q.end, outside_quotes=False):
        if m.character:
            # the quote's own "I" follows coref's guess at its speaker; its "you" is who is spoken to
            person = QUOTE_PERSON.get(ctx.work.text[m.start:m.end].lower(), "other") if m.kind == "pronoun" else "other"
            row(m.character)[INDEX[f"in_quote_{person}"]] = 1.0
    if view.vocative:
        row(view.vocative)[INDEX["vocative"]] = 1.0
    for offset, name in ((-1, "prev_par"), (1, "next_par")):
        b = _paragraph_bounds(ctx, view.paragraph + offset)
        if b:
            for cid, n in Counter(m.character for m in _narration(ctx, *b)).items():
                row(cid)[INDEX[name]] = math.log1p(n)
    lo = _paragraph_bounds(ctx, max(0, view.paragraph - WINDOW))
    hi = _paragraph_bounds(ctx, min(len(ctx.work.paragraphs) - 1, view.paragraph + WINDOW))
    if lo and hi:
        for cid, n in Counter(m.character for m in _narration(ctx, lo[0], hi[1])).items():
            row(cid)[INDEX["window"]] = math.log1p(n)
    for m in _narration(ctx, *bounds):
        if m.start in subjects:
            row(m.character)[INDEX["same_par_subject"]] = 1.0
    untagged = view.method not in TAGGED
    # Quote after quote with nothing between is a new turn. (Narration between is no sign either way on LitBank,
    # whose paragraphs are rebuilt from sentences: '"..." he said. "..."' comes out as two paragraphs.)
    adjacent = i > 0 and not ctx.work.text[views[i - 1].quote.end:q.start].strip()
    for k in range(1, HISTORY + 1):
        if i - k >= 0 and views[i - k].speaker:
            r = row(views[i - k].speaker)
            if view.paragraph - views[i - k].paragraph > TURN_GAP:
                r[INDEX["spoke_long_ago"]] = 1.0  # a conversation that ended is no turn to take
                continue
            r[INDEX[f"spoke_{k}"]] = 1.0
            if untagged:
                r[INDEX[f"untagged_spoke_{k}"]] = 1.0
                if k <= 2 and adjacent:
                    r[INDEX[f"adjacent_spoke_{k}"]] = 1.0
    if i > 0:
        prev = views[i - 1]
        if prev.addressee:
            row(prev.addressee)[INDEX["addressed_by_prev"]] = 1.0
        if prev.vocative:
            row(prev.vocative)[INDEX["vocative_in_prev"]] = 1.0
    if view.speaker:
        row(view.speaker)[INDEX[f"rule_{view.method}"]] = 1.0
    if view.addressee:
        row(view.addressee)[INDEX["rule_addressee"]] = 1.0
    total = sum(counts.values()) or 1
    top = counts.most_common(1)[0][0] if counts else None
    lone = all(abs(v.paragraph - view.paragraph) > TURN_GAP for v in views[max(0, i - 1):i + 2] if v is not view)
    for cid, r in rows.items():
        r[INDEX["untagged"]] = float(untagged)
        r[INDEX["lone_quote"]] = float(lone) * r[INDEX["window"]]  # a line alone: the characters present speak
        r[INDEX["doc_share"]] = counts.get(cid, 0) / total
        r[INDEX["most_frequent"]] = float(cid == top)
    ids = sorted(rows)
    return ids, np.stack([rows[c] for c in ids]) if ids else np.zeros((0, len(FEATURES)), dtype=np.float32)


def _first_per_character(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.character not in seen:
            seen.add(m.character)
            out.append(m)
    return out


def subject_offsets(ctx: "_Context") -> set[int]:
    """Offsets of tokens that are the subject of a clause, for the same-paragraph actor feature."""
    out = set()
    for pp in ctx.work.parsed:
        for tok in pp.doc:
            if tok.dep_ in ("nsubj", "nsubjpass"):
                out.add(pp.start + tok.idx)
    return out
