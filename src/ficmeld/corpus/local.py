"""The local engine: a process pool whose workers each load spaCy once."""
from __future__ import annotations

import multiprocessing as mp
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from ficmeld.corpus.worker import Outcome, Task, Worker, failed, init_process, run_in_process


def _context():
    # fork would copy a parent's loaded model and threads; forkserver/spawn start clean
    return mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")


def run_local(tasks: Iterable[Task], jobs: int, model: str | None, analyzer: str) -> Iterator[Outcome]:
    if jobs <= 1:
        worker = Worker(model, analyzer)
        for task in tasks:
            yield worker.run(task)
        return
    yield from _run_pool(iter(tasks), jobs, model, analyzer)


def _pool(jobs: int, model: str | None, analyzer: str) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(jobs, mp_context=_context(), initializer=init_process, initargs=(model, analyzer))


def _run_pool(tasks: Iterator[Task], jobs: int, model: str | None, analyzer: str) -> Iterator[Outcome]:
    # One work per submission: works take far longer than the pickling, and a small queue
    # (2 per worker) keeps memory flat however large the corpus.
    while True:
        pool = _pool(jobs, model, analyzer)
        pending: dict[Future, Task] = {}
        suspects: list[Task] = []
        try:
            while True:
                while len(pending) < 2 * jobs and not suspects:
                    task = next(tasks, None)
                    if task is None:
                        break
                    try:
                        pending[pool.submit(run_in_process, task)] = task
                    except BrokenProcessPool:
                        suspects.append(task)  # the pool broke before this work could start: run it alone
                        break
                if not pending:
                    break
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    task = pending.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool:
                        suspects.append(task)  # which work killed the worker is not known yet
                    except Exception as exc:
                        yield failed(task, exc)
                if suspects and not pending:
                    break
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        if not suspects:
            return
        yield from _isolate(suspects, model, analyzer)


def _isolate(suspects: list[Task], model: str | None, analyzer: str) -> Iterator[Outcome]:
    """Rerun each work that was in flight when a worker died, alone, so only the culprit is lost."""
    pool = _pool(1, model, analyzer)
    try:
        for task in suspects:
            try:
                yield pool.submit(run_in_process, task).result()
            except BrokenProcessPool as exc:
                yield failed(task, exc)
                pool.shutdown(wait=True)
                pool = _pool(1, model, analyzer)
            except Exception as exc:
                yield failed(task, exc)
    finally:
        pool.shutdown(wait=True)
