"""The analysis as flat Parquet tables (docs/TABLES.md), one row per thing, keyed by `work_id`.

`write_tables` writes `DIR/<table>.parquet`, one file per table, for a batch of works.
`append_tables` adds `DIR/<table>/part-<uuid>.parquet` files, so a corpus runner can call it once
per work or batch; DuckDB reads either layout (`read_parquet('DIR/quotes/*.parquet')`).
"""
from __future__ import annotations

import bisect
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from ficmeld.errors import FicmeldError
from ficmeld.model import EMOTIONS, Analysis

_STR, _INT, _FLOAT, _BOOL = pa.string(), pa.int64(), pa.float64(), pa.bool_()

SCHEMAS: dict[str, pa.Schema] = {
    "works": pa.schema([
        ("work_id", _STR), ("path", _STR), ("format", _STR), ("title", _STR), ("authors", pa.list_(_STR)),
        ("fandoms", pa.list_(_STR)), ("rating", _STR), ("language", _STR), ("url", _STR),
        ("chars", _INT), ("words", _INT), ("chapters", _INT), ("scenes", _INT), ("characters", _INT),
        ("quotes", _INT), ("dialogue_ratio", _FLOAT), ("reading_minutes", _FLOAT), ("schema_version", _STR)]),
    "chapters": pa.schema([
        ("work_id", _STR), ("chapter", _INT), ("title", _STR), ("start", _INT), ("end", _INT), ("scenes", _INT)]),
    "scenes": pa.schema([
        ("work_id", _STR), ("scene", _INT), ("chapter", _INT), ("start", _INT), ("end", _INT),
        ("pov_id", _STR), ("pov_name", _STR), ("pov_canonical", _STR), ("person", _STR), ("tense", _STR), ("pov_confidence", _FLOAT),
        ("head_hops", _INT), ("quotes", _INT), ("dominant_emotion", _STR), ("peak_intensity", _FLOAT)]),
    "characters": pa.schema([
        ("work_id", _STR), ("character_id", _STR), ("name", _STR), ("aliases", pa.list_(_STR)),
        ("canonical", _STR), ("role", _STR), ("gender", _STR), ("mentions", _INT), ("quotes", _INT),
        ("words_spoken", _INT), ("pov_scenes", _INT), ("first_start", _INT)]),
    "mentions": pa.schema([
        ("work_id", _STR), ("start", _INT), ("end", _INT), ("character_id", _STR), ("character_name", _STR),
        ("kind", _STR), ("group", _STR), ("scene", _INT), ("text", _STR)]),
    "quotes": pa.schema([
        ("work_id", _STR), ("quote", _INT), ("start", _INT), ("end", _INT), ("kind", _STR),
        ("speaker_id", _STR), ("speaker_name", _STR), ("speaker_canonical", _STR), ("addressee_id", _STR), ("addressee_name", _STR),
        ("confidence", _FLOAT), ("method", _STR), ("scene", _INT), ("chapter", _INT), ("words", _INT),
        ("text", _STR)]),
    "emotions": pa.schema([
        ("work_id", _STR), ("experiencer_id", _STR), ("experiencer_name", _STR), ("emotion", _STR),
        ("intensity", _FLOAT), ("negated", _BOOL), ("start", _INT), ("end", _INT), ("scene", _INT),
        ("evidence", pa.list_(_STR)), ("is_peak", _BOOL), ("target_id", _STR), ("target_name", _STR)]),
    "tags": pa.schema([
        ("work_id", _STR), ("facet", _STR), ("tag", _STR), ("confidence", _FLOAT), ("declared", _BOOL),
        ("suggested", _BOOL), ("reason", _STR), ("evidence_starts", pa.list_(_INT))]),
}
TABLES = tuple(SCHEMAS)
TAG_FACETS = ("fandoms", "rating", "warnings", "category", "relationships", "characters", "freeform",
              "ffnet_rating", "ffnet_genres")


def tables_for(analysis: Analysis) -> dict[str, pa.Table]:
    """One work's rows, as one pyarrow Table per table name (same schema when there are no rows)."""
    rows = _Rows(analysis)
    return {name: pa.Table.from_pylist(getattr(rows, name)(), schema=schema)
            for name, schema in SCHEMAS.items()}


def concat_tables(analyses: Iterable[Analysis]) -> dict[str, pa.Table]:
    batches: dict[str, list[pa.Table]] = defaultdict(list)
    for analysis in analyses:
        for name, table in tables_for(analysis).items():
            batches[name].append(table)
    return {name: pa.concat_tables(batches[name]) if batches[name] else schema.empty_table()
            for name, schema in SCHEMAS.items()}


def write_tables(analyses: Iterable[Analysis], directory: str | Path) -> Path:
    """Write `directory/<table>.parquet` for every table (replacing earlier files)."""
    directory = _ready(directory)
    for name, table in concat_tables(analyses).items():
        _write(table, directory / f"{name}.parquet")
    return directory


def append_tables(analyses: Iterable[Analysis], directory: str | Path) -> list[Path]:
    """Add one `directory/<table>/part-<uuid>.parquet` per table; safe to call again and again."""
    directory = _ready(directory)
    part = f"part-{uuid.uuid4().hex}.parquet"
    written = []
    for name, table in concat_tables(analyses).items():
        (directory / name).mkdir(exist_ok=True)
        written.append(_write(table, directory / name / part))
    return written


def _ready(directory: str | Path) -> Path:
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FicmeldError(f"cannot create the table directory: {exc.strerror}", path=str(directory),
                           fix="choose a writable directory") from exc
    return directory


def _write(table: pa.Table, path: Path) -> Path:
    try:
        pq.write_table(table, path)
    except OSError as exc:
        raise FicmeldError(f"cannot write a Parquet table: {exc}", path=str(path)) from exc
    return path


class _Rows:
    """Row dicts per table for one analysis; offsets are mapped to scenes by bisection."""

    def __init__(self, a: Analysis):
        self.a = a
        self.id = a.source.sha256
        self.names = {c.id: c.name for c in a.characters}
        self.canonical = {c.id: c.canonical for c in a.characters}
        self.scene_starts = [s.start for s in a.scenes]
        self.chapter_starts = [c.start for c in a.chapters]

    def scene_of(self, offset: int) -> int | None:
        i = bisect.bisect_right(self.scene_starts, offset) - 1
        if i >= 0 and offset < self.a.scenes[i].end:
            return self.a.scenes[i].index
        return None

    def chapter_of(self, offset: int) -> int | None:
        i = bisect.bisect_right(self.chapter_starts, offset) - 1
        if i >= 0 and offset < self.a.chapters[i].end:
            return self.a.chapters[i].index
        return None

    def works(self) -> list[dict]:
        a, meta = self.a, self.a.metadata
        listed = lambda key: [str(v) for v in meta[key]] if isinstance(meta.get(key), list) else (  # noqa: E731
            [str(meta[key])] if key in meta else [])
        scalar = lambda key: None if meta.get(key) is None else str(meta[key])  # noqa: E731
        return [{"work_id": self.id, "path": a.source.path, "format": a.source.format, "title": scalar("title"),
                 "authors": listed("authors"), "fandoms": listed("fandoms"), "rating": scalar("rating"),
                 "language": scalar("language"), "url": scalar("url"), "chars": len(a.text),
                 "words": _int(a.stats.get("words")), "chapters": len(a.chapters), "scenes": len(a.scenes),
                 "characters": len(a.characters), "quotes": len(a.quotes),
                 "dialogue_ratio": _float(a.stats.get("dialogue_ratio")),
                 "reading_minutes": _float(a.stats.get("reading_minutes")), "schema_version": a.schema_version}]

    def chapters(self) -> list[dict]:
        per = defaultdict(int)
        for s in self.a.scenes:
            per[s.chapter] += 1
        return [{"work_id": self.id, "chapter": c.index, "title": c.title, "start": c.start, "end": c.end,
                 "scenes": per[c.index]} for c in self.a.chapters]

    def scenes(self) -> list[dict]:
        quotes, peaks = defaultdict(int), {}
        for q in self.a.quotes:
            quotes[self.scene_of(q.start)] += 1
        for e in self.a.emotions:
            if not e.negated and e.scene is not None and e.intensity > peaks.get(e.scene, ("", -1.0))[1]:
                peaks[e.scene] = (e.emotion, e.intensity)
        rows = []
        for s in self.a.scenes:
            pov = s.pov
            peak = peaks.get(s.index, (None, None))
            rows.append({"work_id": self.id, "scene": s.index, "chapter": s.chapter, "start": s.start, "end": s.end,
                         "pov_id": pov.character if pov else None,
                         "pov_name": self.names.get(pov.character) if pov and pov.character else None,
                         "pov_canonical": self.canonical.get(pov.character) if pov and pov.character else None,
                         "person": pov.person if pov else None, "tense": pov.tense if pov else None,
                         "pov_confidence": pov.confidence if pov else None, "head_hops": len(s.head_hops),
                         "quotes": quotes[s.index], "dominant_emotion": peak[0], "peak_intensity": peak[1]})
        return rows

    def characters(self) -> list[dict]:
        pov = defaultdict(int)
        for s in self.a.scenes:
            if s.pov and s.pov.character:
                pov[s.pov.character] += 1
        return [{"work_id": self.id, "character_id": c.id, "name": c.name, "aliases": list(c.aliases),
                 "canonical": c.canonical, "role": c.role, "gender": c.gender, "mentions": c.mentions,
                 "quotes": c.quotes, "words_spoken": c.words_spoken, "pov_scenes": pov[c.id],
                 "first_start": c.first_start} for c in self.a.characters]

    def mentions(self) -> list[dict]:
        text = self.a.text
        return [{"work_id": self.id, "start": m.start, "end": m.end, "character_id": m.character,
                 "character_name": self.names.get(m.character) if m.character else None, "kind": m.kind,
                 "group": m.group, "scene": self.scene_of(m.start), "text": text[m.start:m.end]} for m in self.a.mentions]

    def quotes(self) -> list[dict]:
        text = self.a.text
        return [{"work_id": self.id, "quote": i, "start": q.start, "end": q.end, "kind": q.kind,
                 "speaker_id": q.speaker, "speaker_name": self.names.get(q.speaker) if q.speaker else None,
                 "speaker_canonical": self.canonical.get(q.speaker) if q.speaker else None,
                 "addressee_id": q.addressee,
                 "addressee_name": self.names.get(q.addressee) if q.addressee else None,
                 "confidence": q.confidence, "method": q.method, "scene": self.scene_of(q.start),
                 "chapter": self.chapter_of(q.start), "words": len(text[q.start:q.end].split()),
                 "text": text[q.start:q.end]} for i, q in enumerate(self.a.quotes)]

    def emotions(self) -> list[dict]:
        strongest: dict[tuple, float] = {}
        for e in self.a.emotions:
            if not e.negated:
                key = (e.experiencer, e.emotion)
                strongest[key] = max(strongest.get(key, 0.0), e.intensity)
        return [{"work_id": self.id, "experiencer_id": e.experiencer,
                 "experiencer_name": self.names.get(e.experiencer) if e.experiencer else None,
                 "emotion": e.emotion, "intensity": e.intensity, "negated": e.negated, "start": e.start,
                 "end": e.end, "scene": e.scene, "evidence": list(e.evidence),
                 "is_peak": not e.negated and e.intensity == strongest.get((e.experiencer, e.emotion)),
                 "target_id": e.target, "target_name": self.names.get(e.target) if e.target else None}
                for e in self.a.emotions if e.emotion in EMOTIONS]

    def tags(self) -> list[dict]:
        rows = []
        for facet in TAG_FACETS:
            value = getattr(self.a.tags, facet)
            suggested = [value] if value is not None and not isinstance(value, list) else (value or [])
            declared = self.a.metadata.get(facet, [])
            declared = [str(d) for d in (declared if isinstance(declared, list) else [declared])]
            folded = {d.casefold(): d for d in declared}
            for s in suggested:
                rows.append({"work_id": self.id, "facet": facet, "tag": s.tag, "confidence": s.confidence,
                             "declared": folded.pop(s.tag.casefold(), None) is not None, "suggested": True,
                             "reason": s.reason, "evidence_starts": [e.start for e in s.evidence]})
            rows.extend({"work_id": self.id, "facet": facet, "tag": d, "confidence": None, "declared": True,
                         "suggested": False, "reason": None, "evidence_starts": []} for d in folded.values())
        return rows


def _int(value) -> int | None:
    return None if value is None else int(value)


def _float(value) -> float | None:
    return None if value is None else float(value)
