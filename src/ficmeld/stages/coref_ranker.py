"""A learned antecedent ranker for he/she/him/her/his (outside quotations).

The coref stage's salience rules pick a character for each third-person pronoun; a linear model
(trained by training/train_coref.py on LitBank, one file per evaluation fold) scores every character
still in play with features of the pronoun, the candidate's last mention and the rules' own choice,
and takes the best one, unless the rules chose the subject of the pronoun's own sentence. Without a model
file, or one trained on another feature set, the rules decide alone.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ficmeld import learned

MODEL = "coref"
FEATURES = (
    "salience", "focal", "rank0", "rank1", "gender_match", "gender_unknown", "gender_clash", "co_argument",
    "reflexive_clause", "rule_choice", "same_sentence", "sentence_distance", "paragraph_distance",
    "mention_distance", "last_subject", "last_name", "last_pronoun", "last_quoted", "named", "seen_count",
    "subject_parallel", "possessive_same_sentence", "nearest_compatible", "object_same_sentence",
    "subject_same_sentence", "subject_previous_sentence", "sole_compatible", "same_paragraph",
)
F = {name: i for i, name in enumerate(FEATURES)}
FOCAL_DEFER = 1.0  # the rules keep a pronoun they gave to the scene's leading focal candidate (prior normalised to 1)
FOCAL_IN_PLAY = 0.0  # ... if that head is still in play: paragraph_distance 0, named or meant in this very paragraph
# The subject of a verb of thinking ("Frodo thought", "she knew") is the head the next sentences go on in
THINKING = frozenset("think know wonder realise realize remember decide hope wish understand suppose guess".split())
THOUGHT_REACH = 3  # sentences


def _continues_subject(row: np.ndarray) -> bool:
    """The subject of the sentence before, in the same paragraph, of the pronoun's gender, taken up by a subject."""
    return bool(row[F["subject_previous_sentence"]] and row[F["same_paragraph"]] and row[F["gender_match"]]
                and row[F["subject_parallel"]])


@dataclass
class LastSeen:
    mention: int
    sentence: int
    paragraph: int
    subject: bool
    kind: str
    quoted: bool
    count: int
    thinker: bool = False  # the subject of a verb of thinking


class PronounRanker:
    """Follows the stage's pass over the text (sentences, paragraphs, mentions) and chooses referents."""

    def __init__(self, weights: np.ndarray | None = None):
        self.weights = weights
        self.last: dict[str, LastSeen] = {}
        self.mentions = self.sentence = self.paragraph = 0
        self.named: set[str] = set()

    @classmethod
    def load(cls) -> "PronounRanker":
        arrays = learned.load(MODEL, required=False)
        if arrays is None or [str(n) for n in arrays["features"]] != list(FEATURES):
            return cls()
        return cls(np.concatenate([arrays["coef"].ravel(), arrays["intercept"].ravel()]).astype(np.float64))

    def new_paragraph(self) -> None:
        self.paragraph += 1

    def new_sentence(self) -> None:
        self.sentence += 1

    def seen(self, cid: str, start: int, end: int, *, subject: bool, kind: str, quoted: bool, verb: str = "") -> None:
        self.mentions += 1
        if kind == "name":
            self.named.add(cid)
        before = self.last.get(cid)
        self.last[cid] = LastSeen(self.mentions, self.sentence, self.paragraph, subject, kind, quoted,
                                  (before.count if before else 0) + 1, subject and not quoted and verb in THINKING)

    def rows(self, cls: str, case: str, subject: bool, candidates: dict[str, float], gender, focal,
             co_arguments: set[str], clause: set[str], rule: str | None) -> tuple[list[str], np.ndarray]:
        """One feature row per candidate character (salience > 0), in a fixed order."""
        ids = sorted(candidates, key=lambda c: (-candidates[c], c))
        order = sorted(ids, key=lambda c: -(candidates[c] + 0.4 * focal.get(c, 0.0)))
        compatible = [c for c in order if gender.get(c) in (cls, None)]
        nearest = max(compatible, key=lambda c: self.last[c].mention if c in self.last else -1, default=None)
        x = np.zeros((len(ids), len(FEATURES)))
        for r, cid in enumerate(ids):
            g = gender.get(cid)
            last = self.last.get(cid)
            row = x[r]
            row[F["salience"]] = min(candidates[cid], 5.0)
            row[F["focal"]] = focal.get(cid, 0.0)
            row[F["rank0"]] = bool(compatible) and compatible[0] == cid
            row[F["rank1"]] = len(compatible) > 1 and compatible[1] == cid
            row[F["gender_match"]] = g == cls
            row[F["gender_unknown"]] = g is None
            row[F["gender_clash"]] = g is not None and g != cls
            row[F["co_argument"]] = cid in co_arguments
            row[F["reflexive_clause"]] = case == "refl" and cid in clause
            row[F["rule_choice"]] = cid == rule
            row[F["named"]] = cid in self.named
            row[F["nearest_compatible"]] = cid == nearest
            row[F["sole_compatible"]] = compatible == [cid]
            if last is not None:
                same = last.sentence == self.sentence
                self.describe_last(row, F, last)
                row[F["mention_distance"]] = min(self.mentions - last.mention, 20) / 20
                row[F["subject_parallel"]] = subject and last.subject
                row[F["possessive_same_sentence"]] = case == "poss" and same
                row[F["object_same_sentence"]] = case == "obj" and same
                row[F["subject_same_sentence"]] = same and last.subject
                row[F["subject_previous_sentence"]] = self.sentence - last.sentence == 1 and last.subject
        return ids, x

    def describe_last(self, row: np.ndarray, index: dict[str, int], last: LastSeen) -> None:
        """How recently and how prominently a candidate was last mentioned, as both learned models (this
        one and the description linker) read it; `index` maps these feature names to the row's columns."""
        row[index["same_sentence"]] = last.sentence == self.sentence
        row[index["sentence_distance"]] = min(self.sentence - last.sentence, 10) / 10
        row[index["paragraph_distance"]] = min(self.paragraph - last.paragraph, 5) / 5
        row[index["same_paragraph"]] = last.paragraph == self.paragraph
        row[index["last_subject"]] = last.subject
        row[index["last_name"]] = last.kind == "name"
        row[index["last_pronoun"]] = last.kind == "pronoun"
        row[index["last_quoted"]] = last.quoted
        row[index["seen_count"]] = math.log1p(last.count) / 4

    def choose(self, ids: list[str], x: np.ndarray, rule: str | None, span: tuple[int, int]) -> str | None:
        """The referent of the pronoun at `span` (the model's best candidate; the rules' without a model)."""
        if self.weights is None or not ids:
            return rule
        if rule in ids and x[ids.index(rule), F["subject_same_sentence"]]:
            return rule  # the subject earlier in its own sentence: there the rules are right as often as the model
        if rule in ids and _continues_subject(x[ids.index(rule)]):
            return rule  # 'Nick Bottom does not scream. He scratches his ear': the last sentence's subject goes on
        if rule in ids and x[ids.index(rule), F["focal"]] >= FOCAL_DEFER \
                and x[ids.index(rule), F["paragraph_distance"]] <= FOCAL_IN_PLAY:
            # the scene's own head, already in this paragraph: close third person (most fan fiction) calls its POV
            # character "he" or "she" throughout, a prior LitBank's mostly omniscient excerpts do not teach the
            # model. A new paragraph that has not yet named or meant them may belong to someone else (a head-hop)
            return rule
        if rule in ids and self._last_thinker(rule, ids, x):
            return rule  # '*He knows,* Frodo thought. / He had not meant to let it show.'
        return ids[int(np.argmax(x @ self.weights[:-1]))]

    def _last_thinker(self, rule: str, ids: list[str], x: np.ndarray) -> bool:
        """The rules chose the one who was last seen thinking, a sentence or three ago, and no one of the
        pronoun's gender has been mentioned since."""
        last = self.last.get(rule)
        row = x[ids.index(rule)]
        return bool(last is not None and last.thinker and self.sentence - last.sentence <= THOUGHT_REACH
                    and row[F["nearest_compatible"]] and row[F["gender_match"]])
