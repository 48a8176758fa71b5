import glob
import re
from pathlib import Path

import pytest

from ficmeld.structure.front_matter import is_meta, meta_kind, quoted_share
from tests.conftest import structured

NOTES = [
    "Basically I got all feelsy after the finale and had to write this. Enjoy!",
    "Thanks so much to everyone who left kudos, you make my day.",
    "I don't own the Harbour Tales characters; no money is being made.",
    "Set after the flood arc, so spoilers for book two.",
    "AN: sorry for the wait, real life happened.",
    "The Harbour Tales belong to Mira Osei.",
    "Harbour Tales, the winter after the flood. Orla and Tamsin, one night each. Gen.",
    "Orla/Tamsin. Rated M.",
    "#harbourtales #orlatamsin #fluff #hurtcomfort",
    "Reads 2.3K • Votes 140 • Parts 3",
    "orla x tamsin",
    "harbour tales | orla/tamsin | ~900 words | the winter after the flood",
    "quillandsalt\nFollow",
    "the night the lamps went out. tamsin pov. angst, mostly.",
]
OPENINGS = [
    "I had this dream once where the river ran uphill, and I never told anyone about it.",
    "I was seven the year the mill burned, and my brother carried me out on his back.",
    "This is the story of how I lost a boat, a bet and most of my dignity in a single afternoon.",
    "I got the letter on a Tuesday, which is the worst day for bad news.",
    "It is a truth known to every ferryman that a man in possession of a good boat must be in want of a crew.",
    '"I never wanted this," Orla said, and the story she told after that took all night.',
    "He saluted the general.",
    "She said the whisky was mature.",
    "He had said perhaps twenty words, and fourteen of them had been about the weather.",
    "The essay needed 2,000 words by Friday.",
    "Orla and Tamsin.",
    ("The quay at dawn belongs to Orla and the gulls, and the gulls never look at her. She likes it that way. "
     "She coils the wet rope on the bollard and feels the cold climb through her boots, and she counts the boats "
     "that have not come back."),
]


@pytest.mark.parametrize("text", NOTES)
def test_author_talk_is_meta(text):
    assert is_meta(text, quoted_share=quoted_share(text))


@pytest.mark.parametrize("text", OPENINGS)
def test_first_person_story_openings_are_not_meta(text):
    assert not is_meta(text, quoted_share=quoted_share(text))


def test_kinds():
    assert meta_kind(NOTES[2], have_summary=False, leading=True) == "disclaimer"
    assert meta_kind(NOTES[3], have_summary=False, leading=True) == "summary"
    assert meta_kind(NOTES[4], have_summary=True, leading=False) == "author_note"
    assert meta_kind(NOTES[5], have_summary=False, leading=True) == "disclaimer"


@pytest.mark.parametrize("opening", OPENINGS)
def test_work_opening_in_first_person_stays_body(opening):
    work = structured(f"{opening}\n\nThe water was cold.\n\nShe went home.\n")
    assert [p.kind for p in work.parts] == ["body"]


LITBANK = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "litbank" / "coref" / "brat"


def test_published_fiction_is_almost_all_story():
    """LitBank excerpts hold no author notes; at most 3 of 100 may get any (they begin mid-heading)."""
    files = sorted(glob.glob(str(LITBANK / "*.txt")))
    if not files:
        pytest.skip("../shared/data/litbank is absent")
    mislabelled = 0
    for f in files:
        sentences = [re.sub(r" ([,.;:!?])", r"\1", line.strip()) for line in open(f, encoding="utf-8") if line.strip()]
        work = structured("\n\n".join(sentences))
        mislabelled += any(p.part not in ("body", "title") for p in work.paragraphs)
    assert mislabelled <= 3
