"""Markdown: `text` is the file itself (like plain text); markdown-it finds blocks and emphasis."""
from __future__ import annotations

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
    yaml_lines = _front_matter_lines(text)
    # one block per 'key: value' line, which the structure pass reads as an archive header
    blocks: list[Block] = [_block(text, line_starts, n, n + 1, None, 1) for n in yaml_lines[1:-1]]
    emphasis: list[Span] = []
    body = text
    if yaml_lines:  # blank the front matter out, lines kept, so markdown-it's line numbers still fit `text`
        end = line_starts[yaml_lines[-1] + 1] if yaml_lines[-1] + 1 < len(line_starts) else len(text)
        body = "".join(c if c == "\n" else " " for c in text[:end]) + text[end:]
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


def _front_matter_lines(text: str) -> list[int]:
    """Line numbers of a YAML front matter block ('---' / 'title: …' / '---') at the top of the file, fences
    included; [] when there is none."""
    lines = text.split("\n", MAX_FRONT_MATTER_LINES + 1)[:MAX_FRONT_MATTER_LINES + 1]
    if not lines or lines[0].strip() != YAML_FENCE:
        return []
    for n, line in enumerate(lines[1:], 1):
        if line.strip() in (YAML_FENCE, "..."):
            inner = [x for x in lines[1:n] if x.strip()]
            return list(range(n + 1)) if inner and all(":" in x or x.lstrip().startswith("- ") for x in inner) else []
    return []


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
