"""ficmeld benchmarks: `make benchmark` or `python benchmarks/run.py [--quick]`.

Writes benchmarks/results/<timestamp>.json and prints a table of the figures against their targets.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.texts import WORD, big_work, litbank_texts  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
BIN = Path(sys.executable).parent


def throughput(texts: list[tuple[str, str]]) -> dict:
    """Bare spaCy over the body paragraphs ficmeld parses, then ficmeld end to end, same texts."""
    from ficmeld.ingest import read_work_bytes
    from ficmeld.nlp import load_pipeline
    from ficmeld.pipeline import analyze_bytes
    from ficmeld.structure import build_structure

    nlp = load_pipeline()
    paragraphs, words = [], 0
    for name, text in texts:
        work = read_work_bytes(text.encode(), f"{name}.txt")
        build_structure(work)
        body = [work.text[p.start:p.end] for p in work.paragraphs if p.part == "body" and p.scene is not None]
        paragraphs += body
        words += sum(len(WORD.findall(p)) for p in body)
    t = time.perf_counter()
    for _ in nlp.pipe(paragraphs, batch_size=64):
        pass
    bare = time.perf_counter() - t
    timings: dict[str, float] = {}
    t = time.perf_counter()
    for name, text in texts:
        for stage, s in analyze_bytes(text.encode(), f"{name}.txt").timings.items():
            timings[stage] = timings.get(stage, 0.0) + s
    full = time.perf_counter() - t
    return {"works": len(texts), "words": words, "spacy_words_per_s": words / bare,
            "ficmeld_words_per_s": words / full, "ratio": bare / full,
            "stage_seconds": dict(sorted(timings.items(), key=lambda kv: -kv[1]))}


def scaling(texts: list[tuple[str, str]]) -> dict:
    """The same corpus with 1 and with 2 worker processes, both through the process pool
    (jobs=1 would otherwise run in-process and skip the start-up the 2-worker run pays).

    The full run uses all 100 LitBank texts (~212,000 words): each worker pays ~1.5 s to load
    spaCy, and on a 24-text corpus that fixed cost alone holds the speed-up near 1.7x."""
    seconds = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for name, text in texts:
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        for jobs in (1, 2):
            t = time.perf_counter()
            _pool_run(folder, Path(tmp) / f"out{jobs}", jobs)
            seconds[jobs] = time.perf_counter() - t
    return {"works": len(texts), "seconds_1": seconds[1], "seconds_2": seconds[2], "speedup": seconds[1] / seconds[2]}


def _pool_run(folder: Path, out: Path, jobs: int) -> None:
    code = ("import sys; from ficmeld.corpus import local, run_corpus; "
            "local.run_local = lambda tasks, jobs, model, analyzer: local._run_pool(iter(tasks), jobs, model, analyzer); "
            f"run_corpus([{str(folder)!r}], {str(out)!r}, jobs={jobs})")
    subprocess.run([sys.executable, "-c", code], check=True)


def peak_memory(words: int) -> dict:
    """Peak RSS of one process analyzing one work of `words` words."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        path.write_text(big_work(words), encoding="utf-8")
        actual = len(WORD.findall(path.read_text(encoding="utf-8")))
        code = ("import json, sys, resource; from ficmeld.pipeline import analyze; "
                f"a = analyze({str(path)!r}); "
                "print(json.dumps({'timings': a.timings, "
                "'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))")
        t = time.perf_counter()
        result = json.loads(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                           text=True).stdout.strip().splitlines()[-1])
        seconds = time.perf_counter() - t
    return {"words": actual, "peak_rss_mb": result["rss_mb"], "seconds": seconds,
            "stage_seconds": dict(sorted(result["timings"].items(), key=lambda kv: -kv[1]))}


def startup(repeats: int = 5) -> dict:
    exe = shutil.which("ficmeld", path=str(BIN)) or "ficmeld"
    runs = []
    for _ in range(repeats):
        t = time.perf_counter()
        subprocess.run([exe, "--help"], check=True, capture_output=True)
        runs.append(time.perf_counter() - t)
    return {"median_s": sorted(runs)[len(runs) // 2], "runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer texts and a 50,000-word big work")
    parser.add_argument("--big-words", type=int, default=None)
    args = parser.parse_args()
    texts = litbank_texts()
    sample = texts[:8] if args.quick else texts[:30]
    results = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
               "throughput": throughput(sample),
               "scaling": scaling(texts[:8] if args.quick else texts),
               "memory": peak_memory(args.big_words or (50_000 if args.quick else 500_000)),
               "startup": startup()}
    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / f"{time.strftime('%Y%m%dT%H%M%S')}{'-quick' if args.quick else ''}.json"
    target.write_text(json.dumps(results, indent=1))
    report(results, target)


def report(r: dict, target: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    rows = [("spaCy words/s (bare nlp.pipe)", f"{r['throughput']['spacy_words_per_s']:,.0f}", ""),
            ("ficmeld words/s (end to end)", f"{r['throughput']['ficmeld_words_per_s']:,.0f}", ""),
            ("ficmeld / spaCy", f"{r['throughput']['ratio']:.2f}", ">= 0.70"),
            ("speed-up 1 -> 2 workers", f"{r['scaling']['speedup']:.2f}x", ">= 1.8x"),
            (f"peak RSS, {r['memory']['words']:,}-word work", f"{r['memory']['peak_rss_mb']:,.0f} MB", "< 2048 MB"),
            ("`ficmeld --help` start-up", f"{r['startup']['median_s']:.3f} s", "< 0.5 s")]
    table = Table("measure", "value", "target", title=f"ficmeld benchmarks ({r['machine']['cpus']} cpus)")
    for row in rows:
        table.add_row(*row)
    console = Console()
    console.print(table)
    console.print(f"top stages (throughput run, s): {list(r['throughput']['stage_seconds'].items())[:5]}")
    console.print(f"written to {target}")


if __name__ == "__main__":
    main()
