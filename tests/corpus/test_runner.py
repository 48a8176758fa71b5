import json

import pytest

from ficmeld.corpus import run_corpus
from ficmeld.corpus.query import run_query
from tests.corpus.works import tiny_work, write_corpus

STUB = "tests.corpus.stub:read_only"


def _lines(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_two_hundred_works_three_broken_then_a_resumed_run_skips_them(tmp_path):
    write_corpus(tmp_path / "in", 197)
    first = run_corpus([tmp_path / "in"], tmp_path / "out", jobs=1, analyzer=STUB)
    assert (first.total, first.analyzed, first.errors) == (200, 197, 3)
    errors = _lines(tmp_path / "out" / "errors.jsonl")
    assert sorted(e["path"].rsplit("/", 1)[-1] for e in errors) == ["binary.txt", "empty.txt", "truncated.epub"]
    assert {e["error"] for e in errors} <= {"InputError", "FormatError"}
    assert all(e["message"] for e in errors)
    assert run_query(tmp_path / "out", "SELECT count(*) AS n FROM works").to_pylist() == [{"n": 197}]

    second = run_corpus([tmp_path / "in"], tmp_path / "out", jobs=1, analyzer=STUB)
    assert (second.analyzed, second.skipped, second.errors) == (0, 197, 3)
    assert run_query(tmp_path / "out", "SELECT count(DISTINCT work_id) AS n FROM works").to_pylist() == [{"n": 197}]


def test_new_works_are_added_to_an_existing_output(tmp_path):
    write_corpus(tmp_path / "in", 3)
    run_corpus([tmp_path / "in"], tmp_path / "out", jobs=1, analyzer=STUB)
    (tmp_path / "in" / "late.txt").write_text(tiny_work(999))
    again = run_corpus([tmp_path / "in"], tmp_path / "out", jobs=1, analyzer=STUB)
    assert (again.analyzed, again.skipped) == (1, 3)
    assert len(_lines(tmp_path / "out" / "done.jsonl")) == 4


def test_a_crashing_worker_costs_only_its_own_work(tmp_path):
    write_corpus(tmp_path / "in", 6)
    (tmp_path / "in" / "boom.txt").write_text("Everything went BOOM.\n")
    summary = run_corpus([tmp_path / "in"], tmp_path / "out", jobs=2, analyzer="tests.corpus.stub:crash_on_boom")
    assert summary.analyzed == 6
    crashed = [e for e in _lines(tmp_path / "out" / "errors.jsonl") if e["path"].endswith("boom.txt")]
    assert len(crashed) == 1 and crashed[0]["error"] == "BrokenProcessPool"


def test_real_analysis_end_to_end_with_two_workers(tmp_path):
    write_corpus(tmp_path / "in", 10)
    summary = run_corpus([tmp_path / "in"], tmp_path / "out", jobs=2, write_json=True)
    assert (summary.analyzed, summary.errors) == (10, 3)
    assert summary.words > 100
    assert len(list((tmp_path / "out" / "json").glob("*.json"))) == 10
    speakers = run_query(tmp_path / "out", "SELECT speaker_name FROM quotes_with_speakers").column(0).to_pylist()
    assert speakers and sum(s is not None for s in speakers) >= len(speakers) // 2
    pov = run_query(tmp_path / "out", "SELECT count(*) AS n FROM scenes_with_pov").to_pylist()[0]["n"]
    assert pov >= 10


def test_zip_members_are_analyzed_and_recorded_by_member_name(tmp_path):
    import zipfile
    archive = tmp_path / "fics.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for i in range(3):
            z.writestr(f"fic{i}.txt", tiny_work(i))
    summary = run_corpus([archive], tmp_path / "out", jobs=1, analyzer=STUB)
    assert summary.analyzed == 3
    assert {r["path"] for r in _lines(tmp_path / "out" / "done.jsonl")} == {f"{archive}!fic{i}.txt" for i in range(3)}


def test_an_unknown_engine_or_missing_ray_is_a_clear_error(tmp_path, monkeypatch):
    import sys
    from ficmeld.errors import FicmeldError
    write_corpus(tmp_path / "in", 1)
    with pytest.raises(FicmeldError, match="unknown engine"):
        run_corpus([tmp_path / "in"], tmp_path / "out", engine="spark", analyzer=STUB)
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(FicmeldError, match="needs the `ray` package"):
        run_corpus([tmp_path / "in"], tmp_path / "out2", engine="ray", analyzer=STUB)


@pytest.mark.slow
def test_two_hundred_works_with_the_real_analyzer(tmp_path):
    """The issue's scenario end to end: real spaCy parse and every stage, two workers."""
    write_corpus(tmp_path / "in", 197)
    first = run_corpus([tmp_path / "in"], tmp_path / "out", jobs=2)
    assert (first.total, first.analyzed, first.errors) == (200, 197, 3)
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert len(errors) == 3
    assert run_query(tmp_path / "out", "SELECT count(*) AS n FROM works").to_pylist() == [{"n": 197}]
    second = run_corpus([tmp_path / "in"], tmp_path / "out", jobs=2)
    assert (second.analyzed, second.skipped, second.errors) == (0, 197, 3)
