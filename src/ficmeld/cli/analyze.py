"""`ficmeld analyze`: read, analyze, write; a summary and progress on stderr."""
from __future__ import annotations

import sys
from pathlib import Path

from ficmeld.errors import FicmeldError
from ficmeld.model import Analysis, encode_analysis


def summary_lines(analysis: Analysis) -> list[str]:
    names = {c.id: c.name for c in analysis.characters}
    title = analysis.metadata.get("title") or Path(analysis.source.path).name
    lines = [f"{title}: {analysis.stats.get('words', 0)} words, {len(analysis.chapters)} chapter(s), "
             f"{len(analysis.scenes)} scene(s), {len(analysis.quotes)} quote(s)"]
    for s in analysis.scenes:
        pov = s.pov
        who = names.get(pov.character, "unknown") if pov else "unknown"
        detail = f"{pov.person} person, {pov.tense}" if pov else ""
        hops = f", {len(s.head_hops)} head-hop(s)" if s.head_hops else ""
        lines.append(f"  scene {s.index}: POV {who} ({detail}{hops})")
    main = [c for c in analysis.characters if c.role == "main"]
    if main:
        lines.append("  main characters: " + ", ".join(c.name for c in main))
    t = analysis.tags
    if t.fandoms:
        lines.append("  fandom: " + ", ".join(x.tag for x in t.fandoms))
    if t.rating:
        lines.append(f"  rating: {t.rating.tag}")
    if t.warnings:
        lines.append("  warnings: " + ", ".join(x.tag for x in t.warnings))
    if t.relationships:
        lines.append("  relationships: " + ", ".join(x.tag for x in t.relationships))
    return lines


def run_analyze(files: list[Path], *, out: Path | None, as_json: bool, model: str | None, fmt: str | None,
                quiet: bool) -> None:
    from rich.console import Console

    from ficmeld.pipeline import analyze

    err = Console(stderr=True)
    failures = 0
    for path in files:
        try:
            if quiet or not err.is_terminal:
                analysis = analyze(path, model=model, fmt=fmt)
            else:
                analysis = _analyze_with_progress(path, err, model=model, fmt=fmt)
        except FicmeldError as exc:
            if len(files) == 1:
                raise
            err.print(f"ficmeld: error: {exc}", markup=False, highlight=False)
            failures += 1
            continue
        if as_json:
            sys.stdout.buffer.write(encode_analysis(analysis) + b"\n")
            sys.stdout.flush()
        if out is not None:
            written = write_outputs(analysis, out)
            if not quiet:
                err.print("wrote " + ", ".join(str(p) for p in written), markup=False, highlight=False)
        if not quiet and not as_json:
            for line in summary_lines(analysis):
                err.print(line, markup=False, highlight=False)
    if failures:
        raise FicmeldError(f"{failures} of {len(files)} files could not be analyzed (see above)")


def _analyze_with_progress(path: Path, console, *, model: str | None, fmt: str | None) -> Analysis:
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from ficmeld.pipeline import analyze

    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(f"{path.name}: reading", total=None)

        def report(step: str, done: int, total: int) -> None:
            label = "parsing" if step == "parse" else step
            bar.update(task, description=f"{path.name}: {label}", completed=done, total=total or None)

        return analyze(path, model=model, fmt=fmt, progress=report)


def write_outputs(analysis: Analysis, out: Path) -> list[Path]:
    from ficmeld.export.json import write_json
    from ficmeld.export.parquet import write_tables
    from ficmeld.export.report import write_report

    stem = Path(analysis.source.path).stem
    out.mkdir(parents=True, exist_ok=True)
    written = [write_json(analysis, out / f"{stem}.json"), write_report(analysis, out / f"{stem}.html")]
    written.append(write_tables([analysis], out / "tables"))
    return written
