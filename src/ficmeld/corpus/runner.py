"""`ficmeld corpus`: discover works, skip finished ones, analyze the rest, store every result."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ficmeld.corpus.inputs import Item, discover
from ficmeld.corpus.store import Store
from ficmeld.corpus.worker import DEFAULT_ANALYZER, Outcome, Task
from ficmeld.errors import FicmeldError

# progress(event, name, words): event is "done", "skipped" or "error"
Progress = Callable[[str, str, int], None]


@dataclass
class RunSummary:
    total: int = 0
    analyzed: int = 0
    skipped: int = 0
    errors: int = 0
    words: int = 0
    error_records: list[dict] = field(default_factory=list)


def run_corpus(inputs: list[str | Path], out: str | Path, *, jobs: int | None = None, engine: str = "local",
               address: str | None = None, model: str | None = None, write_json: bool = False,
               batch_size: int = 25, analyzer: str = DEFAULT_ANALYZER,
               progress: Progress | None = None, on_total: Callable[[int], None] | None = None) -> RunSummary:
    items = discover(inputs)
    store = Store(out)
    summary = RunSummary(total=len(items))
    if on_total:
        on_total(len(items))
    jobs = jobs or os.cpu_count() or 1
    tasks = _tasks(items, store.done(), summary, store, progress)
    if engine == "local":
        from ficmeld.corpus.local import run_local
        outcomes = run_local(tasks, jobs, model, analyzer)
    elif engine == "ray":
        from ficmeld.corpus.ray_engine import run_ray
        outcomes = run_ray(tasks, jobs, model, analyzer, address)
    else:
        raise FicmeldError(f"unknown engine {engine!r}", fix="use --engine local or --engine ray")
    batch: list[Outcome] = []
    for outcome in outcomes:
        if outcome.error:
            _record_error(store, summary, outcome.error, progress)
            continue
        batch.append(outcome)
        summary.analyzed += 1
        summary.words += outcome.words
        if progress:
            progress("done", outcome.name, outcome.words)
        if len(batch) >= batch_size:
            _flush(store, batch, write_json)
    _flush(store, batch, write_json)
    store.rebuild_database()
    return summary


def _tasks(items: list[Item], done: set[str], summary: RunSummary, store: Store,
           progress: Progress | None) -> Iterator[Task]:
    seen = set(done)
    for item in items:
        try:
            data = item.load()
        except Exception as exc:
            _record_error(store, summary, {"path": item.name, "sha256": None, "error": type(exc).__name__,
                                           "message": str(exc)}, progress)
            continue
        sha = hashlib.sha256(data).hexdigest()
        if sha in seen:  # finished in an earlier run, or the same bytes twice in this one
            summary.skipped += 1
            if progress:
                progress("skipped", item.name, 0)
            continue
        seen.add(sha)
        yield Task(item.name, sha, data)


def _record_error(store: Store, summary: RunSummary, record: dict, progress: Progress | None) -> None:
    store.log_errors([record])
    summary.errors += 1
    summary.error_records.append(record)
    if progress:
        progress("error", record["path"], 0)


def _flush(store: Store, batch: list[Outcome], write_json: bool) -> None:
    """Tables first, then the manifest: a run cut off in between redoes the batch, never loses it."""
    if not batch:
        return
    from ficmeld.export import parquet

    parquet.append_tables([o.analysis for o in batch], store.tables)
    if write_json:
        from ficmeld.export.json import write_json as write_one

        for o in batch:
            write_one(o.analysis, store.out / "json" / f"{_stem(o.name)}-{o.sha256[:8]}.json")
    store.mark_done([{"sha256": o.sha256, "path": o.name, "words": o.words} for o in batch])
    batch.clear()


def _stem(name: str) -> str:
    return Path(name.split("!")[-1]).stem or "work"
