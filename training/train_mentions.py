"""Train the nominal person-mention model on LitBank and write src/ficmeld/resources/learned/mentions*.npz.

    .venv/bin/python training/train_mentions.py ../shared/data

Candidates and features are those of ficmeld.stages.mention_model over our own parse of each
LitBank document; a candidate is positive when its span is a gold person mention. One logistic
regression per official fold, fitted on that fold's train.ids with the threshold chosen on its
dev.ids (mentions-fold{i}.npz), and one on all 100 documents with the mean fold threshold
(mentions.npz). Prints each fold's test-document mention P/R/F1 (nominal heads only).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from ficmeld import learned
from ficmeld.evaluate.litbank import load_document, read_folds, split_ids, to_work
from ficmeld.pipeline import run_stages
from ficmeld.stages.mention_model import DIM, candidates, features, hashed

OUT = Path(__file__).resolve().parents[1] / "src" / "ficmeld" / "resources" / "learned"
C = 1.5


def doc_rows(folder: Path, name: str):
    """Per candidate: hashed features, label, (doc, head) group and its character span; and the gold spans."""
    doc = load_document(folder, name)
    work = run_stages(to_work(doc), [], keep_parse=True)
    rows = []
    for pp in work.parsed:
        for c in candidates(pp.doc):
            span = (pp.start + pp.doc[c.left].idx, pp.start + pp.doc[c.right].idx + len(pp.doc[c.right].text))
            rows.append((hashed(features(pp.doc, c)), int(span in doc.mentions), (name, pp.start, c.head), span))
    gold = {span for span, kind in doc.types.items() if kind == "NOM"}
    return rows, gold


def matrix(rows):
    indptr = np.cumsum([0] + [len(r[0]) for r in rows])
    indices = np.concatenate([r[0] for r in rows]) if rows else np.zeros(0, dtype=np.int64)
    X = sparse.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr), shape=(len(rows), DIM))
    X.sum_duplicates()
    return X, np.array([r[1] for r in rows])


def fit(data, names):
    rows = [r for n in names for r in data[n][0]]
    X, y = matrix(rows)
    model = LogisticRegression(C=C, solver="liblinear", max_iter=200, random_state=0)
    model.fit(X, y)
    return model.coef_.ravel().astype(np.float16), float(model.intercept_[0])


def decoded_scores(weights, bias, data, names, threshold):
    """Mention P/R/F1 against gold NOM spans after keeping each head's best accepted span."""
    tp = pred = gold_n = 0
    for n in names:
        rows, gold = data[n]
        best = {}
        for idx, _, group, span in rows:
            z = bias + float(weights[idx].astype(np.float32).sum())
            if z >= threshold and (group not in best or z > best[group][0]):
                best[group] = (z, span)
        spans = {s for _, s in best.values()}
        pred += len(spans)
        tp += len(spans & gold)
        gold_n += len(gold)
    p, r = tp / max(pred, 1), tp / max(gold_n, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    args = parser.parse_args()
    folder = args.data / "litbank"
    folds = [{part: split_ids(folder, i, part) for part in ("train", "dev", "test")} for i in range(len(read_folds(folder)))]
    names = sorted({n for f in folds for part in f.values() for n in part})
    data = {n: doc_rows(folder, n) for n in names}
    print(f"{len(names)} documents, {sum(len(d[0]) for d in data.values())} candidates")
    OUT.mkdir(parents=True, exist_ok=True)
    thresholds = []
    for i, f in enumerate(folds):
        weights, bias = fit(data, f["train"])
        grid = np.linspace(-2.0, 1.0, 31)  # logit thresholds
        threshold = float(max(grid, key=lambda t: decoded_scores(weights, bias, data, f["dev"], t)[2]))
        thresholds.append(threshold)
        learned.save(OUT / learned.file_name("mentions", i), weights=weights, bias=np.float32(bias),
                     threshold=np.float32(1 / (1 + np.exp(-threshold))))
        p, r, f1 = decoded_scores(weights, bias, data, f["test"], threshold)
        print(f"fold {i}: threshold {threshold:+.1f}  test NOM P/R/F1 {100*p:.1f}/{100*r:.1f}/{100*f1:.1f}")
    weights, bias = fit(data, names)
    threshold = float(np.mean(thresholds))
    learned.save(OUT / learned.file_name("mentions"), weights=weights, bias=np.float32(bias),
                 threshold=np.float32(1 / (1 + np.exp(-threshold))))
    print(f"all documents: threshold {threshold:+.2f}")


if __name__ == "__main__":
    sys.exit(main())
