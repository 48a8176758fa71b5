from tests.stages.helpers import coref_resolved


def _name_mentions(work):
    return [work.text[m.start:m.end] for m in work.mentions if m.kind == "name"]


def test_a_name_mention_takes_in_its_determiner_and_adjectives():
    work = coref_resolved("Marla Quint fed the hens. Later old Fenwick came by, and the grumpy Fenwick sat down.\n",
                          quotes=False)
    spans = _name_mentions(work)
    assert "old Fenwick" in spans and "the grumpy Fenwick" in spans


def test_the_widened_mention_keeps_its_character_and_alias():
    work = coref_resolved("Marla Quint fed the hens. Later old Fenwick came by. Fenwick sat down.\n", quotes=False)
    old = [m for m in work.mentions if work.text[m.start:m.end] == "old Fenwick"]
    assert len(old) == 1 and old[0].character is not None
    aliases = work.character(old[0].character).aliases
    assert "Fenwick" in aliases and "old Fenwick" not in aliases


def test_a_verb_or_quantifier_before_a_name_stays_out():
    work = coref_resolved("\u201cCome here,\u201d called Dessa. All Rowan wanted was sleep.\n")
    spans = _name_mentions(work)
    assert "called Dessa" not in spans and "All Rowan" not in spans
