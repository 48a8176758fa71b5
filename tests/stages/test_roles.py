"""Roles and the persons inside quotes, on small works whose characters and speakers are set by hand."""
from __future__ import annotations

from ficmeld.model.document import Character, Mention, Quote
from ficmeld.stages.roles import assign_roles

from tests.stages.helpers import parsed_work

TEXT = '"I told you he would come," Ada said to Ben.\n\nBen shrugged. Cato never came.\n'


def _work():
    work = parsed_work(TEXT)
    at = lambda s, n=0: [i for i in range(len(TEXT)) if TEXT.startswith(s, i)][n]
    people = {"c0": ("Ada", "female"), "c1": ("Ben", "male"), "c2": ("Cato", "male")}
    work.characters = [Character(id=k, name=n, aliases=[n], canonical=None, role="mentioned", mentions=0, gender=g)
                       for k, (n, g) in people.items()]
    work.mentions = sorted([
        Mention(start=at("I"), end=at("I") + 1, character="c1", kind="pronoun"),      # coref's guess: wrong
        Mention(start=at("you"), end=at("you") + 3, character=None, kind="pronoun"),
        Mention(start=at("he "), end=at("he ") + 2, character="c1", kind="pronoun"),  # the addressee: wrong
        Mention(start=at("Ada"), end=at("Ada") + 3, character="c0", kind="name"),
        Mention(start=at("Ben"), end=at("Ben") + 3, character="c1", kind="name"),
        Mention(start=at("Ben", 1), end=at("Ben", 1) + 3, character="c1", kind="name"),
        Mention(start=at("Cato"), end=at("Cato") + 4, character="c2", kind="name"),
    ], key=lambda m: m.start)
    work.quotes = [Quote(start=0, end=at(",\"") + 2, kind="speech", speaker="c0", addressee="c1", confidence=0.9)]
    work.scratch["coref.quoted_pronouns"] = [at("I"), at("he ")]
    return work, at


def test_quoted_pronouns_follow_the_final_speaker_and_addressee():
    work, at = _work()
    assign_roles(work)
    by_start = {m.start: m.character for m in work.mentions}
    assert by_start[at("I")] == "c0"      # 'I' is the speaker, whatever coref guessed
    assert by_start[at("you")] == "c1"    # 'you' is the addressee
    assert by_start[at("he ")] != "c1"    # 'he' is neither of them


def test_roles_from_mentions_and_speech():
    work, _ = _work()
    assign_roles(work)
    roles = {c.name: c.role for c in work.characters}
    assert roles["Ada"] == "main" and roles["Ben"] == "main"
    assert {c.name: c.quotes for c in work.characters}["Ada"] == 1


def test_a_quote_broken_by_its_speech_tag_is_one_turn():
    text = ("Ada " * 20).strip() + ".\n\n" + '"You ought to rest," said Ben, "before the storm."\n\nBen left.\n'
    work = parsed_work(text)
    work.characters = [Character(id=k, name=n, aliases=[n], canonical=None, role="mentioned", mentions=0)
                       for k, n in (("c0", "Ada"), ("c1", "Ben"))]
    work.mentions = sorted(
        [Mention(start=i, end=i + 3, character="c0", kind="name") for i in range(0, 80, 4)]
        + [Mention(start=m, end=m + 3, character="c1", kind="name")
           for m in (text.index("Ben"), text.index("Ben left"))], key=lambda m: m.start)
    first, second = text.index('"You'), text.index('"before')
    work.quotes = [Quote(start=first, end=text.index(',"') + 2, kind="speech", speaker="c1", addressee=None,
                         confidence=0.9),
                   Quote(start=second, end=text.index('storm."') + 7, kind="speech", speaker="c1", addressee=None,
                         confidence=0.9)]
    assign_roles(work)
    ben = work.character("c1")
    assert ben.quotes == 2 and ben.role == "supporting"  # 2 mentions + one turn, against Ada's 20 mentions
