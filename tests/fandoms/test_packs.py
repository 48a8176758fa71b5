"""Pack files: every shipped pack loads, lookups follow aliases and titles, broken user packs fail clearly."""
from __future__ import annotations

import pytest

from ficmeld.errors import FicmeldError
from ficmeld.fandoms import FandomPack, PackCharacter, load_packs


def _pack(name: str) -> FandomPack:
    return next(p for p in load_packs() if p.name == name)


def test_shipped_packs_all_load_and_cover_the_large_fandoms():
    packs = load_packs()
    assert len(packs) >= 24
    for pack in packs:
        assert pack.tags and pack.characters, pack.name
        assert all(c.gender in (None, "male", "female", "plural", "other") for c in pack.characters)
    names = {p.name for p in packs}
    assert {"Star Trek", "Harry Potter", "Marvel", "Sherlock Holmes", "Tolkien"} <= names


def test_lookup_by_alias_nickname_description_and_title():
    trek = _pack("Star Trek")
    assert trek.lookup("Bones").tag == "Leonard McCoy"
    assert trek.lookup("jim").tag == "James T. Kirk"
    assert trek.lookup("Captain Kirk").tag == "James T. Kirk"
    assert trek.lookup("Lieutenant Sulu").tag == "Hikaru Sulu"  # title + surname, not listed as an alias
    assert trek.lookup("Spock's older self").tag == "Spock Prime"
    assert trek.lookup("Ambassador Spock").tag == "Spock Prime"
    assert trek.lookup("Spock").tag == "Spock"
    assert trek.lookup("Gandalf") is None
    assert trek.is_not_character("Enterprise") and trek.is_not_character("vulcan")
    assert not trek.is_not_character("Spock")


def test_an_alias_two_characters_share_is_ambiguous():
    a = PackCharacter("Ann Smith", ("Smithy",), "female")
    b = PackCharacter("Bob Smith", ("Smithy",), "male")
    pack = FandomPack("Test", ("Test",), (), (), (), (a, b))
    assert pack.lookup("Smithy") is None
    assert pack.lookup("Mr. Smith") is None
    assert pack.lookup("Ann Smith") is a


def test_a_user_pack_is_loaded_from_FICMELD_PACKS(tmp_path, monkeypatch):
    (tmp_path / "lanterns.toml").write_text(
        'name = "Lantern Keepers"\ntags = ["Lantern Keepers (Web Serial)"]\n'
        '[[characters]]\ntag = "Orrin Vale"\naliases = ["Orrin"]\ngender = "male"\n', encoding="utf-8")
    monkeypatch.setenv("FICMELD_PACKS", str(tmp_path))
    pack = next(p for p in load_packs() if p.name == "Lantern Keepers")
    assert pack.lookup("Orrin").tag == "Orrin Vale"


@pytest.mark.parametrize("body, complaint", [
    ('name = "Broken"\ntags = "not a list"\n', "`tags` must be a list"),
    ('tags = ["X"]\n', "`name`"),
    ('name = "Broken"\ntags = ["X"]\n[[characters]]\naliases = ["A"]\n', "needs a `tag`"),
    ('name = "Broken"\ntags = ["X"]\n[[characters]]\ntag = "A"\ngender = "robot"\n', "`gender` must be one of"),
    ('name = "Broken"\ntags = ["X"]\ncharacter = []\n', "unknown key"),
    ('name = "Broken\ntags = ["X"]\n', "not valid TOML"),
])
def test_a_broken_user_pack_names_the_file_and_the_fault(tmp_path, monkeypatch, body, complaint):
    path = tmp_path / "broken.toml"
    path.write_text(body, encoding="utf-8")
    monkeypatch.setenv("FICMELD_PACKS", str(tmp_path))
    with pytest.raises(FicmeldError) as err:
        load_packs()
    assert str(path) in str(err.value)
    assert complaint in str(err.value)
