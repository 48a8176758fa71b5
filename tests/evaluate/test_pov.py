"""The POV scorer on a two-scene story of our own, with a gold file written by hand."""
from __future__ import annotations

import json

import pytest

from ficmeld.errors import FicmeldError
from ficmeld.evaluate.pov import evaluate_pov, focal_matches
from ficmeld.model.document import Character

STORY = """Oriel Vance counted the lanterns along the quay and wondered whether her brother had lied about the ship. She felt the cold creep into her boots.

Tamsin Roe waved from the gangplank. "Oriel! They sail at dawn."

Oriel hated the thought of dawn. She knew the sea would take him, as it had taken their father.

* * *

Tamsin watched the lights of the town shrink behind the stern. He remembered Oriel's face and regretted every word he had not said.

He was sure, suddenly, that he would never see that quay again.
"""


def _gold(focal_second: str, hops=()) -> dict:
    return {"story": "quay.txt", "scenes": [
        {"index": 0, "first_words": "Oriel Vance counted the lanterns along", "person": "third", "tense": "past",
         "focal": "Oriel Vance", "focal_aliases": ["Oriel"], "head_hops": []},
        {"index": 1, "first_words": "Tamsin watched the lights of the", "person": "third", "tense": "past",
         "focal": focal_second, "focal_aliases": [], "head_hops": list(hops)}]}


def _folder(tmp_path, gold):
    (tmp_path / "stories").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "stories" / "quay.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "gold" / "quay.json").write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path


def test_alternating_third_person_scenes_are_scored_right(tmp_path):
    result = evaluate_pov(_folder(tmp_path, _gold("Tamsin Roe")))
    assert result["scenes"] == 2 and result["scene_bounds_accuracy"] == 100.0
    assert result["person_accuracy"] == 100.0 and result["tense_accuracy"] == 100.0
    assert result["focal_accuracy"] == 100.0, result["mistakes"]
    assert result["head_hops"]["predicted"] == 0 and result["head_hops"]["recall"] is None


def test_a_wrong_gold_focal_counts_as_a_mistake(tmp_path):
    result = evaluate_pov(_folder(tmp_path, _gold("Oriel Vance")))
    assert result["focal_accuracy"] == 50.0
    assert result["mistakes"][0]["scene"] == 1


def test_a_gold_hop_the_tool_does_not_find_lowers_recall(tmp_path):
    hop = {"paragraph_first_words": "He was sure, suddenly, that", "from": "Tamsin Roe", "to": "Oriel Vance"}
    result = evaluate_pov(_folder(tmp_path, _gold("Tamsin Roe", [hop])))
    assert result["head_hops"]["gold"] == 1 and result["head_hops"]["recall"] == 0.0


def test_gold_first_words_that_are_not_in_the_story_are_an_error(tmp_path):
    gold = _gold("Tamsin Roe")
    gold["scenes"][1]["first_words"] = "Nobody wrote these words"
    with pytest.raises(FicmeldError, match="not found"):
        evaluate_pov(_folder(tmp_path, gold))


def test_focal_names_match_by_alias_or_a_word_of_the_full_name():
    c = Character(id="c1", name="Marian", aliases=["Marian", "Miss Hale"], canonical=None, role="main", mentions=3)
    assert focal_matches(c, "Marian Hale", [])
    assert focal_matches(c, "M. H.", ["Miss Hale"])
    assert not focal_matches(c, "Edmund Hale", [])
    assert not focal_matches(None, "Marian Hale", [])
