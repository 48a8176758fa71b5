import numpy as np

from ficmeld import learned
from ficmeld.stages import speaker_model
from ficmeld.stages.speaker_features import FEATURES, INDEX
from ficmeld.stages.speaker_model import decide, load_weights


def rows(*features):
    out = np.zeros((len(features), len(FEATURES)), dtype=np.float32)
    for i, names in enumerate(features):
        for name in names:
            out[i, INDEX[name]] = 1.0
    return out


def weights(**w):
    out = np.zeros(len(FEATURES) + 1)
    for name, value in w.items():
        out[INDEX[name]] = value
    return out


def test_a_trusted_rule_stands_and_the_model_decides_the_rest():
    table = rows(["rule_explicit"], ["spoke_2"])
    w = weights(spoke_2=2.0)
    assert decide(table, "explicit", 0, w) == 0
    assert decide(table, "turn-taking", 0, w) == 1


def test_the_one_addressed_by_name_is_not_the_speaker():
    table = rows(["spoke_2", "vocative"], ["spoke_1"])
    assert decide(table, "turn-taking", 0, weights(spoke_2=5.0)) == 1
    assert decide(rows(["vocative"]), "context", 0, weights()) == 0  # the only candidate is kept


def test_a_model_of_another_feature_set_is_not_used(monkeypatch):
    stale = {"coef": np.ones((1, 3), dtype=np.float32), "intercept": np.zeros(1, dtype=np.float32),
             "features": np.array(["a", "b", "c"])}
    monkeypatch.setattr(learned, "load", lambda name, required=True: stale)
    assert load_weights() is None
    fresh = dict(stale, coef=np.ones((1, len(FEATURES)), dtype=np.float32), features=np.array(FEATURES))
    monkeypatch.setattr(learned, "load", lambda name, required=True: fresh)
    assert load_weights().shape == (len(FEATURES) + 1,)


def test_the_shipped_model_matches_the_features():
    assert speaker_model.load_weights() is not None


def test_a_sibling_that_borrowed_its_speaker_follows_the_models_change():
    from types import SimpleNamespace

    from ficmeld.model.document import Quote
    from ficmeld.stages.speaker_features import QuoteView
    from ficmeld.stages.speaker_model import _share_changes

    first = Quote(start=0, end=10, kind="speech", speaker="c2", addressee=None, confidence=0.7, method="learned")
    piece = Quote(start=20, end=30, kind="speech", speaker="c1", addressee="c2", confidence=0.75, method="paragraph")
    other = Quote(start=50, end=60, kind="speech", speaker="c1", addressee=None, confidence=0.9, method="paragraph")
    views = [QuoteView(first, 3, "c2", "learned", None, None), QuoteView(piece, 3, "c1", "paragraph", "c2", None),
             QuoteView(other, 5, "c1", "paragraph", None, None)]
    _share_changes(SimpleNamespace(group={}), views)
    assert (piece.speaker, piece.addressee) == ("c2", None)
    assert other.speaker == "c1"
