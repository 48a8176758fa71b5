from ficmeld.stages.characters import find_characters
from ficmeld.stages.coref import resolve_coreference
from ficmeld.stages.quotes import find_quotes
from ficmeld.stages.speakers import attribute_speakers

from tests.stages.helpers import names_by_id, parsed_work


def attributed(text):
    work = parsed_work(text)
    find_characters(work)
    find_quotes(work)
    resolve_coreference(work)
    attribute_speakers(work)
    names = names_by_id(work)
    return [(work.text[q.start:q.end], names.get(q.speaker), names.get(q.addressee), q.method) for q in work.quotes]


def speakers(rows):
    return [(text, speaker) for text, speaker, _, _ in rows]


def test_explicit_and_anaphoric_tags_and_an_interrupted_quote():
    rows = attributed(
        'Harriet Vane set down her cup. "It is late," said Harriet, "and the trains have stopped."\n\n'
        'Peter Wimsey shook his head. "Then we walk," he said.\n'
    )
    assert speakers(rows) == [('"It is late,"', "Harriet Vane"), ('"and the trains have stopped."', "Harriet Vane"),
                              ('"Then we walk,"', "Peter Wimsey")]
    assert [m for *_, m in rows] == ["explicit", "explicit", "anaphoric"]


def test_every_piece_of_a_multi_paragraph_quote_has_the_one_speaker():
    rows = attributed(
        'Walter Crane and Ivy Lane sat by the stove. "It began in the spring," said Walter. "The river rose.\n\n'
        '"By June the mill was gone.\n\n'
        '"Nobody came back."\n\nIvy said nothing.\n'
    )
    assert {s for _, s in speakers(rows)} == {"Walter Crane"}
    assert [m for *_, m in rows][-2:] == ["paragraph", "paragraph"]


def test_said_to_names_the_addressee():
    rows = attributed('Oliver Grant waited by the gate. Lucy Hart came late. "You kept me waiting," Oliver said to Lucy.\n')
    assert rows[0][1:3] == ("Oliver Grant", "Lucy Hart")


def test_untagged_lines_alternate_between_the_last_two_speakers():
    rows = attributed(
        'Martha Cole leaned on the counter while George Finch counted the coins.\n\n'
        '"Is that all of it?" Martha asked.\n\n'
        '"Every penny," George said.\n\n'
        '"Count it again."\n\n'
        '"I have counted it twice."\n'
    )
    assert [s for _, s in speakers(rows)] == ["Martha Cole", "George Finch", "Martha Cole", "George Finch"]
    assert rows[2][3] == "turn-taking" and rows[2][2] == "George Finch"


def test_a_vocative_names_the_addressee_so_the_other_one_speaks():
    rows = attributed(
        'Anna Berg and Tomas Lind stood on the pier. Tomas watched the boats.\n\n'
        '"Anna, look at the water."\n'
    )
    assert rows[0][1:3] == ("Tomas Lind", "Anna Berg")


def test_the_actor_of_the_same_paragraph_speaks():
    rows = attributed('Nell Porter and Abe Quill sat at the fire. Nell turned to the window. "Snow."\n')
    assert rows[0][1] == "Nell Porter" and rows[0][3] == "adjacent"


def test_thought_goes_to_the_thinker():
    rows = attributed("Rosa Vidal locked the shop. Not again, she thought.\n")
    assert rows == [("Not again", "Rosa Vidal", None, "anaphoric")]


def test_a_line_said_again_keeps_its_speaker():
    rows = attributed(
        'Lena Frost stood in the doorway. "We are out of time," Lena said, and left.\n\n'
        'Years later Paul Moss still heard the words in the empty hall: "We are out of time."\n'
    )
    assert speakers(rows) == [('"We are out of time,"', "Lena Frost"), ('"We are out of time."', "Lena Frost")]


def test_a_tag_cut_off_into_the_next_paragraph_still_names_the_speaker():
    rows = attributed('Ann Weir and Tom Hale sat by the fire. Ann poked the logs.\n\n"Is it late?"\n\nasked Tom.\n')
    assert rows[0][1] == "Tom Hale" and rows[0][3] == "explicit"


def test_words_inside_the_quote_are_never_the_tag_subject():
    rows = attributed('Nora Vale and Ben Ash argued over the map. "My dear Ben," interrupted Nora, "you know nothing."\n')
    assert [s for _, s in speakers(rows)] == ["Nora Vale", "Nora Vale"]


def test_an_unnamed_tag_subject_speaks_as_a_character_of_its_own():
    work = parsed_work('Tom Ashby knocked twice at the gate.\n\n"Who goes there?" cried an old man from the wall.\n\n'
                       '"A friend," said Tom.\n')
    find_characters(work)
    find_quotes(work)
    resolve_coreference(work)
    attribute_speakers(work)
    names = names_by_id(work)
    first = work.quotes[0]
    assert names.get(first.speaker) == "an old man" and first.method == "explicit"
    speaker = work.character(first.speaker)
    assert speaker.gender == "male"
    assert any(m.character == first.speaker and work.text[m.start:m.end].startswith("an old man") for m in work.mentions)


def test_a_group_never_speaks_as_one_character():
    rows = attributed('Tom Ashby knocked at the gate.\n\n"Go away!" shouted the men on the wall.\n')
    assert rows[0][1] is None or rows[0][1] == "Tom Ashby"


def test_a_new_sentence_after_an_exclamation_is_no_tag():
    rows = attributed('Mira Holt waited by the stage with Jonah Reyes.\n\n'
                      'The man with the clipboard called out "Mira H.!" Jonah pushed her forward.\n')
    assert rows[0][1] != "Jonah Reyes"
    inverted = attributed('Mira Holt and Jonah Reyes ran.\n\n"Wait!" cried Jonah, and she stopped.\n')
    assert inverted[0][1] == "Jonah Reyes"



def test_a_speech_verb_joined_to_an_earlier_one_shares_its_subject():
    rows = attributed("I was on the night train for nine years. I gave the note to Mira at Mestre. She read it, and read "
                      'it again, and then looked up at me and said, "Is he all right?"\n\nI said I did not know.\n')
    assert rows[0][1] == "Mira"


def test_the_object_of_an_infinitive_speech_verb_is_not_the_speaker():
    rows = attributed('I was on the night train for nine years. I stood by the door.\n\n'
                      '"It\'s you, isn\'t it?" She doesn\'t wait for me to say yes.\n\nI said nothing.\n')
    assert not (rows[0][1] == "Narrator" and rows[0][3] == "anaphoric")  # the tag does not make 'me' speak
