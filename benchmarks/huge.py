"""One very large plain-text work through `ficmeld analyze`, as a user would run it.

    .venv/bin/python benchmarks/huge.py --mb 50

Builds a text of about MB megabytes from LitBank excerpts (each a chapter), runs the CLI on it in
a child process and reports wall time, peak resident memory, output sizes and per-stage seconds.
Writes benchmarks/results/huge-<MB>mb-<timestamp>.json.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.texts import WORD, big_work  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
BIN = Path(sys.executable).parent


def build(path: Path, megabytes: float) -> int:
    sample = big_work(20_000)
    words_per_byte = len(WORD.findall(sample)) / len(sample.encode("utf-8"))
    text = big_work(int(megabytes * 1_000_000 * words_per_byte))
    path.write_text(text, encoding="utf-8")
    return len(WORD.findall(text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=50.0, help="size of the work in megabytes (default 50)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "huge.txt", Path(tmp) / "out"
        words = build(source, args.mb)
        size = source.stat().st_size
        print(f"analyzing {size / 1e6:.1f} MB, {words:,} words", flush=True)
        t = time.perf_counter()
        done = subprocess.run([str(BIN / "ficmeld"), "analyze", str(source), "-o", str(out)],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - t
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        outputs = {p.name: p.stat().st_size for p in out.glob("*")} if out.exists() else {}
        stages = {}
        json_out = out / "huge.json"
        if json_out.exists():
            with json_out.open("rb") as f:
                import msgspec
                stages = msgspec.json.decode(f.read()).get("timings", {})
    result = {"megabytes": round(size / 1e6, 1), "words": words, "exit_status": done.returncode,
              "error": done.stderr.strip()[-500:] if done.returncode else None, "seconds": round(seconds, 1),
              "words_per_second": round(words / seconds), "peak_rss_mb": round(peak),
              "output_bytes": outputs, "stage_seconds": {k: round(v, 1) for k, v in sorted(stages.items(), key=lambda kv: -kv[1])}}
    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / f"huge-{args.mb:g}mb-{time.strftime('%Y%m%d-%H%M%S')}.json"
    target.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
