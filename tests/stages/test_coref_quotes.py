from tests.stages.helpers import coref_resolved, mention_targets

EXCHANGE = '''"I will not go," said Mara. Tom frowned at her.

"You must," he said. "I promised your father."

"Then you can go alone."
'''




def test_quoted_first_person_is_the_speaker():
    work = coref_resolved(EXCHANGE)
    assert mention_targets(work, "I") == ["Mara", "Tom"]


def test_quoted_second_person_is_the_other_speaker():
    work = coref_resolved(EXCHANGE)
    assert mention_targets(work, "You") == ["Mara"]
    # the last quote has no tag: the exchange alternates back to Mara, speaking to Tom
    assert mention_targets(work, "you") == ["Tom"]


def test_guesses_are_marked_provisional():
    work = coref_resolved(EXCHANGE)
    guessed = set(work.scratch["coref.quoted_pronouns"])
    quoted_i = [m.start for m in work.mentions if work.text[m.start:m.end] == "I"]
    assert quoted_i and set(quoted_i) <= guessed
