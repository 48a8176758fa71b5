"""Analyze many works at once into Parquet tables and a DuckDB database (`ficmeld corpus`)."""
from ficmeld.corpus.runner import RunSummary, run_corpus
from ficmeld.corpus.query import run_query

__all__ = ["RunSummary", "run_corpus", "run_query"]
