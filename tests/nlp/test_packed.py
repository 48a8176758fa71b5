"""Packed parses: a rebuilt Doc reads exactly like the live one, and a tiny cache changes no result."""
from __future__ import annotations

from pathlib import Path

import msgspec

from ficmeld.nlp import load_pipeline, packed
from ficmeld.nlp.packed import PackedDoc
from ficmeld.pipeline import analyze

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "the-locked-violin.txt"

TEXT = ('"Mind the step," said Dr. Watson, and  Mrs. Hudson laughed at him.\tShe had climbed it '
        "for thirty years in London. Holmes didn't look up.")


def _view(doc):
    return ([(t.text, t.whitespace_, t.lemma_, t.tag_, t.pos_, str(t.morph), t.dep_, t.head.i, t.ent_iob_,
              t.ent_type_, t.is_sent_start) for t in doc],
            [(e.start, e.end, e.label_) for e in doc.ents], [(s.start, s.end) for s in doc.sents])


def test_a_rebuilt_doc_matches_the_live_doc():
    doc = load_pipeline()(TEXT)
    rebuilt = PackedDoc(doc)._rebuild()
    assert rebuilt.text == doc.text
    assert _view(rebuilt) == _view(doc)
    assert [c.text for c in rebuilt.noun_chunks] == [c.text for c in doc.noun_chunks]


def test_unpack_serves_the_live_doc_until_it_is_evicted(monkeypatch):
    monkeypatch.setattr(packed, "CACHE_SIZE", 1)
    nlp = load_pipeline()
    first, second = PackedDoc(nlp("One short line.")), PackedDoc(nlp("Another short line."))
    assert second.unpack() is second.unpack()
    again = first.unpack()  # evicted by `second`: rebuilt from its columns
    assert again.text == "One short line." and again[1].dep_ == first._rebuild()[1].dep_


def _result(path: Path) -> dict:
    data = msgspec.to_builtins(analyze(path))
    data.pop("timings", None)
    return data


def test_an_analysis_is_the_same_when_every_paragraph_is_rebuilt(monkeypatch):
    expected = _result(EXAMPLE)
    monkeypatch.setattr(packed, "CACHE_SIZE", 2)
    assert _result(EXAMPLE) == expected
