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


def ranker_after(*mentions: tuple[str, int, int, bool, str], sentence_after: bool = False):
    """A pronoun ranker that has seen `mentions` (character, start, end, subject?, kind), one sentence each,
    in one paragraph; `sentence_after` opens the sentence the pronoun or description stands in."""
    from ficmeld.stages.coref_ranker import PronounRanker

    ranker = PronounRanker()
    ranker.new_paragraph()
    for cid, start, end, subject, kind in mentions:
        ranker.new_sentence()
        ranker.seen(cid, start, end, subject=subject, kind=kind, quoted=False)
    if sentence_after:
        ranker.new_sentence()
    return ranker


def shipped_linear_model(name: str, fold: int | None, features) -> dict:
    """The shipped model file of a learned stage for `fold`, checked to be a linear model over `features`."""
    from ficmeld import learned

    with learned.evaluation_fold(fold):
        arrays = learned.load(name)
    assert [str(f) for f in arrays["features"]] == list(features)
    assert arrays["coef"].shape == (1, len(features))
    return arrays
