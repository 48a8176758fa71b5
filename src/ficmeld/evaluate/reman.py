"""REMAN: emotion cues, their experiencers, and both together, on the committed held-out split.

The model (shipped cue tagger + parse rules for the experiencer) and the NRC lexicon baseline
(lexicon words + nearest person) are scored in the same run. Metrics (docs/EVALUATION.md):
  cue P/R/F1     a predicted (emotion, span) is right when it overlaps an unmatched gold cue of the
                 same emotion (one-to-one, in text order); gold cues marked negated are not counted,
                 and predictions on them are neither right nor wrong.
  experiencer    accuracy over gold cues that have an experiencer: from the gold cue, the predicted
                 experiencer overlaps one of its gold experiencers (coreferent mentions count).
  target         over gold cues directed at a character: accuracy (the predicted target overlaps one
                 of the gold targets or their coreferents) and precision (of the gold cues the model
                 gives a target, how many are right); the model's parse rules only (no baseline).
  joint P/R/F1   a predicted (emotion, span, experiencer) is right when it overlaps an unmatched gold
                 cue of the same emotion whose experiencer it overlaps; gold = cues with an experiencer.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ficmeld.emotion.cues import find_cues
from ficmeld.emotion.lexicon import lexicon_cues
from ficmeld.emotion.model import load_model
from ficmeld.emotion.reman_data import Cue, RemanDoc, read_reman, split
from ficmeld.emotion.syntax import (experiencer_token, is_negated, is_person, person_extent, sentence_subject,
                                   target_token)
from ficmeld.model.document import EMOTIONS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Span = tuple[int, int]
Prediction = tuple[str, Span, Span | None]  # emotion, cue span, experiencer span


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def nearest_person(cue: "Token") -> "Token | None":
    """The person token closest to the cue, in its sentence first, else anywhere in the passage."""
    for scope in (cue.sent, cue.doc):
        people = [t for t in scope if is_person(t) and t.i != cue.i]
        if people:
            return min(people, key=lambda t: (abs(t.i - cue.i), t.i > cue.i))
    return None


def model_experiencer(cue: "Token") -> Span | None:
    token, _ = experiencer_token(cue)
    token = token or sentence_subject(cue) or nearest_person(cue)
    return person_extent(token) if token is not None else None


def model_target(cue: "Token") -> Span | None:
    _, rule = experiencer_token(cue)
    token = target_token(cue, rule)
    return person_extent(token) if token is not None else None


def lexicon_experiencer(cue: "Token") -> Span | None:
    token = nearest_person(cue)
    return person_extent(token) if token is not None else None


def model_predictions(parsed: list["Doc"]) -> list[list[Prediction]]:
    out = []
    for doc, cues in zip(parsed, find_cues(load_model(), parsed)):
        out.append([(c.emotion, (c.start_char, c.end_char), model_experiencer(c.head)) for c in cues if not c.negated])
    return out


def lexicon_predictions(parsed: list["Doc"]) -> list[list[Prediction]]:
    out = []
    for doc in parsed:
        out.append([(e, (t.idx, t.idx + len(t)), lexicon_experiencer(t)) for t, e in lexicon_cues(doc)
                    if not is_negated(t)])
    return out


def _match(preds: list[Prediction], gold: list[Cue], joint: bool) -> tuple[int, int, int]:
    """(true positives, predictions counted, gold counted) for one passage."""
    counted = [c for c in gold if c.emotion in EMOTIONS and not c.negated and (c.experiencers or not joint)]
    negated = [c for c in gold if c.emotion in EMOTIONS and c.negated]
    used, tp, n_pred = set(), 0, 0
    for emotion, span, who in sorted(preds, key=lambda p: p[1]):
        hit = next((i for i, c in enumerate(counted) if i not in used and c.emotion == emotion
                    and overlaps(span, (c.start, c.end))
                    and (not joint or (who is not None and any(overlaps(who, x) for x in c.experiencers)))), None)
        if hit is not None:
            used.add(hit)
            tp += 1
            n_pred += 1
        elif not any(c.emotion == emotion and overlaps(span, (c.start, c.end)) for c in negated):
            n_pred += 1
    return tp, n_pred, len(counted)


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(100 * p, 1), "recall": round(100 * r, 1),
            "f1": round(100 * (2 * p * r / (p + r) if p + r else 0.0), 1)}


def _cue_head(doc: "Doc", cue: Cue) -> "Token | None":
    tokens = [t for t in doc if t.idx < cue.end and t.idx + len(t) > cue.start]
    content = [t for t in tokens if t.pos_ in ("NOUN", "VERB", "ADJ", "ADV", "PROPN", "INTJ")]
    return (content or tokens or [None])[-1]


def _experiencer_accuracy(docs: list[RemanDoc], parsed: list["Doc"], find: Callable[["Token"], Span | None]) -> float:
    right = total = 0
    for doc, p in zip(docs, parsed):
        for cue in doc.cues:
            if cue.emotion in EMOTIONS and cue.experiencers:
                head = _cue_head(p, cue)
                who = find(head) if head is not None else None
                total += 1
                right += who is not None and any(overlaps(who, x) for x in cue.experiencers)
    return round(100 * right / total, 1) if total else 0.0


def _target_scores(docs: list[RemanDoc], parsed: list["Doc"]) -> dict[str, float]:
    right = total = given = 0
    for doc, p in zip(docs, parsed):
        for cue in doc.cues:
            if cue.emotion not in EMOTIONS or cue.negated:
                continue
            head = _cue_head(p, cue)
            toward = model_target(head) if head is not None else None
            hit = toward is not None and any(overlaps(toward, x) for x in cue.targets)
            total += bool(cue.targets)
            right += hit
            given += toward is not None
    return {"accuracy": round(100 * right / total, 1) if total else 0.0,
            "precision": round(100 * right / given, 1) if given else 0.0, "gold": total}


def score(docs: list[RemanDoc], parsed: list["Doc"], predictions: list[list[Prediction]],
          find_experiencer: Callable[["Token"], Span | None]) -> dict[str, object]:
    cue = [sum(x) for x in zip(*(_match(p, d.cues, False) for p, d in zip(predictions, docs)))]
    joint = [sum(x) for x in zip(*(_match(p, d.cues, True) for p, d in zip(predictions, docs)))]
    return {"cue": _prf(*cue), "experiencer_accuracy": _experiencer_accuracy(docs, parsed, find_experiencer),
            "joint": _prf(*joint)}


def evaluate_reman(path: str | Path) -> dict:
    """Scores of the shipped model and of the NRC lexicon baseline on REMAN's fixed test passages."""
    from ficmeld.nlp import load_pipeline

    train, test = split(read_reman(path))
    parsed = list(load_pipeline().pipe([d.text for d in test], batch_size=64))
    model = score(test, parsed, model_predictions(parsed), model_experiencer)
    model["target"] = _target_scores(test, parsed)
    lexicon = score(test, parsed, lexicon_predictions(parsed), lexicon_experiencer)
    return {
        "passages": {"train": len(train), "test": len(test)},
        "model": model,
        "lexicon_baseline": lexicon,
        "joint_f1_gain": round(model["joint"]["f1"] - lexicon["joint"]["f1"], 1),
    }
