from ficmeld.evaluate.coref_metrics import muc
from ficmeld.evaluate.litbank import LitBankDoc, predicted_chain_of, score_document
from ficmeld.model.document import Mention, Source
from ficmeld.model.work import Work
from ficmeld.stages.coref_groups import THEY_WINDOW
from tests.stages.helpers import coref_resolved

CAMP = """We reached the ridge at dusk. Our guide, Petra Lund, pointed at the valley below. We camped there.

The herders came up from the river. They had seen the smoke, and they wanted to trade.
"""


def _group_of(work, surface):
    groups = work.scratch["coref.groups"]
    return [groups.get((m.start, m.end)) for m in work.mentions if work.text[m.start:m.end] == surface]


def test_the_narrators_we_is_one_group():
    work = coref_resolved(CAMP, quotes=False)
    we = _group_of(work, "We") + _group_of(work, "Our")
    assert len(we) == 3 and None not in we and len(set(we)) == 1


def test_they_continues_the_they_just_before():
    work = coref_resolved(CAMP, quotes=False)
    they = _group_of(work, "They") + _group_of(work, "they")
    assert len(they) == 2 and None not in they and len(set(they)) == 1
    assert set(they).isdisjoint(_group_of(work, "We"))


def test_a_distant_they_opens_a_new_group():
    filler = "The wind rose over the empty hills and the grass bent low. " * (THEY_WINDOW // 50 + 1)
    work = coref_resolved(f"The herders came down. They sat.\n\n{filler}\n\nThey left at dawn.\n", quotes=False)
    first, last = _group_of(work, "They")
    assert first is not None and last is not None and first != last


def test_resolved_pronouns_are_in_no_group():
    work = coref_resolved("Petra Lund waited. She was cold.\n", quotes=False)
    assert _group_of(work, "She") == [None]
    she = [m for m in work.mentions if work.text[m.start:m.end] == "She"]
    assert [work.character(m.character).name for m in she] == ["Petra Lund"]


def test_the_litbank_scorer_reads_groups_as_chains():
    text = "We ran. We hid. They came."
    spans = [(0, 2), (8, 10), (16, 20)]
    doc = LitBankDoc("t", text, [(0, len(text))])
    for span, entity in zip(spans, ("us", "us", "them")):
        doc.mentions[span] = entity
        doc.types[span] = "PRON"
    work = Work(text=text, source=Source(path="t", format="text", sha256="0"))
    work.mentions = [Mention(start=s, end=e, character=None, kind="pronoun") for s, e in spans]
    work.done.update({"characters", "coref"})
    assert score_document(doc, work, {"characters", "coref"})["muc"].recall == 0.0
    for m, group in zip(work.mentions, ("g0", "g0", "g1")):
        m.group = group
    chains = predicted_chain_of(work)
    assert chains[spans[0]] == chains[spans[1]] != chains[spans[2]]
    counts = score_document(doc, work, {"characters", "coref"})
    assert counts["muc"].recall == 1.0 and counts["muc"].precision == 1.0
    assert counts["muc"] == muc([{spans[0], spans[1]}, {spans[2]}], [{spans[0], spans[1]}, {spans[2]}])
