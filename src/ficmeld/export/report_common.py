"""Sizes, caps, colours and the paragraph locator shared by the report's view models."""
from __future__ import annotations

import bisect

from ficmeld.model import Analysis

# Markup caps so a 500k-word work stays a page a browser can open.
MAX_QUOTE_MARKS = 20_000
MAX_EMOTION_MARKS = 3_000
MAX_EVIDENCE_LINKS = 5
MAX_BOLD_EMOTIONS = 4
LONG_WORK_PARAGRAPHS = 1_500
# Dark enough for white text and as a border on white (WCAG AA on white for each).
PALETTE = ("#1f5fa8", "#b3261e", "#2e7d32", "#7b1fa2", "#a14e00", "#00727a", "#ad1457",
           "#4e5b00", "#5d4037", "#37474f")
EMOTION_COLOURS = {"anger": "#c62828", "anticipation": "#ef6c00", "disgust": "#6d4c41",
                   "fear": "#6a1b9a", "joy": "#f9a825", "sadness": "#1565c0",
                   "surprise": "#00838f", "trust": "#2e7d32"}
TAG_FACETS = ("fandoms", "rating", "warnings", "category", "relationships", "characters", "freeform",
              "ffnet_rating", "ffnet_genres")
PLOT_W, PLOT_H, PAD_L, PAD_R, PAD_T, PAD_B = 640, 220, 60, 12, 12, 40


class Locator:
    """Offset -> paragraph anchor, by bisection over the paragraph starts."""

    def __init__(self, analysis: Analysis):
        self.paragraphs = analysis.paragraphs
        self.starts = [p.start for p in analysis.paragraphs]

    def anchor(self, offset: int) -> str | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        return f"p{self.paragraphs[i].index}" if i >= 0 else None

    def label(self, offset: int) -> str:
        i = bisect.bisect_right(self.starts, offset) - 1
        return f"¶{self.paragraphs[i].index + 1}" if i >= 0 else "start"
