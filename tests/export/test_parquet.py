from __future__ import annotations

import duckdb
import pyarrow.parquet as pq
import pytest

from ficmeld.errors import FicmeldError
from ficmeld.export.parquet import SCHEMAS, TABLES, append_tables, tables_for, write_tables

from tests.export.works import empty_analysis, small_analysis


@pytest.mark.parametrize("build", [small_analysis, empty_analysis])
def test_every_table_has_its_fixed_schema(build):
    tables = tables_for(build())
    assert tuple(tables) == TABLES
    for name, table in tables.items():
        assert table.schema.equals(SCHEMAS[name]), name
        assert set(table.column("work_id").to_pylist()) <= {build().source.sha256}


def test_row_counts():
    counts = {name: t.num_rows for name, t in tables_for(small_analysis()).items()}
    assert counts == {"works": 1, "chapters": 1, "scenes": 2, "characters": 2, "mentions": 1, "quotes": 3,
                      "emotions": 2, "tags": 3}  # tags: 2 suggestions + the declared rating nobody suggested
    empty = {name: t.num_rows for name, t in tables_for(empty_analysis()).items()}
    assert empty == {"works": 1, "chapters": 1, "scenes": 1, "characters": 0, "mentions": 0, "quotes": 0,
                     "emotions": 0, "tags": 0}


def test_denormalised_columns():
    analysis = small_analysis()
    analysis.characters[1].canonical = "Bram the Keeper"
    tables = tables_for(analysis)
    quotes = tables["quotes"].to_pylist()
    assert [(q["speaker_name"], q["addressee_name"], q["scene"]) for q in quotes] == [
        ("Ines", "Bram", 0), ("Bram", None, 0), ("Bram", None, 1)]
    assert quotes[1]["text"] == '"Only me,"' and quotes[1]["words"] == 2
    assert [q["speaker_canonical"] for q in quotes] == [None, "Bram the Keeper", "Bram the Keeper"]
    scenes = tables["scenes"].to_pylist()
    assert [(s["pov_name"], s["head_hops"], s["quotes"]) for s in scenes] == [("Ines", 0, 2), ("Bram", 1, 1)]
    assert scenes[0]["dominant_emotion"] == "anger"
    tags = {(t["facet"], t["tag"]): (t["declared"], t["suggested"]) for t in tables["tags"].to_pylist()}
    assert tags == {("fandoms", "Original Work"): (True, True), ("rating", "Teen And Up Audiences"): (False, True),
                    ("rating", "General Audiences"): (True, False)}
    chars = {c["name"]: c["pov_scenes"] for c in tables["characters"].to_pylist()}
    assert chars == {"Ines": 1, "Bram": 1}
    assert tables["works"].to_pylist()[0]["fandoms"] == ["Original Work"]


def test_write_tables_round_trips_through_duckdb(tmp_path):
    second = empty_analysis()
    write_tables([small_analysis(), second], tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{t}.parquet" for t in TABLES)
    con = duckdb.connect()
    quoted = con.execute(f"SELECT speaker_name, count(*) FROM read_parquet('{tmp_path}/quotes.parquet') "
                         "GROUP BY 1 ORDER BY 1").fetchall()
    assert quoted == [("Bram", 2), ("Ines", 1)]
    angry = con.execute(
        f"SELECT s.scene, s.pov_name FROM read_parquet('{tmp_path}/scenes.parquet') s "
        f"JOIN read_parquet('{tmp_path}/emotions.parquet') e USING (work_id, scene) "
        "WHERE e.emotion = 'anger' AND e.is_peak").fetchall()
    assert angry == [(0, "Ines")]
    assert con.execute(f"SELECT count(*) FROM read_parquet('{tmp_path}/works.parquet')").fetchone() == (2,)


def test_write_tables_with_no_works_keeps_the_schemas(tmp_path):
    write_tables([], tmp_path)
    for name in TABLES:
        table = pq.read_table(tmp_path / f"{name}.parquet")
        assert table.num_rows == 0 and table.schema.equals(SCHEMAS[name])


def test_append_tables_adds_part_files(tmp_path):
    append_tables([small_analysis()], tmp_path)
    append_tables([small_analysis(), empty_analysis()], tmp_path)
    assert len(list((tmp_path / "quotes").glob("part-*.parquet"))) == 2
    count = duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{tmp_path}/works/*.parquet')").fetchone()
    assert count == (3,)


def test_unwritable_directory_raises(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(FicmeldError):
        write_tables([small_analysis()], tmp_path / "file" / "tables")
