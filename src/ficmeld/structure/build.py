"""Blocks -> paragraphs with roles -> parts, chapters, scenes.

Roles come from the reader's hints where the format declares them (AO3 HTML, EPUB) and from the
words and the layout otherwise: headings, break lines, a wider blank gap, author talk at either
end of a chapter.
"""
from __future__ import annotations

import re
import statistics

from ficmeld.ingest.counts import word_count
from ficmeld.model.document import Chapter, Paragraph, Part, Scene
from ficmeld.model.work import Block, Work
from ficmeld.structure.front_matter import is_meta, meta_kind, meta_scores, quoted_share
from ficmeld.structure.patterns import (ARCHIVE_CLOSING, ARCHIVE_NOTICE, AUTHOR_LINE, END_NOTE_LABELS, SEE_NOTES,
                                        archive_label, ffnet_stats, header_field, heading_title, is_break_line,
                                        label_key)

MAX_EDGE_NOTES = 6
EPIGRAPH_SOURCE = re.compile(r"\n\s*>?\s*(?:—|--|–)\s*\S")  # '> — from *The Household Sayings*'
SET_APART_META = 0.5  # one word of author talk ('pov', 'written for') in a note set apart above the story
END_HEADING = re.compile(r"^\s*(?:afterword|end\s+notes)\b", re.IGNORECASE)
PART_KINDS = {"title", "summary", "disclaimer", "author_note", "body", "epigraph", "other"}
HEADER_METADATA = {"title": "title", "author": "authors", "by": "authors", "fandom": "fandoms", "fandoms": "fandoms",
                   "rating": "rating", "rated": "rating", "pairing": "relationships", "pairings": "relationships",
                   "relationship": "relationships", "relationships": "relationships", "character": "characters",
                   "characters": "characters", "warning": "warnings", "warnings": "warnings", "genre": "freeform",
                   "genres": "freeform", "wordcount": "words", "words": "words", "archivewarning": "warnings",
                   "archivewarnings": "warnings", "additionaltags": "freeform", "freeformtags": "freeform",
                   "tags": "freeform", "category": "category", "categories": "category", "language": "language"}
LIST_FIELDS = {"authors", "fandoms", "relationships", "characters", "warnings", "freeform"}


def build_structure(work: Work) -> None:
    roles = [_initial_role(work, b) for b in work.blocks]
    _archive_labels(work, roles)
    _archive_header(work, roles)
    _end_notes(work, roles)
    chapter_of = _assign_chapters(work, roles)
    _classify_edges(work, roles, chapter_of)
    _build_paragraphs(work, roles, chapter_of)
    _build_parts(work)
    _build_chapters(work, roles, chapter_of)
    _build_scenes(work, roles)


def _initial_role(work: Work, block: Block) -> str | None:
    text = work.text[block.start:block.end]
    if block.hint in PART_KINDS | {"heading", "scene_break"}:
        if block.hint == "body" and is_break_line(text):
            return "scene_break"
        return block.hint
    if is_break_line(text):
        return "scene_break"
    if heading_title(text) is not False:
        return "heading"
    return None


def _archive_labels(work: Work, roles: list[str | None]) -> None:
    """'Chapter Summary', 'Chapter Notes', 'Chapter Text', 'Chapter End Notes' on lines of their own, as an
    archive download has them: each label's blocks, up to the next label or heading, are that part. Only
    where a 'Chapter Text' label says where the story starts."""
    labels = [archive_label(_text(work, i)) if roles[i] is None else None for i in range(len(roles))]
    if "body" not in labels:
        return  # without 'Chapter Text' nothing says where a label's text ends: the header pass reads those
    current = None
    for i, label in enumerate(labels):
        if label is not None:
            roles[i] = "other" if label == "body" else label
            current = label
        elif roles[i] == "heading":
            current = None
        elif current is not None and roles[i] is None:
            roles[i] = "other" if SEE_NOTES.match(_text(work, i)) else current


def _archive_header(work: Work, roles: list[str | None]) -> None:
    """An archive's header at the top of a work: a title, 'by author', fields such as 'Rating: ...' and
    'Additional Tags: ...', and 'Summary:' or 'Notes:' on a line of their own with their text below. Before a
    first chapter heading all of it is front matter; without one, a label takes the one block under it.

    AO3's text download puts each field's values on indented lines under it ('Rating:' / '    Mature'), opens
    with a 'Posted originally on the Archive of Our Own' line, and repeats the title and 'by author' above
    its 'Summary' and 'Notes' labels."""
    heading_later = any(r == "heading" and not END_HEADING.match(_text(work, i)) for i, r in enumerate(roles))
    found: dict[int, str] = {}
    fields, under = 0, None
    pending: tuple[str, list[str]] | None = None  # a field whose values are the indented lines below it

    def flush() -> None:
        nonlocal pending
        if pending is not None and pending[1]:
            _header_role(work, (pending[0], ", ".join(pending[1])))
        pending = None

    for i, role in enumerate(roles):
        if role is not None:
            break
        text = _text(work, i)
        field = header_field(text)
        label = None if field else archive_label(text)
        if field:
            flush()
            fields += 1
            found[i] = _header_role(work, field)
            # 'Summary:' alone on its line: its text is below
            under = found[i] if not field[1] and found[i] in ("summary", "author_note", "disclaimer") else None
            pending = (field[0], []) if not field[1] and found[i] == "other" else None
        elif pending is not None and _indented(work, i):
            found[i] = "other"
            pending[1].append(text.strip())
        elif ARCHIVE_NOTICE.match(text):
            flush()
            fields += 1
            found[i] = "other"
        elif label in ("summary", "author_note") and found:
            flush()
            found[i] = "other"
            under = label
        elif found.get(0) == "title" and text.strip() == _text(work, 0).strip():
            flush()
            found[i] = "title"  # the title again, where the work's text begins
            under = None
        elif under is not None:
            found[i] = under
            under = under if heading_later else None
        elif (i == 0 or _author_line_follows(work, roles, i)) and _short_line(text):
            flush()
            found[i] = "title"  # in lower case too ("the last toss"): only a header below it makes it one
        elif AUTHOR_LINE.match(text) and len(found) == i:
            flush()
            found[i] = "other"
            work.metadata.setdefault("authors", [text.strip()[3:].strip()])
        elif fields and i + 1 < len(roles) and roles[i + 1] is None and header_field(_text(work, i + 1)):
            flush()  # a line between fields ('By: …' / what the story is about / 'Rated: …'): the summary
            found[i] = "author_note" if "summary" in found.values() else "summary"
        else:
            break
    flush()
    by_line = found.get(0) == "title" and found.get(1) == "other"  # a title and 'by author' alone are a header
    if fields >= 2 or (fields and any(r != "title" and r != "other" for r in found.values())) or by_line:
        for i, role in found.items():
            roles[i] = role
        if found.get(0) == "title":
            work.metadata.setdefault("title", _text(work, 0).strip())


def _author_line_follows(work: Work, roles: list[str | None], i: int) -> bool:
    """A 'by author' line comes next: a short line above it is a title, also further down a header (AO3's
    text download repeats its title there)."""
    return i + 1 < len(roles) and roles[i + 1] is None and AUTHOR_LINE.match(_text(work, i + 1)) is not None


def _indented(work: Work, i: int) -> bool:
    """The block's first line starts after spaces or a tab."""
    start = work.blocks[i].start
    line_start = work.text.rfind("\n", 0, start) + 1
    return start > line_start and not work.text[line_start:start].strip()


def _end_notes(work: Work, roles: list[str | None]) -> None:
    """An 'End Notes' or 'Chapter End Notes' label on its own line (a text download's): it and what follows,
    up to the next chapter heading, are the author's notes; AO3's closing 'Please drop by the Archive…' line is
    not story wherever it stands."""
    current = None
    for i, role in enumerate(roles):
        if role == "heading":
            current = None
        if role is not None:
            continue
        text = _text(work, i)
        if ARCHIVE_CLOSING.match(text):
            roles[i] = "other"
        elif current is not None:
            roles[i] = current
        elif label_key(text) in END_NOTE_LABELS:
            roles[i] = current = "author_note"


def _assign_chapters(work: Work, roles: list[str | None]) -> list[int | None]:
    """Chapter index per block. Readers that know chapters set `Block.chapter`; in text we split at headings."""
    blocks = work.blocks
    if any(b.chapter is not None for b in blocks):
        return [b.chapter for b in blocks]
    heads = [i for i, r in enumerate(roles) if r == "heading"]
    if not heads:
        return [0 if roles[i] is None or roles[i] in ("body", "scene_break") else None for i in range(len(blocks))]
    out: list[int | None] = [None] * len(blocks)
    chapter = -1
    first_head = heads[0]
    # Story text before the first heading is a chapter of its own (a prologue without a heading).
    pre_story = any(roles[i] is None and _is_prose(_text(work, i)) for i in range(first_head))
    if pre_story:
        chapter = 0
    for i in range(len(blocks)):
        if roles[i] == "heading":
            chapter += 1
        if chapter >= 0 and (i >= first_head or pre_story):
            out[i] = chapter
    return out


def _classify_edges(work: Work, roles: list[str | None], chapter_of: list[int | None]) -> None:
    """Undecided blocks at the start and end of the work and of each chapter: author talk or story."""
    groups: dict[object, list[int]] = {}
    first_chapter = next((i for i, c in enumerate(chapter_of) if c is not None), -1)
    for i, c in enumerate(chapter_of):
        groups.setdefault(("c", c) if c is not None else ("w", "front" if i < first_chapter else "back"), []).append(i)
    have_summary = any(r == "summary" for r in roles)
    for key, idx in groups.items():
        undecided = [i for i in idx if roles[i] is None]
        if not undecided:
            continue
        if key[0] == "w":  # outside any chapter: all of it is front or back matter
            for i in undecided:
                text = _text(work, i)
                field = header_field(text)
                if field:
                    roles[i] = _header_role(work, field)
                elif is_meta(text, quoted_share=quoted_share(text)):
                    roles[i] = meta_kind(text, have_summary=have_summary, leading=key[1] == "front")
                else:
                    roles[i] = "author_note" if key[1] == "back" else "other"
                have_summary |= roles[i] == "summary"
            continue
        story = _edge_run(work, undecided, roles)
        for pos, i in enumerate(undecided):
            if roles[i] is not None:
                continue
            roles[i] = "body" if i in story else None
        lead = [i for i in undecided if i < min(story, default=10**9)]
        trail = [i for i in undecided if i > max(story, default=-1)]
        for n, i in enumerate(lead):
            text = _text(work, i)
            field = header_field(text)
            if field:
                roles[i] = _header_role(work, field)
            elif _set_apart(text) and EPIGRAPH_SOURCE.search(text):
                roles[i] = "epigraph"
            elif n == 0 and key[1] in (0, None) and _looks_like_title(text) and len(lead) < len(undecided):
                roles[i] = "title"
                work.metadata.setdefault("title", text.strip())  # the file's own title line
            else:
                roles[i] = meta_kind(text, have_summary=have_summary, leading=True)
            have_summary |= roles[i] == "summary"
        for i in trail:
            roles[i] = meta_kind(_text(work, i), have_summary=True, leading=False)
    for i, r in enumerate(roles):
        if r is None:
            roles[i] = "body"


def _edge_run(work: Work, undecided: list[int], roles: list[str | None]) -> set[int]:
    """The undecided blocks that are story: all but a run of author talk at either end."""
    lo, hi = 0, len(undecided)
    while lo < min(hi - 1, MAX_EDGE_NOTES) and (
            _is_front_meta(work, undecided[lo], lo) or _title_among_notes(work, undecided, lo, hi)):
        lo += 1
    while hi - 1 > lo and len(undecided) - hi < MAX_EDGE_NOTES and _is_back_meta(work, undecided[hi - 1]):
        hi -= 1
    return set(undecided[lo:hi])


def _title_among_notes(work: Work, undecided: list[int], lo: int, hi: int) -> bool:
    """A short line with no closing mark where author talk comes next is the title in any case ('the quiet
    hour' between a blog's name and its tag line), not the story's first line."""
    return (lo + 2 < hi and _short_line(_text(work, undecided[lo]))
            and _is_front_meta(work, undecided[lo + 1], lo + 1))


def _is_front_meta(work: Work, i: int, position: int) -> bool:
    text = _text(work, i)
    if header_field(text):
        return True
    if position == 0 and _looks_like_title(text):
        return True
    if _set_apart(text) and (EPIGRAPH_SOURCE.search(text) or max(meta_scores(text).values()) >= SET_APART_META):
        return True  # '> for the exchange. riza pov…', '*Written for a friend…*', an epigraph with its source
    return is_meta(text, quoted_share=quoted_share(text))


def _set_apart(text: str) -> bool:
    """A paragraph quoted ('> …') or wholly in italics ('*…*', '_…_'), as a writer sets a note above the story."""
    t = text.strip()
    return t.startswith(">") or (len(t) > 2 and t[0] in "*_" and t[-1] == t[0])


def _is_prose(text: str) -> bool:
    """Story-like: not a title line, a header field or author talk."""
    return not (_looks_like_title(text) or header_field(text) or is_meta(text, quoted_share=quoted_share(text)))


def _is_back_meta(work: Work, i: int) -> bool:
    text = _text(work, i)
    return is_meta(text, quoted_share=quoted_share(text))


TITLE_SMALL_WORDS = frozenset("a an the and but or nor of on in at to for by with from into upon as".split())


def _short_line(text: str) -> bool:
    """A line that could be a title in any case: a few words, no sentence's closing mark."""
    words = text.split()
    return 0 < len(words) <= 12 and len(text) <= 90 and text.rstrip()[-1:] not in ".,;!?\"”’'…"


def _looks_like_title(text: str) -> bool:
    """A short line in title case ("Fog on the River"): small words may stay lower case."""
    if not _short_line(text):
        return False
    words = text.split()
    counted = [w for n, w in enumerate(words) if n == 0 or w.lower() not in TITLE_SMALL_WORDS]
    capitals = sum(1 for w in counted if w[:1].isupper() or not w[:1].isalpha())
    return capitals >= max(1, len(counted) * 0.6)


def _header_role(work: Work, field: tuple[str, str]) -> str:
    key, value = field
    value = value.strip().removeprefix("[").removesuffix("]").strip().strip("\"'")  # YAML: '[A, B]', '"Title"'
    if key == "summary":
        return "summary"
    if key == "disclaimer":
        return "disclaimer"
    if key in ("notes", "note", "a/n"):
        return "author_note"
    if key == "rated" and " - " in value:
        for meta_key, found in ffnet_stats(value).items():
            work.metadata.setdefault(meta_key, found)
        return "other"
    meta_key = HEADER_METADATA.get(key)
    if meta_key == "title" and value:
        work.metadata["title"] = value  # the work's own 'Title:' line, over a saved page's <title>
    elif meta_key and value and meta_key not in work.metadata:
        if meta_key in LIST_FIELDS:
            work.metadata[meta_key] = [v.strip().strip("\"'") for v in value.replace(";", ",").split(",")
                                       if v.strip().strip("\"'")]
        elif meta_key == "words":
            count = word_count(value)
            if count is not None:
                work.metadata[meta_key] = count
        else:
            work.metadata[meta_key] = value
    return "title" if key == "title" else "other"


def _text(work: Work, i: int) -> str:
    b = work.blocks[i]
    return work.text[b.start:b.end]


def _build_paragraphs(work: Work, roles: list[str | None], chapter_of: list[int | None]) -> None:
    work.paragraphs = []
    for i, (block, role) in enumerate(zip(work.blocks, roles)):
        if role == "heading":
            part = "title"
        elif role == "scene_break":
            part = "body"
        else:
            part = role or "body"
        work.paragraphs.append(Paragraph(index=i, start=block.start, end=block.end, part=part, chapter=chapter_of[i]))
    work.scratch["structure.roles"] = roles


def _build_parts(work: Work) -> None:
    parts: list[Part] = []
    for p in work.paragraphs:
        if parts and parts[-1].kind == p.part and parts[-1].chapter == p.chapter:
            parts[-1].end = p.end
        else:
            parts.append(Part(kind=p.part, start=p.start, end=p.end, chapter=p.chapter))
    work.parts = parts


def _build_chapters(work: Work, roles: list[str | None], chapter_of: list[int | None]) -> None:
    spans: dict[int, list[int]] = {}
    titles: dict[int, str | None] = {}
    for i, (p, c) in enumerate(zip(work.paragraphs, chapter_of)):
        if c is None:
            continue
        span = spans.setdefault(c, [p.start, p.end])
        span[1] = p.end
        if roles[i] == "heading" and c not in titles:
            titles[c] = _text(work, i).strip().strip("#").strip()  # markdown marks are not part of the title
    reader_titles = work.chapter_titles
    chapters = []
    for c in sorted(spans):
        title = reader_titles[c] if c < len(reader_titles) and reader_titles[c] else titles.get(c)
        if title is None and not reader_titles and len(spans) == 1:
            title = work.metadata.get("title") if isinstance(work.metadata.get("title"), str) else None
        chapters.append(Chapter(index=c, title=title, start=spans[c][0], end=spans[c][1]))
    if not chapters:
        body = [p for p in work.paragraphs if p.part == "body"] or work.paragraphs
        chapters.append(Chapter(index=0, title=None, start=body[0].start, end=body[-1].end))
    work.chapters = chapters


def _dominant_gap(blocks: list[Block]) -> int:
    gaps = [b.gap for b in blocks[1:]]
    return int(statistics.median(gaps)) if gaps else 1


def _build_scenes(work: Work, roles: list[str | None]) -> None:
    body_idx = [i for i, p in enumerate(work.paragraphs) if p.part == "body"]
    gap = _dominant_gap([work.blocks[i] for i in body_idx]) if work.source.format in ("text", "markdown") else None
    wide = [i for i in body_idx[1:] if gap is not None and work.blocks[i].gap > gap]
    use_gaps = gap is not None and len(wide) <= max(1, len(body_idx) // 4)
    scenes: list[Scene] = []
    current: list[int] = []
    chapter: int | None = None

    def close() -> None:
        if current:
            first, last = work.paragraphs[current[0]], work.paragraphs[current[-1]]
            scenes.append(Scene(index=len(scenes), chapter=first.chapter, start=first.start, end=last.end))
            for j in current:
                work.paragraphs[j].scene = scenes[-1].index

    previous: int | None = None
    for i in body_idx:
        p = work.paragraphs[i]
        new_chapter = p.chapter != chapter
        gap_break = use_gaps and previous is not None and work.blocks[i].gap > gap and not new_chapter
        interrupted = previous is not None and any(work.paragraphs[j].part != "body" for j in range(previous + 1, i))
        if roles[i] == "scene_break" or new_chapter or gap_break or (interrupted and current):
            close()
            current = []
        chapter = p.chapter
        previous = i
        if roles[i] != "scene_break":
            current.append(i)
    close()
    work.scenes = scenes
