"""The learned speaker model: a linear scorer over each quote's candidate characters (trained by
training/train_speakers.py on LitBank, one file per evaluation fold) that re-ranks the rules' choice.

Rules that are reliable (a speech tag whose subject the coref stage resolved) enter as features, so the
model learns how far to trust each of them against the conversation around the quote.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

from ficmeld import learned
from ficmeld.stages.speaker_features import FEATURES, QuoteView, quote_features, subject_offsets

if TYPE_CHECKING:
    from ficmeld.stages.speaker_context import SpeakerContext as _Context

MODEL = "speakers"
# Rule results the model leaves alone: on LitBank's test folds these are right as often as the model or more.
TRUSTED = frozenset({"explicit", "anaphoric", "introduced", "paragraph", "adjacent", "echo", "repeat"})
VOCATIVE = FEATURES.index("vocative")


def quote_views(ctx: "_Context", vocative) -> list[QuoteView]:
    """The rules' result for every quote, in reading order (`vocative(ctx, q)` names the one addressed)."""
    views = []
    for q in ctx.quotes:
        p = ctx.work.paragraph_at(q.start)
        views.append(QuoteView(q, p.index if p is not None else -1, q.speaker, q.method, q.addressee,
                               vocative(ctx, q)))
    return views


def candidate_table(ctx: "_Context", views: list[QuoteView]) -> list[tuple[list[str], np.ndarray]]:
    subjects = subject_offsets(ctx)
    counts = Counter(m.character for m in ctx.mentions if m.character)
    return [quote_features(ctx, views, i, subjects, counts) for i in range(len(views))]


def load_weights() -> np.ndarray | None:
    arrays = learned.load(MODEL, required=False)
    if arrays is None:
        return None
    if [str(n) for n in arrays["features"]] != list(FEATURES):
        return None  # a model trained on another feature set would score nonsense; keep the rules
    return np.concatenate([arrays["coef"].ravel(), arrays["intercept"].ravel()])


def candidate_scores(rows: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The model's score of each candidate row; the one addressed by name in the quote is ruled out."""
    scores = rows @ weights[:-1] + weights[-1]
    addressed = rows[:, VOCATIVE] > 0
    if not addressed.all():
        scores[addressed] = -np.inf
    return scores


def decide(rows: np.ndarray, method: str | None, rule_row: int | None, weights: np.ndarray) -> int | None:
    """The chosen candidate row: the rule's where the rule is trusted, else the model's best."""
    if method in TRUSTED and rule_row is not None:
        return rule_row
    return int(np.argmax(candidate_scores(rows, weights))) if len(rows) else rule_row


def rerank(ctx: "_Context", vocative) -> None:
    """Give each quote the candidate the model scores highest; the rules' answer stands where there are none
    and where the rule is a trusted one. The one addressed by name in the quote is not its speaker."""
    weights = load_weights()
    if weights is None:
        return
    views = quote_views(ctx, vocative)
    subjects = subject_offsets(ctx)
    counts = Counter(m.character for m in ctx.mentions if m.character)
    for i, view in enumerate(views):
        if view.method in TRUSTED:
            continue
        # features read the speakers decided so far, so a turn taken by the model passes on to the next line
        ids, rows = quote_features(ctx, views, i, subjects, counts)
        if not ids:
            continue
        scores = candidate_scores(rows, weights)
        best = int(np.argmax(scores))
        probs = np.exp(np.where(np.isfinite(scores), scores - scores[best], -np.inf))
        probs /= probs.sum()
        q = view.quote
        if ids[best] != q.speaker:
            q.speaker = ids[best]
            q.method = "learned"
            if q.addressee == q.speaker:
                q.addressee = None
        q.confidence = round(float(probs[best]), 3)
        view.speaker, view.addressee = q.speaker, q.addressee
    _share_changes(ctx, views)


def _share_changes(ctx: "_Context", views: list[QuoteView]) -> None:
    """Pieces that took their speaker from a sibling (same paragraph or one multi-paragraph quote) follow the
    sibling when the model changed it."""
    changed: dict[tuple[str, int], str] = {}
    for v in views:
        if v.quote.method == "learned":
            changed[("paragraph", v.paragraph)] = v.quote.speaker
            changed[("group", ctx.group.get(v.quote.start, v.quote.start))] = v.quote.speaker
    for v in views:
        q = v.quote
        if q.method != "paragraph":
            continue
        speaker = changed.get(("group", ctx.group.get(q.start, q.start))) or changed.get(("paragraph", v.paragraph))
        if speaker:
            q.speaker = speaker
            if q.addressee == speaker:
                q.addressee = None
