"""HTML: AO3's download format (preface, chapters, afterword) and generic saved story pages."""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser, LexborNode as Node

from ficmeld.errors import FormatError
from ficmeld.ingest.builder import TextBuilder
from ficmeld.ingest.counts import word_count
from ficmeld.ingest.decode import decode_bytes
from ficmeld.model.work import Work
from ficmeld.structure.patterns import header_field

BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "pre", "hr", "center",
              "section", "article", "dd", "dt", "table", "tr", "td", "ul", "ol", "dl", "br"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
EMPHASIS_TAGS = {"em", "i"}
SKIP_TAGS = {"script", "style", "noscript", "head", "nav", "footer", "form", "button", "svg", "iframe"}
SCENE_BREAK = "* * *"
LINE_BREAK = "\u2028"  # a <br>, until the paragraph is flushed: two in a row end a paragraph
_PARAGRAPH_BREAK = re.compile(r"\u2028[ \t\r\n\f\u00a0]*\u2028[\u2028 \t\r\n\f\u00a0]*")
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)

# AO3's dl.tags: dt class -> OUTPUT.md metadata key
AO3_TAG_KEYS = {"rating": "rating", "warning": "warnings", "category": "categories", "fandom": "fandoms",
                "relationship": "relationships", "character": "characters", "freeform": "freeform",
                "language": "language", "series": "series"}
AO3_LIST_KEYS = {"warnings", "categories", "fandoms", "relationships", "characters", "freeform", "series"}


def decode_html(data: bytes, path: str) -> str:
    """Bytes to str, trusting a BOM first, then a declared charset, then UTF-8/cp1252."""
    m = _CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode(m.group(1).decode("ascii").lower())
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, path=path).text


def clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


class _Flow:
    """Walk a subtree into paragraphs, keeping emphasis offsets and marking headings and <hr>."""

    def __init__(self, builder: TextBuilder, hint: str | None, chapter: int | None, empty_breaks: bool = False):
        self.builder, self.hint, self.chapter = builder, hint, chapter
        self.empty_breaks = empty_breaks  # an empty <p> is a scene break here
        self.buf: list[str] = []
        self.length = 0
        self.emph: list[tuple[int, int]] = []
        self.count = 0
        self.generation = 0  # bumped at each flush, so emphasis never spans two paragraphs

    def flush(self, hint: str | None = None) -> None:
        raw = "".join(self.buf)
        for start, end in _paragraph_pieces(raw):
            piece = raw[start:end].replace(LINE_BREAK, "\n")
            text = _SPACE.sub(" ", piece)
            if text.strip():
                spans = _remap(piece, [(max(a, start) - start, min(b, end) - start)
                                       for a, b in self.emph if a < end and b > start])
                if self.builder.add(text, hint=hint or self.hint, chapter=self.chapter, emphasis=spans):
                    self.count += 1
        self.buf, self.length, self.emph = [], 0, []
        self.generation += 1

    def add_text(self, text: str) -> None:
        self.buf.append(text)
        self.length += len(text)

    def walk(self, root: Node) -> None:
        """Depth-first without recursion: old fic pages nest unclosed tags thousands deep."""
        stack: list[tuple[Node | None, object]] = [(c, None) for c in reversed(_children(root))]
        while stack:
            node, after = stack.pop()
            if node is None:
                after()
                continue
            after = self.enter(node)
            if after is not False:
                if after is not None:
                    stack.append((None, after))
                stack.extend((c, None) for c in reversed(_children(node)))

    def enter(self, node: Node):
        """Handle a node's start; returns False to skip its children, or a callable to run after them."""
        tag = node.tag
        if tag == "-text":
            self.add_text(node.text_content or "")
        elif tag in SKIP_TAGS or tag == "-comment":
            return False
        elif tag == "br":
            self.add_text(LINE_BREAK)
        elif tag == "hr" or (tag == "p" and self.empty_breaks and _empty(node)):
            self.flush()
            if self.count:
                self.builder.add(SCENE_BREAK, hint="scene_break", chapter=self.chapter)
            return False
        elif tag in HEADINGS:
            self.flush()
            return lambda: self.flush(hint="heading")
        elif tag in EMPHASIS_TAGS:
            start, generation = self.length, self.generation
            def close() -> None:
                if self.generation == generation and self.length > start:
                    self.emph.append((start, self.length))
            return close
        elif tag in BLOCK_TAGS:
            self.flush()
            return self.flush
        return None


def _paragraph_pieces(raw: str) -> list[tuple[int, int]]:
    """Where a flow's text splits into paragraphs: at a blank line made of two <br>s (pages without <p>), and
    at every <br> of a run of header fields ('Title: …<br>Pairing: …<br>Rating: …')."""
    pieces, start = [], 0
    for m in _PARAGRAPH_BREAK.finditer(raw):
        pieces.append((start, m.start()))
        start = m.end()
    pieces.append((start, len(raw)))
    out = []
    for start, end in pieces:
        if LINE_BREAK not in raw[start:end]:
            out.append((start, end))  # most paragraphs: nothing to split
            continue
        lines, pos = [], start
        for line in raw[start:end].split(LINE_BREAK):
            lines.append((pos, pos + len(line)))
            pos += len(line) + 1
        fields = sum(1 for a, b in lines if header_field(clean(raw[a:b])))
        out.extend(lines if fields >= 2 else [(start, end)])
    return out


def _children(node: Node) -> list[Node]:
    out, child = [], node.child
    while child is not None:
        out.append(child)
        child = child.next
    return out


def _remap(raw: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Emphasis offsets in `raw` -> offsets after whitespace runs collapse to one space."""
    if not spans:
        return []
    mapping, out_pos, prev_space = [], 0, False
    for ch in raw:
        mapping.append(out_pos)
        is_space = ch in " \t\r\n\f\u00a0"
        if not (is_space and prev_space):
            out_pos += 1
        prev_space = is_space
    mapping.append(out_pos)
    return [(mapping[s], mapping[e]) for s, e in spans]


def _empty(node: Node) -> bool:
    return not clean(node.text()) and node.css_first("img") is None


def _empty_paragraphs_are_breaks(node: Node) -> bool:
    """A few empty paragraphs among many are scene breaks; an empty one after every paragraph is spacing."""
    paragraphs = node.css("p")
    empty = sum(1 for p in paragraphs if _empty(p))
    return 0 < empty <= (len(paragraphs) - empty) // 4


def add_flow(builder: TextBuilder, node: Node | None, hint: str | None = None, chapter: int | None = None) -> int:
    """Append a subtree's paragraphs; returns how many were added."""
    if node is None:
        return 0
    flow = _Flow(builder, hint, chapter, empty_breaks=_empty_paragraphs_are_breaks(node))
    flow.walk(node)
    flow.flush()
    return flow.count


def read_html(data: bytes, path: str) -> Work:
    from ficmeld.ingest import source_for

    tree = HTMLParser(decode_html(data, path))
    if tree.css_first("div#workskin") is not None:
        builder, metadata, titles = TextBuilder(), ao3_metadata(tree), []
        read_ao3_page(tree, builder, titles)
        fmt = "ao3-html"
    elif tree.css_first("div#preface dl.tags") is not None or tree.css_first("div#chapters") is not None:
        builder, metadata, titles = TextBuilder(), ao3_metadata(tree), []
        read_ao3(tree, builder, titles)
        fmt = "ao3-html"
    elif tree.css_first("div#storytext") is not None:
        builder, metadata, titles = TextBuilder(), {}, []
        read_ffnet(tree, builder, metadata, titles)
        fmt = "html"
    else:
        builder, metadata, titles = TextBuilder(), {}, []
        read_generic(tree, builder, metadata)
        fmt = "html"
    if not builder.blocks or not any(b.hint in (None, "body") for b in builder.blocks):
        raise FormatError("no story text was found in this HTML", path=path,
                          fix="save the page that holds the story itself, or the AO3 'Download: HTML' file")
    return Work(text=builder.text, source=source_for(data, path, fmt, "utf-8"), blocks=builder.blocks,
                metadata=metadata, emphasis=builder.emphasis, chapter_titles=titles)


# ---- AO3 --------------------------------------------------------------------------------

def ao3_metadata(tree: HTMLParser) -> dict:
    meta: dict = {}
    scope = "div#preface " if tree.css_first("div#preface") is not None else ""  # calibre drops the id
    # a work page saved from the site has the work's title in the preface and the site's name in <h1>
    title = (tree.css_first("div#workskin .preface h2.title") or tree.css_first(f"{scope}.meta h1")
             or tree.css_first("h1"))
    if title is not None:
        meta["title"] = clean(title.text())
    authors = [clean(a.text()) for a in tree.css(f"{scope}.byline a[rel=author]")]
    if not authors:
        byline = tree.css_first(f"{scope}.byline")
        if byline is not None:
            authors = [clean(byline.text()).removeprefix("by ").strip()]
    if authors:
        meta["authors"] = authors
    for dt in tree.css(f"{scope}dl.tags > dt") or tree.css("dl.work.meta > dt"):
        dd = dt.next
        while dd is not None and dd.tag != "dd":
            dd = dd.next
        if dd is None:
            continue
        label = clean(dt.text()).rstrip(":").lower()
        if label == "stats":
            meta.update(ao3_stats(clean(dd.text())))
            continue
        key = _tag_key(dt.attributes.get("class") or "", label)
        if key is None:
            continue
        values = [clean(a.text()) for a in dd.css("a")] or [clean(dd.text())]
        values = [v for v in values if v]
        meta[key] = values if key in AO3_LIST_KEYS else ", ".join(values)
    link = tree.css_first(f'{scope}a[href*="archiveofourown.org/works/"]')
    if link is not None:
        meta["url"] = link.attributes.get("href")
    return meta


def _tag_key(css_class: str, label: str) -> str | None:
    for word in css_class.split():
        for prefix, key in AO3_TAG_KEYS.items():
            if word.startswith(prefix):
                return key
    by_label = {"archive warning": "warnings", "additional tags": "freeform", "category": "categories"}
    if label in by_label:
        return by_label[label]
    for prefix, key in AO3_TAG_KEYS.items():
        if label.startswith(prefix):
            return key
    return None


def ao3_stats(stats: str) -> dict:
    out: dict = {}
    words = re.search(r"Words:\s*([\d,.\s]*\d\s*k?)", stats, re.IGNORECASE)
    if words:
        out["words"] = word_count(words.group(1))
    chapters = re.search(r"Chapters:\s*(\d+)\s*/\s*(\d+|\?)", stats)
    if chapters:
        out["chapters"] = chapters.group(1) + "/" + chapters.group(2)
    return out


NOTES_IDS = ("afterword", "endnotes")  # AO3 writes 'afterword'; hand-saved and converted copies vary


def read_ao3(tree: HTMLParser, builder: TextBuilder, titles: list[str | None]) -> None:
    """AO3's download: the preface, the chapters in div#chapters, the afterword. Copies that lost a wrapper
    (no div#chapters, no .meta, end notes in div#endnotes) are read from the body in the same order."""
    preface = tree.css_first("div#preface")
    title = tree.css_first("div#preface .meta h1") or tree.css_first("div#preface h1")
    if title is not None:
        builder.add(clean(title.text()), hint="title")
    if preface is not None:
        for block in preface.css("blockquote.userstuff"):
            add_flow(builder, block, hint=_preface_hint(block))
    container = tree.css_first("div#chapters") or tree.body
    index = -1
    for child in _elements(container):
        classes = child.attributes.get("class") or ""
        if child.attributes.get("id") in ("preface", *NOTES_IDS) or child.tag in SKIP_TAGS:
            continue
        heading = child.css_first("h2.heading") or child.css_first("h2") if "meta" in classes else None
        if heading is None and child.tag in HEADINGS - {"h1"}:
            heading = child  # a chapter heading outside any .meta wrapper
        if heading is not None:  # a chapter's preface: heading, chapter summary and notes
            index += 1
            name = clean(heading.text())
            titles.append(name or None)
            if name:
                builder.add(name, hint="heading", chapter=index)
            if heading is not child:
                for block in child.css("blockquote.userstuff"):
                    add_flow(builder, block, hint=_preface_hint(block), chapter=index)
        elif "meta" in classes:  # a chapter's end notes
            for block in child.css("blockquote.userstuff"):
                add_flow(builder, block, hint="author_note", chapter=max(index, 0))
        else:
            if index < 0:
                index = 0
                titles.append(None)
            add_flow(builder, child, chapter=index)
    for notes in (tree.css_first(f"div#{name}") for name in NOTES_IDS):
        if notes is not None:
            add_end_notes(builder, notes)


def read_ao3_page(tree: HTMLParser, builder: TextBuilder, titles: list[str | None]) -> None:
    """A work page saved from AO3 in the browser: the tag list in dl.work.meta, the work's preface (title,
    summary, notes) in div#workskin, each chapter in div#chapters (its own title, summary, notes, text and end
    notes), the work's end notes in div#work_endnotes; the site's menus, kudos and comments are not read."""
    for landmark in tree.css("h3.landmark, #workskin .preface .byline"):
        landmark.decompose()  # 'Summary:', 'Chapter Text', 'Work Text:' are labels for screen readers
    skin = tree.css_first("div#workskin")
    title = skin.css_first(".preface h2.title")
    if title is not None and clean(title.text()):
        builder.add(clean(title.text()), hint="title")
    work_preface = next((n for n in _elements(skin) if "preface" in (n.attributes.get("class") or "")), None)
    if work_preface is not None:
        _preface_notes(builder, work_preface, None)
    container = tree.css_first("div#chapters")
    chapters = [n for n in _elements(container) if "chapter" in (n.attributes.get("class") or "").split()] \
        if container is not None else []
    for index, chapter in enumerate(chapters or ([container] if container is not None else [])):
        heading = chapter.css_first(".preface h3.title") if chapters else None
        name = clean(heading.text()) if heading is not None else ""
        titles.append(name or None)
        if name:
            builder.add(name, hint="heading", chapter=index)
        for part in _elements(chapter):
            classes = (part.attributes.get("class") or "").split()
            if "preface" in classes:
                _preface_notes(builder, part, index)
            elif "userstuff" in classes:
                add_flow(builder, part, chapter=index)
    for notes in (tree.css_first(f"div#{name}") for name in (*NOTES_IDS, "work_endnotes")):
        if notes is not None:
            add_end_notes(builder, notes)


def _preface_notes(builder: TextBuilder, preface: Node, chapter: int | None) -> None:
    """A work's or a chapter's summary and notes (beginning notes, or end notes in a chapter's closing
    preface), in the order they stand."""
    for module in preface.css(".summary, .notes"):
        kind = "summary" if "summary" in (module.attributes.get("class") or "").split() else "author_note"
        for block in module.css("blockquote.userstuff"):
            add_flow(builder, block, hint=kind, chapter=chapter)


def add_end_notes(builder: TextBuilder, notes: Node) -> None:
    """A work's end notes, without AO3's own closing line ('Please drop by the Archive and comment...')."""
    for message in notes.css("p.message"):
        message.decompose()
    for block in notes.css("blockquote.userstuff") or [notes]:
        add_flow(builder, block, hint="author_note")


def _preface_hint(block: Node) -> str:
    label = block.prev
    while label is not None and label.tag == "-text":
        label = label.prev
    text = clean(label.text()).lower() if label is not None else ""
    return "summary" if "summary" in text else "author_note"


def _elements(node: Node | None) -> list[Node]:
    out, child = [], node.child if node is not None else None
    while child is not None:
        if child.tag not in ("-text", "-comment"):
            out.append(child)
        child = child.next
    return out


# ---- FanFiction.net chapter pages --------------------------------------------------------

def read_ffnet(tree: HTMLParser, builder: TextBuilder, metadata: dict, titles: list[str | None]) -> None:
    """A chapter page saved from FanFiction.net: the story header above the text (title, 'By:' author, summary,
    the 'Rated: …' line) is read as the front matter it is; menus, chapter select and review box are not."""
    top = tree.css_first("div#profile_top")
    if top is not None:
        title = top.css_first("b")
        author = next((a for a in top.css("a") if (a.attributes.get("href") or "").startswith("/u/")), None)
        summary = next((d for d in top.css("div") if d.mem_id != top.mem_id), None)
        rated = next((n for n in top.css("span") if clean(n.text()).lower().startswith("rated:")), None)
        if title is not None and clean(title.text()):
            metadata["title"] = clean(title.text())
            builder.add(metadata["title"], hint="title")
        if author is not None:
            builder.add("By: " + clean(author.text()))
        if summary is not None:
            builder.add(clean(summary.text()), hint="summary")
        if rated is not None:
            builder.add(clean(rated.text()))
    chosen = tree.css_first("select#chap_select option[selected]")
    if chosen is not None:
        titles.append(re.sub(r"^\d+\.\s*", "", clean(chosen.text())) or None)
    add_flow(builder, tree.css_first("div#storytext"), chapter=0 if chosen is not None else None)


# ---- generic pages ----------------------------------------------------------------------

def read_generic(tree: HTMLParser, builder: TextBuilder, metadata: dict) -> None:
    title = tree.css_first("title") or tree.css_first("h1")
    if title is not None and clean(title.text()):
        metadata["title"] = clean(title.text())
    main = story_container(tree)
    if main is None:
        return
    add_flow(builder, main)


def story_container(tree: HTMLParser) -> Node | None:
    """The element whose direct <p> children hold the most text: a page's story, not its menus."""
    best, best_size = None, 0
    sizes: dict[int, tuple[Node, int]] = {}
    for p in tree.css("p"):
        parent = p.parent
        if parent is None:
            continue
        node, size = sizes.get(parent.mem_id, (parent, 0))
        sizes[parent.mem_id] = (node, size + len(p.text(strip=True)))
    lined: set[int] = set()
    for br in tree.css("br"):  # a page without <p>: its text sits between <br>s in one element
        parent = br.parent
        if parent is None or parent.mem_id in lined:
            continue
        lined.add(parent.mem_id)
        node, size = sizes.get(parent.mem_id, (parent, 0))
        sizes[parent.mem_id] = (node, size + sum(len(c.text_content or "") for c in _children(parent)
                                                 if c.tag == "-text"))
    for node, size in sizes.values():
        if size > best_size:
            best, best_size = node, size
    if best is None:
        body = tree.body
        if body is not None and clean(body.text()):
            return body
    return best
