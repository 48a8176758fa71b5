"""Turn the command's INPUT arguments into works: files, folders, globs and zip archives."""
from __future__ import annotations

import glob
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from ficmeld.errors import InputError

SUFFIXES = (".txt", ".md", ".html", ".htm", ".epub")


@dataclass(frozen=True)
class Item:
    """One work to analyze; `load` reads its bytes only when it is its turn."""

    name: str
    load: Callable[[], bytes]


def _file(path: Path) -> Item:
    return Item(str(path), path.read_bytes)


def _zip_members(path: Path) -> Iterator[Item]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if not m.endswith("/")]
    except (zipfile.BadZipFile, OSError) as exc:
        yield Item(str(path), _raiser(InputError(f"not a readable zip archive: {exc}", path=str(path))))
        return
    for member in sorted(members):
        yield Item(f"{path}!{member}", _member_reader(path, member))


def _member_reader(path: Path, member: str) -> Callable[[], bytes]:
    def load() -> bytes:
        with zipfile.ZipFile(path) as archive:
            return archive.read(member)
    return load


def _raiser(exc: Exception) -> Callable[[], bytes]:
    def load() -> bytes:
        raise exc
    return load


def _from_path(path: Path) -> Iterator[Item]:
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.suffix.lower() in SUFFIXES:
                yield _file(child)
            elif child.suffix.lower() == ".zip":
                yield from _zip_members(child)
    elif path.suffix.lower() == ".zip":
        yield from _zip_members(path)
    else:
        yield _file(path)


def discover(inputs: list[str | Path]) -> list[Item]:
    """Every work the inputs name, each once, in a stable order."""
    items: dict[str, Item] = {}
    for raw in inputs:
        raw = str(raw)
        matches = [Path(m) for m in sorted(glob.glob(raw, recursive=True))] if glob.has_magic(raw) else [Path(raw)]
        if not matches or not all(m.exists() for m in matches):
            raise InputError("no such file, folder or glob match", path=raw, fix="check the path")
        for path in matches:
            for item in _from_path(path):
                items.setdefault(item.name, item)
    return list(items.values())
