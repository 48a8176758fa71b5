import zipfile

import pytest

from ficmeld.corpus.inputs import discover
from ficmeld.errors import InputError


def test_folders_are_walked_recursively_for_known_suffixes(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("One.")
    (tmp_path / "a" / "b" / "two.md").write_text("Two.")
    (tmp_path / "a" / "b" / "notes.json").write_text("{}")
    names = [item.name for item in discover([tmp_path / "a"])]
    assert names == [str(tmp_path / "a" / "b" / "two.md"), str(tmp_path / "a" / "one.txt")]


def test_globs_and_duplicates(tmp_path):
    for n in ("x.txt", "y.txt", "z.html"):
        (tmp_path / n).write_text("Text.")
    items = discover([str(tmp_path / "*.txt"), tmp_path / "x.txt"])
    assert sorted(i.name for i in items) == [str(tmp_path / "x.txt"), str(tmp_path / "y.txt")]


def test_zip_members_are_works_named_archive_bang_member(tmp_path):
    archive = tmp_path / "works.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("fic/first.txt", "First story.")
        z.writestr("fic/", "")
        z.writestr("second.txt", "Second story.")
    items = discover([archive])
    assert [i.name for i in items] == [f"{archive}!fic/first.txt", f"{archive}!second.txt"]
    assert items[0].load() == b"First story."


def test_a_missing_input_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        discover([tmp_path / "nothing.txt"])
    with pytest.raises(InputError):
        discover([str(tmp_path / "*.epub")])
