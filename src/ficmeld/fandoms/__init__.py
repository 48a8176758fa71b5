"""Fandom packs: what an archive calls a fandom, its characters, and the words that give it away.

One TOML file per fandom (see docs/FANDOM_PACKS.md). The shipped packs live in `packs/`; users
add more in the folders named by FICMELD_PACKS (os.pathsep-separated) or ~/.config/ficmeld/packs.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ficmeld.errors import FicmeldError
from ficmeld.fandoms.detect import FandomMatch, detect_fandoms

__all__ = ["PackCharacter", "FandomPack", "FandomMatch", "load_packs", "detect_fandoms", "pack_dirs"]

GENDERS = ("male", "female", "plural", "other")
# Titles that may stand before a surname ("Captain Kirk", "Professor McGonagall").
TITLES = frozenset("""captain capt commander cmdr lieutenant lt ensign admiral commodore doctor dr
professor prof mr mrs ms miss mister sir dame lord lady king queen prince princess uncle aunt agent
detective inspector sergeant sgt general colonel major officer ambassador councillor senator
master madam madame father sister brother saint chief director president""".split())

_LIST_KEYS = ("tags", "abbreviations", "terms", "not_characters", "creators")


@dataclass(frozen=True)
class PackCharacter:
    tag: str
    aliases: tuple[str, ...]
    gender: str | None


@dataclass(frozen=True)
class Subfandom:
    """A more specific archive tag, chosen when one of its cues occurs in the work."""

    tag: str
    cues: tuple[str, ...]


@dataclass
class FandomPack:
    name: str
    tags: tuple[str, ...]
    abbreviations: tuple[str, ...]
    terms: tuple[str, ...]
    not_characters: tuple[str, ...]
    characters: tuple[PackCharacter, ...]
    creators: tuple[str, ...] = ()
    subfandoms: tuple[Subfandom, ...] = ()
    path: str | None = None
    _index: dict[str, PackCharacter | None] = field(default_factory=dict, init=False, repr=False)
    _surnames: dict[str, PackCharacter | None] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for c in self.characters:
            for name in (c.tag, *c.aliases):
                _add_unique(self._index, name.lower(), c)
            words = c.tag.replace(".", " ").split()
            if len(words) > 1:
                _add_unique(self._surnames, words[-1].lower(), c)
        self._not = {n.lower() for n in self.not_characters}

    @property
    def umbrella(self) -> str:
        return self.tags[0]

    def lookup(self, name: str) -> PackCharacter | None:
        """The character this name denotes: exact alias or tag (case-insensitive), or title + surname."""
        key = " ".join(name.split()).lower()
        if not key:
            return None
        if key in self._index:
            return self._index[key]
        words = key.replace(".", " ").split()
        if len(words) > 1 and words[0] in TITLES:
            rest = " ".join(words[1:])
            return self._index.get(rest) or self._surnames.get(words[-1])
        return None

    def is_not_character(self, name: str) -> bool:
        return " ".join(name.split()).lower() in self._not


def _add_unique(index: dict, key: str, character: PackCharacter) -> None:
    """An alias two characters share is ambiguous: it maps to None rather than to either."""
    if key in index and index[key] is not character:
        index[key] = None
    else:
        index[key] = character


def pack_dirs() -> list[Path]:
    dirs = [Path(__file__).parent / "packs"]
    env = os.environ.get("FICMELD_PACKS")
    if env:
        dirs += [Path(p).expanduser() for p in env.split(os.pathsep) if p]
    dirs.append(Path("~/.config/ficmeld/packs").expanduser())
    return dirs


def load_packs() -> list[FandomPack]:
    """Every pack from every pack folder (cached per set of folders); a broken file raises FicmeldError."""
    return list(_load(tuple(str(d) for d in pack_dirs())))


@lru_cache(maxsize=8)
def _load(dirs: tuple[str, ...]) -> tuple[FandomPack, ...]:
    packs: dict[str, FandomPack] = {}
    for d in dirs:
        folder = Path(d)
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            pack = load_pack_file(path)
            packs[pack.name.lower()] = pack  # a user pack of the same name replaces the shipped one
    return tuple(packs.values())


def load_pack_file(path: str | os.PathLike) -> FandomPack:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise FicmeldError(f"cannot read fandom pack: {exc}", path=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise FicmeldError(f"fandom pack is not valid TOML: {exc}", path=str(path),
                           fix="see docs/FANDOM_PACKS.md") from exc
    return _build(data, str(path))


def _build(data: dict, path: str) -> FandomPack:
    def fail(what: str) -> FicmeldError:
        return FicmeldError(f"broken fandom pack: {what}", path=path, fix="see docs/FANDOM_PACKS.md")

    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise fail("`name` must be a non-empty string")
    lists = {}
    for key in _LIST_KEYS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail(f"`{key}` must be a list of non-empty strings")
        lists[key] = tuple(value)
    if not lists["tags"]:
        raise fail("`tags` needs at least one archive fandom tag")
    characters = []
    for i, c in enumerate(data.get("characters", [])):
        if not isinstance(c, dict) or not isinstance(c.get("tag"), str) or not c["tag"].strip():
            raise fail(f"characters[{i}] needs a `tag` string")
        aliases = c.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise fail(f"characters[{i}] ({c['tag']}): `aliases` must be a list of strings")
        gender = c.get("gender")
        if gender is not None and gender not in GENDERS:
            raise fail(f"characters[{i}] ({c['tag']}): `gender` must be one of {', '.join(GENDERS)}")
        if any(other.tag == c["tag"] for other in characters):
            raise fail(f"characters[{i}]: the tag {c['tag']!r} is listed twice")
        characters.append(PackCharacter(c["tag"], tuple(aliases), gender))
    subfandoms = []
    for i, s in enumerate(data.get("subfandoms", [])):
        cues = s.get("cues") if isinstance(s, dict) else None
        if not isinstance(s, dict) or not isinstance(s.get("tag"), str) or not isinstance(cues, list) \
                or not all(isinstance(x, str) and x.strip() for x in cues):
            raise fail(f"subfandoms[{i}] needs a `tag` string and a `cues` list of strings")
        subfandoms.append(Subfandom(s["tag"], tuple(cues)))
    unknown = set(data) - {"name", "characters", "subfandoms", *_LIST_KEYS}
    if unknown:
        raise fail(f"unknown key(s) {', '.join(sorted(unknown))}")
    return FandomPack(name=name.strip(), characters=tuple(characters), subfandoms=tuple(subfandoms),
                      path=path, **lists)
