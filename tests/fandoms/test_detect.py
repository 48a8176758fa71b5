"""Fandom detection from a work's own words; our own short stories, structure only (no parse)."""
from __future__ import annotations

from ficmeld.fandoms import detect_fandoms
from ficmeld.ingest import read_work_bytes
from ficmeld.structure import build_structure

TREK = """Summary: A quiet coda to TOS, the night after the Kobayashi Maru hearing.

Disclaimer: Everything belongs to Gene Roddenberry and Paramount.

McCoy found him in the observation lounge with a bottle he had no business owning. "You'll have the whole of Starfleet on your back, Jim," he said.

Kirk only grinned at the stars. Somewhere below, Spock was no doubt drafting a very polite report.
"""

PLAIN = """The ferry was late again, and Marguerite counted gulls to keep from checking her watch.

Tobias arrived with two coffees and the wrong newspaper. "They sold out of the other one," he said.

She laughed, and the ferry horn answered from somewhere beyond the fog.
"""


def _work(text, metadata=None):
    work = read_work_bytes(text.encode("utf-8"), "story.txt")
    if metadata:
        work.metadata.update(metadata)
    build_structure(work)
    return work


def test_star_trek_is_found_from_abbreviation_creator_characters_and_terms():
    matches = detect_fandoms(_work(TREK))
    assert matches and matches[0].pack.name == "Star Trek"
    best = matches[0]
    assert best.confidence > 0.8
    assert best.tags[-1] == "Star Trek" and best.tags[0] == "Star Trek: The Original Series"
    evidence = {TREK[s.start:s.end] for s in best.evidence}
    assert {"TOS", "Gene Roddenberry", "Kobayashi Maru"} <= evidence
    assert best.evidence == sorted(best.evidence, key=lambda s: s.start)


def test_a_story_from_no_known_fandom_gets_no_match():
    assert detect_fandoms(_work(PLAIN)) == []


def test_declared_metadata_fandom_is_enough_on_its_own():
    matches = detect_fandoms(_work(PLAIN, {"fandoms": ["Harry Potter - J. K. Rowling"]}))
    assert [m.pack.name for m in matches] == ["Harry Potter"]
    assert "declared in the work's metadata" in matches[0].reasons


def test_a_single_shared_first_name_is_not_enough():
    text = "Sam walked home along the canal, thinking about nothing in particular.\n"
    assert detect_fandoms(_work(text)) == []
