from ficmeld.model.document import Mention, Quote, Source
from ficmeld.model.work import Work
from ficmeld.stages.vocatives import resolve_vocatives


def _work(text, quotes, mentions, plural=()):
    from ficmeld.stages.characters import NominalHead

    work = Work(text=text, source=Source(path="t", format="text", sha256="0"))
    work.quotes = [Quote(start=s, end=e, kind="dialogue", speaker=sp, addressee=ad, confidence=0.9)
                   for s, e, sp, ad in quotes]
    work.mentions = [Mention(start=text.index(w), end=text.index(w) + len(w), character=None, kind="nominal")
                     for w in mentions]
    work.scratch["characters.nominal_heads"] = {
        text.index(w): NominalHead(w.split()[-1], w.split()[-1], None, w in plural) for w in mentions}
    return work


def _quote(text, fragment):
    s = text.index(fragment)
    return s, s + len(fragment)


def test_a_called_out_description_is_the_listener():
    text = '\u201cWhere is the ferry?\u201d asked Tamsin. \u201cDown the lane, miss,\u201d said Orrin.'
    q1, q2 = _quote(text, "\u201cWhere is the ferry?\u201d"), _quote(text, "\u201cDown the lane, miss,\u201d")
    work = _work(text, [(*q1, "c0", None), (*q2, "c1", None)], ["miss"])
    resolve_vocatives(work)
    assert work.mentions[0].character == "c0"  # answers the one who asked


def test_the_addressee_wins_when_known():
    text = '\u201cSit down, my boy, and eat.\u201d'
    work = _work(text, [(0, len(text), "c2", "c5")], ["my boy"])
    resolve_vocatives(work)
    assert work.mentions[0].character == "c5"


def test_a_plural_or_a_description_in_the_sentence_is_left_alone():
    text = '\u201cCome on, lads, the boat is leaving.\u201d \u201cThe old sailor told me.\u201d'
    q1, q2 = _quote(text, "\u201cCome on, lads, the boat is leaving.\u201d"), _quote(text, "\u201cThe old sailor told me.\u201d")
    work = _work(text, [(*q1, "c0", "c1"), (*q2, "c1", "c0")], ["lads", "The old sailor"], plural={"lads"})
    resolve_vocatives(work)
    assert [m.character for m in work.mentions] == [None, None]
