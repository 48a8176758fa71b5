"""The structure of a work: parts, chapters and scenes, from the blocks a reader produced."""
from ficmeld.structure.build import build_structure

__all__ = ["build_structure"]
