"""The shipped emotion model at run time: numpy only, loaded once from resources/emotion/model.npz."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Sequence

import numpy as np

from ficmeld.emotion.features import EDGE, bucket, dense_features, left_features, lexeme, right_features, self_features, words
from ficmeld.errors import ModelError
from ficmeld.model.document import EMOTIONS

MODEL_FILE = "model.npz"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def lexical_strength(assoc: np.ndarray, nrc: np.ndarray) -> np.ndarray:
    """How strongly words carry each emotion outside any context, in [0, 1]: the association
    log-odds from XED/GoEmotions squashed (0.5 at odds e:1, 0.88 at e^2:1), and at least 0.5 for
    an emotion the NRC lexicon lists for the word."""
    return np.maximum(1 / (1 + np.exp(-2.0 * (assoc - 1.0))), 0.5 * nrc)


@dataclass
class EmotionModel:
    classes: list[str]
    cue_hashed: np.ndarray  # (buckets, classes)
    cue_assoc: np.ndarray  # (18, classes): the dense lexicon features (features.dense_features)
    cue_bias: np.ndarray
    threshold: float  # best cue F1 on REMAN dev
    stage_threshold: float  # the stage's recall-weighted cut (train_emotion.dev_choices)
    assoc_index: dict[str, int]
    assoc: np.ndarray  # (words, 8)
    valence_index: dict[str, int]
    valence_coef: np.ndarray
    valence_bias: float
    nrc_index: dict[str, int] = field(default_factory=dict)
    nrc: np.ndarray = field(default_factory=lambda: np.zeros((0, len(EMOTIONS)), np.uint8))  # (words, 8) flags
    # lexeme -> row in the three score tables below; grows as new words are seen
    _rows: dict[tuple[str, str, str], int] = field(default_factory=dict)
    beta: float = 0.0  # weight of the word associations in naming a cue's emotion (dev-tuned)
    gamma: float = 0.0  # weight of the NRC flags in naming it (dev-tuned)
    prior_weight: float = 0.0  # how far a strong lexicon word counts as a cue unseen (dev-tuned, F1)
    stage_prior_weight: float = 0.0  # the same at the stage's cut
    _tables: list[list[np.ndarray]] = field(default_factory=lambda: [[], [], [], []])

    @property
    def emotion_columns(self) -> np.ndarray:
        return np.array([self.classes.index(e) for e in EMOTIONS])

    def lexicon_prior(self, lex: tuple[str, str, str]) -> tuple[np.ndarray | None, np.ndarray | None]:
        """(associations, NRC flags) of a word by its form, else its lemma ('died' -> 'die'); None if unknown."""
        j = self.assoc_index.get(lex[0], self.assoc_index.get(lex[1]))
        k = self.nrc_index.get(lex[0], self.nrc_index.get(lex[1]))
        return (None if j is None else self.assoc[j].astype(np.float32),
                None if k is None else self.nrc[k].astype(np.float32))

    def lexicon_strength(self, lex: tuple[str, str, str], emotion: str) -> float:
        """`lexical_strength` of a word for one emotion; 0 for a word neither lexicon knows."""
        assoc, nrc = self.lexicon_prior(lex)
        if assoc is None and nrc is None:
            return 0.0
        zeros = np.zeros(len(EMOTIONS), np.float32)
        strength = lexical_strength(zeros if assoc is None else assoc, zeros if nrc is None else nrc)
        return float(strength[EMOTIONS.index(emotion)])

    def _row(self, lex: tuple[str, str, str]) -> int:
        row = self._rows.get(lex)
        if row is None:
            own = self.cue_hashed[[bucket(f) for f in self_features(lex)]].sum(axis=0, dtype=np.float32)
            assoc, nrc = self.lexicon_prior(lex)
            own = own + dense_features(assoc, nrc) @ self.cue_assoc
            prior = np.concatenate([np.zeros(len(EMOTIONS), np.float32) if assoc is None else assoc,
                                    np.zeros(len(EMOTIONS), np.float32) if nrc is None else nrc])
            left = self.cue_hashed[[bucket(f) for f in left_features(lex)]].sum(axis=0, dtype=np.float32)
            right = self.cue_hashed[[bucket(f) for f in right_features(lex)]].sum(axis=0, dtype=np.float32)
            for table, part in zip(self._tables, (own, left, right, prior)):
                table.append(part)
            row = self._rows[lex] = len(self._rows)
        return row

    def cue_probabilities(self, runs: Sequence[Sequence]) -> list[np.ndarray]:
        """For each run of spaCy tokens (a Doc or a list), P(class) per token, one (n, classes) array each.

        All runs are scored in one batch: rows gathered from the per-lexeme tables, then one softmax.
        """
        edge = self._row(EDGE)
        own_ids, left_ids, right_ids, sizes = [], [], [], []
        for run in runs:
            ids = [self._row(lexeme(t)) for t in run]
            own_ids += ids
            left_ids += [edge] + ids[:-1] if ids else []
            right_ids += ids[1:] + [edge] if ids else []
            sizes.append(len(ids))
        if not own_ids:
            return [np.zeros((0, len(self.classes)), np.float32) for _ in sizes]
        own, left, right, _ = (np.stack(t) for t in self._tables)
        # a token's left neighbour contributes its "left" part, the right neighbour its "right" part
        logits = own[own_ids] + left[left_ids] + right[right_ids] + self.cue_bias
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        return np.split(probs, np.cumsum(sizes)[:-1])

    def emotion_scores(self, runs: Sequence[Sequence], prior_weight: float = 0.0) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per run: (cue-ness per token, the eight's shares per token).

        The shares are the tagger's, re-weighted by the word's lexicon prior,
        exp(beta * association + gamma * NRC flag): REMAN alone has seen too few of fiction's
        emotion words to name them ('died' is sadness, whatever the sentences around it).
        Cue-ness is the tagger's P(one of the eight), backed off towards the lexicon for words it
        gives little weight: 1 - (1 - P) * (1 - prior_weight * strength of the named emotion).
        """
        out = []
        columns = self.emotion_columns
        n = len(EMOTIONS)
        for run, probs in zip(runs, self.cue_probabilities(runs)):
            emo = probs[:, columns]
            cueness = emo.sum(axis=1)
            if len(run):
                prior = np.stack([self._tables[3][self._row(lexeme(t))] for t in run])
                assoc, nrc = prior[:, :n], prior[:, n:]
                emo = emo * np.exp(self.beta * (assoc - assoc.max(axis=1, keepdims=True)) + self.gamma * nrc)
                if prior_weight:
                    named = emo.argmax(axis=1)
                    strength = lexical_strength(assoc, nrc)[np.arange(len(run)), named]
                    cueness = 1 - (1 - cueness) * (1 - prior_weight * strength)
            shares = emo / np.maximum(emo.sum(axis=1, keepdims=True), 1e-12)
            out.append((cueness, shares))
        return out

    def strength(self, token, emotion: str) -> float:
        """How strongly a word carries `emotion` outside any context, in [0, 1] (lexical_strength)."""
        assoc, nrc = self.lexicon_prior(lexeme(token))
        zeros = np.zeros(len(EMOTIONS), np.float32)
        row = lexical_strength((zeros if assoc is None else assoc)[None], (zeros if nrc is None else nrc)[None])
        return float(row[0, EMOTIONS.index(emotion)])

    def valence(self, text: str) -> float | None:
        """EmoBank-style valence mapped to [-1, 1] (0 neutral): the mean over the text's sentences
        (the regression was fitted on sentences), or None when no word is known."""
        values = []
        for sentence in SENTENCE_END.split(text):
            ids = [self.valence_index[w] for w in words(sentence) if w in self.valence_index]
            if ids:
                total = float(self.valence_coef[ids].astype(np.float32).sum())
                values.append(self.valence_bias + total / np.sqrt(len(ids)))
        if not values:
            return None
        return float(np.clip((np.mean(values) - 3.0) / 1.0, -1.0, 1.0))


@functools.cache
def load_model() -> EmotionModel:
    try:
        with resources.files("ficmeld.resources").joinpath("emotion").joinpath(MODEL_FILE).open("rb") as f:
            z = dict(np.load(f, allow_pickle=False))
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"cannot load the emotion model ({exc})",
                         fix="reinstall ficmeld, or retrain with training/train_emotion.py") from exc
    return EmotionModel(
        classes=[str(c) for c in z["classes"]],
        cue_hashed=z["cue_hashed"].astype(np.float32),
        cue_assoc=z["cue_assoc"].astype(np.float32),
        cue_bias=z["cue_bias"].astype(np.float32),
        threshold=float(z["cue_threshold"]),
        stage_threshold=float(z["stage_threshold"]),
        beta=float(z["beta"]),
        gamma=float(z["gamma"]),
        prior_weight=float(z["prior_weight"]),
        stage_prior_weight=float(z["stage_prior_weight"]),
        nrc_index={str(w): i for i, w in enumerate(z["nrc_vocab"])},
        nrc=z["nrc"],
        assoc_index={str(w): i for i, w in enumerate(z["assoc_vocab"])},
        assoc=z["assoc"],
        valence_index={str(w): i for i, w in enumerate(z["valence_vocab"])},
        valence_coef=z["valence_coef"],
        valence_bias=float(z["valence_bias"]),
    )
