"""Counts a reader wants at a glance: words, dialogue share, reading time."""
from __future__ import annotations

import re

from ficmeld.model.work import Work
from ficmeld.stages.base import stage

WORDS_PER_MINUTE = 230
_WORD = re.compile(r"\S+")


@stage("stats", requires=("structure", "quotes"), assigns=("stats",))
def compute_stats(work: Work) -> None:
    body = [p for p in work.paragraphs if p.part == "body" and p.scene is not None]
    words = sum(len(_WORD.findall(work.text[p.start:p.end])) for p in body)
    body_chars = sum(p.end - p.start for p in body) or 1
    speech_chars = sum(q.end - q.start for q in work.quotes if q.kind == "speech")
    work.stats.update(
        words=words,
        paragraphs=len(body),
        chapters=len(work.chapters),
        scenes=len(work.scenes),
        characters=len(work.characters),
        quotes=len(work.quotes),
        dialogue_ratio=round(speech_chars / body_chars, 4),
        reading_minutes=round(words / WORDS_PER_MINUTE, 1),
    )
