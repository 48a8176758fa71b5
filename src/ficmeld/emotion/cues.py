"""Emotion cues: runs of tokens the cue model tags with one of Plutchik's eight."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np

from ficmeld.emotion.features import lexeme
from ficmeld.emotion.model import EmotionModel
from ficmeld.emotion.syntax import is_negated
from ficmeld.model.document import EMOTIONS

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass
class CueSpan:
    tokens: list["Token"]
    emotion: str
    score: float
    negated: bool

    @property
    def head(self) -> "Token":
        """The token the parse-based rules start from: the last content word of the run."""
        content = [t for t in self.tokens if t.pos_ in ("NOUN", "VERB", "ADJ", "ADV", "PROPN", "INTJ")]
        return (content or self.tokens)[-1]

    @property
    def start_char(self) -> int:
        return self.tokens[0].idx

    @property
    def end_char(self) -> int:
        return self.tokens[-1].idx + len(self.tokens[-1].text)

    @property
    def text(self) -> str:
        doc = self.tokens[0].doc
        return doc.text[self.start_char:self.end_char]


LEXICON_BACKING = 0.5  # lexical strength a cue below the F1-best cut needs: an NRC flag or a strong association


def find_cues(model: EmotionModel, runs: Sequence[Sequence["Token"]], threshold: float | None = None,
              prior_weight: float | None = None, scores: list | None = None,
              lexicon_backed: bool = False) -> list[list[CueSpan]]:
    """Cue spans in each run of tokens, scored in one batch: a token is a cue when its cue-ness
    times the largest emotion share reaches the threshold. Adjacent tokens with one emotion merge.
    Without arguments: the evaluation's (F1-best) cut; `scores` reuses model.emotion_scores.
    `lexicon_backed`: a token scoring under the F1-best cut counts only where a lexicon gives the word
    that emotion, so a lower cut adds feelings ("tears") rather than noise ("knew", "managed")."""
    threshold = model.threshold if threshold is None else threshold
    if scores is None:
        scores = model.emotion_scores(runs, model.prior_weight if prior_weight is None else prior_weight)
    out = []
    for run, (cueness, shares) in zip(runs, scores):
        cues: list[CueSpan] = []
        best = shares.argmax(axis=1) if len(shares) else np.zeros(0, int)
        token_scores = cueness * shares.max(axis=1) if len(shares) else cueness
        for k in np.flatnonzero(token_scores >= threshold):
            token, emotion, score = run[k], EMOTIONS[best[k]], float(token_scores[k])
            if lexicon_backed and score < model.threshold and \
                    model.lexicon_strength(lexeme(token), emotion) < LEXICON_BACKING:
                continue
            last = cues[-1] if cues else None
            if last is not None and last.emotion == emotion and last.tokens[-1].i == token.i - 1:
                last.tokens.append(token)
                last.score = max(last.score, score)
            else:
                cues.append(CueSpan([token], emotion, score, False))
        for cue in cues:
            cue.negated = is_negated(cue.head)
        out.append(cues)
    return out
