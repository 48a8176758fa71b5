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
MAX_POINTS = 1000


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


def windows(starts: list[int], ends: list[int], limit: int) -> tuple[list[int], list[int], np.ndarray]:
    """At most `limit` runs of consecutive paragraphs, as equal in count as can be, and each paragraph's run."""
    n = len(starts)
    if n <= limit:
        return starts, ends, np.arange(n)
    run_of = (np.arange(n) * limit) // n
    firsts = np.searchsorted(run_of, np.arange(limit), side="left")
    lasts = np.searchsorted(run_of, np.arange(limit), side="right") - 1
    return [starts[i] for i in firsts], [ends[i] for i in lasts], run_of


@stage("arcs", requires=("emotions",), assigns=("arcs",))
def arcs(work: Work) -> None:
    paragraphs = [p for p in work.paragraphs if p.part == "body" and p.scene is not None]
    if not paragraphs:
        work.arcs = Arcs(unit="paragraph", smoothing=None)
        return
    model = load_model()
    weights = np.array([max(1, p.end - p.start) for p in paragraphs], dtype=float)
    values = np.array([model.valence(work.text[p.start:p.end]) or 0.0 for p in paragraphs])
    # A long work's arc is drawn over at most MAX_POINTS windows of paragraphs; the low-pass keeps only
    # a twentieth of the frequencies anyway, so finer points would carry nothing but size.
    starts, ends, run_of = windows([p.start for p in paragraphs], [p.end for p in paragraphs], MAX_POINTS)
    unit = "paragraph" if len(starts) == len(paragraphs) else "window"
    text_valence = np.bincount(run_of, weights=values * weights, minlength=len(starts)) / \
        np.bincount(run_of, weights=weights, minlength=len(starts))
    keep = kept_frequencies(len(starts))
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
    work.arcs = Arcs(unit=unit, smoothing=f"dct-lowpass:{keep}",
                     points=points(starts, ends, smoothed[:, 0], smoothed[:, 1:]), per_character=per_character)
