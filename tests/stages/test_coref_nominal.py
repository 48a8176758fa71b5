import numpy as np
import pytest

from ficmeld import learned
from ficmeld.stages.coref_nominal import FEATURES, MODEL, NominalLinker
from tests.stages.helpers import coref_resolved, mention_targets, names_by_id, ranker_after, shipped_linear_model

F = {name: i for i, name in enumerate(FEATURES)}


def _ranker():
    """Mara (c0) named as subject two sentences back; 'the old sailor' (c1) described last sentence."""
    return ranker_after(("c0", 0, 4, True, "name"), ("c1", 20, 34, False, "nominal"), sentence_after=True)


def _rows(linker, det, lemma, want, mods=frozenset(), possessor=None, rule=None):
    return linker.rows(lemma, lemma, det, want, _ranker(), {"c0": 0.6, "c1": 0.9}, {"c0": "female", "c1": "male"},
                       {}, {}, set(), possessor, rule, True, False, len(mods) > 0, False, set(), set(), mods)


def test_rows_describe_agreement_names_and_earlier_descriptions():
    linker = NominalLinker()
    linker.called("c1", "sailor", {"old"})
    ids, x = _rows(linker, "the", "sailor", "male", {"young"}, possessor="c0")
    assert ids == ["c1", "c0"]
    c1, c0 = x
    assert c1[F["head_match"]] == 1 and c1[F["head_match_definite"]] == 1 and c0[F["head_match"]] == 0
    assert c1[F["gender_match"]] == 1 and c0[F["gender_clash"]] == 1
    assert c1[F["age_clash"]] == 1  # 'the young sailor' is not the one called 'the old sailor'
    assert c0[F["possessor"]] == 1 and c0[F["last_name"]] == 1 and c1[F["previous_sentence"]] == 1
    assert c0[F["det_definite"]] == 1 and c0[F["sentence_distance"]] == pytest.approx(0.2)


def test_without_a_model_the_rules_decide():
    linker = NominalLinker()
    ids, x = _rows(linker, "the", "sailor", "male", rule="c1")
    assert not linker.active and linker.choose(ids, x, "c1", (40, 50)) == "c1"


def test_a_model_links_above_its_threshold_and_opens_below_it():
    weights = np.zeros(len(FEATURES) + 1)
    weights[F["gender_match"]] = 3.0
    weights[-1] = -1.0
    ids, x = _rows(NominalLinker(), "the", "sailor", "male")
    assert NominalLinker(weights, 0.5).choose(ids, x, None, (40, 50)) == "c1"
    assert NominalLinker(weights, 0.95).choose(ids, x, None, (40, 50)) is None  # not sure enough: someone new


@pytest.mark.parametrize("fold", [None, *range(10)])
def test_shipped_models_match_the_feature_set(fold):
    arrays = shipped_linear_model(MODEL, fold, FEATURES)
    assert 0 < float(arrays["threshold"][0]) < 1
    with learned.evaluation_fold(fold):
        assert NominalLinker.load().active


def test_a_model_for_other_features_is_ignored(monkeypatch):
    arrays = {"features": np.array(["something_else"]), "coef": np.ones((1, 1)), "intercept": np.zeros(1),
              "threshold": np.array([0.5])}
    monkeypatch.setattr(learned, "load", lambda name, required=True: arrays)
    assert not NominalLinker.load().active


def test_a_description_of_the_named_person_just_mentioned_joins_her():
    work = coref_resolved("Mara Quinn climbed the ladder. The girl was tired, but she kept going.\n")
    assert mention_targets(work, "The girl") == ["Mara Quinn"]
    assert mention_targets(work, "she") == ["Mara Quinn"]
    assert [c.name for c in work.characters] == ["Mara Quinn"]


def test_a_newcomer_stays_apart_from_the_named_woman():
    work = coref_resolved("Mara Quinn climbed the ladder. A man was waiting at the top. The man smiled at her.\n")
    assert mention_targets(work, "The man") == ["a man"]
    assert mention_targets(work, "her") == ["Mara Quinn"]


def test_a_gendered_description_gives_a_linked_name_its_gender(monkeypatch):
    weights = np.zeros(len(FEATURES) + 1)
    weights[F["rank0"]] = 5.0  # a model that links every description to the most salient character
    monkeypatch.setattr(NominalLinker, "load", classmethod(lambda cls: cls(weights, 0.5)))
    work = coref_resolved("Ash Corwin climbed the ladder and looked down. The girl was tired. Her hands were cold.\n")
    assert mention_targets(work, "The girl") == ["Ash Corwin"]
    assert [(c.name, c.gender) for c in work.characters] == [("Ash Corwin", "female")]
    assert mention_targets(work, "Her") == ["Ash Corwin"]


def _linking_everything(monkeypatch):
    weights = np.zeros(len(FEATURES) + 1)
    weights[F["rank0"]] = 5.0  # a model that links every description to the most salient character
    monkeypatch.setattr(NominalLinker, "load", classmethod(lambda cls: cls(weights, 0.5)))


def test_a_predicate_noun_says_what_someone_is_and_names_no_one(monkeypatch):
    _linking_everything(monkeypatch)
    work = coref_resolved("Mara Quinn climbed the ladder. Mara was the only girl on the ship.\n")
    assert mention_targets(work, "the only girl on the ship") == [None]


def test_a_possessive_description_knows_its_resolved_possessor():
    from ficmeld.stages.coref_nominal import NominalContext, _possessor

    ctx = NominalContext({"c0": 2.0, "c1": 0.5}, {"c0": "male", "c1": "male"}, {}, {}, {}, False, None, 0, owner="c1")
    assert _possessor("his", ctx) == "c1"  # the pronoun's own resolution, not merely the most salient man
    ctx.owner = None
    assert _possessor("his", ctx) == "c0"


def test_the_possessive_opening_a_description_is_not_the_person_described():
    work = coref_resolved("Eli Brandt crossed the yard. He waved to his friend at the gate.\n")
    (owner,) = [m.character for m in work.mentions if work.text[m.start:m.end] == "his"]
    (friend,) = [m.character for m in work.mentions if work.text[m.start:m.end] == "his friend"]
    assert owner is None or owner != friend


def test_nobody_and_anyone_are_no_one_in_particular(monkeypatch):
    _linking_everything(monkeypatch)
    work = coref_resolved("Mara Quinn climbed the ladder. Nobody saw her go, and Mara did not tell anyone.\n")
    assert all(t != "Mara Quinn" for t in mention_targets(work, "Nobody") + mention_targets(work, "anyone"))


def test_his_friend_is_never_the_man_his_was_resolved_to(monkeypatch):
    _linking_everything(monkeypatch)
    work = coref_resolved("Eli Brandt waited by the gate. Tomas Varga crossed the yard, and Tomas stopped. "
                          "He looked back at his friend and waved.\n")
    (owner,) = [m.character for m in work.mentions if work.text[m.start:m.end] == "his"]
    assert owner is not None and mention_targets(work, "his friend") != [names_by_id(work)[owner]]
