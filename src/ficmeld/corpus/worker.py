"""What one worker process (or Ray actor) does: load spaCy once, then analyze works one by one."""
from __future__ import annotations

import importlib
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable

DEFAULT_ANALYZER = "ficmeld.pipeline:analyze_bytes"


@dataclass
class Task:
    name: str
    sha256: str
    data: bytes


@dataclass
class Outcome:
    name: str
    sha256: str
    analysis: Any = None  # ficmeld.model.Analysis when it worked
    words: int = 0
    error: dict = field(default_factory=dict)


def resolve(analyzer: str) -> Callable[..., Any]:
    module, _, attr = analyzer.partition(":")
    return getattr(importlib.import_module(module), attr)


class Worker:
    def __init__(self, model: str | None = None, analyzer: str = DEFAULT_ANALYZER):
        self.model = model
        self.analyze = resolve(analyzer)
        if analyzer == DEFAULT_ANALYZER:
            from ficmeld.nlp import load_pipeline

            load_pipeline(model) if model else load_pipeline()  # cached: every later work reuses it

    def run(self, task: Task) -> Outcome:
        try:
            kwargs = {"model": self.model} if self.model else {}
            analysis = self.analyze(task.data, task.name, **kwargs)
        except Exception as exc:  # one bad work is logged and never stops the run
            return failed(task, exc)
        words = int(analysis.stats.get("words", 0)) if getattr(analysis, "stats", None) else 0
        return Outcome(task.name, task.sha256, analysis, words)


def failed(task: Task, exc: BaseException) -> Outcome:
    return Outcome(task.name, task.sha256, error={
        "path": task.name, "sha256": task.sha256, "error": type(exc).__name__, "message": str(exc),
        "where": traceback.format_exception(exc)[-2].strip() if exc.__traceback__ else ""})


_worker: Worker | None = None


def init_process(model: str | None, analyzer: str) -> None:
    global _worker
    _worker = Worker(model, analyzer)


def run_in_process(task: Task) -> Outcome:
    assert _worker is not None, "init_process runs first as the pool's initializer"
    return _worker.run(task)
