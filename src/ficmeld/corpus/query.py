"""Run SQL against a corpus folder's DuckDB database."""
from __future__ import annotations

from pathlib import Path

from ficmeld.corpus.store import DB_NAME
from ficmeld.errors import QueryError


def run_query(out: str | Path, sql: str):
    """The result of `sql` as a pyarrow Table; QueryError for a missing database or bad SQL."""
    import duckdb

    db = Path(out) / DB_NAME if Path(out).is_dir() else Path(out)
    if not db.is_file():
        raise QueryError("no ficmeld database here", path=str(db), fix="run `ficmeld corpus ... -o DIR` first")
    con = duckdb.connect(str(db), read_only=True)
    try:
        relation = con.sql(sql)
        if relation is None:  # a statement with no result rows
            import pyarrow as pa

            return pa.table({})
        return relation.to_arrow_table() if hasattr(relation, "to_arrow_table") else relation.arrow()
    except duckdb.Error as exc:
        raise QueryError(f"the query failed: {exc}", fix="check the SQL; `SHOW TABLES` lists what there is") from exc
    finally:
        con.close()
