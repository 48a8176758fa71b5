"""The emotions stage on small works built by hand: characters, mentions, quotes and POV set here."""
from __future__ import annotations

import re

from ficmeld.model.document import EMOTIONS, Character, Mention, Pov, Quote
from ficmeld.stages.emotions import emotions

from tests.stages.helpers import parsed_work


def cast(work, people: dict[str, str], pronouns: dict[str, str] | None = None):
    """Characters by id -> name; every whole-word occurrence of a name (or a listed pronoun) is a mention."""
    work.characters = [Character(id=cid, name=name, aliases=[name], canonical=None, role="main", mentions=0)
                       for cid, name in people.items()]
    surfaces = {name: (cid, "name") for cid, name in people.items()}
    surfaces.update({p: (cid, "pronoun") for p, cid in (pronouns or {}).items()})
    mentions = []
    for surface, (cid, kind) in surfaces.items():
        for m in re.finditer(rf"\b{re.escape(surface)}\b", work.text):
            mentions.append(Mention(start=m.start(), end=m.end(), character=cid, kind=kind))
    work.mentions = sorted(mentions, key=lambda m: m.start)


def quote(work, text: str, speaker: str | None, addressee: str | None = None) -> Quote:
    start = work.text.index(text)
    q = Quote(start=start, end=start + len(text), kind="speech", speaker=speaker, addressee=addressee, confidence=1.0)
    work.quotes.append(q)
    return q


def set_pov(work, character: str | None):
    for scene in work.scenes:
        scene.pov = Pov(character=character, person="third", tense="past", confidence=1.0)


def readings(work, experiencer=None, emotion=None):
    return [r for r in work.emotions if (experiencer is None or r.experiencer == experiencer)
            and (emotion is None or r.emotion == emotion)]


def test_subject_of_an_emotion_predicate_feels_it():
    work = parsed_work("Orla stood at the gate.\n\nOrla was terrified of the dark road ahead.\n")
    cast(work, {"c0": "Orla"})
    emotions(work)
    fear = readings(work, "c0", "fear")
    assert fear and "terrified" in " ".join(fear[0].evidence)
    assert all(0.0 <= r.intensity <= 1.0 for r in work.emotions)


def test_pronoun_subject_maps_through_its_mention():
    work = parsed_work("Orla and Bram sat by the fire.\n\nBram poked the coals. She was terrified of him.\n")
    cast(work, {"c0": "Orla", "c1": "Bram"}, pronouns={"She": "c0", "him": "c1"})
    emotions(work)
    assert readings(work, "c0", "fear")
    assert not readings(work, "c1", "fear")


def test_an_emotional_quote_belongs_to_its_speaker_and_a_denial_is_not_fear():
    text = ("Tam looked at the water rising round the car.\n\n"
            "\"I'm scared,\" Tam said.\n\n"
            "Tam was never scared. Wren held the door.\n")
    work = parsed_work(text)
    cast(work, {"c0": "Tam", "c1": "Wren"})
    quote(work, "\"I'm scared,\"", "c0")
    set_pov(work, "c1")
    emotions(work)
    fear = readings(work, emotion="fear")
    denial = text.index("Tam was never")
    assert [r.experiencer for r in fear] == ["c0"]
    assert all(r.start < denial for r in fear)  # the denied fear gave no reading
    assert any(r.emotion == "fear" for r in work.scratch["emotions.negated"])


def test_narrated_feeling_without_a_subject_goes_to_the_pov_character():
    work = parsed_work("Ines read the letter twice.\n\nGrief. Nothing but grief, heavy and grey.\n")
    cast(work, {"c0": "Ines"})
    set_pov(work, "c0")
    emotions(work)
    sad = readings(work, "c0", "sadness")
    assert sad and sad[0].scene == work.paragraph_at(sad[0].start).scene


def test_without_pov_or_speaker_the_experiencer_stays_unknown():
    work = parsed_work("\"So scared,\" came a voice from the dark.\n\nGrief, heavy and grey.\n")
    quote(work, "\"So scared,\"", None)
    emotions(work)
    assert work.emotions and all(r.experiencer is None for r in work.emotions)


def test_a_work_with_no_parsed_body_gives_no_readings():
    work = parsed_work("Only a line of text.\n")
    work.parsed = []
    emotions(work)
    assert work.emotions == []


def test_a_death_is_grief_for_the_bereaved_not_for_the_dead():
    work = parsed_work("Mira held the letter.\n\nWhen Mira read it she understood that Jonah died, and she wept.\n")
    cast(work, {"c0": "Mira", "c1": "Jonah"})
    set_pov(work, "c0")
    emotions(work)
    assert not readings(work, "c1")  # Jonah is the subject of 'died', not its mourner
    assert readings(work, "c0", "sadness")
    assert not readings(work, emotion="anger")


def test_the_stage_leaves_each_paragraphs_soft_emotion_mass_for_the_arcs():
    work = parsed_work("Orla laughed with joy.\n\nOrla wept with grief.\n")
    cast(work, {"c0": "Orla"})
    emotions(work)
    mass = work.scratch["emotions.paragraph_mass"]
    glad, sad = (mass[pp.paragraph] for pp in work.parsed)
    sadness, joy = EMOTIONS.index("sadness"), EMOTIONS.index("joy")
    assert glad[joy] > glad[sadness] and sad[sadness] > sad[joy]


def test_whom_a_feeling_is_directed_at_is_the_readings_target():
    work = parsed_work("Nell and Bram met on the stair.\n\nNell was terrified of Bram.\n")
    cast(work, {"c0": "Nell", "c1": "Bram"})
    emotions(work)
    fear = [r for r in work.emotions if r.emotion == "fear" and r.experiencer == "c0"]
    assert fear and all(r.target == "c1" for r in fear)
