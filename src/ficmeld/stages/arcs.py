"""Stage `arcs`: the emotional shape of a work, paragraph by paragraph, low-pass smoothed.

Each body paragraph gets the summed intensity of the readings in it per emotion, and a valence in
[-1, 1]: half the EmoBank-trained text valence, half the balance of positive (joy, trust) over
negative (anger, disgust, fear, sadness) emotion in it, read from the cue model's soft mass over
all its tokens (scratch["emotions.paragraph_mass"]) where the emotions stage left it, else from the
readings. A long work is drawn over at most MAX_POINTS windows of paragraphs. Series are smoothed like syuzhet's DCT option (a discrete cosine transform, the low
frequencies kept, transformed back); valence is smoothed weighted by each paragraph's length, so
that a one-line closing paragraph carries one line's worth of evidence, not a page's. Everything is one pass over paragraphs and readings: linear in the work's length.
"""
from __future__ import annotations

from collections import defaultdict

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
    """Smooth each column of `series` (paragraphs x values), keeping the `keep` lowest DCT terms.

    DCT-II extends the series evenly at both ends, so the ends are not pulled towards each other
    as with a discrete Fourier transform."""
    if len(series) <= keep:
        return series
    coef = fft.dct(series, axis=0, norm="ortho")
    coef[keep:] = 0.0
    return fft.idct(coef, axis=0, norm="ortho")


def weighted_low_pass(values: np.ndarray, weights: np.ndarray, keep: int) -> np.ndarray:
    """Low-pass of a series whose points carry unequal evidence (normalised convolution):
    smooth(values * weights) / smooth(weights)."""
    den = low_pass(weights[:, None], keep)[:, 0]
    floor = 0.1 * float(weights.mean()) if len(weights) else 1.0
    return low_pass((values * weights)[:, None], keep)[:, 0] / np.maximum(den, max(floor, 1e-9))


def balance(scores: np.ndarray) -> np.ndarray:
    """(paragraphs x 8 emotions) -> balance of positive over negative emotion in [-1, 1]."""
    pos = scores[:, [EMOTIONS.index(e) for e in POSITIVE]].sum(axis=1)
    neg = scores[:, [EMOTIONS.index(e) for e in NEGATIVE]].sum(axis=1)
    return (pos - neg) / (pos + neg + 1.0)


def emotion_matrix(readings: list[Emotion], starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """(paragraphs x 8): summed intensity of the readings that start in each paragraph."""
    out = np.zeros((len(starts), len(EMOTIONS)))
    if not readings or not len(starts):
        return out
    at = np.array([r.start for r in readings])
    rows = np.searchsorted(starts, at, side="right") - 1
    inside = (rows >= 0) & (at < ends[np.maximum(rows, 0)])
    columns = np.array([EMOTIONS.index(r.emotion) for r in readings])
    np.add.at(out, (rows[inside], columns[inside]), np.array([r.intensity for r in readings])[inside])
    return out


def points(starts, ends, valence: np.ndarray, scores: np.ndarray) -> list[ArcPoint]:
    return [ArcPoint(start=int(s), end=int(e), valence=round(float(np.clip(v, -1, 1)), 4),
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


def emotional_balance(work: Work, paragraphs, run_of: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Per point: the balance of the cue model's soft emotion mass in it, else of its readings."""
    mass = work.scratch.get("emotions.paragraph_mass")
    if not mass:
        return balance(scores)
    zero = np.zeros(len(EMOTIONS))
    per_paragraph = np.array([mass.get(p.index, zero) for p in paragraphs])
    summed = np.zeros((len(scores), len(EMOTIONS)))
    np.add.at(summed, run_of, per_paragraph)
    return balance(summed)


@stage("arcs", requires=("emotions",), assigns=("arcs",))
def arcs(work: Work) -> None:
    paragraphs = [p for p in work.paragraphs if p.part == "body" and p.scene is not None]
    if not paragraphs:
        work.arcs = Arcs(unit="paragraph", smoothing=None)
        return
    model = load_model()
    texts = [work.text[p.start:p.end] for p in paragraphs]
    lengths = np.array([max(1, len(t)) for t in texts], dtype=float)
    values = np.array([model.valence(t) or 0.0 for t in texts])
    # A long work's arc is drawn over at most MAX_POINTS windows of paragraphs; the low-pass keeps only
    # a twentieth of the frequencies anyway, so finer points would carry nothing but size.
    starts, ends, run_of = windows([p.start for p in paragraphs], [p.end for p in paragraphs], MAX_POINTS)
    unit = "paragraph" if len(starts) == len(paragraphs) else "window"
    weights = np.bincount(run_of, weights=lengths, minlength=len(starts))
    text_valence = np.bincount(run_of, weights=values * lengths, minlength=len(starts)) / weights
    starts, ends = np.array(starts), np.array(ends)
    keep = kept_frequencies(len(starts))
    scores = emotion_matrix(work.emotions, starts, ends)
    valence = weighted_low_pass(0.5 * text_valence + 0.5 * emotional_balance(work, paragraphs, run_of, scores),
                                weights, keep)
    smoothed = low_pass(scores, keep)
    by_character: dict[str, list[Emotion]] = defaultdict(list)
    for r in work.emotions:
        if r.experiencer is not None:
            by_character[r.experiencer].append(r)
    ranked = sorted((c for c, rs in by_character.items() if len(rs) >= MIN_READINGS),
                    key=lambda c: -len(by_character[c]))[:MAX_CHARACTERS]
    per_character = {}
    for cid in ranked:
        own = emotion_matrix(by_character[cid], starts, ends)
        series = low_pass(np.column_stack([balance(own), own]), keep)
        per_character[cid] = points(starts, ends, series[:, 0], series[:, 1:])
    work.arcs = Arcs(unit=unit, smoothing=f"dct-lowpass:{keep}",
                     points=points(starts, ends, valence, smoothed), per_character=per_character)
