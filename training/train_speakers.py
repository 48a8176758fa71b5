"""Train the speaker model on LitBank quotations: `python training/train_speakers.py ../shared/data`.

Every LitBank document is run through characters, quotes, coref and the speaker rules, each inside the
evaluation fold that tests it (so any learned upstream model never saw it). Each detected quote with a
gold speaker gives one candidate row per character (speaker_features.FEATURES); a row is positive when the
character's mentions overlap the gold speaker's coreference chain, as the LitBank evaluation counts it.

Trained on LitBank with paragraphs rebuilt as fiction has them (see story_paragraphs).
Writes src/ficmeld/resources/learned/speakers-fold{0..9}.npz, each fitted on that fold's train.ids only
(the regularisation chosen on its dev.ids), and speakers.npz fitted on all 100 documents.
Deterministic: same tree, same data, same files.
"""
from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from common import documents_by_fold, run, stack
from ficmeld.evaluate.litbank import QUOTE_CLOSE, LitBankDoc, read_folds, split_ids, to_work
from ficmeld.learned import save_linear
from ficmeld.model.work import Work
from ficmeld.pipeline import run_stages
from ficmeld.stages.speaker_features import FEATURES
from ficmeld.stages.speaker_model import MODEL, candidate_table, decide, quote_views
from ficmeld.stages.speakers import _vocative, apply_rules

OUT = Path(__file__).resolve().parent.parent / "src" / "ficmeld" / "resources" / "learned"
C_GRID = (0.1, 0.3, 1.0, 3.0)
Group = tuple[np.ndarray, np.ndarray, str | None, int | None]  # one quote: rows, 0/1 labels, rule method and row


def examples(doc: LitBankDoc, work: Work) -> list[Group]:
    """One (rows, labels) group per detected quote that has a gold speaker."""
    ctx = apply_rules(work)
    views = quote_views(ctx, _vocative)
    chains: dict[str, set] = defaultdict(set)
    for span, entity in doc.mentions.items():
        chains[entity].add(span)
    spans_of: dict[str, set] = defaultdict(set)
    for m in work.mentions:
        if m.character:
            spans_of[m.character].add((m.start, m.end))
    groups = []
    for view, (ids, rows) in zip(views, candidate_table(ctx, views)):
        q = view.quote
        overlapping = [(min(e, q.end) - max(s, q.start), speaker) for (s, e), speaker in doc.quotes.items()
                       if s < q.end and q.start < e]
        if not overlapping or not ids:
            continue
        speaker = max(overlapping, key=lambda o: o[0])[1]
        if speaker is None:
            continue
        labels = np.array([bool(spans_of[c] & chains.get(speaker, set())) for c in ids], dtype=np.int8)
        groups.append((rows, labels, view.method, ids.index(view.speaker) if view.speaker in ids else None))
    return groups


def story_paragraphs(doc: LitBankDoc) -> LitBankDoc:
    """LitBank keeps sentences, not paragraphs; the evaluation starts a paragraph at every sentence that opens
    with a quotation mark, which splits '"Yes," he said. "Go on."' in two and makes one speaker's next line look
    like a new turn. For training, a new paragraph starts only after a sentence that closes a quote (and not
    before one that goes on in lower case: '"Why?" said he.'), so that a paragraph break keeps its meaning in
    fiction: the turn passes. Offsets are kept (breaks become spaces)."""
    merged: list[tuple[int, int]] = []
    for start, end in doc.paragraphs:
        closes_quote = merged and doc.text[merged[-1][0]:merged[-1][1]].rstrip().endswith(QUOTE_CLOSE)
        if merged and (not closes_quote or doc.text[start:start + 1].islower()):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    chars = list(doc.text)
    for start, end in merged:
        for i in range(start, end):
            if chars[i] == "\n":
                chars[i] = " "
    doc.text, doc.paragraphs = "".join(chars), merged
    return doc


def featurise(folder: Path) -> dict[str, list[Group]]:
    out = {}
    for name, doc in documents_by_fold(folder):
        doc = story_paragraphs(doc)
        work = run_stages(to_work(doc), ["characters", "quotes", "coref"], keep_parse=True)
        out[name] = examples(doc, work)
    return out


def fit(groups: list[Group], c: float) -> LogisticRegression:
    usable = [(x, y) for x, y, _, _ in groups if y.any()]
    x, y = stack(usable)
    return LogisticRegression(C=c, max_iter=2000).fit(x, y)


def accuracy(model: LogisticRegression, groups: list[Group]) -> float:
    """Share of quotes given a right speaker as the stage decides (trusted rules kept, the model elsewhere);
    quotes with no right candidate count wrong."""
    if not groups:
        return 0.0
    weights = np.concatenate([model.coef_.ravel(), model.intercept_.ravel()])
    chosen = [(y, decide(x, method, rule_row, weights)) for x, y, method, rule_row in groups]
    return sum(int(y[c]) for y, c in chosen if c is not None) / len(groups)



def train(folder: Path, data: dict[str, list[Group]]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    chosen = Counter()
    test_right = test_total = 0
    for fold in range(len(read_folds(folder))):
        train_groups, dev_groups, test_groups = ([g for n in split_ids(folder, fold, p) for g in data.get(n, [])]
                                                 for p in ("train", "dev", "test"))
        best_c = max(C_GRID, key=lambda c: (accuracy(fit(train_groups, c), dev_groups), -c))
        chosen[best_c] += 1
        model = fit(train_groups, best_c)
        save_linear(OUT / f"{MODEL}-fold{fold}.npz", model, FEATURES)
        acc = accuracy(model, test_groups)
        test_right += round(acc * len(test_groups))
        test_total += len(test_groups)
        print(f"fold {fold}: C={best_c} dev {accuracy(model, dev_groups):.3f} test {acc:.3f} ({len(test_groups)} quotes)")
    everything = [g for groups in data.values() for g in groups]
    c = max(chosen, key=lambda k: (chosen[k], -k))
    save_linear(OUT / f"{MODEL}.npz", fit(everything, c), FEATURES)
    ceiling = sum(int(y.any()) for _, y, _, _ in everything) / max(len(everything), 1)
    print(f"test folds: {test_right}/{test_total} = {test_right / max(test_total, 1):.3f} "
          f"(candidate ceiling {ceiling:.3f}); full model C={c}")


if __name__ == "__main__":
    run(sys.argv, "train_speakers.py", featurise, train)
