"""Shared fixtures: build a structured work from bytes the test wrote itself."""
from __future__ import annotations

import pytest

from ficmeld.ingest import read_work_bytes
from ficmeld.model.work import Work
from ficmeld.structure import build_structure


def structured(data: bytes | str, name: str = "story.txt") -> Work:
    work = read_work_bytes(data.encode("utf-8") if isinstance(data, str) else data, name)
    build_structure(work)
    return work


@pytest.fixture
def make_work():
    return structured
