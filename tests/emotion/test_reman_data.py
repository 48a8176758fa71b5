from pathlib import Path

import pytest

from ficmeld.emotion.reman_data import read_reman, split
from ficmeld.emotion.reman_data import test_keys as committed_test_keys
from ficmeld.errors import InputError

XML = """<?xml version='1.0' encoding='utf-8'?>
<corpus>
 <document doc_id="1|1"><text>Lia was glad. Tom was not afraid.</text>
  <adjudicated><spans>
   <span annotation_id="1" cbegin="0" cend="3" type="character">Lia</span>
   <span annotation_id="2" cbegin="8" cend="12" type="joy">glad</span>
   <span annotation_id="3" cbegin="14" cend="17" type="character">Tom</span>
   <span annotation_id="4" cbegin="26" cend="32" modifier="negated" type="fear">afraid</span>
   <span annotation_id="5" cbegin="0" cend="3" type="character">Lia</span>
  </spans><relations>
   <relation source_annotation_id="2" target_annotation_id="1" type="experiencer"/>
   <relation source_annotation_id="4" target_annotation_id="3" type="experiencer"/>
   <relation source_annotation_id="2" target_annotation_id="3" type="target"/>
  </relations></adjudicated><other><spans/><relations/></other>
 </document>
</corpus>
"""


def test_reads_cues_experiencers_and_negation(tmp_path):
    (tmp_path / "reman-version1.0.xml").write_text(XML, encoding="utf-8")
    [doc] = read_reman(tmp_path)
    assert doc.key.startswith("1|1@")
    glad, afraid = doc.cues
    assert (glad.emotion, glad.experiencers, glad.negated) == ("joy", [(0, 3)], False)
    assert (afraid.emotion, afraid.experiencers, afraid.negated) == ("fear", [(14, 17)], True)
    assert (glad.targets, afraid.targets) == ([(14, 17)], [])
    train, test = split([doc])
    assert train == [doc] and test == []


def test_missing_corpus_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        read_reman(tmp_path)


def test_committed_split_is_a_fifth_of_the_corpus():
    keys = committed_test_keys()
    assert 300 < len(keys) < 400
    shared = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "reman"
    if not shared.exists():
        pytest.skip("../shared/data/reman is not beside this checkout")
    docs = read_reman(shared)
    train, test = split(docs)
    assert len(test) == len(keys) and len(train) + len(test) == len(docs)
    assert not {d.text for d in train} & {d.text for d in test}
