"""Train the description linker on LitBank: `python training/train_nominals.py ../shared/data`.

Every LitBank document goes through characters and quotes (inside the evaluation fold that tests it, so
no learned model saw it), then through the coref stage's pass with a recorder in place of the linker:
the rules decide, and for each singular description LitBank marks as a person mention, the recorder keeps
one feature row per character in play (coref_nominal.FEATURES). A row is positive when a mention the
candidate already holds is in the description's gold chain; a description whose chain none of them holds
should open a new entity.

Writes src/ficmeld/resources/learned/nominals-fold{0..9}.npz, each fitted on that fold's train.ids and
dev.ids only (regularisation and link threshold chosen by a 5-way split of those same documents; the
fold's test.ids are never seen), and nominals.npz fitted on all 100 documents with the setting most
folds chose. Deterministic: same tree, same data, same files.
"""
from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from common import documents_by_fold, run, stack
from ficmeld.evaluate.litbank import LitBankDoc, read_folds, split_ids, to_work
from ficmeld.learned import save
from ficmeld.pipeline import run_stages
from ficmeld.stages.coref import resolve_with
from ficmeld.stages.coref_nominal import FEATURES, MODEL, NominalLinker
from ficmeld.stages.coref_ranker import PronounRanker

OUT = Path(__file__).resolve().parent.parent / "src" / "ficmeld" / "resources" / "learned"
C_GRID = (0.1, 1.0, 10.0)
T_GRID = (0.3, 0.4, 0.5, 0.6, 0.7)
CHUNKS = 5
Group = tuple[np.ndarray, np.ndarray]  # one description: candidate rows and their 0/1 labels


class Recorder(NominalLinker):
    """Lets the rules decide and keeps, per gold description, the candidates' rows and labels."""

    def __init__(self, doc: LitBankDoc, ranker: PronounRanker):
        super().__init__()
        self.chain_of = doc.mentions
        self.ranker = ranker
        self.groups: list[Group] = []

    @property
    def active(self) -> bool:
        return True

    def choose(self, ids, x, rule, span):
        entity = self.chain_of.get(span)
        if entity is not None and ids:
            spans = self.ranker.spans
            labels = [any(self.chain_of.get(s) == entity for s in spans[c]) for c in ids]
            self.groups.append((x, np.array(labels, dtype=np.int8)))
        return rule


class SpanRanker(PronounRanker):
    """The fold's pronoun ranker, keeping the spans each character holds so far."""

    def __init__(self, base: PronounRanker):
        super().__init__(base.weights)
        self.spans: dict[str, list[tuple[int, int]]] = defaultdict(list)

    def seen(self, cid, start, end, **kw) -> None:
        super().seen(cid, start, end, **kw)
        self.spans[cid].append((start, end))


def featurise(folder: Path) -> dict[str, list[Group]]:
    out = {}
    for name, doc in documents_by_fold(folder):
        work = run_stages(to_work(doc), ["characters", "quotes"], keep_parse=True)
        ranker = SpanRanker(PronounRanker.load())
        recorder = Recorder(doc, ranker)
        resolve_with(work, ranker, recorder)
        out[name] = recorder.groups
    return out


def fit(groups: list[Group], c: float) -> LogisticRegression:
    x, y = stack(groups)
    return LogisticRegression(C=c, solver="liblinear", random_state=0).fit(x, y)


def right_decisions(model: LogisticRegression, t: float, groups: list[Group]) -> int:
    """Descriptions decided right: linked to a right candidate, or left new where no candidate is right."""
    linker = NominalLinker(np.concatenate([model.coef_.ravel(), model.intercept_.ravel()]), t)
    total = 0
    for x, y in groups:
        ids = list(range(len(y)))
        choice = linker.choose(ids, x, None, (0, 0))
        total += int(y[choice]) if choice is not None else int(not y.any())
    return total


def rules_right(groups: list[Group]) -> int:
    rule = FEATURES.index("rule_choice")
    return sum(int(y[x[:, rule] > 0].any()) if (x[:, rule] > 0).any() else int(not y.any()) for x, y in groups)


def save_model(path: Path, model: LogisticRegression, t: float) -> None:
    save(path, coef=np.asarray(model.coef_, dtype=np.float32), intercept=np.asarray(model.intercept_, dtype=np.float32),
         features=np.array(FEATURES), threshold=np.array([t], dtype=np.float32))


def select(groups_by_doc: list[list[Group]]) -> tuple[float, float]:
    """(C, threshold) with the most right decisions over a 5-way split of the fold's own train and dev
    documents: each fold's dev set alone is too small to choose a threshold steadily."""
    chunks = [[g for doc in groups_by_doc[i::CHUNKS] for g in doc] for i in range(CHUNKS)]
    right = Counter()
    for i, held in enumerate(chunks):
        rest = [g for j, chunk in enumerate(chunks) if j != i for g in chunk]
        for c in C_GRID:
            model = fit(rest, c)
            for t in T_GRID:
                right[(c, t)] += right_decisions(model, t, held)
    return max(right, key=lambda ct: (right[ct], -ct[0], -abs(ct[1] - 0.5)))


def train(folder: Path, data: dict[str, list[Group]]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    chosen = Counter()
    model_right = rules = total = 0
    for fold in range(len(read_folds(folder))):
        seen_docs = [data.get(n, []) for p in ("train", "dev") for n in split_ids(folder, fold, p)]
        test_groups = [g for n in split_ids(folder, fold, "test") for g in data.get(n, [])]
        c, t = select(seen_docs)
        chosen[(c, t)] += 1
        model = fit([g for doc in seen_docs for g in doc], c)
        save_model(OUT / f"{MODEL}-fold{fold}.npz", model, t)
        test = right_decisions(model, t, test_groups)
        r = rules_right(test_groups)
        model_right, rules, total = model_right + test, rules + r, total + len(test_groups)
        print(f"fold {fold}: C={c} T={t} test: right {test}, rules {r} of {len(test_groups)} descriptions")
    everything = [g for name in sorted(data) for g in data[name]]
    c, t = max(chosen, key=lambda k: (chosen[k], -k[0]))
    save_model(OUT / f"{MODEL}.npz", fit(everything, c), t)
    linkable = sum(int(y.any()) for _, y in everything)
    print(f"test folds: right {model_right} against the rules' {rules} of {total} descriptions "
          f"({linkable} of all {len(everything)} have a right candidate); full model C={c} T={t}")


if __name__ == "__main__":
    run(sys.argv, "train_nominals.py", featurise, train)
