import numpy as np
import pytest

from ficmeld import learned
from ficmeld.stages.coref_ranker import FEATURES, MODEL, PronounRanker
from tests.stages.helpers import coref_resolved, ranker_after, shipped_linear_model

F = {name: i for i, name in enumerate(FEATURES)}


def _rows(ranker, candidates, gender, rule):
    return ranker.rows("female", "subj", True, candidates, gender, {}, set(), set(), rule)


def _ranker_after_two_mentions():
    return ranker_after(("c0", 0, 4, True, "name"), ("c1", 20, 24, False, "name"))


def test_rows_describe_each_candidate():
    ranker = _ranker_after_two_mentions()
    ids, x = _rows(ranker, {"c0": 1.2, "c1": 1.5}, {"c0": "female", "c1": "male"}, "c0")
    assert ids == ["c1", "c0"] and x.shape == (2, len(FEATURES))
    c1, c0 = x
    assert c0[F["gender_match"]] == 1 and c1[F["gender_clash"]] == 1
    assert c0[F["rule_choice"]] == 1 and c1[F["rule_choice"]] == 0
    assert c0[F["rank0"]] == 1 and c0[F["sole_compatible"]] == 1  # the only candidate who can be 'she'
    assert c0[F["last_subject"]] == 1 and c1[F["same_sentence"]] == 1 and c0[F["same_sentence"]] == 0


def test_without_a_model_the_rules_decide():
    ranker = _ranker_after_two_mentions()
    ids, x = _rows(ranker, {"c0": 1.2, "c1": 1.5}, {"c0": "female", "c1": "male"}, "c1")
    assert ranker.choose(ids, x, "c1", (30, 33)) == "c1"


def test_a_model_takes_its_best_scored_candidate():
    weights = np.zeros(len(FEATURES) + 1)
    weights[F["gender_clash"]] = -5.0
    ranker = _ranker_after_two_mentions()
    ranker.weights = weights
    ids, x = _rows(ranker, {"c0": 1.2, "c1": 1.5}, {"c0": "female", "c1": "male"}, "c1")
    assert ranker.choose(ids, x, "c1", (30, 33)) == "c0"


@pytest.mark.parametrize("fold", [None, *range(10)])
def test_shipped_models_match_the_feature_set(fold):
    shipped_linear_model(MODEL, fold, FEATURES)
    with learned.evaluation_fold(fold):
        assert PronounRanker.load().weights is not None


def test_a_model_for_other_features_is_ignored(monkeypatch):
    arrays = {"features": np.array(["something_else"]), "coef": np.ones((1, 1)), "intercept": np.zeros(1)}
    monkeypatch.setattr(learned, "load", lambda name, required=True: arrays)
    assert PronounRanker.load().weights is None


def test_the_learned_ranker_keeps_plain_cases_right():
    work = coref_resolved("Clara Vance opened the letter. She read it twice. Daniel watched her. He said nothing.\n",
                          quotes=False)
    names = {c.id: c.name for c in work.characters}
    said = {work.text[m.start:m.end]: names.get(m.character) for m in work.mentions if m.kind == "pronoun"}
    assert said == {"She": "Clara Vance", "her": "Clara Vance", "He": "Daniel"}


def test_the_rules_keep_a_pronoun_they_gave_to_the_scenes_head():
    ranker = ranker_after(("c0", 0, 4, False, "name"), ("c1", 20, 24, False, "name"))  # neither was a subject
    gender = {"c0": "female", "c1": "female"}
    ids, x = ranker.rows("female", "subj", True, {"c0": 1.2, "c1": 1.5}, gender, {"c0": 1.0, "c1": 0.4},
                         set(), set(), "c0")
    prefers_c1 = np.zeros(len(FEATURES) + 1)
    prefers_c1[F["nearest_compatible"]] = 5.0  # c1 was mentioned last
    ranker.weights = prefers_c1
    assert ranker.choose(ids, x, "c0", (30, 33)) == "c0"
    ids, x = ranker.rows("female", "subj", True, {"c0": 1.2, "c1": 1.5}, gender, {"c0": 0.4, "c1": 1.0},
                         set(), set(), "c0")
    assert ranker.choose(ids, x, "c0", (30, 33)) == "c1"  # not the head: the model decides


def test_the_rules_keep_a_pronoun_that_takes_up_the_last_sentences_subject():
    ranker = ranker_after(("c1", 0, 4, False, "name"), ("c0", 20, 24, True, "name"), sentence_after=True)
    gender = {"c0": "female", "c1": "female"}
    ids, x = ranker.rows("female", "subj", True, {"c0": 1.2, "c1": 1.5}, gender, {"c0": 0.0, "c1": 1.0},
                         set(), set(), "c0")
    prefers_c1 = np.zeros(len(FEATURES) + 1)
    prefers_c1[F["focal"]] = 5.0  # c1 is the scene's head
    ranker.weights = prefers_c1
    assert ranker.choose(ids, x, "c0", (40, 43)) == "c0"
    ids, x = ranker.rows("female", "obj", False, {"c0": 1.2, "c1": 1.5}, gender, {"c0": 0.0, "c1": 1.0},
                         set(), set(), "c0")
    assert ranker.choose(ids, x, "c0", (40, 43)) == "c1"  # 'her' does not take a subject up: the model decides


def test_the_scene_head_is_no_safe_guess_in_a_paragraph_that_has_not_yet_meant_them():
    ranker = ranker_after(("c0", 0, 4, False, "name"))
    ranker.new_paragraph()
    ranker.new_sentence()
    ranker.seen("c1", 20, 24, subject=False, kind="name", quoted=False)
    ranker.new_sentence()
    gender = {"c0": "female", "c1": "female"}
    ids, x = ranker.rows("female", "subj", True, {"c0": 1.2, "c1": 1.5}, gender, {"c0": 1.0, "c1": 0.4},
                         set(), set(), "c0")
    prefers_c1 = np.zeros(len(FEATURES) + 1)
    prefers_c1[F["same_paragraph"]] = 5.0
    ranker.weights = prefers_c1
    assert ranker.choose(ids, x, "c0", (40, 43)) == "c1"


def test_the_rules_keep_a_pronoun_for_the_one_last_seen_thinking():
    ranker = ranker_after(("c0", 0, 4, True, "pronoun"))
    ranker.new_paragraph()
    ranker.new_sentence()
    ranker.seen("c1", 20, 24, subject=True, kind="name", quoted=False, verb="think")  # '*He knows,* Frodo thought.'
    ranker.new_paragraph()
    ranker.new_sentence()
    gender = {"c0": "male", "c1": "male"}
    prefers_c0 = np.zeros(len(FEATURES) + 1)
    prefers_c0[F["focal"]] = 5.0  # c0 opened the scene
    ranker.weights = prefers_c0
    ids, x = ranker.rows("male", "subj", True, {"c0": 0.5, "c1": 1.0}, gender, {"c0": 1.0, "c1": 0.9},
                         set(), set(), "c1")
    assert ranker.choose(ids, x, "c1", (40, 42)) == "c1"
    ranker.seen("c0", 44, 48, subject=False, kind="name", quoted=False)  # someone else since: the model decides
    ids, x = ranker.rows("male", "subj", True, {"c0": 0.5, "c1": 1.0}, gender, {"c0": 1.0, "c1": 0.9},
                         set(), set(), "c1")
    assert ranker.choose(ids, x, "c1", (50, 52)) == "c0"
