"""The analysis document as JSON."""
from __future__ import annotations

from pathlib import Path

from ficmeld.model import Analysis, encode_analysis


def write_json(analysis: Analysis, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(encode_analysis(analysis, indent=1))
    return path
