import pytest

pytest.importorskip("nrclex")

from ficmeld.emotion.lexicon import lexicon_cues, nrc_lexicon  # noqa: E402
from ficmeld.model.document import EMOTIONS  # noqa: E402
from ficmeld.nlp import load_pipeline  # noqa: E402


def test_lexicon_holds_only_the_eight():
    lex = nrc_lexicon()
    assert len(lex) > 4000
    assert all(set(v) <= set(EMOTIONS) and v for v in lex.values())


def test_cues_by_form_or_lemma():
    doc = load_pipeline()("She was afraid, and the horses panicked.")
    found = {(t.text, e) for t, e in lexicon_cues(doc)}
    assert ("afraid", "fear") in found
    assert not any(t.text == "was" for t, _ in lexicon_cues(doc))
