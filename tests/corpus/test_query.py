import pytest

from ficmeld.corpus import run_corpus, run_query
from ficmeld.errors import QueryError
from tests.corpus.works import write_corpus


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    write_corpus(root / "in", 5)
    run_corpus([root / "in"], root / "out", jobs=1, analyzer="tests.corpus.stub:read_only")
    return root / "out"


def test_tables_and_views_are_there(out):
    names = set(run_query(out, "SELECT table_name FROM information_schema.tables").column(0).to_pylist())
    assert {"works", "chapters", "scenes", "characters", "quotes", "emotions", "tags", "mentions"} <= names
    assert {"quotes_with_speakers", "scenes_with_pov", "character_emotions"} <= names


def test_views_join_on_work_id(out):
    rows = run_query(out, "SELECT DISTINCT work_id, path FROM scenes_with_pov ORDER BY path").to_pylist()
    assert len(rows) == 5 and all(r["path"].endswith(".txt") for r in rows)


def test_the_database_file_itself_can_be_named(out):
    assert run_query(out / "ficmeld.duckdb", "SELECT 1 AS one").to_pylist() == [{"one": 1}]


def test_bad_sql_and_a_missing_database_are_query_errors(out, tmp_path):
    with pytest.raises(QueryError, match="query failed"):
        run_query(out, "SELECT * FROM no_such_table")
    with pytest.raises(QueryError, match="no ficmeld database"):
        run_query(tmp_path, "SELECT 1")


def test_the_database_is_opened_read_only(out):
    with pytest.raises(QueryError):
        run_query(out, "DROP TABLE works")
    assert run_query(out, "SELECT count(*) AS n FROM works").to_pylist() == [{"n": 5}]
