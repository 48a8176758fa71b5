"""Plain text: the file itself is `text`; paragraphs are lines or blank-line separated blocks."""
from __future__ import annotations

import statistics

from ficmeld.model.work import Block


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, blank ones included, without the newline."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def is_hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """True when paragraphs are blocks of short lines (a Gutenberg-style file), not one line each."""
    nonblank = [(s, e) for s, e in lines if text[s:e].strip()]
    if len(nonblank) < 8:
        return False
    lengths = [e - s for s, e in nonblank]
    if statistics.quantiles(lengths, n=10)[-1] > 100:
        return False
    # In a wrapped file most lines stop mid-sentence and are followed by another text line.
    followed = sum(1 for (s, e), (s2, e2) in zip(lines, lines[1:]) if text[s:e].strip() and text[s2:e2].strip())
    return followed >= len(nonblank) * 0.5


def text_blocks(text: str) -> list[Block]:
    """One block per paragraph; `gap` is the number of blank lines before it."""
    lines = _lines(text)
    wrapped = is_hard_wrapped(text, lines)
    blocks: list[Block] = []
    gap = 0
    open_block: Block | None = None
    for s, e in lines:
        content = text[s:e]
        if not content.strip():
            if open_block is not None:
                blocks.append(open_block)
                open_block = None
            gap += 1
            continue
        ls = s + len(content) - len(content.lstrip())
        le = e - (len(content) - len(content.rstrip()))
        if open_block is not None and wrapped:
            open_block.end = le
            continue
        if open_block is not None:
            blocks.append(open_block)
        open_block = Block(ls, le, gap=gap)
        gap = 0
    if open_block is not None:
        blocks.append(open_block)
    return blocks
