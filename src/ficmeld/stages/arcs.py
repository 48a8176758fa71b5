"""Stage `arcs`: the emotional shape of a work, paragraph by paragraph, low-pass smoothed.

Each body paragraph gets the summed intensity of the readings in it per emotion, and a valence in
[-1, 1]: half the EmoBank-trained text valence, half the balance of positive (joy, trust) over
negative (anger, disgust, fear, sadness) readings. Series are smoothed like syuzhet's DCT option:
a discrete cosine transform, the low frequencies kept, transformed back.
"""
from __future__ import annotations

import numpy as np
from scipy import fft

from ficmeld.emotion.model import load_model
from ficmeld.model.document import EMOTIONS, ArcPoint, Arcs, Emotion
from ficmeld.model.work import Work
from ficmeld.stages.base import stage

POSITIVE = ("joy", "trust")
NEGATIVE = ("anger", "disgust", "fear", "sadness")
MIN_READINGS = 3  # characters with fewer readings get no arc of their own
MAX_CHARACTERS = 12


def kept_frequencies(n: int) -> int:
    return min(n, max(5, n // 20))


def low_pass(series: np.ndarray, keep: int) -> np.ndarray:
    """Smooth each column of `series` (paragraphs x values), keeping the `keep` lowest DCT terms."""
    if len(series) <= keep:
        return series
    coef = fft.dct(series, axis=0, norm="ortho")
    coef[keep:] = 0.0
    return fft.idct(coef, axis=0, norm="ortho")


def reading_valence(scores: np.ndarray) -> np.ndarray:
    """(paragraphs x 8 emotions) -> balance of positive over negative readings in [-1, 1]."""
    pos = scores[:, [EMOTIONS.index(e) for e in POSITIVE]].sum(axis=1)
    neg = scores[:, [EMOTIONS.index(e) for e in NEGATIVE]].sum(axis=1)
    return (pos - neg) / (pos + neg + 1.0)


def emotion_matrix(readings: list[Emotion], starts: list[int], ends: list[int]) -> np.ndarray:
    out = np.zeros((len(starts), len(EMOTIONS)))
    for r in readings:
        i = int(np.searchsorted(starts, r.start, side="right")) - 1
        if 0 <= i < len(starts) and r.start < ends[i]:
            out[i, EMOTIONS.index(r.emotion)] += r.intensity
    return out


def points(starts: list[int], ends: list[int], valence: np.ndarray, scores: np.ndarray) -> list[ArcPoint]:
    return [ArcPoint(start=s, end=e, valence=round(float(np.clip(v, -1, 1)), 4),
                     emotions={name: round(float(max(0.0, x)), 4) for name, x in zip(EMOTIONS, row)})
            for s, e, v, row in zip(starts, ends, valence, scores)]


@stage("arcs", requires=("emotions",), assigns=("arcs",))
def arcs(work: Work) -> None:
    paragraphs = [p for p in work.paragraphs if p.part == "body" and p.scene is not None]
    if not paragraphs:
        work.arcs = Arcs(unit="paragraph", smoothing=None)
        return
    keep = kept_frequencies(len(paragraphs))
    starts, ends = [p.start for p in paragraphs], [p.end for p in paragraphs]
    model = load_model()
    text_valence = np.array([model.valence(work.text[p.start:p.end]) or 0.0 for p in paragraphs])
    scores = emotion_matrix(work.emotions, starts, ends)
    valence = 0.5 * text_valence + 0.5 * reading_valence(scores)
    smoothed = low_pass(np.column_stack([valence, scores]), keep)
    per_character = {}
    counts: dict[str, int] = {}
    for r in work.emotions:
        if r.experiencer is not None:
            counts[r.experiencer] = counts.get(r.experiencer, 0) + 1
    ranked = sorted((c for c, n in counts.items() if n >= MIN_READINGS), key=lambda c: -counts[c])[:MAX_CHARACTERS]
    for cid in ranked:
        own = emotion_matrix([r for r in work.emotions if r.experiencer == cid], starts, ends)
        series = low_pass(np.column_stack([reading_valence(own), own]), keep)
        per_character[cid] = points(starts, ends, series[:, 0], series[:, 1:])
    work.arcs = Arcs(unit="paragraph", smoothing=f"dct-lowpass:{keep}",
                     points=points(starts, ends, smoothed[:, 0], smoothed[:, 1:]), per_character=per_character)
