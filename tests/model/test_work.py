

def test_a_new_character_id_is_free_after_merges_left_gaps():
    from ficmeld.model.document import Character
    from ficmeld.model.work import Source, Work

    work = Work(text="", source=Source(path="x", format="text", sha256="0", encoding="utf-8"))
    work.characters = [Character(id=i, name=i, aliases=[], canonical=None, role="mentioned", mentions=0)
                       for i in ("c0", "c2", "c3")]
    assert work.new_character_id() == "c4"
    work.characters = []
    assert work.new_character_id() == "c0"
