"""Draw REMAN's held-out test split once (seeded) and write the list of test keys.

Passages that share a sentence (REMAN samples overlapping windows of the same books) are kept on
the same side, so no test sentence is seen in training. Run once; the list is committed and never
re-drawn:  python training/reman_split.py ../shared/data/reman
"""
from __future__ import annotations

import random
import re
import sys
from collections import defaultdict
from pathlib import Path

from ficmeld.emotion.reman_data import TEST_IDS_FILE, read_reman

SEED = 20181
TEST_SHARE = 0.2
OUT = Path(__file__).resolve().parents[1] / "src" / "ficmeld" / "resources" / "emotion" / TEST_IDS_FILE


def groups(docs) -> list[list[str]]:
    parent = list(range(len(docs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[str, int] = {}
    for i, d in enumerate(docs):
        for sent in re.split(r"(?<=[.!?])\s+", d.text):
            sent = sent.strip()
            if len(sent) > 30:
                if sent in seen:
                    parent[root(i)] = root(seen[sent])
                else:
                    seen[sent] = i
    out = defaultdict(list)
    for i, d in enumerate(docs):
        out[root(i)].append(d.key)
    return sorted(out.values())


def main(path: str) -> None:
    docs = read_reman(path)
    gs = groups(docs)
    random.Random(SEED).shuffle(gs)
    test, target = [], TEST_SHARE * len(docs)
    for g in gs:
        if len(test) >= target:
            break
        test.extend(g)
    OUT.write_text(f"# REMAN held-out test passages (doc_id@sha1(text)[:8]); seed {SEED}, drawn once\n"
                   + "\n".join(sorted(test)) + "\n", encoding="utf-8")
    print(f"{len(test)} of {len(docs)} passages -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/reman")
