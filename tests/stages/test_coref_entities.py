from tests.stages.helpers import coref_resolved, mention_targets




def test_a_described_person_gathers_the_description_and_pronouns():
    work = coref_resolved("A young woman came into the shop. The young woman bought bread, and she paid in coins.\n")
    woman = [c for c in work.characters if c.name.lower() == "a young woman"]
    assert len(woman) == 1
    assert mention_targets(work, "The young woman") == [woman[0].name]
    assert mention_targets(work, "she") == [woman[0].name]
    assert woman[0].gender == "female"


def test_groups_and_passing_descriptions_make_no_character():
    work = coref_resolved("Nora Black crossed the square. The men outside the tavern laughed. A waiter dropped a tray.\n")
    assert [c.name for c in work.characters] == ["Nora Black"]
    groups = [m for m in work.mentions if work.text[m.start:m.end].startswith("The men")]
    assert groups and groups[0].character is None


def test_character_ids_stay_contiguous_after_pruning():
    work = coref_resolved("A waiter came by. Nora Black frowned. A clerk nodded to a porter, and Nora Black left. She was late.\n")
    assert [c.id for c in work.characters] == [f"c{i}" for i in range(len(work.characters))]
    ids = {c.id for c in work.characters}
    assert all(m.character in ids for m in work.mentions if m.character is not None)
