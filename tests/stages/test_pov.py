"""Point of view per scene: person, tense, focal character, head-hops, on stories written for these tests."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from ficmeld.model.document import Character, Mention
from ficmeld.stages.base import REGISTRY
from ficmeld.stages.pov import point_of_view, scene_person, scene_tense, viterbi
from ficmeld.nlp import load_pipeline
from ficmeld.stages.pov_features import ParagraphEvidence, finite_tense, mind_verb, opens_elsewhere
from ficmeld.model.document import Quote
from ficmeld.stages.pov_narrator import _speaks, label_character
from tests.stages.helpers import names_by_id, parsed_work

FIXTURES = Path(__file__).parent / "fixtures" / "pov"
SHARED_STORY = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "window-scene.txt"
EARLIER = ("characters", "quotes", "coref", "speakers")


def earlier_stages() -> dict:
    """The stages pov reads that exist in this checkout (others land in parallel)."""
    for name in EARLIER:
        try:
            importlib.import_module(f"ficmeld.stages.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"ficmeld.stages.{name}":
                raise
    return {name: REGISTRY[name] for name in EARLIER if name in REGISTRY}


def analysed(text: str):
    """Our own prose through every stage pov reads that exists in this checkout, then pov."""
    work = parsed_work(text)
    stages = earlier_stages()
    for name in EARLIER:
        if name in stages:
            stages[name](work)
            work.done.add(name)
    point_of_view(work)
    return work


def story(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def pov_names(work) -> list[str | None]:
    names = names_by_id(work)
    return [names.get(s.pov.character) for s in work.scenes]


def hand_cast(work, cast: dict[str, list[str]]) -> None:
    """Characters and name mentions set by hand: each name's every whole-word occurrence."""
    work.characters = [Character(id=f"c{i}", name=name, aliases=forms, canonical=None, role="main", mentions=0)
                       for i, (name, forms) in enumerate(cast.items())]
    mentions = []
    for c in work.characters:
        for form in c.aliases:
            mentions += [Mention(start=m.start(), end=m.end(), character=c.id, kind="name")
                         for m in re.finditer(rf"\b{re.escape(form)}\b", work.text)]
    work.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))


def test_first_person_narrator_named_by_self_naming_and_vocatives():
    work = analysed(story("first_named.txt"))
    (scene,) = work.scenes
    assert (scene.pov.person, scene.pov.tense) == ("first", "past")
    assert pov_names(work) == ["Tobias Wren"]
    assert 0.3 <= scene.pov.confidence <= 1.0
    if "coref" in work.done:
        # the coref stage's placeholder narrator is now Tobias: every narrating 'I' is his
        first = [m.character for m in work.mentions if work.text[m.start:m.end] == "I" and m.kind == "pronoun"
                 and not any(q.start <= m.start < q.end for q in work.quotes)]
        assert first and set(first) == {scene.pov.character}
        assert "Narrator" not in names_by_id(work).values()


POOLED = """Summary: Marta Quill keeps the toll bridge and the toll bridge keeps her.

The carter came at noon, as he always did, and I lifted the bar before he had to shout.

"Marta," he said, touching his cap. "River's high."

"High enough," I said. I had watched it climb the posts all morning.

His boy leaned out from the load. "Miss Quill! Is it true the bridge sings at night?"

I told him it did, which was true, and that it sang only for honest carters, which was not.
"""


def test_a_narrator_called_by_two_parts_of_one_full_name_is_one_character():
    work = analysed(POOLED)
    (scene,) = work.scenes
    assert scene.pov.person == "first"
    narrator = work.character(scene.pov.character)
    assert narrator is not None and narrator.name in ("Marta", "Miss Quill", "Marta Quill")
    others = [c.name for c in work.characters if c.id != narrator.id]
    assert not any(n in ("Marta", "Miss Quill", "Quill") for n in others), others


def test_alternating_first_person_narrators_named_by_their_labels():
    text = story("two_narrators.txt")
    work = analysed(text)
    assert pov_names(work) == ["Lena", "Marco"]
    assert all(s.pov.person == "first" for s in work.scenes)
    if "coref" in work.done:
        # each scene's narrating 'I' now belongs to that scene's narrator
        names = names_by_id(work)
        for scene in work.scenes:
            owners = {names.get(m.character) for m in work.mentions if work.text[m.start:m.end] == "I"
                      and scene.start <= m.start < scene.end
                      and not any(q.start <= m.start < q.end for q in work.quotes)}
            assert owners == {names[scene.pov.character]}


def test_second_person_present_tense_named_in_dialogue():
    work = parsed_work(story("second_present.txt"))
    hand_cast(work, {"Nadia": ["Nadia"], "Priya": ["Priya"]})
    point_of_view(work)
    (scene,) = work.scenes
    assert (scene.pov.person, scene.pov.tense) == ("second", "present")
    assert pov_names(work) == ["Nadia"]


def test_second_person_through_the_pipeline():
    work = analysed(story("second_present.txt"))
    assert [(s.pov.person, s.pov.tense) for s in work.scenes] == [("second", "present")]


def test_two_heads_alternate_at_a_scene_break_without_a_hop():
    work = analysed(story("alternating.txt"))
    assert pov_names(work) == ["Eleanor Marsh", "Daniel Kerr"]
    assert all((s.pov.person, s.pov.tense) == ("third", "past") for s in work.scenes)
    assert all(s.head_hops == [] for s in work.scenes)
    assert all(s.pov.confidence >= 0.5 for s in work.scenes)
    # evidence is the narration's access to a mind
    words = {work.text[e.start:e.end].split()[-1] for s in work.scenes for e in s.pov.evidence}
    assert {"knew", "remembered"} <= words


def test_head_hop_found_at_the_paragraph_where_it_happens():
    text = story("head_hop.txt")
    work = analysed(text)
    (scene,) = work.scenes
    names = names_by_id(work)
    assert names[scene.pov.character] == "Ruth Calloway"
    (hop,) = scene.head_hops
    assert names[hop.from_] == "Ruth Calloway"
    assert "Fenwick" in names[hop.to]
    assert text[hop.start:hop.end].startswith("Across the room, Arthur Fenwick felt")
    assert 0.0 < hop.confidence <= 1.0


def test_shared_perception_is_not_a_hop():
    text = ("Mara Quinn stood at the rail. She knew the storm would break before dawn, and she remembered "
            "the last one. She wondered whether the mast would hold.\n\n"
            "Jonah Pike saw the clouds too. He watched the water darken.\n\n"
            "Mara thought of her brother. She realized she was afraid, and she decided not to say so.\n")
    work = analysed(text)
    assert pov_names(work) == ["Mara Quinn"]
    assert work.scenes[0].head_hops == []


def test_dialogue_in_the_first_person_leaves_third_person_narration():
    text = ('"I told you I would come," Ada Finch said. "I always do. I keep my promises."\n\n'
            '"I know," Leo Marsh said. "I never doubted it. I only worried."\n\n'
            "Ada knew he was lying. She remembered the empty platform last winter, and she understood why he "
            "could not look at her. She wanted to forgive him.\n")
    work = analysed(text)
    (scene,) = work.scenes
    assert (scene.pov.person, scene.pov.tense) == ("third", "past")
    assert pov_names(work) == ["Ada Finch"]


def test_paragraph_focus_covers_every_parsed_paragraph():
    work = analysed(story("head_hop.txt"))
    focus = work.scratch["pov.paragraph_focus"]
    ids = {c.id for c in work.characters}
    assert [p for p, _, _ in focus] == [pp.paragraph for pp in work.parsed]
    assert all(who in ids and score >= 0 for _, who, score in focus)
    owners = [who for _, who, _ in focus]
    assert owners[0] != owners[-1]  # the hop shows in the paragraph-level focus


def test_pov_label_names_the_focal_character():
    text = ("Owen's POV\n\nThe rain came in sideways off the moor. The gate banged. Somewhere a dog barked "
            "and stopped. Bridget Lowe crossed the yard with a lantern, and Owen Tate followed.\n")
    work = analysed(text)
    assert pov_names(work) == ["Owen Tate"]


def test_label_character_reads_common_forms():
    names = {"harry": "c0", "draco": "c1", "draco malfoy": "c1"}
    assert label_character("Harry's POV", names) == "c0"
    assert label_character("~ POV: Draco Malfoy ~", names) == "c1"
    assert label_character("Draco's point of view", names) == "c1"
    assert label_character("Harry ran home.", names) is None


def test_viterbi_is_sticky_but_follows_sustained_evidence():
    one_stray = [[2.0, 0.0], [2.0, 0.0], [0.0, 1.0], [2.0, 0.0]]
    assert viterbi(one_stray, 2.5) == [0, 0, 0, 0]
    sustained = [[2.0, 0.0], [2.0, 0.0], [0.0, 3.0], [0.0, 3.0]]
    assert viterbi(sustained, 2.5) == [0, 0, 1, 1]


def test_scene_person_and_tense_from_counts():
    first = ParagraphEvidence(0, sentences=10, first=6, third=4, past=8, present=1)
    assert scene_person([first]) == "first" and scene_tense([first]) == "past"
    second = ParagraphEvidence(1, sentences=10, second=7, present=9, past=1)
    assert scene_person([second]) == "second" and scene_tense([second]) == "present"
    generic_you = ParagraphEvidence(2, sentences=20, second=1, third=12, past=5, present=5)
    assert scene_person([generic_you]) == "third" and scene_tense([generic_you]) == "mixed"
    backstory = ParagraphEvidence(3, sentences=20, third=12, past=8, present=17)  # a third in the past
    assert scene_tense([backstory]) == "present"


def test_a_flashback_paragraph_does_not_make_a_present_scene_mixed():
    now = [ParagraphEvidence(i, sentences=4, third=3, present=3) for i in (0, 1, 3)]
    flashback = ParagraphEvidence(2, sentences=8, third=6, past=7)
    assert scene_tense([now[0], now[1], flashback, now[2]]) == "present"  # by clauses alone 7 past, 9 present


def test_paragraphs_that_split_evenly_leave_the_scene_mixed():
    paragraphs = [ParagraphEvidence(i, sentences=4, third=3, past=3 if i % 2 else 0, present=0 if i % 2 else 3)
                  for i in range(4)]
    assert scene_tense(paragraphs) == "mixed"


def test_finite_tense_reads_the_auxiliary():
    work = parsed_work("She had been waiting. He is running. They will go. It was late. We could try.\n")
    roots = [s.root for pp in work.parsed for s in pp.doc.sents]
    assert [finite_tense(r) for r in roots] == ["past", "present", "present", "past", None]


@pytest.mark.skipif(not SHARED_STORY.exists(), reason="../shared is not beside this checkout")
def test_reference_story_scenes_for_the_right_reasons():
    work = analysed(SHARED_STORY.read_text(encoding="utf-8"))
    names = pov_names(work)
    assert len(names) == 2 and "Kirk" in names[0] and names[1] == "Spock"
    assert all((s.pov.person, s.pov.tense) == ("third", "past") for s in work.scenes)
    for scene, verbs in zip(work.scenes, ({"knew", "understood", "respected"}, {"remembered"})):
        said = {work.text[e.start:e.end].split()[-1] for e in scene.pov.evidence}
        assert said & verbs


def test_a_hop_where_the_telling_moves_elsewhere_starts_with_the_move():
    text = story("shift_hop.txt")
    work = analysed(text)
    (scene,) = work.scenes
    names = names_by_id(work)
    assert names[scene.pov.character] == "Nora Varga"
    (hop,) = scene.head_hops
    assert names[hop.to] == "Teodor Lasz"
    assert text[hop.start:hop.end].startswith("Across the river in the parked van")


def test_opens_elsewhere_reads_a_short_verbless_opener():
    nlp = load_pipeline()
    assert opens_elsewhere(nlp("Meanwhile, the train pulled out."))
    assert opens_elsewhere(nlp("In the van two blocks away, Marcus typed."))
    assert opens_elsewhere(nlp("Across the river in the parked van, Teodor waited."))
    assert not opens_elsewhere(nlp("In the morning, she went back."))
    assert not opens_elsewhere(nlp("Across the room, Teodor waited."))
    assert not opens_elsewhere(nlp("He walked away, and she followed."))


def test_mind_verbs_by_lemma_or_suffix_and_never_passive():
    nlp = load_pipeline()
    doc = nlp("She hates the cold and remembers the summer.")
    assert mind_verb(doc[1]) == "hate" and mind_verb(doc[5]) == "remember"
    work = analysed("Pell is supposed to bring the rope. Pell is known to be late.\n")
    said = [work.text[e.start:e.end] for e in (work.scenes[0].pov.evidence if work.scenes[0].pov else [])]
    assert not any("supposed" in s or "known" in s for s in said)


def test_viterbi_takes_a_cost_per_paragraph():
    evidence = [[2.0, 0.0], [2.0, 0.0], [0.0, 1.0], [0.0, 0.8]]
    assert viterbi(evidence, 2.0) == [0, 0, 0, 0]
    assert viterbi(evidence, [2.0, 2.0, 0.5, 2.0]) == [0, 0, 1, 1]


def test_the_narrator_speaks_only_through_a_tag():
    work = parsed_work('"Stay here," I said. The man called out "Priya N.!" I found myself on the stage.\n')
    text = work.text
    said = Quote(start=0, end=text.index(" I said"), kind="speech", speaker=None, addressee=None, confidence=0.0)
    called = Quote(start=text.index('"Priya'), end=text.index(" I found"), kind="speech", speaker=None, addressee=None,
                   confidence=0.0)
    assert _speaks(work, said, "first")
    assert not _speaks(work, called, "first")
    work = parsed_work('My phone said: "Nell, ring home. Love Dad x". I showed it to Sam.\n')
    read = Quote(start=work.text.index('"Nell'), end=work.text.index(". I showed"), kind="speech", speaker=None,
                 addressee=None, confidence=0.0)
    assert not _speaks(work, read, "first")  # the sentence ended after the quote: 'I showed' is no speech tag


def test_a_scene_leans_to_the_character_its_first_sentence_names_as_subject():
    text = ("Nora Hale watched the captain from across the deck.\n\n"
            "Captain Orla Venn knew the tide to the minute.\n")
    assert pov_names(analysed(text)) == ["Nora Hale"]
    swapped = ("Captain Orla Venn knew the tide to the minute.\n\n"
               "Nora Hale watched the captain from across the deck.\n")
    assert pov_names(analysed(swapped)) == ["Orla Venn"]


OWN_NAME = """Summary: A ferry, a ring, and the last crossing of the season.

The deck is wet and I hold the rail with both hands. Somewhere below, the engine coughs.

"Rosalind." Just my name, the way he always said it, as if it settled an argument.

"You kept the ring, Anton," I say.

He shrugs. "You never asked for it back."
"""


def test_a_quote_that_is_only_the_narrators_name_names_the_narrator():
    work = analysed(OWN_NAME)
    (scene,) = work.scenes
    assert scene.pov.person == "first"
    assert pov_names(work) == ["Rosalind"]


SPLIT_NAME = """The clerk had gone home and the lamps were lit when the knock came.

"Whitcombe! Still at your desk, I see."

I put down my pen. It was Harland, with snow on his shoulders and a bottle under his arm.

"It is my desk," I said. "Where else should I be?"

"Anywhere warmer," said Harland. He set the bottle between the ledgers. "Nathaniel, you are the most tiresome man in the county, and I have come to make you drink to my wedding."

I fetched two glasses, and Harland talked of the bride until the bottle was half gone.
"""


def test_a_given_name_and_a_surname_said_only_to_the_narrator_are_one_name():
    work = analysed(SPLIT_NAME)
    (scene,) = work.scenes
    narrator = work.character(scene.pov.character)
    assert narrator is not None
    assert {"Nathaniel", "Whitcombe"} <= {narrator.name, *narrator.aliases}


SUMMARY_SUBJECT = """Summary: Ines runs the night desk at a small hotel. The guest in room nine keeps asking for more towels.

The phone rings at ten past two and I already know who it is.

"Nine again," says Marcus from the bar, not looking up. "Want me to go?"

"I'll go." I take the towels from the cupboard and climb the stairs.

The man in room nine opens the door before I knock. He looks at the towels, then at me, and says thank you in a voice like a man at a funeral.
"""


def test_the_summary_subject_breaks_a_silence_about_the_narrator():
    work = analysed(SUMMARY_SUBJECT)
    (scene,) = work.scenes
    assert scene.pov.person == "first"
    assert pov_names(work) == ["Ines"]


def test_the_authors_note_declares_whose_head_the_story_is_in():
    from ficmeld.stages.pov_narrator import declared_pov, name_table, pov_statements
    work = analysed("""A/N: Written for the exchange. Mireille POV throughout, because she deserved one.

Odile stood at the window and counted the carriages. Mireille watched her back and wondered how long it would take.

"Seven," said Odile. "He has sent seven."
""")
    names = names_by_id(work)
    assert names.get(declared_pov(work)) == "Mireille"
    shared = parsed_work("Summary: Odile/Mireille POV, both of them.\n\nOdile came in. Mireille looked up.\n")
    earlier_stages()["characters"](shared)
    assert declared_pov(shared) is None and not pov_statements(shared, name_table(shared))


def test_a_pov_said_to_be_one_of_several_declares_no_single_head():
    work = parsed_work("Summary: The longest night. Odile POV too, omniscient on purpose.\n\nOdile came in. Mireille looked up.\n")
    earlier_stages()["characters"](work)
    from ficmeld.stages.pov_narrator import declared_pov
    assert declared_pov(work) is None


def test_a_paragraph_opening_on_speech_moves_nowhere():
    nlp = load_pipeline()
    assert not opens_elsewhere(nlp('"Come away from the window," said the old man.'))
    assert opens_elsewhere(nlp("Two streets away, the baker was counting his takings."))


def test_could_tell_is_knowing_and_could_tell_someone_is_speech():
    nlp = load_pipeline()
    doc = nlp("As far as Rosa could tell, nobody had slept. She could tell him later.")
    tells = [t for t in doc if t.lower_ == "tell"]
    assert mind_verb(tells[0]) == "know" and mind_verb(tells[1]) is None


def test_a_speech_tag_subject_does_not_open_the_scene():
    from ficmeld.stages.coref import scene_openers
    work = analysed('"Behind," said Marguerite, and went past with a tray, and Odile pressed herself against the wall.\n\n'
                    'Odile had been here six days.\n')
    names = names_by_id(work)
    openers = work.scratch.get("coref.scene_openers", {})
    assert names.get(openers.get(0)) != "Marguerite"



def test_a_clause_under_a_speech_tag_does_not_open_the_scene():
    from ficmeld.stages.coref import scene_openers
    work = analysed('"Again," Rolf said, before Jonty had got his breath back.\n\n'
                    "Rolf had set out the cones at six because he could not sleep.\n")
    assert names_by_id(work).get(work.scratch.get("coref.scene_openers", {}).get(0)) != "Jonty"


@pytest.mark.parametrize("text, seer", [
    ("Jonty sighed with an eye-roll that Rolf was sure could be seen from space.\n", "Jonty"),
    ('"Again," Rolf said, and turned away before Jonty could see his face.\n', "Jonty"),
])
def test_being_seen_and_what_someone_never_got_to_see_are_no_one_s_perception(text, seer):
    from ficmeld.stages.pov import read_paragraphs
    from ficmeld.stages.pov_features import narration_quotes
    work = analysed(text)
    (cid,) = [c for c, name in names_by_id(work).items() if name == seer]
    evidence = read_paragraphs(work, None, narration_quotes(work))
    assert all(ev.focus.get(cid, 0.0) <= 0.0 for ev in evidence.values())


DECLARED = """A/N: Mireille POV, the night before the wedding.

Odile is sitting on the stairs in the dark, and she does not look up when the door opens.

"Go to bed, Mireille," Odile says. "It's late."

She does not go. She has heard the arguments all week, through the wall, and she knows how this ends.

"You're going to tell him," she says at last.

"Someone has to," says Odile.
"""


def test_a_declared_pov_holds_a_scene_whose_head_is_only_she():
    work = analysed(DECLARED)
    assert pov_names(work) == ["Mireille"]


TITLED_SUMMARY = """Summary: Dr. Hale sits up with a feverish patient and, next morning, meets a hermit on the moor.

The patient would not sleep, so neither did I. I counted his pulse by the candle and wrote the figure down. I had seen this fever before, and I did not like it.

"You ought to rest, Doctor," he said at last.

I told him I would rest when he did. My eyes ached, and I kept them open.

* * *

In the morning I walked out onto the moor. A man came out of the gorse on all fours and stood up.

"Old Tam," he said, and touched his cap. "Poor old Tam, that's me. Have you any bread?"

I gave him what I had and he ate it standing.
"""


def test_a_titled_summary_subject_names_a_narrator_the_body_only_calls_by_title():
    work = analysed(TITLED_SUMMARY)
    assert [s.pov.person for s in work.scenes] == ["first", "first"]
    assert pov_names(work) == ["Dr. Hale", "Dr. Hale"]  # not Tam, who names himself to the narrator


VOCATIVE_SENTENCE = """We sit round the table at midnight, as the house rules say, and Odette taps her glass.

"The roof," says Odette.

"It is not the roof," says Piers. "It is the gutters."

"It is never the gutters." Odette turns to me. "Colette. You will ring someone."

I say that I will, and in the morning I do.
"""


def test_a_name_that_is_a_sentence_of_its_own_before_words_to_you_names_the_listener():
    work = analysed(VOCATIVE_SENTENCE)
    assert pov_names(work) == ["Colette"]  # the tagger alone does not know her


SHE_OPENS = """Nora Vance stood at the bus stop and counted her change twice. She knew it would not be enough, and she wondered whether the chemist would let her owe him the rest.

She decided she would ask. The worst he could say was no.

* * *

The shop was dark when she let herself in, except for the back room, where a lamp burned and Mr. Abel Pryor was sitting at his desk, reading.

"You're late," he said.

"The bus was late." Nora put the bag on the counter.

He closed the ledger and looked at her over his glasses, and she could not tell what he was thinking.
"""


def test_a_scene_that_opens_on_she_is_hers_though_a_named_man_sits_later_in_the_sentence():
    work = analysed(SHE_OPENS)
    assert pov_names(work) == ["Nora Vance", "Nora Vance"]


def test_being_able_to_tell_is_knowing():
    doc = load_pipeline()("Rosa had never been able to tell what he was thinking.")
    assert mind_verb(next(t for t in doc if t.lower_ == "tell")) == "know"


def test_a_feeling_only_reported_as_said_is_no_look_inside():
    from ficmeld.stages.pov_features import _reported
    nlp = load_pipeline()
    said = nlp("He said he felt fine.")
    assert _reported(next(t for t in said if t.lower_ == "felt"))
    aside = nlp("He wears them because, he says, they make him feel civilised.")
    assert _reported(next(t for t in aside if t.lower_ == "feel"))
    own = nlp("She told herself she was not afraid, and she knew the way.")
    assert not _reported(next(t for t in own if t.lower_ == "knew"))
    assert not _reported(next(t for t in nlp("He felt the cold.") if t.lower_ == "felt"))
    coordinated = nlp("She said goodbye and felt relief.")
    assert not _reported(next(t for t in coordinated if t.lower_ == "felt"))


PAIRED_SUMMARY = """Summary: One last regatta that Maren Voss and Idris Quell will ever row together. Retirement feelings.

Idris was already in the boat when I got down to the water, and he did not look up.

"You're late," he said.

I was not late. I sat down behind him and took the oars, and we pulled out into the grey.
"""


def test_a_full_name_paired_in_the_summary_with_a_character_the_body_names_is_the_narrator():
    work = analysed(PAIRED_SUMMARY)
    assert pov_names(work) == ["Maren Voss"]


def test_a_given_name_the_tagger_reads_as_an_adjective_is_still_called_out():
    from ficmeld.stages.names import _capitalised_mid_sentence
    work = parsed_work('"Lovely. Rory, can we get the door?" said the director.\n\nrory pls get the door again\n')
    assert "Rory" in _capitalised_mid_sentence(work)


def test_a_full_name_no_list_knows_can_be_the_summary_subject_but_a_place_cannot():
    from ficmeld.stages.pov_narrator import _names_someone
    assert _names_someone(["Hesper", "Quill"]) and _names_someone(["Dr.", "Livesey"])
    assert not _names_someone(["Holloway", "Mill"]) and not _names_someone(["Captain"])


def test_a_full_name_in_capitals_unites_the_names_said_to_the_narrator():
    from ficmeld.stages.pov_narrator import full_name_groups
    work = parsed_work("STATION LOG. OBSERVER: NELKA VARGOS. Lights at the port window.\n\n"
                       '"Vargos," the chief says. "Nelka. Put it in the log."\n')
    work.characters = [Character(id="c0", name="Nelka", aliases=["Nelka"], canonical=None, role="main", mentions=1),
                       Character(id="c1", name="Vargos", aliases=["Vargos"], canonical=None, role="main", mentions=1)]
    assert full_name_groups(work, {"c0", "c1"}) == [{"c0", "c1"}]


def test_a_hyphenated_given_name_with_a_lower_case_part_is_one_name():
    from ficmeld.stages.characters import find_characters
    work = parsed_work("Seo Ji-woo sat down at the board. Seo Ji-woo did not look up when the clock started.\n")
    find_characters(work)
    assert "Seo Ji-woo" in {c.name for c in work.characters}


SUMMARY_POSSESSOR = """Summary: Wilhelmina Achterberg's last night on the ferry desk, and the passenger who will not sit down.

The boat leaves at nine and I count the cars onto it, as I have every night for eleven years.

"Evening," says Dario from the galley hatch. "Busy?"

"Never busy on a Tuesday." I take my clipboard up to the lounge.

The man by the window is still standing. Dario brings him tea and he does not drink it, and I watch him from the desk until the lights of the far shore come up.
"""


def test_a_summary_that_opens_on_someone_s_thing_names_the_narrator_the_body_never_names():
    work = analysed(SUMMARY_POSSESSOR)
    (scene,) = work.scenes
    assert scene.pov.person == "first"
    assert pov_names(work) == ["Wilhelmina Achterberg"]


NICKNAME_AND_FULL_NAME = """You are on the roof before dawn, because the pigeons want feeding before the street wakes.

"Morning, Tock." Priya is at the hatch with a bucket of grain. She hands it up to you and climbs after it.

"They're early," you say.

Priya laughs. The radio in the kitchen below plays the news, and somebody calls up the stairwell. "Anselm Kittredge! Your mother's on the phone!"

You put the bucket down. "Go on, Tock," Priya says. She takes it and scatters the grain, and the birds come down around her.
"""


def test_a_nickname_and_a_full_name_said_only_to_you_are_one_name():
    work = analysed(NICKNAME_AND_FULL_NAME)
    (scene,) = work.scenes
    assert scene.pov.person == "second"
    you = work.character(scene.pov.character)
    assert you is not None and {"Tock", "Anselm Kittredge"} <= {you.name, *you.aliases}


WATCHING_SCENE = """I was the one who held the rope that morning, and I was the one who let it go. I still think about it. I had been told twice to keep both hands on it, and I had kept one.

I remember the cold more than anything. I remember that my gloves were wet.

* * *

Teodor checked the knots again, as always.

"Again?" said Marisol.

"Again." He pulled the last one tight. Marisol laughed, and the twins argued over the map, and Teodor walked the line from the truck to the post and back.

I handed him the flask from the tailgate. He drank and gave it back without a word, and I put it away.

The wind was getting up. Marisol looked at the sky and said nothing, and Teodor started the engine.
"""


def test_a_scene_of_a_first_person_story_that_watches_others_is_still_first_person():
    work = analysed(WATCHING_SCENE)
    assert [s.pov.person for s in work.scenes] == ["first", "first"]


def test_a_letter_in_one_paragraph_does_not_make_a_third_person_scene_first_person():
    letter = ParagraphEvidence(1, sentences=4, first=8, second=2, third=2, past=1, present=3)
    narration = [ParagraphEvidence(i, sentences=3, third=4, past=3) for i in (0, 2, 3, 4, 5)]
    assert scene_person([narration[0], letter, *narration[1:]]) == "third"
    assert scene_person([letter, letter, narration[0]]) == "first"  # 'I' in most paragraphs: a narrator


SUMMARY_ONLY_YOU = """Summary: Regional chess final, Tampere. Fourteen-year-old Saara Lindqvist against the defending champion.

You sit down and the clock is already running. The arbiter nods at you, and the champion does not look up.

Coach Moretti is in the second row with his arms folded. He mouths something you cannot read.

You move the pawn. You press the clock. The scoresheet under your hand says Saara Lindqvist in your own writing.

The champion thinks for a long time. Then he offers you his hand, and you look at it, and you do not take it yet.
"""


def test_a_you_nobody_names_is_the_one_character_the_summary_names():
    work = analysed(SUMMARY_ONLY_YOU)
    (scene,) = work.scenes
    assert scene.pov.person == "second"
    assert pov_names(work) == ["Saara Lindqvist"]


SUMMARY_AND_TAG_ONLY_YOU = """Characters: Mara Quist, Orrin Vale
Rating: General Audiences

Summary: Mara goes back to the lighthouse with a letter she is never going to send.

The lamp room is smaller than you remember, and it smells of brass polish and cold tea.

Orrin is waiting at the top of the stairs. He does not say anything. He only holds the door for you, the way he always did.

You put the letter on the desk. You do not read it again. Your hands know every line of it by now.
"""


def test_a_you_the_body_never_names_is_the_summary_s_subject_under_the_work_s_tag():
    work = analysed(SUMMARY_AND_TAG_ONLY_YOU)
    (scene,) = work.scenes
    assert scene.pov.person == "second" and pov_names(work) == ["Mara Quist"]
    you = work.character(scene.pov.character)
    assert you.canonical == "Mara Quist"
    held = [work.text[m.start:m.end] for m in work.mentions if m.character == you.id]
    assert held.count("You") == 2 and "you" in held and "Your" in held  # the narration's 'you' is hers


OPENS_IN_ONE_HEAD = """Ines Varga unlocked the bakery at five. She knew the ovens would take an hour.

The flour sacks were stacked by the door where the carter had left them. Ines dragged the first one in and cut it open.

Tomasz Bell arrived at half past, red to the ears. Tomasz knew he was late. Tomasz understood, from the set of her back, that she had noticed.

Tomasz hung up his coat. Tomasz thought about going home. Tomasz decided, in the end, that he would rather be shouted at, and Tomasz believed, for the first time, that he might be good at this.

Tomasz took the apron and tied it, and Tomasz wondered what the work would be.
"""


OPENS_ON_SENSES = """Ines Varga unlocked the bakery at five. The cold bit at her fingers, and the street behind her smelled of rain and coal smoke.

She loved the ovens before dawn. The first heat on her face was the best part of the day.

"Morning," said Tomasz Bell from the door.

Tomasz knew he was late. Tomasz understood, from the set of her back, that she had noticed, and Tomasz decided that he would rather be shouted at than sent home.

Tomasz wondered whether she would ever trust him with the ovens. He believed, for the first time, that he might be good at this.
"""


@pytest.mark.parametrize(("text", "hop_opens"), [
    pytest.param(OPENS_IN_ONE_HEAD, "Tomasz Bell arrived", id="the-hop-takes-most-of-the-scene"),
    pytest.param(OPENS_ON_SENSES, "Tomasz knew he was late", id="the-first-head-only-sees-and-feels"),
])
def test_a_scene_belongs_to_the_head_it_opens_in_which_keeps_it_until_the_hop(text, hop_opens):
    work = analysed(text)
    (scene,) = work.scenes
    names = names_by_id(work)
    assert names[scene.pov.character] == "Ines Varga"
    (hop,) = scene.head_hops
    assert names[hop.to] == "Tomasz Bell"
    assert text[hop.start:].startswith(hop_opens)


def test_two_names_only_said_to_the_narrator_are_not_joined_when_someone_else_leads_the_vote():
    from ficmeld.stages.pov_narrator import _split_name

    work = parsed_work('Marta Quill came in from the yard. "Corwin, the gate," she said to me.\n\n'
                       'I shut it. Marta Quill laughed. "Tobias! You never listen. Tobias, the dog."\n\nI went in.\n')
    for name, run in earlier_stages().items():  # everything pov reads, and not pov itself, which would join them
        run(work)
        work.done.add(name)
    ids = {c.name: c.id for c in work.characters}
    assert {"Marta Quill", "Corwin", "Tobias"} <= set(ids)
    candidates = {ids["Marta Quill"], ids["Corwin"], ids["Tobias"]}
    scores = {ids["Marta Quill"]: 3.0, ids["Corwin"]: 1.5, ids["Tobias"]: 1.0}
    assert _split_name(work, candidates, work.quotes, scores) is None
    scores[ids["Marta Quill"]] = 0.5
    assert _split_name(work, candidates, work.quotes, scores) == {ids["Corwin"], ids["Tobias"]}


ONE_CALL_AND_A_SUMMARY = """Summary: Oriel Stannard keeps the lighthouse log through the worst winter in forty years.

The lamp needs trimming at four, and I am up the stairs before the clock has finished striking.

Tobin comes over from the mainland with the post. Tobin is a talker. From the quay somebody shouts, "Cold enough, Marrow?" and the gulls go up.

I write the wind in the log: north-east, rising. Tobin reads it over my shoulder and says nothing.

He leaves at noon. I watch the boat until it is a speck, and then I go back up to the lamp.
"""


def test_one_call_in_the_body_is_less_sure_than_a_summary_about_someone_the_body_never_names():
    work = analysed(ONE_CALL_AND_A_SUMMARY)
    assert pov_names(work) == ["Oriel Stannard"]


READER_INSERT = """You wake to rain on the tin roof. Steve is already up, making coffee badly.

"Morning, Y/N," he says, not turning round. "You snored."

You throw a pillow at him. You miss. He laughs, and you feel your whole chest go warm.

"(y/n). Seriously. We have to be at the base by nine," he says, and you stay in bed anyway.
"""


def test_a_reader_insert_you_is_the_blank_left_for_the_reader_s_name():
    work = analysed(READER_INSERT)
    assert [s.pov.person for s in work.scenes] == ["second"] and pov_names(work) == ["Y/N"]
    names = names_by_id(work)
    he = [names.get(m.character) for m in work.mentions if work.text[m.start:m.end].lower() in ("he", "him")]
    assert he and set(he) == {"Steve"}
    assert {names.get(q.speaker) for q in work.quotes} == {"Steve"}


def test_a_full_name_with_a_particle_unites_the_names_said_to_the_narrator():
    work = analysed("Summary: The Mint is printing a new coin. Konrad von Marrin is not, in any sense, involved.\n\n"
                    'I sat. "Mr Marrin," said the clerk. "Sit down, Mr Marrin."\n\n'
                    'Later the cook looked up at me. "Konrad, you are late. Konrad, eat."\n\n'
                    "I ate. I always eat when I am lying.\n")
    names = pov_names(work)
    assert names[0] is not None and names[0] in ("Mr Marrin", "Konrad", "Konrad von Marrin")
    narrator = next(c for c in work.characters if c.id == work.scenes[0].pov.character)
    assert {"Konrad", "Mr Marrin"} <= {narrator.name, *narrator.aliases}


WEN_RU_IS_CALLED = ('I sweep the yard when the letter comes at dawn. "Wen Ru, it is you or nobody," Shijie says.\n\n'
                    "I look at the bridge. I do not want to go. I go.\n")
# Narrators named by what the summary and the dialogue say, and not by what they only seem to say
NARRATORS = [
    pytest.param("Summary: One winter at Cape Denholm, as told by the keeper's assistant, Ysolde Marrick.\n\n"
                 'I carried the oil up at dusk. "Mind the third step, Doc," the keeper said, and I minded it.\n\n'
                 "The lamp caught on the second match. I sat with it until the clock struck one.\n",
                 "Ysolde Marrick", id="told-by-in-the-summary"),
    pytest.param('My sister met me at the door. "Frederick, you are late," she said.\n\n'
                 'The boy, Pip, was climbing the curtains. "Pip, get down," his mother said, and Pip laughed and '
                 'stayed where he was. "Pip, you will fall."\n\nI lifted him down myself.\n',
                 "Frederick", id="called-but-named-in-narration"),
    pytest.param('The old man sat on my jump seat. "My wife would say, Otto, look at the mountains. '
                 'Every night she would say, Otto, they are not going anywhere."\n\n'
                 'At Mestre I gave his note to Mira. She read it and said to me, "Is he all right, Jana?"\n\n'
                 "I told her I did not know.\n",
                 "Jana", id="call-inside-reported-words"),
    pytest.param('I had the plans by heart. Imogen spread them anyway. "Dash, you take the van. Priscilla, you are '
                 'the caterer."\n\n"I\'m always the caterer," said Priscilla.\n\n"No pressure," said Dash.\n\n'
                 '"Luca likes pressure," Imogen said. "Don\'t you, Luca?"\n\n'
                 "I did not. I liked locks. I said nothing and I counted the wheels.\n",
                 "Luca", id="a-line-to-several"),
    pytest.param('The letter comes at dawn. Shijie reads it to the hall. "Our best sword is hurt. '
                 'Wen Ru, it is you or nobody."\n\nI look at the bridge. I do not want to go.\n',
                 "Wen Ru", id="call-opening-a-later-sentence"),
    pytest.param("Summary: Cloud Reed Sect has been challenged, and its best sword is hurt.\n\n" + WEN_RU_IS_CALLED,
                 "Wen Ru", id="institution-in-the-summary"),
    pytest.param("Summary: The Night Office keeps the keys of the city.\n\n" + WEN_RU_IS_CALLED,
                 "Wen Ru", id="summary-subject-opening-on-the"),
    pytest.param("A/N: Tomas Hale, second person, because I wanted to try it.\n\n"
                 "You stack the ledgers at midnight. Nobody asks you anything at midnight.\n\n"
                 '"Uncle," says Rafe from the door. "You work too late."\n\n"Go to bed."\n\n'
                 "He does not. He sits on the step and talks about Tomas Hale and his old sword until you throw a "
                 "pen at him.\n", "Tomas Hale", id="a-note-names-the-person-it-is-told-in"),
]


@pytest.mark.parametrize(("text", "narrator"), NARRATORS)
def test_the_narrator_is_the_one_the_text_names(text, narrator):
    assert pov_names(analysed(text)) == [narrator]


PAIRED_NARRATOR = """Relationship: Wren Aldous/Petra Lind
Rating: Teen

Petra was already at the ferry rail when I came down the steps, her scarf snapping in the wind.

"You're late, Maddie," Petra said.

"I'm early. The ferry is late."

Petra laughed and handed me the second coffee. I drank it too fast and burned my tongue, and she watched me do it.

"Honestly, Wren," she said. "Every single morning."

The gulls followed us all the way across the bay.
"""


def test_a_first_person_narrator_called_by_two_names_is_the_one_the_relationship_tag_pairs():
    work = analysed(PAIRED_NARRATOR)
    (scene,) = work.scenes
    assert scene.pov.person == "first"
    assert pov_names(work) == ["Wren"]
