"""EPUB: AO3 (calibre-made from AO3 HTML), FanFicFare (title_page + fileNNNN), and plain EPUBs."""
from __future__ import annotations

import io
import re
import tempfile
import warnings
import zipfile
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from ficmeld.errors import FormatError
from ficmeld.ingest.builder import TextBuilder
from ficmeld.ingest.counts import word_count
from ficmeld.ingest.html import NOTES_IDS, add_end_notes, add_flow, ao3_metadata, clean, decode_html

# FanFicFare title-page labels -> OUTPUT.md metadata keys
FFF_FIELDS = {"author": "authors", "category": "fandoms", "fandom": "fandoms", "fandoms": "fandoms",
              "rating": "rating", "rated": "rating", "characters": "characters", "relationships": "relationships",
              "pairing": "relationships", "pairings": "relationships", "genre": "freeform", "genres": "freeform",
              "warnings": "warnings", "language": "language", "words": "words", "chapters": "chapters",
              "source": "url", "story url": "url", "freeform tags": "freeform", "additional tags": "freeform"}
LIST_KEYS = {"authors", "fandoms", "characters", "relationships", "freeform", "warnings"}
FRONT_FILES = re.compile(r"(title_?page|cover|toc|nav|preface|log_page|jacket)", re.I)


def read_epub(data: bytes, path: str):
    from ficmeld.ingest import source_for
    from ficmeld.model.work import Work

    book = _open(data, path)
    metadata = opf_metadata(book)
    builder, titles = TextBuilder(), []
    chapter = 0
    for name, html in spine_documents(book):
        tree = HTMLParser(decode_html(html, path))
        base = Path(name).name.lower()
        if "title_page" in base or "titlepage" in base:
            metadata.update(fff_metadata(tree))
            summary = _fff_summary_node(tree)
            if summary is not None:
                add_flow(builder, summary, hint="summary")
            continue
        if tree.css_first("dl.tags") is not None:  # AO3 preface
            metadata.update({k: v for k, v in ao3_metadata(tree).items() if k not in ("title", "authors") or k not in metadata})
            for block in tree.css("blockquote.userstuff"):
                add_flow(builder, block, hint="summary" if "summary" in _label(block) else "author_note")
            continue
        if FRONT_FILES.search(base) or tree.body is None:
            continue
        # AO3's end notes: an afterword file of their own, or a div#afterword the converter split into a
        # chapter's file; read after the chapter text around them
        found = [n for name in NOTES_IDS for n in tree.css(f"div#{name}")]
        notes = [HTMLParser(n.html) for n in found]  # copies: the nodes leave the chapter's tree
        for node in found:
            node.decompose()
        if "afterword" in base:
            notes = notes or [tree]  # the whole file is the afterword
        elif chapter_file(builder, tree, chapter, titles):
            chapter += 1
        for note in notes:
            add_end_notes(builder, note.body)
    if not builder.blocks:
        raise FormatError("this EPUB holds no story text", path=path, fix="give an EPUB with chapter files")
    if "chapters" not in metadata and chapter > 1:
        metadata["chapters"] = f"{chapter}/{chapter}"
    return Work(text=builder.text, source=source_for(data, path, "epub", "utf-8"), blocks=builder.blocks,
                metadata=metadata, emphasis=builder.emphasis, chapter_titles=titles)


def _open(data: bytes, path: str):
    import ebooklib.epub as epub

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if zf.testzip() is not None:
                raise zipfile.BadZipFile("bad member")
            names = zf.namelist()
    except (zipfile.BadZipFile, EOFError, OSError):
        raise FormatError("the EPUB is damaged or truncated", path=path, fix="download the EPUB again") from None
    if "META-INF/container.xml" not in names:
        raise FormatError("this zip archive is not an EPUB (no META-INF/container.xml)", path=path,
                          fix="give a .epub file")
    with tempfile.NamedTemporaryFile(suffix=".epub") as tmp:
        tmp.write(data)
        tmp.flush()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return epub.read_epub(tmp.name, {"ignore_ncx": True})
        except Exception as exc:  # ebooklib raises many kinds on a broken book
            raise FormatError(f"the EPUB cannot be read ({type(exc).__name__})", path=path,
                              fix="download the EPUB again") from None


def spine_documents(book) -> list[tuple[str, bytes]]:
    import ebooklib

    out = []
    for idref, _linear in book.spine:
        item = book.get_item_with_id(idref)
        if item is not None and item.get_type() == ebooklib.ITEM_DOCUMENT:
            out.append((item.get_name(), item.get_content()))
    if not out:
        out = [(i.get_name(), i.get_content()) for i in book.get_items_of_type(ebooklib.ITEM_DOCUMENT)]
    return out


def opf_metadata(book) -> dict:
    meta: dict = {}
    titles = [t for t, _ in book.get_metadata("DC", "title")]
    if titles:
        meta["title"] = titles[0]
    authors = [a for a, _ in book.get_metadata("DC", "creator") if a]
    if authors:
        meta["authors"] = authors
    subjects = [s for s, _ in book.get_metadata("DC", "subject") if s]
    if subjects:
        meta["freeform"] = subjects
    language = [lang for lang, _ in book.get_metadata("DC", "language") if lang]
    if language:
        meta["language"] = language[0]
    return meta


def chapter_file(builder: TextBuilder, tree: HTMLParser, chapter: int, titles: list[str | None]) -> bool:
    """Add one chapter file; the first heading is the chapter's title. False when it holds no text."""
    before = len(builder.blocks)
    add_flow(builder, tree.body, chapter=chapter)
    added = builder.blocks[before:]
    if not any(b.hint != "heading" for b in added):
        del builder.blocks[before:]  # a file with only a heading is not a chapter
        return False
    heading = next((b for b in added if b.hint == "heading"), None)
    titles.append(builder.text[heading.start:heading.end] if heading is not None else None)
    return True


def fff_metadata(tree: HTMLParser) -> dict:
    """FanFicFare title pages list fields as '<b>Label:</b> value' lines."""
    meta: dict = {}
    for bold in tree.css("b, strong"):
        label = clean(bold.text()).rstrip(":").lower()
        key = FFF_FIELDS.get(label)
        if key is None:
            continue
        value, node = [], bold.next
        while node is not None and node.tag not in ("br", "b", "strong", "p", "div"):
            value.append(node.text(deep=True) if node.tag != "-text" else (node.text_content or ""))
            node = node.next
        text = clean("".join(value))
        if not text:
            continue
        if key in LIST_KEYS:
            meta[key] = [v.strip() for v in text.split(",") if v.strip()]
        elif key == "words":
            count = word_count(text)
            if count is not None:
                meta[key] = count
        else:
            meta[key] = text
    link = tree.css_first("a[href]")
    if "url" not in meta and link is not None and link.attributes.get("href", "").startswith("http"):
        meta["url"] = link.attributes["href"]
    h1 = tree.css_first("h1, h3")
    if h1 is not None and clean(h1.text()):
        meta.setdefault("title", clean(h1.text()).split(" by ")[0])
    return meta


def _fff_summary_node(tree: HTMLParser):
    for bold in tree.css("b, strong"):
        if clean(bold.text()).rstrip(":").lower() == "summary":
            holder = bold.parent
            return holder if holder is not None and holder.tag not in ("body", "html") else None
    return None


def _label(block) -> str:
    prev = block.prev
    while prev is not None and prev.tag == "-text":
        prev = prev.prev
    return clean(prev.text()).lower() if prev is not None else ""
