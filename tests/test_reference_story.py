"""The story ficmeld was founded on, scored against its hand annotation with ../shared/tools/score.py.

The story and its gold stay in ../shared; this test reads them from there and skips without them.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ficmeld.model import encode_analysis
from tests.schema_check import assert_offsets_inside, assert_valid

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
STORY = SHARED / "corpus" / "window-scene.txt"
GOLD = SHARED / "gold" / "window-scene.json"
SCORER = SHARED / "tools" / "score.py"

pytestmark = pytest.mark.skipif(not (STORY.exists() and GOLD.exists() and SCORER.exists()),
                                reason="../shared with the reference story is not beside this checkout")


@pytest.fixture(scope="module")
def analysis_doc(tmp_path_factory):
    from ficmeld.pipeline import analyze

    analysis = analyze(STORY)
    path = tmp_path_factory.mktemp("reference") / "window-scene.json"
    path.write_bytes(encode_analysis(analysis))
    return path, json.loads(path.read_bytes())


@pytest.fixture(scope="module")
def checks(analysis_doc):
    path, _ = analysis_doc
    done = subprocess.run([sys.executable, str(SCORER), str(path), str(GOLD), "-v"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    results = {}
    for line in done.stdout.splitlines():
        m = re.match(r"(PASS|FAIL)  (.*?)(?:  \((.*)\))?$", line)
        if m:
            results[m.group(2)] = (m.group(1) == "PASS", m.group(3))
    assert results, done.stdout
    return results


def passed(checks, prefix):
    selected = {name: ok for name, ok in checks.items() if name.startswith(prefix)}
    assert selected, f"score.py printed no check starting with {prefix!r}"
    failed = {name: why for name, (ok, why) in selected.items() if not ok}
    assert not failed, failed


def test_output_is_valid_and_offsets_lie_inside_text(analysis_doc):
    _, doc = analysis_doc
    assert_valid(doc)
    assert_offsets_inside(doc)
    assert doc["text"] == STORY.read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", ["part ", "scene 0 bounds", "scene 1 bounds", "2 scenes"])
def test_structure(checks, prefix):
    passed(checks, prefix)


@pytest.mark.parametrize("prefix", ["main character", "character ", "main characters not merged", "not a character",
                                    "James T. Kirk aliases", "Spock aliases"])
def test_characters(checks, prefix):
    passed(checks, prefix)


@pytest.mark.parametrize("prefix", ["quote ", "thought ", "not a quote"])
def test_quotes(checks, prefix):
    passed(checks, prefix)


@pytest.mark.parametrize("prefix", ["scene 0 pov", "scene 1 pov", "scene 0 third person", "scene 1 third person"])
def test_point_of_view(checks, prefix):
    passed(checks, prefix)


@pytest.mark.parametrize("prefix", ["emotion Spock anger", "emotion James T. Kirk fear"])
def test_emotions(checks, prefix):
    passed(checks, prefix)


def test_spock_dominant_emotion_is_sadness(checks):
    passed(checks, "emotion Spock sadness")


@pytest.mark.parametrize("prefix", ["fandom ", "rating", "warning ", "relationship ", "no relationship ", "character tag "])
def test_tags(checks, prefix):
    passed(checks, prefix)
