"""Markdown: `text` is the file itself (like plain text); markdown-it finds blocks and emphasis."""
from __future__ import annotations

import re

from markdown_it import MarkdownIt

from ficmeld.errors import InputError
from ficmeld.ingest.decode import decode_bytes, normalise_newlines
from ficmeld.ingest.text import marked_emphasis
from ficmeld.model.document import Span
from ficmeld.model.work import Block, Work


def read_markdown(data: bytes, path: str) -> Work:
    from ficmeld.ingest import source_for

    decoded = decode_bytes(data, path=path)
    text = normalise_newlines(decoded.text)
    if not text.strip():
        raise InputError("the file holds only whitespace", path=path, fix="give a file that holds a story")
    line_starts = _line_starts(text)
    fence = _front_matter_fence(text)
    # one block per 'key: value' line, which the structure pass reads as an archive header
    blocks: list[Block] = [_block(text, line_starts, n, n + 1, None, 1) for n in range(1, fence)]
    emphasis: list[Span] = []
    body = text
    if fence:  # blank the front matter out, lines kept, so markdown-it's line numbers still fit `text`
        end = min(line_starts[fence + 1], len(text))
        body = re.sub(r"[^\n]", " ", text[:end]) + text[end:]
    tokens = MarkdownIt("commonmark").parse(body)
    last_line = 0
    for i, tok in enumerate(tokens):
        if tok.map is None or tok.level > 1:
            continue
        first, end_line = tok.map
        if tok.type == "hr":
            blocks.append(_block(text, line_starts, first, end_line, "scene_break", first - last_line))
        elif tok.type == "heading_open":
            blocks.append(_block(text, line_starts, first, end_line, "heading", first - last_line))
        elif tok.type == "paragraph_open" and tok.level == 0:
            block = _block(text, line_starts, first, end_line, None, first - last_line)
            blocks.append(block)
            inline = tokens[i + 1]
            emphasis.extend(marked_emphasis(text, block))
        elif tok.type == "blockquote_open":
            blocks.append(_block(text, line_starts, first, end_line, None, first - last_line))
        else:
            continue
        last_line = end_line
    blocks = [b for b in blocks if b.end > b.start]
    return Work(text=text, source=source_for(data, path, "markdown", decoded.encoding,
                                             [decoded.note] if decoded.note else []),
                blocks=blocks, emphasis=emphasis)


YAML_FENCE = "---"
MAX_FRONT_MATTER_LINES = 60


def _front_matter_fence(text: str) -> int:
    """The line number of the closing fence of a YAML front matter block ('---' / 'title: …' / '---') at the
    top of the file; 0 when there is none."""
    lines = text.split("\n", MAX_FRONT_MATTER_LINES + 1)[:MAX_FRONT_MATTER_LINES + 1]
    if lines[0].strip() != YAML_FENCE:
        return 0
    for n, line in enumerate(lines[1:], 1):
        if line.strip() in (YAML_FENCE, "..."):
            inner = [x for x in lines[1:n] if x.strip()]
            return n if inner and all(":" in x or x.lstrip().startswith("- ") for x in inner) else 0
    return 0


def _line_starts(text: str) -> list[int]:
    starts, pos = [0], text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    starts.append(len(text) + 1)
    return starts


def _block(text: str, starts: list[int], first: int, end_line: int, hint: str | None, gap: int) -> Block:
    s = starts[first]
    e = min(len(text), starts[min(end_line, len(starts) - 1)] - 1)
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Block(s, e, hint=hint, gap=max(1, gap))
