from ficmeld.pipeline import available_stages
from ficmeld.stages.characters import find_characters
from ficmeld.stages.coref import resolve_coreference

from tests.stages.helpers import mention_targets, parsed_work

EXCHANGE = '''"I will not go," said Mara. Tom frowned at her.

"You must," he said. "I promised your father."

"Then you can go alone."
'''


def resolved(text):
    work = parsed_work(text)
    find_characters(work)
    available_stages()["quotes"](work)
    resolve_coreference(work)
    return work


def test_quoted_first_person_is_the_speaker():
    work = resolved(EXCHANGE)
    assert mention_targets(work, "I") == ["Mara", "Tom"]


def test_quoted_second_person_is_the_other_speaker():
    work = resolved(EXCHANGE)
    assert mention_targets(work, "You") == ["Mara"]
    # the last quote has no tag: the exchange alternates back to Mara, speaking to Tom
    assert mention_targets(work, "you") == ["Tom"]


def test_guesses_are_marked_provisional():
    work = resolved(EXCHANGE)
    guessed = set(work.scratch["coref.quoted_pronouns"])
    quoted_i = [m.start for m in work.mentions if work.text[m.start:m.end] == "I"]
    assert quoted_i and set(quoted_i) <= guessed
