from pathlib import Path

from ebooklib import epub

from ficmeld.ingest import read_work_bytes
from tests.conftest import structured


def _page(name: str, title: str, body: str) -> epub.EpubHtml:
    page = epub.EpubHtml(title=title, file_name=name, lang="en")
    page.content = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return page


def build_epub(tmp_path: Path, pages: list[epub.EpubHtml], title="The Kiln Winter") -> bytes:
    book = epub.EpubBook()
    book.set_identifier("kiln-1")
    book.set_title(title)
    book.set_language("en")
    book.add_author("emberly")
    book.add_metadata("DC", "subject", "Hurt/Comfort")
    for page in pages:
        book.add_item(page)
    book.toc = pages
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = pages
    out = tmp_path / "book.epub"
    epub.write_epub(str(out), book)
    return out.read_bytes()


def fanficfare_epub(tmp_path: Path) -> bytes:
    title_page = _page("OEBPS/title_page.xhtml", "The Kiln Winter", (
        "<h3>The Kiln Winter by emberly</h3><div>"
        "<b>Category:</b> Potters Guild<br/><b>Characters:</b> Ada Penn, Rook<br/>"
        "<b>Rating:</b> K+<br/><b>Words:</b> 2,310<br/><b>Chapters:</b> 2<br/>"
        "<b>Genre:</b> Drama, Friendship<br/></div>"
        "<p><b>Summary:</b> A cold season in a hot workshop.</p>"))
    ch1 = _page("OEBPS/file0001.xhtml", "Kindling", (
        "<h2>Kindling</h2><p>Ada fed the kiln until her arms <em>ached</em>.</p>"
        "<p>Rook swept the ash without being asked.</p>"))
    ch2 = _page("OEBPS/file0002.xhtml", "Glaze", (
        "<h2>Glaze</h2><p>The first bowl cracked in the night.</p><p>She kept it anyway.</p>"))
    return build_epub(tmp_path, [title_page, ch1, ch2])


def test_fanficfare_layout(tmp_path):
    work = read_work_bytes(fanficfare_epub(tmp_path), "kiln.epub")
    m = work.metadata
    assert work.source.format == "epub"
    assert m["title"] == "The Kiln Winter" and m["authors"] == ["emberly"]
    assert m["characters"] == ["Ada Penn", "Rook"] and m["fandoms"] == ["Potters Guild"]
    assert m["rating"] == "K+" and m["words"] == 2310
    assert work.chapter_titles == ["Kindling", "Glaze"]
    assert {b.chapter for b in work.blocks if b.hint != "summary"} == {0, 1}
    assert [work.text[e.start:e.end] for e in work.emphasis] == ["ached"]


def test_fanficfare_structure(tmp_path):
    work = structured(fanficfare_epub(tmp_path), "kiln.epub")
    assert [p.kind for p in work.parts][0] == "summary"
    assert len(work.chapters) == 2
    body = [work.text[p.start:p.end] for p in work.paragraphs if p.part == "body"]
    assert body[0].startswith("Ada fed") and body[-1] == "She kept it anyway."


def test_ao3_style_epub(tmp_path):
    preface = _page("preface.xhtml", "Preface", (
        "<div class='meta'><dl class='tags'><dt>Rating:</dt><dd><a>General Audiences</a></dd>"
        "<dt>Fandom:</dt><dd><a>Potters Guild</a></dd><dt>Additional Tags:</dt><dd><a>Snow</a></dd>"
        "<dt>Stats:</dt><dd>Words: 900 Chapters: 1/1</dd></dl>"
        "<h1>The Kiln Winter</h1><p>Summary</p><blockquote class='userstuff'><p>Snow, clay, and patience.</p>"
        "</blockquote></div>"))
    chapter = _page("chapter1.xhtml", "Chapter 1", (
        "<h2>Chapter 1</h2><div class='userstuff'><p>Ada wrapped the pots in straw.</p>"
        "<p>Outside, the snow kept on.</p></div>"))
    work = read_work_bytes(build_epub(tmp_path, [preface, chapter]), "kiln-ao3.epub")
    assert work.metadata["rating"] == "General Audiences" and work.metadata["freeform"] == ["Snow"]
    assert work.metadata["words"] == 900
    hints = [(b.hint, work.text[b.start:b.end]) for b in work.blocks]
    assert ("summary", "Snow, clay, and patience.") in hints
    assert work.chapter_titles == ["Chapter 1"]


def test_plain_epub_follows_spine_order(tmp_path):
    later = _page("z_first.xhtml", "One", "<h1>One</h1><p>Snow first.</p>")
    earlier = _page("a_second.xhtml", "Two", "<h1>Two</h1><p>Thaw second.</p>")
    work = read_work_bytes(build_epub(tmp_path, [later, earlier]), "plain.epub")
    assert work.text.index("Snow") < work.text.index("Thaw")
    assert work.chapter_titles == ["One", "Two"]
    assert work.metadata["freeform"] == ["Hurt/Comfort"] and work.metadata["chapters"] == "2/2"


def test_ao3_end_notes_in_a_split_file_are_notes_without_the_archive_s_closing_line(tmp_path):
    # converters split AO3's book into index_split_NNN files: the afterword keeps only its div#afterword
    chapter = _page("index_split_001.xhtml", "Chapter 1", (
        "<h2>Chapter 1</h2><div class='userstuff'><p>Ada wrapped the pots in straw.</p></div>"
        "<div id='endnotes'><p>Chapter End Notes</p><blockquote class='userstuff'><p>More soon.</p></blockquote></div>"))
    after = _page("index_split_002.xhtml", "Afterword", (
        "<div id='afterword'><h2>End Notes</h2><blockquote class='userstuff'><p>Thanks for reading.</p>"
        "</blockquote><p class='message'>Please drop by the Archive and comment to let the creator know if you "
        "enjoyed their work!</p></div>"))
    work = structured(build_epub(tmp_path, [chapter, after]), "kiln-split.epub")
    parts = [(p.kind, work.text[p.start:p.end]) for p in work.parts]
    assert ("body", "Ada wrapped the pots in straw.") in parts
    assert ("author_note", "More soon.\n\nThanks for reading.") in parts  # after the chapter, in order
    assert "Please drop by" not in work.text and [k for k, _ in parts].count("body") == 1
