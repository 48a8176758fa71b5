import pytest

from ficmeld.emotion.syntax import experiencer_token, is_negated, person_extent, target_token
from ficmeld.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def token(doc, text):
    return next(t for t in doc if t.text == text)


@pytest.mark.parametrize("sentence, cue, feeler", [
    ("Maren was afraid of the storm.", "afraid", "Maren"),
    ("His anger surprised everyone.", "anger", "His"),
    ("Fear gripped him as the door opened.", "Fear", "him"),
    ("The news delighted her.", "delighted", "her"),
    ("Old Petra smiled at the children.", "smiled", "Petra"),
])
def test_experiencer_rules(nlp, sentence, cue, feeler):
    found, rule = experiencer_token(token(nlp(sentence), cue))
    assert found is not None and found.text == feeler, (found, rule)


def test_no_person_no_experiencer(nlp):
    found, _ = experiencer_token(token(nlp("The storm was terrifying."), "terrifying"))
    assert found is None


@pytest.mark.parametrize("sentence, cue, negated", [
    ("The captain was never scared.", "scared", True),
    ("She was not happy about it.", "happy", True),
    ("He felt no fear at all.", "fear", True),
    ("They left without regret.", "regret", True),
    ("Nobody was angry with her.", "angry", True),
    ("She never felt afraid of the dark.", "afraid", True),
    ("Someone was angry with her.", "angry", False),
    ("She was scared of the dark.", "scared", False),
    ("He laughed, happy at last.", "happy", False),
])
def test_negation(nlp, sentence, cue, negated):
    assert is_negated(token(nlp(sentence), cue)) is negated


def test_person_extent_takes_the_whole_name(nlp):
    doc = nlp("Anna Maria Ostrova was furious.")
    start, end = person_extent(token(doc, "Ostrova"))
    assert doc.text[start:end] == "Anna Maria Ostrova"


@pytest.mark.parametrize("sentence, cue, toward", [
    ("Nell was afraid of Bram.", "afraid", "Bram"),
    ("She felt angry with him.", "angry", "him"),
    ("He hated Kirk.", "hated", "Kirk"),
    ("Her love for Jonah grew.", "love", "Jonah"),
    ("It frightened him.", "frightened", None),  # the object here is who feels it
    ("She was scared of the dark.", "scared", None),
    ("He cried.", "cried", None),
])
def test_target_of_a_feeling(nlp, sentence, cue, toward):
    t = token(nlp(sentence), cue)
    _, rule = experiencer_token(t)
    found = target_token(t, rule)
    assert (found.text if found is not None else None) == toward
