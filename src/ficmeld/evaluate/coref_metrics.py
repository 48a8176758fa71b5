"""Coreference and span metrics, following the CoNLL reference-scorer definitions.

Chains are collections of mention keys (any hashable, e.g. (start, end) spans). Every metric
returns `Counts` so that documents can be summed before dividing (micro totals, as the reference
scorer does over a corpus).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Iterable, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

Chain = frozenset


@dataclass
class Counts:
    p_num: float = 0.0
    p_den: float = 0.0
    r_num: float = 0.0
    r_den: float = 0.0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.p_num + other.p_num, self.p_den + other.p_den,
                      self.r_num + other.r_num, self.r_den + other.r_den)

    @property
    def precision(self) -> float:
        return self.p_num / self.p_den if self.p_den else 0.0

    @property
    def recall(self) -> float:
        return self.r_num / self.r_den if self.r_den else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(100 * self.precision, 2), "recall": round(100 * self.recall, 2),
                "f1": round(100 * self.f1, 2)}


def span_counts(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> Counts:
    """Exact-match detection: true positives over predicted (precision) and gold (recall)."""
    g, p = set(gold), set(predicted)
    tp = len(g & p)
    return Counts(tp, len(p), tp, len(g))


def overlap_counts(gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]) -> Counts:
    """Lenient detection: a span counts as found when it overlaps any span on the other side."""
    def hits(a, b):
        return sum(1 for s, e in a if any(s < e2 and s2 < e for s2, e2 in b))
    return Counts(hits(predicted, gold), len(set(predicted)), hits(gold, predicted), len(set(gold)))


def _normalise(chains: Iterable[Iterable[Hashable]]) -> list[Chain]:
    return [Chain(c) for c in chains if c]


def _muc_side(key: list[Chain], response: list[Chain]) -> tuple[float, float]:
    where = {m: i for i, c in enumerate(response) for m in c}
    num = den = 0
    for chain in key:
        # Mentions absent from the response each form their own partition.
        parts = {where.get(m, ("missing", m)) for m in chain}
        num += len(chain) - len(parts)
        den += len(chain) - 1
    return num, den


def _both_sides(side, gold, predicted) -> Counts:
    """Recall scores gold against predicted chains; precision is the same measure the other way round."""
    k, r = _normalise(gold), _normalise(predicted)
    r_num, r_den = side(k, r)
    p_num, p_den = side(r, k)
    return Counts(p_num, p_den, r_num, r_den)


def muc(gold: Iterable[Iterable[Hashable]], predicted: Iterable[Iterable[Hashable]]) -> Counts:
    return _both_sides(_muc_side, gold, predicted)


def _b3_side(key: list[Chain], response: list[Chain]) -> tuple[float, float]:
    where = {m: c for c in response for m in c}
    num = 0.0
    den = 0
    for chain in key:
        for m in chain:
            other = where.get(m)
            num += len(chain & other) / len(chain) if other else 0.0
            den += 1
    return num, den


def b_cubed(gold: Iterable[Iterable[Hashable]], predicted: Iterable[Iterable[Hashable]]) -> Counts:
    return _both_sides(_b3_side, gold, predicted)


def ceaf_e(gold: Iterable[Iterable[Hashable]], predicted: Iterable[Iterable[Hashable]]) -> Counts:
    """Entity-based CEAF with phi4 similarity and the optimal one-to-one alignment."""
    k, r = _normalise(gold), _normalise(predicted)
    if not k or not r:
        return Counts(0.0, len(r), 0.0, len(k))
    sim = np.array([[2 * len(a & b) / (len(a) + len(b)) for b in r] for a in k])
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    return Counts(total, len(r), total, len(k))


def conll_average(scores: dict[str, Counts]) -> float:
    """The CoNLL F1: the unweighted mean of MUC, B³ and CEAF-e F1."""
    return sum(scores[m].f1 for m in ("muc", "b3", "ceafe")) / 3
