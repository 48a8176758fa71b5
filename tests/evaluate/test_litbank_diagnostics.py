from ficmeld.evaluate.litbank import LitBankDoc, _link_diagnostics
from ficmeld.model.document import Mention, Quote
from ficmeld.model.work import Work
from ficmeld.model.document import Source

TEXT = 'Ada Lark came in. She sat. "I am tired," she said.'


def _doc_and_work(characters):
    find = TEXT.index
    spans = {"Ada": (0, 8), "She": (find("She"), find("She") + 3), "I": (find('"I') + 1, find('"I') + 2),
             "she": (find(" she") + 1, find(" she") + 4)}
    doc = LitBankDoc("t", TEXT, [(0, len(TEXT))])
    for word, span in spans.items():
        doc.mentions[span] = "Ada-0"
        doc.types[span] = "PROP" if word == "Ada" else "PRON"
    work = Work(text=TEXT, source=Source(path="t", format="text", sha256="0"))
    work.quotes = [Quote(start=find('"'), end=find('," ') + 2, kind="speech", speaker=None, addressee=None,
                         confidence=1.0)]
    work.mentions = [Mention(start=s, end=e, character=characters[w], kind="name" if w == "Ada" else "pronoun")
                     for w, (s, e) in spans.items()]
    return doc, work


def test_links_are_counted_per_type_and_quote():
    doc, work = _doc_and_work({"Ada": "c0", "She": "c0", "I": None, "she": "c0"})
    out = _link_diagnostics(doc, work)
    assert out["recall_link_PRON3"].recall == 1.0 and out["recall_link_PRON3"].r_den == 2
    assert out["recall_link_PRON1_quoted"].recall == 0.0 and out["recall_link_PRON1_quoted"].r_den == 1
    assert "recall_link_PROP" not in out  # the chain's first mention has nothing to link back to


def test_a_link_to_the_wrong_cluster_does_not_count():
    doc, work = _doc_and_work({"Ada": "c0", "She": "c1", "I": "c0", "she": "c1"})
    out = _link_diagnostics(doc, work)
    assert out["recall_link_PRON3"].r_num == 1.0  # "she" joins "She", an earlier mention of Ada, though not Ada
    assert out["recall_link_PRON1_quoted"].recall == 1.0


def test_speaker_accuracy_ignores_the_quotes_own_pronouns():
    from ficmeld.evaluate.litbank import _speaker_counts

    doc, work = _doc_and_work({"Ada": "c0", "She": "c0", "I": "c1", "she": "c0"})
    doc.quotes = {(work.quotes[0].start, work.quotes[0].end): "Ada-0"}
    work.quotes[0].speaker = "c1"  # c1 holds only the quote's own "I"
    counts = _speaker_counts(doc, work)
    assert counts["speaker_detected"].recall == 0.0 and counts["speaker_any_mention"].recall == 1.0
    work.quotes[0].speaker = "c0"
    counts = _speaker_counts(doc, work)
    assert counts["speaker_detected"].recall == 1.0 and counts["speaker_nearest_mention"].recall == 1.0
