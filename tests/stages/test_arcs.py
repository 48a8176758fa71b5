"""The arcs stage: smoothing and per-paragraph points over readings set by hand."""
from __future__ import annotations

import numpy as np

from ficmeld.model.document import Emotion
from ficmeld.stages.arcs import arcs, kept_frequencies, low_pass

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
