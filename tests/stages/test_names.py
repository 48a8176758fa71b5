"""Name occurrences and the evidence that a name is a person."""
from __future__ import annotations

from ficmeld.stages.names import NameOccurrence, is_person, name_occurrences, weigh_names

from tests.stages.helpers import parsed_work


def _occ(key: str, **kw) -> NameOccurrence:
    base = dict(start=0, end=len(key), surface=key, key=key, title=None, label=None, human_subject=0.0,
                after_article=False, after_place_preposition=False)
    return NameOccurrence(**(base | kw))


def test_a_name_called_out_at_the_start_of_a_quote_is_a_vocative():
    work = parsed_work('"Wren," she says, and hands over the key.\n\nThey walk to Harlow in the rain.\n')
    found = {o.key: o for o in name_occurrences(work)}
    assert found["Wren"].vocative
    assert not found.get("Harlow") or not found["Harlow"].vocative


def test_being_called_by_name_outweighs_an_organisation_label():
    ev = weigh_names([_occ("Wren Marsh", label="ORG", vocative=True), _occ("Wren", vocative=True)],
                     pack_person=set(), pack_not=set())
    assert is_person(ev["Wren"])
    place = weigh_names([_occ("Harlow", label="GPE", after_place_preposition=True)], pack_person=set(), pack_not=set())
    assert not is_person(place["Harlow"])
