"""Analyzers without spaCy for the bookkeeping tests: real reading and structure, no stages."""
from __future__ import annotations

import os

from ficmeld.ingest import read_work_bytes
from ficmeld.structure import build_structure


def read_only(data: bytes, name: str, **_):
    work = read_work_bytes(data, name)
    build_structure(work)
    return work.to_analysis()


def crash_on_boom(data: bytes, name: str, **_):
    if b"BOOM" in data:
        os._exit(3)  # a worker dying outright, as a segfault in a native library would
    return read_only(data, name)
