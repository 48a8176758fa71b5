import pytest

from ficmeld.corpus import run_corpus, run_query
from tests.corpus.works import write_corpus


@pytest.mark.slow
def test_ray_engine_writes_the_same_tables(tmp_path):
    pytest.importorskip("ray")
    write_corpus(tmp_path / "in", 4)
    summary = run_corpus([tmp_path / "in"], tmp_path / "out", jobs=2, engine="ray")
    assert (summary.analyzed, summary.errors) == (4, 3)
    local = run_corpus([tmp_path / "in"], tmp_path / "local", jobs=1)
    query = "SELECT work_id, count(*) AS n FROM quotes GROUP BY work_id ORDER BY work_id"
    assert run_query(tmp_path / "out", query).to_pylist() == run_query(tmp_path / "local", query).to_pylist()
    assert local.analyzed == 4
