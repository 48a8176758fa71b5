"""Tiny works of varied prose, written for these tests, plus three broken inputs."""
from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

NAMES = ["Mara", "Tobias", "Ines", "Corvin", "Lena", "Oskar", "Priya", "Jonah", "Elif", "Rowan"]
PLACES = ["the harbour", "the old library", "a rain-dark kitchen", "the station roof", "the orchard"]
VERBS = ["waited", "laughed", "frowned", "hesitated", "turned away", "smiled"]
LINES = ["We should go before the tide turns.", "I never asked you to stay.", "Is that the last of the tea?",
         "You always do this.", "Tell me what you saw.", "It wasn't my fault."]
FEELINGS = ["afraid", "furious", "delighted", "ashamed", "hopeful", "sad"]


def tiny_work(seed: int) -> str:
    rng = random.Random(seed)
    a, b = rng.sample(NAMES, 2)
    place = rng.choice(PLACES)
    paragraphs = [f"{a} {rng.choice(VERBS)} in {place} while {b} counted the coins twice.",
                  f"\u201c{rng.choice(LINES)}\u201d {b} said.",
                  f"{a} felt {rng.choice(FEELINGS)}, and did not answer for a long moment.",
                  f"\u201c{rng.choice(LINES)}\u201d {a} asked quietly. Work number {seed} ended there."]
    return "\n\n".join(paragraphs[: 2 + seed % 3]) + "\n"


def write_corpus(folder: Path, n_good: int) -> None:
    """`n_good` readable works plus three corrupt ones: binary, empty, a truncated EPUB."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n_good):
        (folder / f"work-{i:03d}.txt").write_text(tiny_work(i), encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "truncated.epub").write_bytes(truncated_epub())


def truncated_epub() -> bytes:
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr("META-INF/container.xml", "<container>" + "x" * 500 + "</container>")
    return sink.getvalue()[:120]
