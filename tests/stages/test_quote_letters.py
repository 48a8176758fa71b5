from ficmeld.stages.quote_letters import SALUTATION, SIGN_OFF
from tests.stages.test_quotes import quoted

LETTER = """The envelope had come with the morning post, and Teodor read it standing in the hall.

My dear Teo, the orchard is flowering and I have sold the grey mare. I think of you every day.

Write when you can. Your loving sister, M.

He folded it twice and put it in his coat.
"""


def test_an_unquoted_letter_is_written_text_from_salutation_to_sign_off():
    _, found = quoted(LETTER)
    written = [text for text, kind in found if kind == "written"]
    assert [t[:10] for t in written] == ["My dear Te", "Write when"]
    assert not any(text.startswith(("The envelope", "He folded")) for text, _ in found)


def test_salutations_and_sign_offs():
    assert SALUTATION.match("Dearest Ilka, the queen is kind.") and SALUTATION.match("My darling Juniper, your teacher")
    assert not SALUTATION.match("Darkness fell, and the dogs barked.")
    assert SIGN_OFF.search("All my love, Gran.") and SIGN_OFF.search("Your loving brother, A.")
    assert not SIGN_OFF.search("She said she was in love, truly.")
