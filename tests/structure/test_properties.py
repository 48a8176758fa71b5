"""Whatever a plain-text work looks like, the structure's offsets stay inside it and parts tile it."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import structured

WORDS = ["the", "rain", "said", "Orla", "window", "quiet", "I", "never", "went", "home", "and", "tide", "lamp"]
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(lambda w: " ".join(w).capitalize() + ".")
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
special = st.sampled_from(["***", "* * *", "~oOo~", "-line break-", "Chapter 2", "Chapter Seven: Tide", "Prologue",
                           "A/N: thanks for the reviews!", "Disclaimer: I don't own it.", "Summary: rain.",
                           "Title: Tidewater", "Hope you enjoyed, please review!", '"I went home," Orla said.'])
block = st.one_of(paragraph, paragraph, special)
gap = st.sampled_from(["\n", "\n\n", "\n\n\n\n", "\r\n\r\n"])


@st.composite
def works(draw):
    blocks = draw(st.lists(block, min_size=1, max_size=25))
    text = "".join(b + draw(gap) for b in blocks)
    return draw(st.sampled_from(["", "   \n", "\ufeff"])) + text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(works())
def test_offsets_inside_text_and_parts_tile_paragraphs(source):
    work = structured(source)
    n = len(work.text)
    for span in [*work.blocks, *work.paragraphs, *work.parts, *work.chapters, *work.scenes, *work.emphasis]:
        assert 0 <= span.start < span.end <= n
    starts = [p.start for p in work.parts]
    assert starts == sorted(starts)
    for a, b in zip(work.parts, work.parts[1:]):
        assert a.end <= b.start
    for p in work.paragraphs:
        covering = [part for part in work.parts if part.start <= p.start and p.end <= part.end]
        assert len(covering) == 1 and covering[0].kind == p.part
    indices = {c.index for c in work.chapters}
    for item in [*work.scenes, *work.paragraphs]:
        assert item.chapter is None or item.chapter in indices
