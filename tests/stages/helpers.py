"""Build small works by hand for stage tests: our own prose, real parse, chosen stages."""
from __future__ import annotations

from ficmeld.ingest import read_work_bytes
from ficmeld.model.work import Work
from ficmeld.nlp import parse_work
from ficmeld.structure import build_structure


def parsed_work(text: str, name: str = "story.txt") -> Work:
    work = read_work_bytes(text.encode("utf-8"), name)
    build_structure(work)
    parse_work(work)
    return work


def names_by_id(work: Work) -> dict[str, str]:
    return {c.id: c.name for c in work.characters}


def mention_targets(work: Work, surface: str) -> list[str | None]:
    """The character names each mention with this exact surface text resolves to."""
    names = names_by_id(work)
    return [names.get(m.character) for m in work.mentions if work.text[m.start:m.end] == surface]


def coref_resolved(text: str, *, quotes: bool = True) -> Work:
    """Our own prose through characters, (quotes,) and coref."""
    from ficmeld.pipeline import available_stages
    from ficmeld.stages.characters import find_characters
    from ficmeld.stages.coref import resolve_coreference

    work = parsed_work(text)
    find_characters(work)
    if quotes:
        available_stages()["quotes"](work)
    resolve_coreference(work)
    return work
