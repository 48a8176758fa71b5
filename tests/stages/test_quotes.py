from ficmeld.model.document import Span
from ficmeld.stages.characters import find_characters
from ficmeld.stages.quote_patterns import dash_pieces, double_pieces, inline_dash_pieces, single_pieces
from ficmeld.stages.quotes import find_quotes

from tests.stages.helpers import parsed_work


def texts(text, pieces):
    return [text[p.start:p.end] for p in pieces]


def quoted(text, emphasis=()):
    work = parsed_work(text)
    work.emphasis = [Span(start=text.index(e), end=text.index(e) + len(e)) for e in emphasis]
    find_characters(work)
    find_quotes(work)
    return work, [(work.text[q.start:q.end], q.kind) for q in work.quotes]


def test_double_marks_pair_and_an_unclosed_one_runs_to_the_end():
    text = '“Stay,” Mara said. "Please stay." “And then'
    assert texts(text, double_pieces(text)) == ['“Stay,”', '"Please stay."', "“And then"]
    assert [p.closed for p in double_pieces(text)] == [True, True, False]


def test_single_marks_are_told_from_apostrophes():
    text = "'The boys' bikes are gone,' said Rob. 'Don't fret, we'll find 'em. It's rock 'n' roll.'"
    assert texts(text, single_pieces(text)) == ["'The boys' bikes are gone,'", "'Don't fret, we'll find 'em. It's rock 'n' roll.'"]
    assert single_pieces("Jim's dogs' dinner, don't 'em") == []


def test_dash_dialogue_splits_around_the_tag():
    text = "— Where is it? — she asked. — Under the stairs."
    assert texts(text, dash_pieces(text)) == ["— Where is it?", "— Under the stairs."]
    assert dash_pieces("Nothing was said — not a word.") == []


def test_interrupted_quote_gives_two_spans_and_scare_quotes_none():
    _, found = quoted('"Well," Nora said, "perhaps we should go." She had "borrowed" the car and called it "freedom" all week.\n')
    assert found == [('"Well,"', "speech"), ('"perhaps we should go."', "speech")]


def test_titles_and_so_called_words_are_not_quotes_but_a_habitual_saying_is():
    text = ('Ellis had read "Hamlet" twice and hated his so-called "friends" at school. The day went by '
            '"slower than a wet week in a waiting room", as his aunt would say.\n')
    _, found = quoted(text)
    assert found == [('"slower than a wet week in a waiting room"', "speech")]


def test_multi_paragraph_quote_is_one_piece_per_paragraph_in_one_group():
    text = ('"It began in the spring," said Owen. "The river rose.\n\n'
            '"By June the mill was gone.\n\n'
            '"Nobody came back."\n\nHe stopped.\n')
    work, found = quoted(text)
    assert [t for t, _ in found] == ['"It began in the spring,"', '"The river rose.', '"By June the mill was gone.', '"Nobody came back."']
    group = work.scratch["quotes.group"]
    assert len({group[q.start] for q in work.quotes[1:]}) == 1
    assert group[work.quotes[0].start] != group[work.quotes[1].start]


def test_written_text_and_unquoted_thought():
    text = "The note on the door read: 'Back at six.' Tess sighed.\n\nNot again, she thought.\n"
    _, found = quoted(text)
    assert found == [("'Back at six.'", "written"), ("Not again", "thought")]


def test_british_single_quotes_with_nested_doubles():
    text = "'He said \"never\" to me,' Alice told Ben. 'And the Smiths' dog barked all night.'\n"
    _, found = quoted(text)
    assert [t for t, _ in found] == ["'He said \"never\" to me,'", "'And the Smiths' dog barked all night.'"]


def test_italic_clause_in_first_person_is_a_thought_but_an_italic_word_is_not():
    text = "Sam looked at the door. I should never have come here. It was a very long night.\n"
    _, found = quoted(text, emphasis=["I should never have come here.", "very"])
    assert found == [("I should never have come here.", "thought")]


def test_unsaid_words_then_direct_address_is_a_thought():
    text = ("Mira held the letter. Those were the words she never said aloud.\n\n"
            "You were right, Daniel. You always were.\n")
    _, found = quoted(text)
    assert found == [("You were right, Daniel. You always were.", "thought")]


def test_dash_dialogue_inside_a_paragraph_ends_at_its_tag_or_at_narration():
    text = ("Ines came up the stairs and called out: — Breakfast is ready! Come down, you two! Tomas rolled over. "
            "— Five more minutes, he said. I was up all night. — You always say that.")
    assert texts(text, inline_dash_pieces(text)) == [
        "— Breakfast is ready! Come down, you two!", "— Five more minutes,", "I was up all night.",
        "— You always say that."]
    assert inline_dash_pieces("— I — The house stood empty.") == []


def test_a_work_told_in_dash_dialogue_gets_its_inline_quotes_and_one_in_marks_does_not():
    dashed = ("Ines leaned in the doorway: — Are you coming? Tomas shook his head. — Not yet, he said. "
              "— Then I go alone. She left. — Wait! he cried.\n")
    _, quotes = quoted(dashed)
    assert [q for q, _ in quotes] == ["— Are you coming?", "— Not yet,", "— Then I go alone.", "— Wait!"]
    marked = 'Ines waited. "Are you coming?" she asked. He shrugged. — Not yet. — Later, maybe.\n'
    _, quotes = quoted(marked)
    assert [q for q, _ in quotes] == ['"Are you coming?"']


def test_a_name_given_is_no_quote_but_a_call_shouted_is():
    _, found = quoted('The cook made a stew that the village called "the widow\'s long supper" for years. '
                      'Then Marta called "Come and eat!" from the door.\n')
    assert found == [('"Come and eat!"', "speech")]


def test_single_marks_typed_with_spaces_inside_still_pair():
    text = "' Stay here, ' said Ann. ' I'll be back soon. ' She went out, singin ' low."
    assert texts(text, single_pieces(text)) == ["' Stay here, '", "' I'll be back soon. '"]


def test_a_phrase_held_at_arms_length_after_an_article_is_no_quote():
    _, found = quoted('All summer Kit kept a look-out for "the man with one wooden leg" on the road.\n')
    assert found == []


def test_a_title_or_term_after_an_article_or_preposition_is_no_quote_but_words_after_a_copula_are():
    text = ('The band played the overture to "The Silver Road." The cook told the "boy" to fetch the stew, and '
            'Pell asked the room, "Who wants some?" His last words that night were "Save me a bowl."\n')
    _, found = quoted(text)
    assert [t for t, _ in found] == ['"Who wants some?"', '"Save me a bowl."']


def test_a_question_after_a_preposition_is_still_said():
    _, found = quoted('The girls talked of "What shall we wear tonight?" for an hour.\n')
    assert [t for t, _ in found] == ['"What shall we wear tonight?"']


def test_italics_right_after_a_speech_verb_are_words_said_with_their_underscores():
    text = "The guard cried out, _Halt there stranger_; we stopped. He said it _over and over_ all night.\n"
    _, found = quoted(text, emphasis=["Halt there stranger", "over and over"])
    assert found == [("_Halt there stranger_", "speech")]


def test_a_narrators_dashes_with_no_speech_verb_near_are_no_dialogue():
    text = ("Ann found the locket at last. — Lost treasure! — It had lain in the grass all winter. She wept. "
            "— Such joy! The rain came later.\n")
    _, found = quoted(text)
    assert found == []


def test_reported_words_after_that_are_a_quote_and_a_broken_off_word_is_said():
    _, found = quoted('Ma promised the boys that "nobody would go hungry this winter." Then she smiled.\n\n'
                      '"Because --" Ned stopped, red in the face.\n')
    assert [t for t, _ in found] == ['"nobody would go hungry this winter."', '"Because --"']


def test_a_cry_inside_a_sentence_is_said_even_after_an_article():
    _, found = quoted('Far off we heard Nan\'s "Help!" and ran. Then came a "help me, help!" from the well.\n')
    assert [t for t, _ in found] == ['"Help!"', '"help me, help!"']


def test_an_italic_thought_opening_a_paragraph_after_speech_keeps_its_asterisks():
    text = '"Go," Tom said.\n\n*He never listens,* Ann thought.\n'
    _, found = quoted(text, emphasis=["He never listens,"])
    assert found == [('"Go,"', "speech"), ("*He never listens,*", "thought")]


def test_lower_case_words_the_narration_runs_on_through_are_no_quote_but_said_ones_are():
    text = ('The new clerk, who lodged, or as he liked to put it, "sojourned," at the mill, filed a plea '
            '"to settle his debts in kind," which nobody read. They served a soup the cook said was "borscht," '
            'and rye bread. We shook hands and "called it quits," as somebody said, and parted.\n\n'
            'She said, "not yet," and turned away. "Go on," Tom said, "tell them," and she did. '
            'The porter cried "hurry up, hurry" as the train left.\n')
    _, found = quoted(text)
    assert [t for t, _ in found] == ['"not yet,"', '"Go on,"', '"tell them,"', '"hurry up, hurry"']


def test_titles_and_inscriptions_in_capitals_inside_narration_are_no_quote_but_names_said_are():
    text = ('Over the door hung a painted board, "Home Is Where the Heart Is", and under it a card, '
            '"NO DOGS ALLOWED." Nell had read "The Girl on the Hill" twice.\n\n'
            '"Professor Lane."\n\n'
            'He bowed. "Good Evening, Miss Hart," said Lane.\n')
    _, found = quoted(text)
    assert [t for t, _ in found] == ['"Professor Lane."', '"Good Evening, Miss Hart,"']


def test_a_quote_inside_a_quote_of_the_same_marks_stays_inside_and_an_unclosed_one_gives_way():
    nested = '“We only read the “Gazette,” you see, and nothing else,” said Ruth.'
    assert texts(nested, double_pieces(nested)) == ['“We only read the “Gazette,” you see, and nothing else,”']
    unclosed = 'Bo wrote: "Come in. Sit. He was told: "Wait here a while."'
    assert texts(unclosed, double_pieces(unclosed)) == ['"Come in. Sit. He was told:', '"Wait here a while."']


def test_an_epigraph_after_a_chapter_heading_is_no_quote_but_a_cry_or_tagged_line_there_is():
    filler = " Kit woke early and went down to the river, where the fog still lay thick over the water and the reeds."
    text = ('Chapter 4. The Long Road "Not all who roam are lost, but most of them are." ' + filler + '\n\n'
            'CHAPTER 5 "Kit!" Mara was at the door already.' + filler + '\n\n'
            'CHAPTER 6 "Up you get," said Mara.' + filler + '\n')
    _, found = quoted(text)
    assert [t for t, _ in found] == ['"Kit!"', '"Up you get,"']


def test_a_dash_paragraph_that_narrates_is_no_dialogue_in_a_work_told_in_marks():
    text = ('"Come in," said Jo.\n\n'
            '— and then it was over. He never spoke of it again, and she never asked.\n\n'
            '— Where were you all night?\n')
    _, found = quoted(text)
    assert [t for t, _ in found] == ['"Come in,"', "— Where were you all night?"]


def test_a_speech_verb_with_a_longer_tail_ending_in_its_comma_still_opens_words_said():
    text = "The guard cried out in a loud and angry voice, _Halt there stranger_; we stopped.\n"
    _, found = quoted(text, emphasis=["Halt there stranger"])
    assert [t for t, _ in found] == ["_Halt there stranger_"]



def test_a_stage_direction_in_brackets_splits_the_words_said_but_an_aside_does_not():
    text = ('"Ann! Bo! (turning to the door) Come and eat!" Ma called.\n\n'
            '"We met at the cafe (the one by the bridge) at noon," said Ann.\n')
    _, found = quoted(text)
    assert [t for t, _ in found] == ['"Ann! Bo!', 'Come and eat!"',
                                     '"We met at the cafe (the one by the bridge) at noon,"']
