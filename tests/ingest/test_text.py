import codecs

from ficmeld.ingest import read_work_bytes
from tests.conftest import structured

STORY = "Chapter 1\n\nJuno opened the caf\u00e9 at six.\n\n* * *\n\nRain, all day.\n"


def test_utf8_bom_is_dropped():
    work = read_work_bytes(codecs.BOM_UTF8 + STORY.encode(), "s.txt")
    assert work.text == STORY


def test_utf16_with_bom():
    work = read_work_bytes(STORY.encode("utf-16"), "s.txt")
    assert work.text == STORY and work.source.encoding == "utf-16"


def test_cp1252_fallback_is_noted():
    work = read_work_bytes(STORY.replace("\u00e9", "\u00e9\u2019").encode("cp1252"), "s.txt")
    assert "caf\u00e9\u2019" in work.text and work.source.encoding == "cp1252"
    assert any("cp1252" in note for note in work.source.notes)


def test_crlf_becomes_lf():
    work = read_work_bytes(STORY.replace("\n", "\r\n").encode(), "s.txt")
    assert work.text == STORY


def test_five_megabyte_file_reads_with_linear_structure():
    para = "Juno stacked the chairs and listened to the rain on the awning. " * 4
    chapters = []
    for c in range(1, 501):
        chapters.append(f"Chapter {c}\n\n" + "\n\n".join([para] * 20) + "\n\n***\n\n" + "\n\n".join([para] * 20))
    text = "\n\n".join(chapters) + "\n"
    assert len(text) > 5_000_000
    work = structured(text)
    assert len(work.chapters) == 500
    assert len(work.paragraphs) == 500 * 42  # headings and break lines are paragraphs too
    assert len(work.scenes) == 1000


def test_plain_text_marks_italics_with_stars_and_underscores():
    from ficmeld.ingest import read_work_bytes

    story = ("Ines set the cup down. *Not again.* She looked at the door.\n\n* * *\n\n"
             "_He will come back_, she told herself, and wiped file_name_here off the board.\n")
    work = read_work_bytes(story.encode(), "cups.txt")
    assert [work.text[e.start:e.end] for e in work.emphasis] == ["Not again.", "He will come back"]


def test_italics_in_a_long_paragraph_cost_no_more_than_their_marks():
    from ficmeld.ingest.text import marked_emphasis
    from ficmeld.model.work import Block

    text = "She said *no* and meant it. " * 20000
    spans = marked_emphasis(text, Block(0, len(text)))
    assert len(spans) == 20000 and text[spans[-1].start:spans[-1].end] == "no"
