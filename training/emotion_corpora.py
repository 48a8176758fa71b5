"""Readers for the sentence-level emotion corpora in ../shared/data, mapped onto Plutchik's eight."""
from __future__ import annotations

import csv
from pathlib import Path

from ficmeld.model.document import EMOTIONS

# GoEmotions' 27 labels onto Plutchik's eight (dyads such as love = joy + trust go to both).
GOEMOTIONS_TO_PLUTCHIK = {
    "anger": ("anger",), "annoyance": ("anger",), "disapproval": ("disgust",), "disgust": ("disgust",),
    "fear": ("fear",), "nervousness": ("fear",), "joy": ("joy",), "amusement": ("joy",), "pride": ("joy",),
    "relief": ("joy",), "love": ("joy", "trust"), "excitement": ("joy", "anticipation"),
    "sadness": ("sadness",), "grief": ("sadness",), "disappointment": ("sadness",), "remorse": ("sadness",),
    "surprise": ("surprise",), "realization": ("surprise",), "confusion": ("surprise",),
    "admiration": ("trust",), "approval": ("trust",), "gratitude": ("trust",), "caring": ("trust",),
    "optimism": ("anticipation",), "desire": ("anticipation",), "curiosity": ("anticipation",),
}


def read_xed(root: Path) -> list[tuple[str, set[str]]]:
    out = []
    with open(root / "xed" / "en-annotated.tsv", encoding="utf-8") as f:
        for line in f:
            text, _, labels = line.rstrip("\n").rpartition("\t")
            ids = {int(x) for x in labels.split(",") if x.strip().isdigit()}
            out.append((text, {EMOTIONS[i - 1] for i in ids if 1 <= i <= 8}))
    with open(root / "xed" / "neu_en.txt", encoding="utf-8") as f:
        for line in f:
            _, _, text = line.rstrip("\n").partition("\t")
            out.append((text, set()))
    return out


def read_goemotions(root: Path, part: str) -> list[tuple[str, set[str]]]:
    folder = root / "goemotions" / "data" / "original"
    names = (folder / "labels.txt").read_text(encoding="utf-8").split()
    out = []
    with open(folder / f"{part}.tsv", encoding="utf-8") as f:
        for line in f:
            text, labels, _ = line.rstrip("\n").split("\t")
            emotions = set()
            for i in labels.split(","):
                emotions.update(GOEMOTIONS_TO_PLUTCHIK.get(names[int(i)], ()))
            out.append((text, emotions))
    return out


def read_emobank(root: Path) -> dict[str, list[tuple[str, float]]]:
    """split -> [(sentence, valence 1..5)]."""
    out: dict[str, list[tuple[str, float]]] = {}
    with open(root / "emobank" / "emobank.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out.setdefault(row["split"], []).append((row["text"], float(row["V"])))
    return out
