"""Print evaluation scores as JSON or a table."""
from __future__ import annotations

import json


def _flatten(d: dict, prefix: str = "") -> list[tuple[str, object]]:
    rows = []
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            rows.extend(_flatten(v, key + "."))
        else:
            rows.append((key, v))
    return rows


def print_scores(scores: dict, *, as_json: bool) -> None:
    if as_json:
        print(json.dumps(scores, indent=1))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("measure", "value")
    for key, value in _flatten(scores):
        table.add_row(key, f"{value:.2f}" if isinstance(value, float) else str(value))
    Console().print(table)
