"""Build a work's `text` paragraph by paragraph, recording each block's offsets."""
from __future__ import annotations

from ficmeld.model.document import Span
from ficmeld.model.work import Block

SEPARATOR = "\n\n"


class TextBuilder:
    """Paragraphs joined by one blank line, as spec/OUTPUT.md asks of HTML and EPUB inputs."""

    def __init__(self) -> None:
        self._pieces: list[str] = []
        self._length = 0
        self.blocks: list[Block] = []
        self.emphasis: list[Span] = []

    def add(self, text: str, *, hint: str | None = None, chapter: int | None = None,
            emphasis: list[tuple[int, int]] = (), title: str | None = None) -> Block | None:
        """Append one paragraph; `emphasis` holds (start, end) pairs relative to `text`."""
        lead = len(text) - len(text.lstrip())
        stripped = text.strip()
        if not stripped:
            return None
        if self._pieces:
            self._pieces.append(SEPARATOR)
            self._length += len(SEPARATOR)
        start = self._length
        self._pieces.append(stripped)
        self._length += len(stripped)
        block = Block(start, self._length, hint=hint, chapter=chapter, title=title)
        self.blocks.append(block)
        for s, e in emphasis:
            s, e = max(0, s - lead), min(len(stripped), e - lead)
            if e > s and stripped[s:e].strip():
                self.emphasis.append(Span(start=start + s, end=start + e))
        return block

    @property
    def text(self) -> str:
        return "".join(self._pieces)
