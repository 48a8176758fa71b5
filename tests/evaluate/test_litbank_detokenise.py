"""LitBank keeps one tokenised sentence a line; these check the prose rebuilt from made-up token lines."""
from ficmeld.evaluate.litbank import _detokenise, _quoted_words


def rebuilt(*lines: str):
    text, spans, paragraphs, emphasis = _detokenise([line.split(" ") for line in lines])
    return text, [text[s:e] for s, e in paragraphs], [text[s:e] for s, e in emphasis], spans


def test_a_straight_quotation_over_two_sentence_lines_closes_on_the_second():
    text, paragraphs, _, _ = rebuilt('" I have the key .', 'Come in , " said Ada .')
    assert text == '"I have the key. Come in," said Ada.'
    assert paragraphs == [text]


def test_a_quote_mark_that_starts_a_line_opens_a_quotation_and_a_paragraph():
    text, paragraphs, _, _ = rebuilt("Ada sat down .", '" Tea ? " said Bo .', '" No , thank you . "')
    assert paragraphs == ["Ada sat down.", '"Tea?" said Bo.', '"No, thank you."']


def test_a_line_in_lower_case_goes_on_with_the_sentence_before_it():
    _, paragraphs, _, _ = rebuilt('" Where ? "', "she asked .", "“ Here ! ”", "cried Tom .")
    assert paragraphs == ['"Where?" she asked.', "“Here!” cried Tom."]


def test_curly_contractions_join_their_word():
    text, _, _, _ = rebuilt("“ I ’ll go , ” she said , “ but do n’t wait . ”")
    assert text == "“I’ll go,” she said, “but don’t wait.”"


def test_straight_single_marks_open_close_and_end_words():
    text, _, _, _ = rebuilt("' Hold on , ' said Kit , ' the gate 's shut . '")
    assert text == "'Hold on,' said Kit, 'the gate's shut.'"
    text, _, _, _ = rebuilt("We were goin ' home by the masters ' gate .")
    assert text == "We were goin' home by the masters' gate."
    text, _, _, _ = rebuilt("Why call me ' boy ' ?", "TREATS OF JOHN 'S YOUTH")
    assert text == "Why call me 'boy'? TREATS OF JOHN'S YOUTH"


def test_a_single_quotation_nested_in_an_open_double_one_opens_no_paragraph():
    _, paragraphs, _, _ = rebuilt('" He read it out :', "' Closed on Sundays . '", 'That was all . "')
    assert len(paragraphs) == 1


def test_a_mark_the_splitter_left_at_a_line_end_opens_the_next_line():
    text, _, _, _ = rebuilt('" Fine , " she said . "', 'Go now . "')
    assert text == '"Fine," she said. "Go now."'


def test_underscores_are_italics_joined_to_their_words():
    text, _, emphasis, spans = rebuilt("He cried , _ Hola amigo _ ; then he left .")
    assert text == "He cried, _Hola amigo_; then he left."
    assert emphasis == ["Hola amigo"]
    assert [text[s:e] for s, e in spans[0]][3:7] == ["_", "Hola", "amigo", "_"]


def test_quotes_are_matched_on_the_words_between_their_marks():
    text = '"Go home," she said. -- Now, he said.'
    with_marks = (0, text.index(",") + 2)
    without = (1, text.index(","))
    assert _quoted_words(text, [with_marks]) == _quoted_words(text, [without]) == {(1, 8)}
    dash = (text.index("--"), text.index("Now") + 4)
    assert _quoted_words(text, [dash]) == {(text.index("Now"), text.index("Now") + 3)}


def test_a_mark_after_an_abbreviation_that_ends_the_sentence_closes_the_open_quotation():
    text, _, _, _ = rebuilt('" We leave at six P.M. " And off she went .', 'Then Al said : " St. Ives it is . "')
    assert text == '"We leave at six P.M." And off she went. Then Al said: "St. Ives it is."'
