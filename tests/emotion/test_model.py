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
    ("She was furious and slammed the door.", "furious", "anger"),
])
def test_clear_cues_are_found_at_the_stage_threshold(model, nlp, sentence, word, emotion):
    cues = find_cues(model, [nlp(sentence)], threshold=model.stage_threshold, prior_weight=model.stage_prior_weight)[0]
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


def test_lexicon_prior_falls_back_to_the_lemma(model, nlp):
    died = next(t for t in nlp("Her father died.") if t.lower_ == "died")
    assoc, nrc = model.lexicon_prior((died.lower_, died.lemma_.lower(), died.pos_))
    assert nrc is not None and nrc[EMOTIONS.index("sadness")]  # NRC lists 'die', not 'died'
    assert model.lexicon_prior(("qwzx", "qwzx", "NOUN")) == (None, None)


def test_lexical_strength_is_high_only_for_the_words_own_emotion(model, nlp):
    scared = next(t for t in nlp("I am scared.") if t.lower_ == "scared")
    assert model.strength(scared, "fear") > 0.8 > model.strength(scared, "joy")
    assert all(0.0 <= model.strength(scared, e) <= 1.0 for e in EMOTIONS)


def test_the_lexicon_backoff_only_raises_cueness(model, nlp):
    doc = nlp("The wind howled and Bea was terrified, grieving for the ones she had lost.")
    (plain, _), = model.emotion_scores([doc], 0.0)
    (backed, shares), = model.emotion_scores([doc], 0.5)
    assert np.all(backed >= plain - 1e-6) and np.allclose(shares.sum(axis=1), 1.0, atol=1e-4)
    terrified = [t.i for t in doc if t.lower_ == "terrified"][0]
    assert backed[terrified] > plain[terrified]


@pytest.mark.parametrize("sentence, word", [
    ("Her father died in the winter.", "died"),
    ("Tears ran down his face.", "Tears"),
    ("Ada sat alone after the funeral, hollow and lost.", "hollow"),
])
def test_death_tears_and_emptiness_are_named_sadness(model, nlp, sentence, word):
    cues = find_cues(model, [nlp(sentence)], threshold=0.1, prior_weight=model.stage_prior_weight)[0]
    assert [c.emotion for c in cues if word in c.text] == ["sadness"], [(c.text, c.emotion) for c in cues]


@pytest.mark.parametrize("sentence, word", [
    ("He wept for his brother.", "wept"),
    ("She cried herself to sleep.", "cried"),
    ("Grief tore through him.", "Grief"),
    ("Ada sat alone after the funeral, hollow and lost.", "hollow"),
])
def test_grief_is_a_cue_at_the_stage_cut(model, nlp, sentence, word):
    cues = find_cues(model, [nlp(sentence)], threshold=model.stage_threshold, prior_weight=model.stage_prior_weight)[0]
    assert [c.emotion for c in cues if word in c.text] == ["sadness"], [(c.text, c.emotion) for c in cues]
