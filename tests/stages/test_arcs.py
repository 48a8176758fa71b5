"""The arcs stage: smoothing and per-paragraph points over readings set by hand."""
from __future__ import annotations

import numpy as np

from ficmeld.model.document import Emotion
from ficmeld.stages.arcs import arcs, emotion_matrix, kept_frequencies, low_pass, weighted_low_pass

from tests.stages.helpers import parsed_work

STORY = "\n\n".join(f"Paragraph {i} of a quiet walk by the river." for i in range(12)) + "\n"


def body(work):
    return [p for p in work.paragraphs if p.part == "body" and p.scene is not None]


def test_low_pass_keeps_a_slow_trend_and_removes_alternation():
    n = 60
    trend = np.linspace(-1, 1, n)
    noisy = trend + 0.5 * (-1) ** np.arange(n)
    smooth = low_pass(noisy[:, None], kept_frequencies(n))[:, 0]
    assert np.abs(smooth - trend).max() < 0.25
    assert np.abs(smooth - trend).mean() < 0.2 * np.abs(noisy - trend).mean()


def test_points_per_body_paragraph_and_per_character_arcs():
    work = parsed_work(STORY)
    paragraphs = body(work)
    sad = [Emotion(experiencer="c0", emotion="sadness", intensity=0.9, start=p.start, end=p.start + 5, scene=p.scene)
           for p in paragraphs[-4:]]
    glad = [Emotion(experiencer="c1", emotion="joy", intensity=0.8, start=paragraphs[0].start,
                    end=paragraphs[0].start + 5, scene=paragraphs[0].scene)]
    work.emotions = sad + glad
    arcs(work)
    assert work.arcs.unit == "paragraph" and work.arcs.smoothing.startswith("dct")
    assert [(pt.start, pt.end) for pt in work.arcs.points] == [(p.start, p.end) for p in paragraphs]
    assert all(-1.0 <= pt.valence <= 1.0 for pt in work.arcs.points)
    assert set(work.arcs.per_character) == {"c0"}  # one reading is too few for an arc of its own
    c0 = work.arcs.per_character["c0"]
    assert c0[-1].valence < c0[0].valence
    assert c0[-1].emotions["sadness"] > c0[0].emotions["sadness"]


def test_a_work_without_readings_or_body_has_flat_or_no_arcs():
    work = parsed_work(STORY)
    arcs(work)
    assert len(work.arcs.points) == len(body(work))
    assert all(sum(pt.emotions.values()) == 0 for pt in work.arcs.points)
    work.paragraphs = []
    arcs(work)
    assert work.arcs.points == [] and work.arcs.per_character == {}


# A story of our own that opens in delight and ends in loss; its closing line is short and bright.
BAD_ENDING = [
    "Tove and Ansel spent the summer at the lake, laughing, swimming and delighted with everything.",
    "They loved the long bright evenings; Tove was happy, proud of the boat they had built together.",
    "Ansel sang at the festival and the whole village cheered, and they danced until morning.",
    "In the autumn Ansel grew tired, and the doctor's face was grave when he came out of the room.",
    "The weeks were grey. Tove sat by the bed, afraid, listening to every breath.",
    "Ansel died in the night. Tove wept until she could not breathe, hollow and lost.",
    "At the funeral she stood alone in the rain, sick with grief, and nobody could comfort her.",
    "The house was empty and cold. She could not bear to open his door; the silence was unbearable.",
    "She still set out two cups each morning, and cried when she remembered.",
    "Winner, he had called her.",
]


def test_a_story_that_ends_in_grief_has_an_arc_that_ends_low():
    from ficmeld.pipeline import run_stages

    work = parsed_work("\n\n".join(BAD_ENDING) + "\n")
    work = run_stages(work, ["characters", "quotes", "coref", "speakers", "pov", "roles", "emotions", "arcs"])
    valence = [pt.valence for pt in work.arcs.points]
    assert len(valence) == len(BAD_ENDING)
    assert valence[-1] < 0 < valence[0]
    assert valence[-1] < (max(valence) + min(valence)) / 2  # in the lower half of the arc, bright last line or not
    sadness = [pt.emotions["sadness"] for pt in work.arcs.points]
    assert np.mean(sadness[5:]) > np.mean(sadness[:3])


def test_weighted_smoothing_gives_a_short_point_little_pull():
    n = 30
    values = np.full(n, -0.5)
    values[-1] = 1.0  # one bright closing line
    weights = np.full(n, 100.0)
    weights[-1] = 5.0
    keep = kept_frequencies(n)
    plain = low_pass(values[:, None], keep)[:, 0]
    weighted = weighted_low_pass(values, weights, keep)
    assert weighted[-1] < plain[-1] - 0.2
    assert weighted[-1] < -0.3
    assert np.allclose(weighted_low_pass(values, np.ones(n), keep), plain)


def test_readings_land_in_the_paragraph_they_start_in():
    starts, ends = np.array([0, 20, 40]), np.array([15, 35, 55])
    rs = [Emotion(experiencer=None, emotion=e, intensity=x, start=s, end=s + 3, scene=0)
          for e, x, s in [("joy", 0.5, 2), ("joy", 0.25, 5), ("fear", 1.0, 41), ("anger", 1.0, 17)]]
    m = emotion_matrix(rs, starts, ends)
    assert m.shape == (3, 8)
    assert m[0].sum() == 0.75 and m[1].sum() == 0.0 and m[2].sum() == 1.0  # 17 lies between paragraphs
