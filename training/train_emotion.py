"""Train ficmeld's emotion model from ../shared/data and write it to src/ficmeld/resources/emotion/.

    .venv/bin/python training/train_emotion.py ../shared/data

Three linear models, exported as numpy arrays (model.npz), no pickle:
  1. word associations: one logistic regression per Plutchik emotion over XED + GoEmotions (train)
     sentences; each word's eight coefficients become a dense feature of the cue model;
  2. valence: ridge regression of EmoBank valence on a sentence's mean word vector;
  3. cue tagger: multinomial logistic regression over hashed token features + the associations
     + the NRC Emotion Lexicon's flags (from the nrclex package; shipped in model.npz so run time
     needs no nrclex), trained on REMAN's train part (the committed test split is never read), its probability
     threshold and the lexicon's weights in naming a cue's emotion chosen on a 10% development
     slice of train.
Prints the scores it reaches; docs/EVALUATION.md records them.
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression, Ridge

sys.path.insert(0, str(Path(__file__).resolve().parent))
from emotion_corpora import read_emobank, read_goemotions, read_xed  # noqa: E402

from ficmeld.emotion.cues import find_cues  # noqa: E402
from ficmeld.emotion.model import EmotionModel  # noqa: E402
from ficmeld.evaluate.reman import _match  # noqa: E402
from ficmeld.emotion.features import N_BUCKETS, dense_features, lexeme, token_rows, words  # noqa: E402
from ficmeld.emotion.lexicon import nrc_lexicon  # noqa: E402
from ficmeld.emotion.reman_data import read_reman, split  # noqa: E402
from ficmeld.model.document import EMOTIONS  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "ficmeld" / "resources" / "emotion" / "model.npz"
CLASSES = ("none",) + EMOTIONS + ("other",)
STOP_POS = {"DET", "ADP", "PRON", "PUNCT", "CCONJ", "SCONJ", "PART", "AUX", "SPACE", "NUM"}


def train_associations(root: Path):
    """Each word's association with each emotion: the log-odds ratio, with an informative Dirichlet
    prior (Monroe et al. 2008), of the word in sentences with that emotion vs without. The ratio
    itself, not its z-score: fiction's emotion words are often rare in subtitles and Reddit."""
    data = read_xed(root) + read_goemotions(root, "train")
    vec = CountVectorizer(analyzer=words, min_df=3)
    X = vec.fit_transform([t for t, _ in data]).tocsc()
    total = np.asarray(X.sum(axis=0)).ravel().astype(np.float64)
    prior = np.ones_like(total)  # one pseudo-count per word and side: rare words stay near 0
    a0 = prior.sum()
    z = []
    for e in EMOTIONS:
        mask = np.array([e in labels for _, labels in data])
        yi = np.asarray(X[mask].sum(axis=0)).ravel()
        yj = total - yi
        ni, nj = yi.sum(), yj.sum()
        delta = (np.log((yi + prior) / (ni + a0 - yi - prior)) - np.log((yj + prior) / (nj + a0 - yj - prior)))
        z.append(delta)
    print(f"associations: {len(data)} sentences (XED + GoEmotions train), {X.shape[1]} words")
    vocab = np.array(vec.get_feature_names_out(), dtype=str)
    return vocab, np.clip(np.stack(z, axis=1), -3, 3).astype(np.float32)


def train_valence(root: Path):
    """Ridge regression of EmoBank valence on word counts / sqrt(known words); alpha and the
    normalisation chosen on EmoBank dev (r 0.532 vs 0.45 for mean word vectors)."""
    data = read_emobank(root)
    vec = CountVectorizer(analyzer=words, min_df=1)
    vec.fit([t for t, _ in data["train"]])

    def design(rows):
        X = vec.transform([t for t, _ in rows]).astype(np.float64)
        n = np.maximum(1, np.asarray(X.sum(axis=1)).ravel())
        return sparse.diags(1 / np.sqrt(n)) @ X, np.array([v for _, v in rows])

    X, y = design(data["train"])
    reg = Ridge(alpha=0.3).fit(X, y)
    Xt, yt = design(data["test"])
    r = np.corrcoef(reg.predict(Xt), yt)[0, 1]
    print(f"valence: EmoBank train {len(y)} sentences; test Pearson r {r:.3f}")
    return np.array(vec.get_feature_names_out(), dtype=str), reg.coef_.astype(np.float32), float(reg.intercept_)


def nrc_table():
    """The NRC lexicon as (words, (words, 8) uint8 flags) in a fixed order."""
    lex = nrc_lexicon()
    vocab = np.array(sorted(lex), dtype=str)
    return vocab, np.array([[e in lex[w] for e in EMOTIONS] for w in vocab], dtype=np.uint8)


def token_table(docs, nlp):
    """Per REMAN passage: spaCy tokens and each token's gold class index (-1: not trained on)."""
    out = []
    for doc, parsed in zip(docs, nlp.pipe([d.text for d in docs], batch_size=64)):
        labels = np.zeros(len(parsed), dtype=np.int64)
        for cue in doc.cues:
            k = CLASSES.index(cue.emotion if cue.emotion in EMOTIONS else "other")
            for t in parsed:
                if t.idx < cue.end and t.idx + len(t) > cue.start:
                    # Function words inside a long cue phrase are not what carries the emotion.
                    if t.pos_ in STOP_POS and cue.end - cue.start > len(t):
                        labels[t.i] = -1 if labels[t.i] == 0 else labels[t.i]
                    elif labels[t.i] <= 0:
                        labels[t.i] = k
        out.append((parsed, labels))
    return out


def design_matrix(table, model: EmotionModel):
    rows, cols, dense, y = [], [], [], []
    n = 0
    for parsed, labels in table:
        lexes = [lexeme(t) for t in parsed]
        for lex, feats, label in zip(lexes, token_rows(lexes), labels):
            if label < 0:
                continue
            rows.extend([n] * len(feats))
            cols.extend(feats)
            dense.append(dense_features(*model.lexicon_prior(lex)))
            y.append(label)
            n += 1
    X = sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(n, N_BUCKETS))
    X.sum_duplicates()
    X.data[:] = 1.0
    return sparse.hstack([X, sparse.csr_matrix(np.array(dense))]).tocsr(), np.array(y)


def lexicon_model(vocab, assoc, v_vocab, v_coef, v_b, nrc_vocab, nrc) -> EmotionModel:
    """The model's word tables with no tagger yet: what design_matrix looks words up in."""
    return EmotionModel(
        classes=list(CLASSES), cue_hashed=np.zeros((N_BUCKETS, len(CLASSES)), np.float32),
        cue_assoc=np.zeros((18, len(CLASSES)), np.float32), cue_bias=np.zeros(len(CLASSES), np.float32),
        threshold=0.5, stage_threshold=0.5, assoc_index={w: i for i, w in enumerate(vocab)}, assoc=assoc.astype(np.float16),
        valence_index={w: i for i, w in enumerate(v_vocab)}, valence_coef=v_coef.astype(np.float16), valence_bias=v_b,
        nrc_index={w: i for i, w in enumerate(nrc_vocab)}, nrc=nrc)


def with_tagger(lexicon: EmotionModel, clf) -> EmotionModel:
    W = clf.coef_.T.astype(np.float32)
    return replace(lexicon, classes=[CLASSES[c] for c in clf.classes_],
                   cue_hashed=W[:N_BUCKETS].astype(np.float16).astype(np.float32), cue_assoc=W[N_BUCKETS:],
                   cue_bias=clf.intercept_.astype(np.float32), _rows={}, _tables=[[], [], [], []])


THRESHOLDS = np.round(np.arange(0.04, 0.8, 0.02), 3)
F2_TOLERANCE = 0.01


def dev_counts(model: EmotionModel, docs, parsed, prior_weight: float) -> dict[float, np.ndarray]:
    """threshold -> (true positives, predictions, gold) on the development passages, scored as the evaluation does."""
    scores = model.emotion_scores(parsed, prior_weight)
    out = {}
    for t in THRESHOLDS:
        counts = np.zeros(3)
        for doc, cues in zip(docs, find_cues(model, parsed, threshold=float(t), scores=scores)):
            counts += _match([(c.emotion, (c.start_char, c.end_char), None) for c in cues if not c.negated], doc.cues, False)
        out[float(t)] = counts
    return out


def f_scores(counts: np.ndarray) -> tuple[float, float]:
    tp, n_pred, n_gold = counts
    p, r = tp / max(1.0, n_pred), tp / max(1.0, n_gold)
    return 2 * p * r / max(1e-9, p + r), 5 * p * r / max(1e-9, 4 * p + r)


def dev_choices(model: EmotionModel, docs, parsed) -> dict[str, float]:
    """The naming weights (beta, gamma) and the evaluation's cut (threshold, prior weight) by the
    best dev cue F1; the stage's cut by F2. F2 weighs recall twice: REMAN's annotators
    mark well under half of even plain emotion words, and a story's arcs need every feeling."""
    naming = {}
    for beta in (0.0, 0.5, 1.0):
        for gamma in (0.0, 0.5, 1.0, 2.0):
            model.beta, model.gamma = beta, gamma
            naming[beta, gamma] = max(f_scores(c)[0] for c in dev_counts(model, docs, parsed, 0.0).values())
    model.beta, model.gamma = max(naming, key=naming.get)
    counts = {(w, t): c for w in (0.0, 0.2, 0.4, 0.6) for t, c in dev_counts(model, docs, parsed, w).items()}
    cuts = {k: f_scores(c) for k, c in counts.items()}
    recall = {k: c[0] / max(1.0, c[2]) for k, c in counts.items()}
    w1, t1 = max(cuts, key=lambda k: cuts[k][0])
    # F2 is flat over a wide band of cuts (REMAN's sparse marking caps precision); within a
    # hundredth of its best the stage takes the cut that keeps the most cues.
    best_f2 = max(f2 for _, f2 in cuts.values())
    w2, t2 = max((k for k in cuts if cuts[k][1] >= best_f2 - F2_TOLERANCE), key=lambda k: recall[k])
    return {"beta": model.beta, "gamma": model.gamma, "f1": cuts[w1, t1][0], "f2": cuts[w2, t2][1],
            "threshold": t1, "prior_weight": w1, "stage_threshold": t2, "stage_prior_weight": w2}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", default="../shared/data", type=Path)
    ap.add_argument("--C", type=float, nargs="+", default=[0.3], help="inverse regularisations to try (dev picks)")
    ap.add_argument("--cue-weight", type=float, default=6.0, help="class weight of the eight emotions vs none/other")
    args = ap.parse_args()
    t0 = time.time()
    lexicon = lexicon_model(*train_associations(args.data), *train_valence(args.data), *nrc_table())

    from ficmeld.nlp import load_pipeline

    nlp = load_pipeline()
    train, test = split(read_reman(args.data / "reman"))
    dev, fit = train[::10], [d for i, d in enumerate(train) if i % 10]
    table_fit, table_dev = token_table(fit, nlp), token_table(dev, nlp)
    X, y = design_matrix(table_fit, lexicon)
    # Annotators mark only some emotional words; weighting the eight up keeps the tagger from
    # learning that almost nothing is a cue. The threshold is tuned on dev afterwards anyway.
    weights = {k: (args.cue_weight if CLASSES[k] in EMOTIONS else 1.0) for k in range(len(CLASSES))}
    choices = []
    for C in args.C:
        clf = LogisticRegression(C=C, max_iter=500, class_weight=weights).fit(X, y)
        chosen = dev_choices(with_tagger(lexicon, clf), dev, [parsed for parsed, _ in table_dev])
        print(f"cue tagger C={C}: {len(fit)} passages / {X.shape[0]} tokens; dev {len(dev)} passages: {chosen}")
        choices.append((chosen["f1"], C, chosen))
    _, C, chosen = max(choices, key=lambda c: c[:2])
    X, y = design_matrix(table_fit + table_dev, lexicon)
    clf = LogisticRegression(C=C, max_iter=500, class_weight=weights).fit(X, y)
    W = clf.coef_.T.astype(np.float32)
    np.savez_compressed(
        OUT,
        classes=np.array([CLASSES[c] for c in clf.classes_], dtype=str),
        cue_hashed=W[:N_BUCKETS].astype(np.float16), cue_assoc=W[N_BUCKETS:], cue_bias=clf.intercept_.astype(np.float32),
        cue_threshold=np.float32(chosen["threshold"]), stage_threshold=np.float32(chosen["stage_threshold"]),
        prior_weight=np.float32(chosen["prior_weight"]), stage_prior_weight=np.float32(chosen["stage_prior_weight"]),
        beta=np.float32(chosen["beta"]), gamma=np.float32(chosen["gamma"]),
        assoc_vocab=np.array(list(lexicon.assoc_index), dtype=str), assoc=lexicon.assoc,
        nrc_vocab=np.array(list(lexicon.nrc_index), dtype=str), nrc=lexicon.nrc,
        valence_vocab=np.array(list(lexicon.valence_index), dtype=str), valence_coef=lexicon.valence_coef,
        valence_bias=np.float32(lexicon.valence_bias),
    )
    print(f"chose C={C}, {chosen}; "
          f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB) in {time.time() - t0:.0f} s; REMAN test passages held out: {len(test)}")


if __name__ == "__main__":
    main()
