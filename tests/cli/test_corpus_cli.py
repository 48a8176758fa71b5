import json

import pytest
from typer.testing import CliRunner

from ficmeld.cli import app
from ficmeld.corpus import run_corpus
from tests.corpus.works import write_corpus

runner = CliRunner()


@pytest.mark.parametrize("command, words", [("corpus", ["--jobs", "--engine", "--address", "--json"]),
                                            ("query", ["--format", "SQL"])])
def test_help(command, words):
    result = runner.invoke(app, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0
    for word in words:
        assert word in result.output


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    write_corpus(root / "in", 4)
    run_corpus([root / "in"], root / "out", jobs=1, analyzer="tests.corpus.stub:read_only")
    return root / "out"


def test_query_formats(out, tmp_path):
    sql = "SELECT path FROM works ORDER BY path"
    as_json = runner.invoke(app, ["query", str(out), sql, "--format", "json"])
    assert as_json.exit_code == 0 and len(json.loads(as_json.stdout)) == 4
    as_csv = runner.invoke(app, ["query", str(out), sql, "--format", "csv"])
    assert as_csv.stdout.splitlines()[0] == '"path"' and len(as_csv.stdout.splitlines()) == 5
    table = runner.invoke(app, ["query", str(out), sql], terminal_width=300)
    assert "work-000.txt" in table.stdout
    target = tmp_path / "r.parquet"
    assert runner.invoke(app, ["query", str(out), sql, "--format", "parquet", "-o", str(target)]).exit_code == 0
    import pyarrow.parquet as pq
    assert pq.read_table(target).num_rows == 4


def test_query_errors_are_ficmeld_errors(out, tmp_path):
    from ficmeld.errors import QueryError
    for args in (["query", str(tmp_path), "SELECT 1"], ["query", str(out), "SELEC nonsense"],
                 ["query", str(out), "SELECT 1", "--format", "parquet"]):
        result = runner.invoke(app, args)
        assert isinstance(result.exception, QueryError), args


def test_corpus_command_runs_and_reports(tmp_path):
    write_corpus(tmp_path / "in", 2)
    result = runner.invoke(app, ["corpus", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "2"])
    assert result.exit_code == 0, result.output
    assert "2 analyzed" in result.output and "3 error(s)" in result.output
