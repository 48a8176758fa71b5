"""Order and run the stages over one work: read, structure, parse once, then every stage."""
from __future__ import annotations

import importlib
import os
import time
from typing import Callable, Iterable

from ficmeld.errors import PipelineError
from ficmeld.ingest import read_work, read_work_bytes
from ficmeld.model import Analysis
from ficmeld.model.work import Work
from ficmeld.nlp import load_pipeline, parse_work
from ficmeld.nlp.packed import forget_all
from ficmeld.stages.base import REGISTRY, Stage
from ficmeld.structure import build_structure

# Modules whose import registers the stages, in the order they run.
STAGE_MODULES = (
    "ficmeld.stages.characters",
    "ficmeld.stages.quotes",
    "ficmeld.stages.coref",
    "ficmeld.stages.speakers",
    "ficmeld.stages.pov",
    "ficmeld.stages.roles",
    "ficmeld.stages.emotions",
    "ficmeld.stages.arcs",
    "ficmeld.stages.tags",
    "ficmeld.stages.stats",
)
DEFAULT_STAGES = ("characters", "quotes", "coref", "speakers", "pov", "roles", "emotions", "arcs", "tags", "stats")
BUILT_INS = ("structure", "parse")
Progress = Callable[[str, int, int], None]


def available_stages() -> dict[str, Stage]:
    for module in STAGE_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    return dict(REGISTRY)


def check_order(names: Iterable[str]) -> list[Stage]:
    stages = available_stages()
    done = set(BUILT_INS)
    ordered = []
    for name in names:
        if name not in stages:
            raise PipelineError(f"unknown stage {name!r}", fix=f"choose from {', '.join(stages)}")
        s = stages[name]
        missing = [r for r in s.requires if r not in done]
        if missing:
            raise PipelineError(f"stage {name!r} needs {', '.join(missing)} to run before it",
                                fix="put those stages earlier, or leave --stages out to run them all")
        done.add(name)
        ordered.append(s)
    return ordered


def run_stages(work: Work, names: Iterable[str] | None = None, *, model: str | None = None,
               keep_parse: bool = False, progress: Progress | None = None) -> Work:
    """Structure, one spaCy parse, then each stage in order, timing each.

    `progress(step, done, total)` is told what runs: "parse" with characters parsed so far, then
    each stage's name with (i, number of stages).
    """
    names = list(names) if names is not None else [n for n in DEFAULT_STAGES if n in available_stages()]
    stages = check_order(names)
    t = time.perf_counter()
    if not work.paragraphs:
        build_structure(work)
    work.timings["structure"] = time.perf_counter() - t
    t = time.perf_counter()
    nlp = load_pipeline(model) if model else load_pipeline()
    work.timings["load_model"] = time.perf_counter() - t
    t = time.perf_counter()
    parse_work(work, nlp, progress=(lambda done, total: progress("parse", done, total)) if progress else None)
    work.timings["parse"] = time.perf_counter() - t
    work.done.update(BUILT_INS)
    for i, s in enumerate(stages):
        if progress is not None:
            progress(s.name, i, len(stages))
        t = time.perf_counter()
        s(work)
        work.timings[s.name] = time.perf_counter() - t
        work.done.add(s.name)
    if not keep_parse:
        work.parsed = []  # the parse is shared by the stages above and not needed after them
        forget_all()
    return work


def analyze(path: str | os.PathLike, *, stages: Iterable[str] | None = None, model: str | None = None,
            fmt: str | None = None, progress: Progress | None = None) -> Analysis:
    """Read and analyze one file; returns the analysis document of spec/OUTPUT.md."""
    t = time.perf_counter()
    work = read_work(path, fmt=fmt)
    work.timings["read"] = time.perf_counter() - t
    return run_stages(work, stages, model=model, progress=progress).to_analysis()


def analyze_bytes(data: bytes, name: str, *, stages: Iterable[str] | None = None, model: str | None = None,
                  fmt: str | None = None) -> Analysis:
    t = time.perf_counter()
    work = read_work_bytes(data, name, fmt=fmt)
    work.timings["read"] = time.perf_counter() - t
    return run_stages(work, stages, model=model).to_analysis()
