"""Plain text: the file itself is `text`; paragraphs are lines or blank-line separated blocks."""
from __future__ import annotations

import re
import statistics

from ficmeld.model.document import Span
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


def marked_emphasis(text: str, block: Block) -> list[Span]:
    """Spans of `*x*` / `_x_` inner text, found by scanning the block's own characters: the italics of
    markdown, and of plain-text stories that mark thoughts that way. Only the marks are visited, so a
    long paragraph costs no more than its marks."""
    out, source = [], text[block.start:block.end]
    n = len(source)
    i = 0
    while (m := _MARK.search(source, i)) is not None:
        i, ch = m.start(), m.group()
        if i + 1 >= n or source[i + 1].isspace():
            i += 1
            continue
        run = len(_RUNS[ch].match(source, i).group())
        marker = ch * min(run, 2) if run < 3 else ch
        if ch == "_" and i > 0 and source[i - 1].isalnum():
            i += 1  # snake_case
            continue
        close = source.find(marker, i + len(marker) + 1)
        if close != -1 and not source[close - 1].isspace() and "\n\n" not in source[i:close]:
            if len(marker) == 1:
                out.append(Span(start=block.start + i + 1, end=block.start + close))
            i = close + len(marker)
            continue
        i += run
    return out


_MARK = re.compile(r"[*_]")
_RUNS = {"*": re.compile(r"\*+"), "_": re.compile(r"_+")}
