import numpy as np
import pytest

from ficmeld import learned
from ficmeld.stages.mention_model import candidates, load_model

from tests.stages.helpers import parsed_work


def spans_of(text):
    work = parsed_work(text)
    model = load_model()
    assert model is not None
    pp = work.parsed[0]
    return {pp.doc[left:right + 1].text for _, left, right, _ in model.mentions(pp.doc)}


def test_the_shipped_model_and_one_per_fold_exist():
    assert learned.load("mentions", required=False) is not None
    for fold in range(10):
        with learned.evaluation_fold(fold):
            arrays = learned.load("mentions")
        assert arrays["weights"].ndim == 1 and 0 < float(arrays["threshold"]) < 1


def test_an_evaluation_fold_loads_its_own_file():
    shipped = learned.load("mentions")["weights"]
    with learned.evaluation_fold(3):
        fold3 = learned.load("mentions")["weights"]
    with learned.evaluation_fold(4):
        fold4 = learned.load("mentions")["weights"]
    assert not np.array_equal(fold3, fold4) and not np.array_equal(fold3, shipped)


def test_finds_people_described_not_named():
    found = spans_of("The old sailor mended his nets while the boat rocked in the harbour.\n")
    assert "The old sailor" in found
    assert not {"the boat", "the harbour", "his nets"} & found


def test_a_relative_clause_belongs_to_the_mention():
    found = spans_of("We met the woman who kept the inn at the crossroads.\n")
    assert any(s.startswith("the woman who kept the inn") for s in found)
    assert "the inn" not in found


def test_a_possessor_is_a_mention_without_its_s():
    work = parsed_work("The boy's dog barked at the gate.\n")
    doc = work.parsed[0].doc
    spans = {doc[c.left:c.right + 1].text for c in candidates(doc)}
    assert "The boy" in spans
    assert "The boy's" not in spans


@pytest.mark.parametrize("word", ["Nobody", "Everyone"])
def test_indefinite_pronouns_are_candidates(word):
    work = parsed_work(f"{word} answered the knock at the door.\n")
    doc = work.parsed[0].doc
    assert word in {doc[c.left:c.right + 1].text for c in candidates(doc)}


def _candidate_heads(text):
    doc = parsed_work(text).parsed[0].doc
    return {doc[c.head].text for c in candidates(doc)}


def test_partitives_and_described_ones_are_candidates():
    heads = _candidate_heads("She waved to one of the deckhands. Those who stayed behind were cold.\n")
    assert {"one", "Those"} <= heads


def test_a_vocative_noun_is_a_candidate():
    doc = parsed_work("\u201cSit down, my boy, and eat,\u201d said the cook.\n").parsed[0].doc
    heads = {doc[c.head].text: doc[c.head].dep_ for c in candidates(doc)}
    assert "boy" in heads
