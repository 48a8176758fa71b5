from ficmeld.ingest import read_work_bytes

STORY = """# Chapter One: Tidewater

Wren counted the boats *twice* and still came up _short_.

**Loud** words, then a *quiet* one.

---

By dawn the harbour was empty.
"""


def test_text_is_the_file_and_blocks_follow_markdown():
    work = read_work_bytes(STORY.encode(), "tide.md")
    assert work.text == STORY and work.source.format == "markdown"
    assert [b.hint for b in work.blocks] == ["heading", None, None, "scene_break", None]
    assert work.text[work.blocks[-1].start:work.blocks[-1].end] == "By dawn the harbour was empty."


def test_italics_are_spans_of_the_inner_words():
    work = read_work_bytes(STORY.encode(), "tide.md")
    assert [work.text[e.start:e.end] for e in work.emphasis] == ["twice", "short", "quiet"]


def test_snake_case_is_not_emphasis():
    work = read_work_bytes(b"She typed file_name_here and sighed.\n", "note.md")
    assert work.emphasis == []


def test_chapter_title_drops_heading_marks():
    from tests.conftest import structured

    work = structured(STORY.encode(), "tide.md")
    assert [c.title for c in work.chapters] == ["Chapter One: Tidewater"]
