"""Train the pronoun antecedent ranker on LitBank: `python training/train_coref.py ../shared/data`.

Every LitBank document goes through characters and quotes (inside the evaluation fold that tests it, so
the learned mention model never saw it), then through the coref stage's pass with a recorder in place of
the ranker: the rules decide, and for each he/she/him/her/his outside quotes that LitBank marks as a
person mention, the recorder keeps one feature row per candidate character (coref_ranker.FEATURES). A row
is positive when a mention the candidate already holds is in the pronoun's gold chain.

Writes src/ficmeld/resources/learned/coref-fold{0..9}.npz, each fitted on that fold's train.ids only
(regularisation chosen on its dev.ids), and coref.npz fitted on all 100 documents with the setting most
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
from ficmeld.learned import save_linear
from ficmeld.pipeline import run_stages
from ficmeld.stages.coref import resolve_with
from ficmeld.stages.coref_ranker import FEATURES, MODEL, PronounRanker

OUT = Path(__file__).resolve().parent.parent / "src" / "ficmeld" / "resources" / "learned"
C_GRID = (0.1, 1.0, 10.0)
Group = tuple[np.ndarray, np.ndarray]  # one pronoun: candidate rows and their 0/1 labels


class Recorder(PronounRanker):
    """Lets the rules decide and keeps, per gold pronoun, the candidates' rows and labels."""

    def __init__(self, doc: LitBankDoc):
        super().__init__()
        self.chain_of = doc.mentions
        self.spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.groups: list[Group] = []

    def seen(self, cid, start, end, **kw) -> None:
        super().seen(cid, start, end, **kw)
        self.spans[cid].append((start, end))

    def choose(self, ids, x, rule, span):
        entity = self.chain_of.get(span)
        if entity is not None and ids:
            labels = [any(self.chain_of.get(s) == entity for s in self.spans[c]) for c in ids]
            self.groups.append((x, np.array(labels, dtype=np.int8)))
        return rule


def featurise(folder: Path) -> dict[str, list[Group]]:
    out = {}
    for name, doc in documents_by_fold(folder):
        work = run_stages(to_work(doc), ["characters", "quotes"], keep_parse=True)
        recorder = Recorder(doc)
        resolve_with(work, recorder)
        out[name] = recorder.groups
    return out


def fit(groups: list[Group], c: float) -> LogisticRegression:
    x, y = stack(groups)
    return LogisticRegression(C=c, max_iter=5000).fit(x, y)


def right_links(model: LogisticRegression, groups: list[Group]) -> int:
    """Pronouns given a right candidate as the stage decides (the model, or the rules where it trusts them)."""
    ranker = PronounRanker(np.concatenate([model.coef_.ravel(), model.intercept_.ravel()]))
    rule = FEATURES.index("rule_choice")
    total = 0
    for x, y in groups:
        ids = list(range(len(y)))
        ruled = np.flatnonzero(x[:, rule] > 0)
        total += int(y[ranker.choose(ids, x, int(ruled[0]) if len(ruled) else None, (0, 0))])
    return total


def rules_right_links(groups: list[Group]) -> int:
    rule = FEATURES.index("rule_choice")
    return sum(int(y[x[:, rule] > 0].any()) for x, y in groups)



def train(folder: Path, data: dict[str, list[Group]]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    chosen = Counter()
    model_right = rules_right = pronouns = 0
    for fold in range(len(read_folds(folder))):
        part = {p: [g for n in split_ids(folder, fold, p) for g in data.get(n, [])] for p in ("train", "dev", "test")}
        models = {c: fit(part["train"], c) for c in C_GRID}
        best = max(C_GRID, key=lambda c: (right_links(models[c], part["dev"]), -c))
        chosen[best] += 1
        save_linear(OUT / f"{MODEL}-fold{fold}.npz", models[best], FEATURES)
        test, rules = right_links(models[best], part["test"]), rules_right_links(part["test"])
        model_right, rules_right, pronouns = model_right + test, rules_right + rules, pronouns + len(part["test"])
        print(f"fold {fold}: C={best} test: right {test}, rules {rules} of {len(part['test'])} pronouns")
    everything = [g for name in sorted(data) for g in data[name]]
    c = max(chosen, key=lambda k: (chosen[k], -k))
    save_linear(OUT / f"{MODEL}.npz", fit(everything, c), FEATURES)
    ceiling = sum(int(y.any()) for _, y in everything)
    print(f"test folds: right {model_right} against the rules' {rules_right} of {pronouns} pronouns "
          f"(a right candidate exists for {ceiling} of all {len(everything)}); full model C={c}")


if __name__ == "__main__":
    run(sys.argv, "train_coref.py", featurise, train)
