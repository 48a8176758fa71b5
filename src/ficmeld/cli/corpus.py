"""`ficmeld corpus` and `ficmeld query`: run a whole corpus, then ask its database questions."""
from __future__ import annotations

import sys
from pathlib import Path

from ficmeld.errors import QueryError

FORMATS = ("table", "csv", "json", "parquet")


def run_corpus_command(inputs: list[str], *, out: Path, jobs: int | None, engine: str, address: str | None,
                       model: str | None, write_json: bool, quiet: bool) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from ficmeld.corpus import run_corpus

    err = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rates]}"), TimeRemainingColumn())
    with Progress(*columns, console=err, disable=quiet, transient=False) as bar:
        task = bar.add_task("works", total=None, rates="")
        words = [0]

        def on_progress(event: str, name: str, n_words: int) -> None:
            words[0] += n_words
            elapsed = bar.tasks[0].elapsed or 1e-9
            done = bar.tasks[0].completed + 1
            bar.update(task, advance=1, rates=f"{done / elapsed:.1f} works/s, {words[0] / elapsed:,.0f} words/s")

        summary = run_corpus(inputs, out, jobs=jobs, engine=engine, address=address, model=model,
                             write_json=write_json, progress=on_progress,
                             on_total=lambda n: bar.update(task, total=n))
    if not quiet:
        err.print(f"{summary.analyzed} analyzed ({summary.words:,} words), {summary.skipped} already done, "
                  f"{summary.errors} error(s)" + (f" (see {out / 'errors.jsonl'})" if summary.errors else ""),
                  markup=False, highlight=False)


def run_query_command(out: Path, sql: str, *, fmt: str, to: Path | None) -> None:
    from ficmeld.corpus import run_query

    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}", fix=f"choose from {', '.join(FORMATS)}")
    if fmt == "parquet" and to is None:
        raise QueryError("--format parquet writes a file", fix="add -o FILE.parquet")
    table = run_query(out, sql)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(table, to)
    elif fmt == "csv":
        import pyarrow.csv as pacsv

        _emit(_csv_bytes(table, pacsv), to)
    elif fmt == "json":
        import json

        _emit((json.dumps(table.to_pylist(), ensure_ascii=False, default=str, indent=1) + "\n").encode(), to)
    else:
        _print_table(table)


def _csv_bytes(table, pacsv) -> bytes:
    import io

    sink = io.BytesIO()
    # CSV has no lists: write them as JSON text
    import json
    import pyarrow as pa

    cols = {}
    for name, col in zip(table.column_names, table.columns):
        if pa.types.is_list(col.type) or pa.types.is_struct(col.type):
            cols[name] = pa.array([json.dumps(v, default=str) for v in col.to_pylist()])
        else:
            cols[name] = col
    pacsv.write_csv(pa.table(cols), sink)
    return sink.getvalue()


def _emit(data: bytes, to: Path | None) -> None:
    if to is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        Path(to).write_bytes(data)


def _print_table(table) -> None:
    from rich.console import Console
    from rich.table import Table

    view = Table(*table.column_names)
    for row in table.to_pylist():
        view.add_row(*("" if v is None else str(v) for v in row.values()))
    Console().print(view)
