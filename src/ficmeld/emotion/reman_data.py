"""Reading the REMAN corpus (Kim & Klinger 2018) and its fixed held-out split."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ficmeld.errors import InputError
from ficmeld.model.document import EMOTIONS

CORPUS_FILE = "reman-version1.0.xml"
TEST_IDS_FILE = "reman_test_ids.txt"


@dataclass
class Cue:
    start: int
    end: int
    emotion: str  # one of Plutchik's eight, or "other-emotion"
    negated: bool = False
    experiencers: list[tuple[int, int]] = field(default_factory=list)
    targets: list[tuple[int, int]] = field(default_factory=list)  # the characters it is directed at


@dataclass
class RemanDoc:
    key: str  # doc_id plus a text hash: REMAN repeats a few doc_ids for different passages
    text: str
    cues: list[Cue]
    characters: list[tuple[int, int]]


def corpus_path(path: str | Path) -> Path:
    p = Path(path)
    p = p / CORPUS_FILE if p.is_dir() else p
    if not p.exists():
        raise InputError("no REMAN corpus here", path=str(p), fix=f"pass the folder that holds {CORPUS_FILE}")
    return p


def read_reman(path: str | Path) -> list[RemanDoc]:
    from lxml import etree

    tree = etree.parse(str(corpus_path(path)))
    return [_read_document(d) for d in tree.iterfind(".//document")]


def _read_document(node) -> RemanDoc:
    text = node.findtext("text")
    key = f"{node.get('doc_id')}@{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}"
    adjudicated = node.find("adjudicated")
    spans = {}
    for s in adjudicated.iterfind("spans/span"):
        spans[s.get("annotation_id")] = (int(s.get("cbegin")), int(s.get("cend")), s.get("type"), s.get("modifier"))
    characters = [(b, e) for b, e, kind, _ in spans.values() if kind == "character"]
    same = {}  # character span -> spans it corefers with
    experiencers: dict[str, list[tuple[int, int]]] = {}
    targets: dict[str, list[tuple[int, int]]] = {}
    for r in adjudicated.iterfind("relations/relation"):
        src, dst = spans.get(r.get("source_annotation_id")), spans.get(r.get("target_annotation_id"))
        if src is None or dst is None:
            continue
        if r.get("type") == "experiencer":
            experiencers.setdefault(r.get("source_annotation_id"), []).append(dst[:2])
        elif r.get("type") == "target" and dst[2] == "character":
            targets.setdefault(r.get("source_annotation_id"), []).append(dst[:2])
        elif r.get("type") == "coreference":
            same.setdefault(src[:2], set()).add(dst[:2])
            same.setdefault(dst[:2], set()).add(src[:2])
    cues = []
    for ann_id, (b, e, kind, modifier) in spans.items():
        if kind in EMOTIONS or kind == "other-emotion":
            exp = _with_coreferents(experiencers.get(ann_id, []), same)
            cues.append(Cue(b, e, kind, modifier == "negated", exp, _with_coreferents(targets.get(ann_id, []), same)))
    cues.sort(key=lambda c: (c.start, c.end))
    return RemanDoc(key=key, text=text, cues=cues, characters=sorted(set(characters)))


def _with_coreferents(spans: list[tuple[int, int]], same: dict) -> list[tuple[int, int]]:
    out = list(dict.fromkeys(spans))
    return out + [x for span in out for x in sorted(same.get(span, ())) if x not in out]


def test_keys() -> frozenset[str]:
    """The held-out documents, fixed once by `training/train_emotion.py --draw-split` and committed."""
    text = resources.files("ficmeld.resources").joinpath("emotion").joinpath(TEST_IDS_FILE).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def split(docs: list[RemanDoc]) -> tuple[list[RemanDoc], list[RemanDoc]]:
    """(train, test) by the committed list of test keys."""
    keys = test_keys()
    return [d for d in docs if d.key not in keys], [d for d in docs if d.key in keys]
