import pytest

from tests.conftest import structured

MULTI = """The Lamplighter's Year

Disclaimer: I don't own these characters, I just borrow them.

Chapter 1: Oil

A/N: Thanks for all the reviews on the first draft! This chapter is short.

Pell trimmed the wicks along Harrow Street while the fog came in.

"Again?" asked the baker's boy, pointing at the dark lamp by the well.

Pell nodded and climbed the ladder.

Hope you enjoyed it, please review!

Chapter Two - Smoke

I never liked the smoke, but it liked me.

The chimney on the corner house had coughed all winter.

* * *

By spring Pell knew every crack in it.

Author's note: next chapter will be up soon, thanks to my beta.
"""


def _kinds(work, chapter):
    return [(p.kind, work.text[p.start:p.end][:12]) for p in work.parts if p.chapter == chapter]


def test_author_notes_at_chapter_edges_belong_to_their_chapter():
    work = structured(MULTI)
    assert len(work.chapters) == 2
    first, second = _kinds(work, 0), _kinds(work, 1)
    assert [k for k, _ in first] == ["title", "author_note", "body", "author_note"]
    assert [k for k, _ in second] == ["title", "body", "author_note"]


def test_first_person_opening_is_story_not_a_note():
    work = structured(MULTI)
    opening = next(p for p in work.paragraphs if work.text[p.start:p.end].startswith("I never liked"))
    assert opening.part == "body"


def test_front_matter_before_first_heading():
    work = structured(MULTI)
    front = [(p.kind, p.chapter) for p in work.parts if p.start < work.chapters[0].start]
    assert ("disclaimer", None) in front


def test_scene_breaks_and_chapters_split_scenes():
    work = structured(MULTI)
    assert [(s.chapter) for s in work.scenes] == [0, 1, 1]


@pytest.mark.parametrize("heading", ["Chapter 3: The Well", "Chapter Three", "Ch. 3", "Part II", "Prologue",
                                     "CHAPTER 12", "Epilogue: After", "Chapter 1 ~ tea", "Part 2 • the ford"])
def test_heading_forms_start_chapters(heading):
    text = f"{heading}\n\nMorrow walked to the mill.\n\nThe wheel was still.\n\nChapter 9\n\nShe went home.\n"
    work = structured(text)
    assert len(work.chapters) == 2
    assert work.text[work.chapters[0].start:].startswith(heading)
    assert work.chapters[0].title == heading


@pytest.mark.parametrize("line", ["***", "* * *", "~~~", "###", "#", "*", "---", "oOo", "xXx", "~oOo~", "-line break-",
                                  "⁂", "❦", "✦ ✦ ✦", "⸻", "♡"])
def test_break_lines_split_scenes(line):
    text = f"Morrow walked to the mill.\n\nThe wheel was still.\n\n{line}\n\nShe went home.\n"
    work = structured(text)
    assert len(work.scenes) == 2
    assert work.text[work.scenes[1].start:work.scenes[1].end] == "She went home."


@pytest.mark.parametrize("line", ['"Good."', '"Look!"', '"Ooh."', '"Noo!"', "'Boo!'", '"Xxx"', "!", "?", "…"])
def test_a_short_line_of_dialogue_is_no_break(line):
    text = f"Morrow walked to the mill.\n\n\"Well?\"\n\n{line}\n\nShe went home.\n"
    assert len(structured(text).scenes) == 1


def test_wider_blank_gap_splits_scenes_in_plain_text():
    text = ("Morrow walked to the mill.\n\nThe wheel was still.\n\nShe sat by it.\n\n\n\n"
            "Night came.\n\nShe went home.\n\nThe door stuck.\n")
    work = structured(text)
    assert [work.text[s.start:s.start + 5] for s in work.scenes] == ["Morro", "Night"]


def test_html_rule_is_a_scene_break():
    page = "<html><body><div><p>Morrow walked.</p><p>The wheel was still.</p><hr><p>She went home.</p></div></body></html>"
    work = structured(page, "mill.html")
    assert len(work.scenes) == 2


def test_a_title_in_title_case_with_small_words_then_a_note():
    work = structured("Lamps on the Harrow Road\n\nA/N: Pell again, one night this time. Enjoy!\n\n"
                      "Pell climbed the ladder while the fog came in.\n\nThe wick caught at the second try.\n")
    assert [p.kind for p in work.parts] == ["title", "author_note", "body"]
    assert work.metadata["title"] == "Lamps on the Harrow Road"


ARCHIVE_HEADER = """The Keeper's Cat

by quillandink

Rating: Teen And Up Audiences

Archive Warning: No Archive Warnings Apply

Relationship: Mara Quist/Tobin Hale

Additional Tags: Fluff, Lighthouses

Summary:

Mara keeps the light. Tobin keeps turning up.

Notes:

For a friend who loves cats.

{heading}Mara heard the boat before she saw it. The cat came to the window with her.

Tobin stood on the jetty with his collar up.
"""


@pytest.mark.parametrize("heading", ["Chapter 1: The Storm\n\n", ""])
def test_an_archive_header_with_labels_on_their_own_lines_is_front_matter(heading):
    work = structured(ARCHIVE_HEADER.format(heading=heading))
    kinds = [p.kind for p in work.parts]
    assert kinds[:4] == ["title", "other", "summary", "author_note"]
    body = [work.text[p.start:p.end] for p in work.parts if p.kind == "body"]
    assert len(body) == 1 and body[0].startswith("Mara heard the boat")
    assert len(work.scenes) == 1
    assert work.metadata["authors"] == ["quillandink"]
    assert work.metadata["freeform"] == ["Fluff", "Lighthouses"]
    assert work.metadata["warnings"] == ["No Archive Warnings Apply"]


def test_a_title_and_a_by_line_alone_are_front_matter():
    work = structured("Frost on the Slipway\n\nby tidewrack\n\nMara heard the boat before she saw it.\n\n"
                      "Tobin stood on the jetty with his collar up.\n")
    assert [p.kind for p in work.parts] == ["title", "other", "body"]
    assert work.text[work.scenes[0].start:].startswith("Mara heard the boat")
    assert work.metadata["authors"] == ["tidewrack"]


def test_a_lower_case_title_over_an_archive_header_is_front_matter():
    work = structured(ARCHIVE_HEADER.replace("The Keeper's Cat", "the keeper's cat").format(heading=""))
    assert [p.kind for p in work.parts][:2] == ["title", "other"]
    assert work.metadata["title"] == "the keeper's cat"
    assert len(work.scenes) == 1 and work.text[work.scenes[0].start:].startswith("Mara heard the boat")


ARCHIVE_LABELS = """Salt and Iron

Chapter 1: Low Tide

Chapter Summary

Dean drives. Sam reads.

Chapter Notes

See the end of the chapter for more notes

Chapter Text

Dean had the radio up too loud and the window down, and the road went on.

Sam did not look up from the book.

~

Later, in the motel, Sam watched his brother sleep.

Chapter End Notes

Thanks for reading!

Chapter 2: High Tide

Chapter Text

The sea came in at dusk.
"""


def test_archive_labels_on_lines_of_their_own_open_their_parts():
    work = structured(ARCHIVE_LABELS)
    kinds = [(p.kind, work.text[p.start:p.end].split("\n")[0]) for p in work.parts if p.chapter == 0]
    assert kinds == [("title", "Chapter 1: Low Tide"), ("summary", "Chapter Summary"),
                     ("author_note", "Chapter Notes"), ("other", "See the end of the chapter for more notes"),
                     ("body", "Dean had the radio up too loud and the window down, and the road went on."),
                     ("author_note", "Chapter End Notes")]
    assert [work.text[s.start:s.end].split()[0] for s in work.scenes] == ["Dean", "Later,", "The"]


AO3_TEXT_DOWNLOAD = """The Tally Keeper
Posted originally on the Archive of Our Own at https://archiveofourown.org/works/1234567.

Rating:
    General Audiences
Archive Warning:
    No Archive Warnings Apply
Fandom:
    Harbour Lights (TV)
Relationship:
    Mara Quist & Tobin Hale
Characters:
    Mara Quist, Tobin Hale
Stats:
    Published: 2023-04-02
    Words: 1,204

The Tally Keeper
by saltmarsh

Summary

Mara counts boats. Tobin counts on her.

Notes

For a friend who likes harbours.

The Tally Keeper

Mara heard the boat before she saw it. The gulls had gone quiet, the way they did when the weather meant it.

She counted the hulls against the grey twice, moving her lips, and came up one short both times, as she had feared.

Down the slipway the harbourmaster's lamp swung in its bracket and threw her shadow long across the wet stones.

"It's the Kestrel," somebody said behind her, and she did not turn round, because she already knew that voice.

Tobin stood on the jetty with his collar up.

End Notes

Thanks for reading! Come say hello.

Please drop by the Archive and comment to let the creator know if you enjoyed their work!
"""


def test_a_text_download_header_with_indented_values_is_front_matter_and_metadata():
    work = structured(AO3_TEXT_DOWNLOAD)
    body = [work.text[p.start:p.end] for p in work.parts if p.kind == "body"]
    assert len(body) == 1 and body[0].startswith("Mara heard the boat") and body[0].endswith("collar up.")
    assert not any(p.part == "body" and "Posted originally" in work.text[p.start:p.end] for p in work.paragraphs)
    assert work.metadata["characters"] == ["Mara Quist", "Tobin Hale"]
    assert work.metadata["fandoms"] == ["Harbour Lights (TV)"]
    assert work.metadata["rating"] == "General Audiences"
    assert work.metadata["words"] == 1204 and work.metadata["authors"] == ["saltmarsh"]
    kinds = [p.kind for p in work.parts]
    assert "summary" in kinds and kinds[-2:] == ["author_note", "other"]
    assert len(work.scenes) == 1


def test_an_afterword_heading_does_not_stretch_a_one_shot_note_over_the_story():
    work = structured(AO3_TEXT_DOWNLOAD.replace("End Notes", "Afterword\n\nEnd Notes"))
    body = [work.text[p.start:p.end] for p in work.parts if p.kind == "body"]
    assert body and body[0].startswith("Mara heard the boat")


def test_a_line_between_header_fields_is_the_summary():
    work = structured("The Long Walk\nBy: fernhollow\n\nTwo sisters, one lighthouse, no map.\n\n"
                      "Rated: Fiction T - English - Family/Hurt/Comfort - [Mara, Tobin] Wren - Words: 1,100\n\n"
                      "Disclaimer: not mine.\n\n"
                      "Mara heard the boat before she saw it.\n\nTobin stood on the jetty with his collar up.\n")
    assert [p.kind for p in work.parts][:3] == ["title", "other", "summary"]
    assert work.text[work.scenes[0].start:].startswith("Mara heard the boat")
    meta = work.metadata
    assert (meta["rating"], meta["words"], meta["freeform"]) == ("T", 1100, ["Family", "Hurt/Comfort"])
    assert meta["characters"] == ["Mara", "Tobin", "Wren"] and meta["relationships"] == ["Mara/Tobin"]


MARKDOWN_DRAFT = """---
title: "The Tally Keeper"
author: saltmarsh
characters: [Mara Quist, Tobin Hale]
status: draft 2
---

# The Tally Keeper

> *The sea keeps its own count.*
> — a harbour saying

*Written for a friend who asked for harbours. Mara pov, all the way.*

Mara heard the boat before she saw it. The gulls had gone quiet.

---

Tobin stood on the jetty with his collar up.
"""


def test_markdown_front_matter_notes_and_epigraph_are_not_story():
    work = structured(MARKDOWN_DRAFT, "tally.md")
    assert work.metadata["title"] == "The Tally Keeper"
    assert work.metadata["characters"] == ["Mara Quist", "Tobin Hale"]
    kinds = {p.kind: work.text[p.start:p.end] for p in work.parts}
    assert kinds["epigraph"].startswith("> *The sea")
    assert [work.text[s.start:s.start + 10] for s in work.scenes] == ["Mara heard", "Tobin stoo"]


def test_a_quoted_paragraph_of_story_at_the_top_stays_story():
    work = structured("# Tide\n\n> The boats came in at dawn, all but one.\n\nMara counted them twice.\n", "tide.md")
    assert work.text[work.scenes[0].start:].startswith("> The boats came in")


SOCIAL_POST = """quillandsalt
Follow

the lamps of harrow street

orla/tamsin | harbour tales | ~900 words | the winter after the flood

Orla counts the lamps on the way home, because counting is easier than thinking about Tamsin.

Eleven are lit. The twelfth has been dark since the flood.

#harbourtales #orlatamsin #my writing
"""


def test_a_social_post_header_and_tag_line_are_not_story():
    work = structured(SOCIAL_POST)
    body = [work.text[p.start:p.end] for p in work.parts if p.kind == "body"]
    assert len(body) == 1 and body[0].startswith("Orla counts the lamps")
    assert body[0].rstrip().endswith("since the flood.")


def test_text_before_a_chapter_one_heading_can_be_a_post_header():
    text = ("Lamps || orlatamsin\nby quillandsalt\n\nHarbour Tales\n\nOrla x Tamsin\n\n"
            "#harbourtales #orlatamsin\n\nReads 2.3K • Votes 140 • Parts 2\n\nChapter 1 ~ oil\n\n"
            "Orla counts the lamps on the way home.\n\nChapter 2 ~ smoke\n\nTamsin is already at the quay.\n")
    work = structured(text)
    assert [c.title for c in work.chapters] == ["Chapter 1 ~ oil", "Chapter 2 ~ smoke"]
    assert [work.text[s.start:s.start + 4] for s in work.scenes] == ["Orla", "Tams"]
