"""The Ray engine: the same work spread over Ray actors, each loading spaCy once."""
from __future__ import annotations

from typing import Iterable, Iterator

from ficmeld.corpus.worker import Outcome, Task, Worker, failed
from ficmeld.errors import FicmeldError


def _ray():
    try:
        import ray
    except ImportError as exc:
        raise FicmeldError("the Ray engine needs the `ray` package",
                           fix="pip install 'ficmeld[ray]', or use --engine local") from exc
    return ray


def run_ray(tasks: Iterable[Task], jobs: int, model: str | None, analyzer: str,
            address: str | None = None) -> Iterator[Outcome]:
    ray = _ray()
    started_here = not ray.is_initialized()
    if started_here:
        if address:
            ray.init(address=address, include_dashboard=False, log_to_driver=False)
        else:
            ray.init(num_cpus=jobs, include_dashboard=False, log_to_driver=False)
    try:
        remote_worker = ray.remote(num_cpus=1)(Worker)
        actors = [remote_worker.remote(model, analyzer) for _ in range(max(1, jobs))]
        idle = list(actors)
        pending: dict = {}
        tasks = iter(tasks)
        while True:
            while idle:
                task = next(tasks, None)
                if task is None:
                    break
                actor = idle.pop()
                pending[actor.run.remote(task)] = (task, actor)
            if not pending:
                return
            [ref], _ = ray.wait(list(pending), num_returns=1)
            task, actor = pending.pop(ref)
            idle.append(actor)
            try:
                yield ray.get(ref)
            except Exception as exc:  # an actor that died takes only its work with it
                yield failed(task, exc)
                idle.remove(actor)
                idle.append(remote_worker.remote(model, analyzer))
    finally:
        if started_here:
            ray.shutdown()
