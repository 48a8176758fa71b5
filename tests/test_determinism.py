"""The same text gives the same analysis in every process: nothing may hang on the order of a set, which
Python changes from run to run (PYTHONHASHSEED), or on anything else outside the text."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "stages" / "fixtures" / "pov"


def analysis(path: Path, seed: int) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    done = subprocess.run([sys.executable, "-m", "ficmeld", "analyze", str(path), "--json"],
                          capture_output=True, text=True, env=env, check=True)
    document = json.loads(done.stdout)
    document.pop("timings")
    return document


@pytest.mark.parametrize("story", ["two_narrators.txt", "alternating.txt"])
def test_two_processes_with_different_hash_seeds_agree(story):
    assert analysis(FIXTURES / story, 1) == analysis(FIXTURES / story, 2)
