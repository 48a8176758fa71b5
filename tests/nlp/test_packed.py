"""Packable parses: a rebuilt Doc reads exactly like the live one, and packing changes no result."""
from __future__ import annotations

from pathlib import Path

import msgspec

from ficmeld.nlp import load_pipeline, packed
from ficmeld.nlp.packed import PackableDoc
from ficmeld.pipeline import analyze

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "the-locked-violin.txt"

TEXT = ('"Mind the step," said Dr. Watson, and  Mrs. Hudson laughed at him.\tShe had climbed it '
        "for thirty years in London. Holmes didn't look up.")


def _view(doc):
    return ([(t.text, t.whitespace_, t.lemma_, t.tag_, t.pos_, str(t.morph), t.dep_, t.head.i, t.ent_iob_,
              t.ent_type_, t.is_sent_start) for t in doc],
            [(e.start, e.end, e.label_) for e in doc.ents], [(s.start, s.end) for s in doc.sents])


def test_a_packed_and_rebuilt_doc_matches_the_live_doc():
    doc = load_pipeline()(TEXT)
    parse = PackableDoc(doc)
    parse.pack()
    assert parse.live is None
    rebuilt = parse.unpack()
    assert rebuilt is not doc and rebuilt.text == doc.text
    assert _view(rebuilt) == _view(doc)
    assert [c.text for c in rebuilt.noun_chunks] == [c.text for c in doc.noun_chunks]


def test_the_least_recently_read_parse_is_packed_past_the_token_budget(monkeypatch):
    monkeypatch.setattr(packed, "TOKEN_BUDGET", 6)
    packed.forget_all()
    nlp = load_pipeline()
    first, second = PackableDoc(nlp("One short line.")), PackableDoc(nlp("Another short line."))
    assert first.live is None and second.live is not None  # 4 + 4 tokens > 6: the older one packed
    assert second.unpack() is second.unpack()
    again = first.unpack()
    assert again.text == "One short line." and second.live is None
    packed.forget_all()


def _result(path: Path) -> dict:
    data = msgspec.to_builtins(analyze(path))
    data.pop("timings", None)
    return data


def test_an_analysis_is_the_same_when_every_paragraph_is_packed_and_rebuilt(monkeypatch):
    expected = _result(EXAMPLE)
    monkeypatch.setattr(packed, "TOKEN_BUDGET", 1)
    assert _result(EXAMPLE) == expected
