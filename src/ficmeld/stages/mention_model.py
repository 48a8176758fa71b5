"""Learned nominal person mentions: a linear model over candidate noun phrases of the parse.

Every noun-like head proposes up to three spans (its full phrase with post-modifiers and relative
clauses, the same cut at its first comma, and its pre-modifiers only); hashed features of head,
determiner, modifiers, syntax and the span's shape are scored by one dot product. The model file
`mentions.npz` (training/train_mentions.py, fitted on LitBank) holds the weights, the bias and the
decision threshold; inference needs numpy only.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

import numpy as np

from ficmeld.stages.lexicon import HUMAN_VERBS, person_nouns

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

DIM = 1 << 18
HEAD_POS = {"NOUN", "PROPN", "PRON", "NUM", "ADJ"}
# Pronoun-tagged words that can head a nominal person mention ("nobody", "the others", "all of them").
INDEFINITE = {"nobody", "somebody", "someone", "anybody", "anyone", "everybody", "everyone", "none", "all",
              "one", "others", "another", "both", "each", "either", "neither", "many", "few", "some", "several",
              "whoever", "who", "whom", "those", "most"}
# Dependents that never head a person phrase. A noun the parser hangs on a verb as `npadvmod` is often a
# vocative ("Yes, sir", "Come here, my boy"), so it stays a candidate; the model's dep and head features
# tell "my dear" from "this morning".
SKIP_DEPS = {"compound", "amod", "nmod", "advmod", "det", "nummod", "quantmod"}
STOP_RIGHT = ({"conj", "cc", "appos", "case"}, {"conj", "cc", "appos", "case", "punct"})  # "the boy's" -> "the boy"


@dataclass(frozen=True)
class Candidate:
    head: int      # token index in the doc
    left: int      # first token index
    right: int     # last token index (inclusive)
    variants: tuple[str, ...]


def _right_edge(doc: "Doc", head: "Token", stop: set[str]) -> int:
    r = head.i
    for child in head.rights:
        if child.dep_ in stop:
            break
        r = max(r, child.right_edge.i)
    while r > head.i and (doc[r].is_punct or doc[r].is_space):
        r -= 1
    return r


def _is_head(tok: "Token") -> bool:
    if tok.pos_ not in HEAD_POS or tok.dep_ in SKIP_DEPS:
        return False
    if tok.pos_ == "PRON":
        return tok.lower_ in INDEFINITE
    if tok.pos_ == "NUM" and any(c.dep_ in ("prep", "relcl") for c in tok.rights):
        return True  # "one of the patients", "one who keeps an inn": a partitive or described someone
    if tok.pos_ in ("ADJ", "NUM"):
        return tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj") and \
            any(c.dep_ in ("det", "poss") for c in tok.lefts) or tok.dep_ in ("nsubj", "nsubjpass")
    return True


def candidates(doc: "Doc") -> Iterator[Candidate]:
    for tok in doc:
        if not _is_head(tok):
            continue
        left = tok.left_edge.i
        while left < tok.i and (doc[left].is_punct or doc[left].dep_ == "cc" or doc[left].is_space):
            left += 1
        pre = min([c.left_edge.i for c in tok.lefts] or [tok.i])
        while pre < tok.i and (doc[pre].is_punct or doc[pre].is_space):
            pre += 1
        spans: dict[tuple[int, int], list[str]] = {}
        spans.setdefault((left, _right_edge(doc, tok, STOP_RIGHT[0])), []).append("full")
        spans.setdefault((left, _right_edge(doc, tok, STOP_RIGHT[1])), []).append("comma")
        spans.setdefault((max(pre, left), tok.i), []).append("pre")
        for (a, b), names in spans.items():
            yield Candidate(tok.i, a, b, tuple(names))


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8+"


def features(doc: "Doc", c: Candidate) -> list[str]:
    head = doc[c.head]
    lemma = head.lemma_.lower()
    first = doc[c.left]
    gov = head.head
    out = [
        "bias", f"h={lemma}", f"w={head.lower_}", f"suf={head.lower_[-3:]}", f"pos={head.pos_}", f"tag={head.tag_}",
        f"dep={head.dep_}", f"gov={gov.lemma_.lower()}", f"depgov={head.dep_}|{gov.lemma_.lower()}",
        f"first={first.lower_}", f"firstpos={first.pos_}", f"len={_bucket(c.right - c.left + 1)}",
        f"right={_bucket(c.right - c.head)}", f"ner={head.ent_type_ or '-'}", f"v={'+'.join(c.variants)}",
        f"hv={lemma}|{'+'.join(c.variants)}",
    ]
    det_class = _det_class(doc, head, c.left)
    out += [f"suf2={head.lower_[-2:]}", f"suf4={head.lower_[-4:]}", f"hdet={lemma}|{det_class}",
            f"detc={det_class}", f"deptag={head.dep_}|{head.tag_}"]
    if lemma in person_nouns() or head.lower_ in person_nouns():
        out.append("pnoun")
        out.append(f"pnoun|{head.tag_}")
        out.append(f"pnoun|{head.dep_}")
        out.append(f"pnoun|{det_class}")
    elif any(doc[i].lemma_.lower() in person_nouns() for i in range(c.left, c.right + 1)):
        out.append("pnoun_inside")
    if head.text[:1].isupper():
        out.append("cap" if head.i > 0 and not doc[head.i - 1].is_sent_end else "cap_initial")
    if head.dep_ in ("nsubj", "nsubjpass") and gov.lemma_.lower() in HUMAN_VERBS:
        out.append("human_subject")
    for child in head.children:
        if child.i < c.left or child.i > c.right:
            continue
        if child.dep_ in ("det", "poss", "predet"):
            out.append(f"det={child.lower_}")
        elif child.dep_ in ("amod", "compound", "nummod"):
            out.append(f"{child.dep_}={child.lemma_.lower()}")
            out.append(f"mod|h={child.lemma_.lower()}|{lemma}")
        elif child.dep_ == "prep":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            out.append(f"prep={child.lower_}")
            if obj is not None:
                out.append(f"prep={child.lower_}|{obj.lemma_.lower()}")
        elif child.dep_ in ("relcl", "acl"):
            rel = doc[child.left_edge.i].lower_ if child.left_edge.i > head.i else "-"
            out.append(f"{child.dep_}={rel}")
    if any(doc[i].text == "," for i in range(c.head, c.right + 1)):
        out.append("comma_inside")
    if c.right + 1 < len(doc):
        out.append(f"next={doc[c.right + 1].lower_ if doc[c.right + 1].is_punct else doc[c.right + 1].pos_}")
    if c.left > 0:
        out.append(f"prev={doc[c.left - 1].lower_ if doc[c.left - 1].pos_ in ('ADP', 'PUNCT', 'DET') else doc[c.left - 1].pos_}")
    return out


def _det_class(doc: "Doc", head: "Token", left: int) -> str:
    for child in head.lefts:
        if child.i < left:
            continue
        if child.dep_ == "poss":
            return "poss"
        if child.dep_ == "det":
            w = child.lower_
            return "def" if w in ("the", "this", "that", "these", "those") else "indef" if w in ("a", "an") else "q"
    return "none"


def hashed(feats: list[str]) -> np.ndarray:
    return np.fromiter((zlib.crc32(f.encode("utf-8")) & (DIM - 1) for f in feats), dtype=np.int64, count=len(feats))


class MentionModel:
    def __init__(self, arrays: dict[str, np.ndarray]):
        self.weights = arrays["weights"].astype(np.float32)
        self.bias = float(arrays["bias"])
        self.threshold = float(arrays["threshold"])

    def score(self, feats: list[str]) -> float:
        z = self.bias + float(self.weights[hashed(feats)].sum())
        return 1.0 / (1.0 + np.exp(-z))

    def mentions(self, doc: "Doc") -> list[tuple[int, int, int, float]]:
        """(head, left, right, probability): the best span of each head the model accepts."""
        best: dict[int, tuple[int, int, int, float]] = {}
        for c in candidates(doc):
            p = self.score(features(doc, c))
            if p >= self.threshold and (c.head not in best or p > best[c.head][3]):
                best[c.head] = (c.head, c.left, c.right, p)
        return sorted(best.values(), key=lambda m: (m[1], -m[2]))


def load_model() -> MentionModel | None:
    from ficmeld import learned

    arrays = learned.load("mentions", required=False)
    return MentionModel(arrays) if arrays is not None else None
