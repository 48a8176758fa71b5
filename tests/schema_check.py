"""Validate analysis documents against the committed JSON Schema (docs/schema.json)."""
from __future__ import annotations

import functools
import json
from pathlib import Path

import jsonschema

from ficmeld.model import Analysis, encode_analysis

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "docs" / "schema.json"


@functools.cache
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def assert_valid(analysis: Analysis | dict) -> dict:
    doc = json.loads(encode_analysis(analysis)) if isinstance(analysis, Analysis) else analysis
    errors = sorted(validator().iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    return doc


def assert_offsets_inside(doc: dict) -> None:
    """Every start/end pair anywhere in the document lies inside `text`, start <= end."""
    n = len(doc["text"])

    def walk(node, where):
        if isinstance(node, dict):
            if isinstance(node.get("start"), int) and isinstance(node.get("end"), int):
                assert 0 <= node["start"] <= node["end"] <= n, f"{where}: [{node['start']}, {node['end']}) outside 0..{n}"
            for k, v in node.items():
                if k != "text":
                    walk(v, f"{where}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}[{i}]")

    walk(doc, "$")
