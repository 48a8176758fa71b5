"""The one spaCy parse of a work, shared by every stage."""
from ficmeld.nlp.parse import DEFAULT_MODEL, load_pipeline, parse_work

__all__ = ["DEFAULT_MODEL", "load_pipeline", "parse_work"]
