import numpy as np
import pytest

from ficmeld.emotion.cues import find_cues
from ficmeld.emotion.model import load_model
from ficmeld.model.document import EMOTIONS
from ficmeld.nlp import load_pipeline


@pytest.fixture(scope="module")
def model():
    return load_model()


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_probabilities_are_distributions_per_token(model, nlp):
    docs = [nlp("She wept for her brother."), nlp(""), nlp("A quiet morning.")]
    probs = model.cue_probabilities(docs)
    assert [len(p) for p in probs] == [len(d) for d in docs]
    assert np.allclose(probs[0].sum(axis=1), 1.0, atol=1e-4)


def test_batching_does_not_change_scores(model, nlp):
    a, b = nlp("He was terrified of the sea."), nlp("Joy filled the hall.")
    together = model.cue_probabilities([a, b])
    assert np.allclose(together[1], model.cue_probabilities([b])[0], atol=1e-5)


@pytest.mark.parametrize("sentence, word, emotion", [
    ("Nell was terrified of the dark cellar.", "terrified", "fear"),
    ("He sobbed with grief at the graveside.", "grief", "sadness"),
    pytest.param("She was furious and slammed the door.", "furious", "anger", marks=pytest.mark.xfail(
        strict=True, reason="known weakness: words rare in REMAN and weakly associated in XED/GoEmotions")),
])
def test_clear_cues_are_found_at_the_stage_threshold(model, nlp, sentence, word, emotion):
    cues = find_cues(model, [nlp(sentence)], threshold=model.stage_threshold)[0]
    assert any(c.emotion == emotion and word in c.text for c in cues), [(c.text, c.emotion) for c in cues]


def test_plain_narration_has_few_cues(model, nlp):
    cues = find_cues(model, [nlp("The train left the station at nine and reached the coast by noon.")])[0]
    assert len(cues) <= 1


def test_valence_orders_good_and_bad_news(model):
    good = model.valence("What a wonderful, happy day; we laughed and celebrated with our friends.")
    bad = model.valence("The war killed thousands and left the town in misery and grief.")
    assert -1 <= bad < good <= 1
    assert model.valence("") is None


def test_classes_cover_the_eight(model):
    assert set(EMOTIONS) <= set(model.classes)
