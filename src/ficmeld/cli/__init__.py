"""The `ficmeld` command: a thin layer over importable functions.

Heavy imports (spaCy, pyarrow) happen inside the commands so that `ficmeld --help` stays fast.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ficmeld import __version__
from ficmeld.errors import FicmeldError

app = typer.Typer(
    name="ficmeld",
    help="Read fan fiction the way its readers do: parts, characters, POV, quotes, emotions and archive tags.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score ficmeld against annotated data (LitBank, REMAN, POV stories).", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ficmeld {__version__}")
        raise typer.Exit()


@app.callback()
def root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the version and exit.")) -> None:
    """Read fan fiction the way its readers do."""


@app.command()
def analyze(
    files: list[Path] = typer.Argument(..., help="Works to analyze: .txt, .md, .html (AO3 or saved page), .epub."),
    out: Optional[Path] = typer.Option(None, "-o", "--out", help="Write DIR/<name>.json, .html and Parquet tables here."),
    json_: bool = typer.Option(False, "--json", help="Print the analysis document (one JSON object per work) to stdout."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline to parse with (default en_core_web_sm)."),
    fmt: Optional[str] = typer.Option(None, "--format", help="Force a reader: text, markdown, html, ao3-html, epub."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No summary or progress on stderr."),
) -> None:
    """Analyze works and write their analysis documents and reports."""
    from ficmeld.cli.analyze import run_analyze

    run_analyze(files, out=out, as_json=json_, model=model, fmt=fmt, quiet=quiet)


@app.command()
def text(file: Path = typer.Argument(..., help="A work in any supported format.")) -> None:
    """Print the work's plain text exactly as ficmeld reads it (the `text` all offsets count in)."""
    from ficmeld.ingest import read_work

    sys.stdout.write(read_work(file).text)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the analysis document."""
    import json

    from ficmeld.model import analysis_schema

    typer.echo(json.dumps(analysis_schema(), indent=1))


@app.command()
def corpus(
    inputs: list[str] = typer.Argument(..., help="Files, folders (recursive), globs and .zip archives of works."),
    out: Path = typer.Option(..., "-o", "--out", help="Output folder: tables/, ficmeld.duckdb, done.jsonl, errors.jsonl."),
    jobs: Optional[int] = typer.Option(None, "-j", "--jobs", help="Worker processes (default: all cores)."),
    engine: str = typer.Option("local", "--engine", help="local (process pool) or ray."),
    address: Optional[str] = typer.Option(None, "--address", help="Ray cluster to join (default: start a local one)."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline to parse with (default en_core_web_sm)."),
    json_: bool = typer.Option(False, "--json", help="Also write OUT/json/<name>.json per work."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress bar or summary."),
) -> None:
    """Analyze a whole corpus into Parquet tables and a DuckDB database; works already done are skipped."""
    from ficmeld.cli.corpus import run_corpus_command

    run_corpus_command(inputs, out=out, jobs=jobs, engine=engine, address=address, model=model,
                       write_json=json_, quiet=quiet)


@app.command()
def query(
    out: Path = typer.Argument(..., help="A folder written by `ficmeld corpus` (or its ficmeld.duckdb)."),
    sql: str = typer.Argument(..., help="SQL over works, chapters, scenes, characters, mentions, quotes, emotions, tags and views."),
    fmt: str = typer.Option("table", "--format", help="table, csv, json or parquet."),
    to: Optional[Path] = typer.Option(None, "-o", "--out", help="Write the result to this file (needed for parquet)."),
) -> None:
    """Run SQL against a corpus database and print the result."""
    from ficmeld.cli.corpus import run_query_command

    run_query_command(out, sql, fmt=fmt, to=to)


@eval_app.command("litbank")
def eval_litbank(
    path: Path = typer.Argument(..., help="The LitBank folder (e.g. ../shared/data/litbank)."),
    json_: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N documents (a quick look)."),
) -> None:
    """Person mentions, coreference (MUC, B³, CEAF-e) and quotes (detection, speakers) on LitBank, 10-fold."""
    from ficmeld.evaluate.litbank import evaluate_litbank
    from ficmeld.cli.report_scores import print_scores

    print_scores(evaluate_litbank(path, limit=limit), as_json=json_)


@eval_app.command("reman")
def eval_reman(
    path: Path = typer.Argument(..., help="The REMAN folder (e.g. ../shared/data/reman)."),
    json_: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Emotion cues, experiencers and both together on REMAN's fixed held-out split, with the lexicon baseline."""
    from ficmeld.evaluate.reman import evaluate_reman
    from ficmeld.cli.report_scores import print_scores

    print_scores(evaluate_reman(path), as_json=json_)


@eval_app.command("pov")
def eval_pov(
    path: Path = typer.Argument(..., help="A folder with stories/ and gold/ (e.g. evaluation/pov)."),
    json_: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    stories: str = typer.Option("*", "--stories", help="Score only gold files matching this glob, e.g. '*[02468]-*'."),
) -> None:
    """Per-scene person, tense and focal character, and head-hops, against annotated stories."""
    from ficmeld.evaluate.pov import evaluate_pov
    from ficmeld.cli.report_scores import print_scores

    print_scores(evaluate_pov(path, pattern=stories), as_json=json_)


def main() -> None:
    try:
        app()
    except FicmeldError as exc:
        typer.echo(f"ficmeld: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("ficmeld: interrupted", err=True)
        sys.exit(130)
