"""Benchmark texts, read at run time from LitBank (../shared/data/litbank), never copied here."""
from __future__ import annotations

import re
from pathlib import Path

LITBANK = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "litbank" / "coref" / "brat"
WORD = re.compile(r"\S+")  # the same count as ficmeld's stats stage


def litbank_texts() -> list[tuple[str, str]]:
    files = sorted(LITBANK.glob("*.txt"))
    if not files:
        raise SystemExit(f"benchmarks need LitBank texts under {LITBANK.resolve()}")
    # LitBank keeps one paragraph per line; a blank line between them is how ficmeld reads paragraphs
    return [(f.stem, "\n\n".join(line for line in f.read_text(encoding="utf-8").splitlines() if line.strip()))
            for f in files]


def big_work(words: int) -> str:
    """About `words` words: LitBank excerpts one after another, each a chapter of its own."""
    parts, total, i = [], 0, 0
    texts = litbank_texts()
    while total < words:
        name, text = texts[i % len(texts)]
        parts.append(f"Chapter {i + 1}\n\n{text}")
        total += len(WORD.findall(text))
        i += 1
    return "\n\n".join(parts) + "\n"
