"""`Work`: the one object that owns a work's text. Readers fill in blocks; stages add views."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ficmeld.model.document import (
    SCHEMA_VERSION,
    Analysis,
    Arcs,
    Chapter,
    Character,
    Emotion,
    Mention,
    Paragraph,
    Part,
    Quote,
    Scene,
    Source,
    Span,
    Tags,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class Block:
    """A paragraph as a reader found it, with what the reader knows about its role.

    `hint` is a part kind (`title`, `summary`, `disclaimer`, `author_note`, `body`, `epigraph`,
    `other`), `heading` for a chapter heading, `scene_break` for a break line, or None when the
    format says nothing and structure detection must decide from the words. `chapter` is the
    reader's chapter index (AO3 chapter blocks, EPUB chapter files) or None. `gap` counts the blank
    lines before the block in a plain-text source (a wider gap is a scene break there).
    """

    start: int
    end: int
    hint: str | None = None
    chapter: int | None = None
    gap: int = 1
    title: str | None = None


class ParsedParagraph:
    """One body paragraph's spaCy parse; `start` is the paragraph's offset in `Work.text`.

    `doc` is a spaCy Doc, or a `ficmeld.nlp.packed.PackableDoc` that is rebuilt when read if packed.
    """

    __slots__ = ("paragraph", "start", "_stored")

    def __init__(self, paragraph: int, start: int, doc: Any):
        self.paragraph = paragraph
        self.start = start
        self._stored = doc

    @property
    def doc(self) -> "Doc":
        stored = self._stored
        return stored.unpack() if hasattr(stored, "unpack") else stored


@dataclass
class Work:
    text: str
    source: Source
    blocks: list[Block] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    emphasis: list[Span] = field(default_factory=list)
    chapter_titles: list[str | None] = field(default_factory=list)

    parts: list[Part] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    scenes: list[Scene] = field(default_factory=list)
    parsed: list[ParsedParagraph] = field(default_factory=list)
    characters: list[Character] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    emotions: list[Emotion] = field(default_factory=list)
    arcs: Arcs = field(default_factory=Arcs)
    tags: Tags = field(default_factory=Tags)
    stats: dict[str, float | int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    done: set[str] = field(default_factory=set)
    # Scratch space for stages to hand each other data that is not part of the document
    # (e.g. per-paragraph focal scores). Keys are the writing stage's name.
    scratch: dict[str, Any] = field(default_factory=dict)

    # ---- views -------------------------------------------------------------------------
    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def body_paragraphs(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.part == "body"]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        starts = self._paragraph_starts()
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.paragraphs[i].start <= offset < self.paragraphs[i].end:
            return self.paragraphs[i]
        return None

    def scene_at(self, offset: int) -> Scene | None:
        for scene in self.scenes:
            if scene.start <= offset < scene.end:
                return scene
        return None

    def _paragraph_starts(self) -> list[int]:
        key = len(self.paragraphs)
        cached = self.scratch.get("_paragraph_starts")
        if cached is None or cached[0] != key:
            cached = (key, [p.start for p in self.paragraphs])
            self.scratch["_paragraph_starts"] = cached
        return cached[1]

    def character(self, character_id: str | None) -> Character | None:
        if character_id is None:
            return None
        # an index rebuilt whenever the list is replaced or changes length (stages append and filter it)
        index = self.scratch.get("_character_index")
        if index is None or index[0] is not self.characters or index[1] != len(self.characters):
            index = (self.characters, len(self.characters), {c.id: c for c in self.characters})
            self.scratch["_character_index"] = index
        found = index[2].get(character_id)
        if found is not None and found.id == character_id:
            return found
        for c in self.characters:  # an entry renamed in place since the index was built
            if c.id == character_id:
                return c
        return None

    def new_character_id(self) -> str:
        """An id no character has had in this work ('c7'): merged characters leave gaps in the numbering,
        so the count of characters is no safe next number."""
        taken = [int(c.id[1:]) for c in self.characters if c.id[:1] == "c" and c.id[1:].isdigit()]
        return f"c{max(taken, default=-1) + 1}"

    def in_emphasis(self, start: int, end: int) -> bool:
        return any(e.start <= start and end <= e.end for e in self.emphasis)

    # ---- output ------------------------------------------------------------------------
    def to_analysis(self) -> Analysis:
        return Analysis(
            schema_version=SCHEMA_VERSION,
            source=self.source,
            metadata=self.metadata,
            text=self.text,
            parts=self.parts,
            chapters=self.chapters,
            paragraphs=self.paragraphs,
            scenes=self.scenes,
            characters=self.characters,
            mentions=self.mentions,
            quotes=self.quotes,
            emotions=self.emotions,
            arcs=self.arcs,
            tags=self.tags,
            emphasis=self.emphasis,
            stats=self.stats,
            timings={k: round(v, 4) for k, v in self.timings.items()},
        )
