"""Long works: arcs over at most MAX_POINTS windows of consecutive paragraphs."""
from __future__ import annotations

import numpy as np

from ficmeld.stages import arcs as arcs_module
from ficmeld.stages.arcs import windows


def test_short_works_keep_one_point_a_paragraph():
    starts, ends, run_of = windows([0, 10, 20], [9, 19, 29], 5)
    assert (starts, ends) == ([0, 10, 20], [9, 19, 29]) and list(run_of) == [0, 1, 2]


def test_long_works_are_cut_into_equal_runs_that_tile_the_paragraphs():
    n, limit = 1003, 10
    starts = [i * 10 for i in range(n)]
    ends = [s + 9 for s in starts]
    w_starts, w_ends, run_of = windows(starts, ends, limit)
    assert len(w_starts) == len(w_ends) == limit
    assert w_starts[0] == 0 and w_ends[-1] == ends[-1]
    assert all(e < s for e, s in zip(w_ends, w_starts[1:]))  # in order, no overlap
    sizes = np.bincount(run_of)
    assert sizes.sum() == n and sizes.max() - sizes.min() <= 1


def test_a_long_work_gets_window_points(monkeypatch):
    from tests.stages.helpers import parsed_work
    from ficmeld.pipeline import run_stages

    monkeypatch.setattr(arcs_module, "MAX_POINTS", 4)
    text = "\n\n".join(f"Mara wept by the grave, grief heavy in her chest, day {i}." for i in range(12)) + "\n"
    work = run_stages(parsed_work(text), ["characters", "quotes", "coref", "speakers", "pov", "roles", "emotions", "arcs"])
    assert work.arcs.unit == "window" and len(work.arcs.points) == 4
    body = [p for p in work.paragraphs if p.part == "body"]
    assert work.arcs.points[0].start == body[0].start and work.arcs.points[-1].end == body[-1].end
