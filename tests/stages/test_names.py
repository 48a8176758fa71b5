"""Name occurrences and the evidence that a name is a person."""
from __future__ import annotations

from ficmeld.stages.names import NameOccurrence, front_matter_names, is_person, name_occurrences, weigh_names

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


NOTE_THEN_BODY = """The Lamp Room

A/N: Tess Marlow and Mr. Halloran, the night the lighthouse keeper came back. Written for a prompt.

Tess could not sleep. She went down to the lamp room with a candle.

Halloran had heard her on the stair. He set down his pipe and waited for the door to open.
"""


def test_front_matter_names_let_a_body_name_that_only_opens_sentences_through():
    work = parsed_work(NOTE_THEN_BODY)
    named, titled = front_matter_names(work)
    assert {"Tess", "Marlow", "Halloran"} <= named
    assert titled == {"Halloran"}
    found = {o.key for o in name_occurrences(work)}
    assert "Halloran" in found


def test_a_sentence_opener_no_front_matter_names_stays_skipped():
    body = NOTE_THEN_BODY.replace("Tess Marlow and Mr. Halloran", "two old friends")
    assert "Halloran" not in {o.key for o in name_occurrences(parsed_work(body))}


def test_a_known_given_name_is_evidence_of_a_person():
    plain = weigh_names([_occ("Ledger", label="ORG", human_subject=1.0)], pack_person=set(), pack_not=set())
    given = weigh_names([_occ("Della", label="ORG", human_subject=1.0)], pack_person=set(), pack_not=set())
    assert is_person(given["Della"]) and not is_person(plain["Ledger"])


def test_an_imperative_at_the_start_of_a_quote_is_not_called_out():
    work = parsed_work('"Relax, Della. I have the door," he says in her ear.\n\n"Wren," she says.\n')
    found = {o.key: o for o in name_occurrences(work)}
    assert "Relax" not in found or not found["Relax"].vocative
    assert found["Wren"].vocative


def test_a_name_the_tagger_calls_a_noun_at_a_sentence_start_is_still_a_name():
    work = parsed_work("Celia laughed at her cousin Rosalind.\n\nRosalind stands in the clearing. Rosalind clears her throat.\n")
    keys = [o.key for o in name_occurrences(work)]
    assert keys.count("Rosalind") == 3


def test_a_given_name_the_tagger_keeps_calling_org_is_still_a_person():
    occurrences = [_occ("Beatrice", label="ORG", human_subject=h) for h in (0.0, 0.0, 1.0, 1.5, 0.0)]
    assert is_person(weigh_names(occurrences, pack_person=set(), pack_not=set())["Beatrice"])
    things = [_occ("Ledger", label="ORG", human_subject=h) for h in (0.0, 0.0, 1.0, 1.5, 0.0)]
    assert not is_person(weigh_names(things, pack_person=set(), pack_not=set())["Ledger"])


def test_a_name_called_out_inside_a_quote_after_another_sentence_is_a_vocative():
    work = parsed_work('"Pip, old chap! Biddy, it\'s Pip come home," said Joe.\n\nBiddy smiled. Harlow was far away.\n')
    found = {}
    for o in name_occurrences(work):
        found.setdefault(o.key, []).append(o.vocative)
    assert True in found["Biddy"]
    assert not any(found.get("Harlow", [False]))


def test_a_word_that_keeps_opening_sentences_and_is_never_lower_case_is_a_name():
    text = ("Nimue had been his pupil for seven years.\n\nNimue's hand went still on the page.\n\n"
            "Nothing moved. Nothing at all, and nothing would.\n")
    keys = {o.key for o in name_occurrences(parsed_work(text))}
    assert "Nimue" in keys and "Nothing" not in keys


def test_a_greeting_at_the_start_of_a_quote_is_not_a_name():
    work = parsed_work('"Morning, Dev," he says, and takes the cup.\n\n"Evening, Wren." She nodded.\n')
    keys = {o.key for o in name_occurrences(work)}
    assert "Morning" not in keys and "Evening" not in keys


def test_a_common_noun_capitalised_beside_its_lower_case_self_is_no_name():
    work = parsed_work("He thought of his friend. (Friend?) The word sat oddly.\n")
    assert "Friend" not in {o.key for o in name_occurrences(work)}


def test_a_name_with_an_elided_or_separate_particle_is_one_name():
    from tests.stages.helpers import parsed_work
    from ficmeld.stages.names import name_occurrences
    work = parsed_work("The gate was empty, and d'Artagnan sat his horse beneath it beside Abraham van Helsing.\n")
    keys = [o.key for o in name_occurrences(work)]
    assert "d'Artagnan" in keys and "Abraham van Helsing" in keys


def test_a_given_name_that_acts_outweighs_a_place_label():
    from ficmeld.stages.names import NameOccurrence, weigh_names
    acting = [NameOccurrence(start=0, end=8, surface="Penelope", key="Penelope", title=None, label="GPE",
                             human_subject=1.0, after_article=False, after_place_preposition=False)] * 2
    idle = [NameOccurrence(start=0, end=8, surface="Penelope", key="Penelope", title=None, label="GPE",
                           human_subject=0.0, after_article=False, after_place_preposition=False)] * 2
    kw = dict(pack_person=set(), pack_not=set())
    assert weigh_names(acting, **kw)["Penelope"].person > 0 > weigh_names(idle, **kw)["Penelope"].person


def test_a_name_closing_a_sentence_inside_a_quote_is_called_out():
    from tests.stages.helpers import parsed_work
    from ficmeld.stages.names import name_occurrences
    work = parsed_work('"Pivot, Jez. No, your other pivot," he said.\n\n"I was born in Leeds, England. Ask anyone."\n')
    by_key = {o.key: o for o in name_occurrences(work)}
    assert by_key["Jez"].vocative
    assert "England" not in by_key or not by_key["England"].vocative


def test_the_familiar_a_prefix_marks_a_person_and_is_no_part_of_the_name():
    from tests.stages.helpers import parsed_work
    from ficmeld.stages.names import name_occurrences
    work = parsed_work('"A-Lan," she said. "Eat your soup."\n')
    (occ,) = [o for o in name_occurrences(work) if "Lan" in o.key]
    assert occ.key == "Lan" and occ.surface == "A-Lan" and occ.suffixed
