import pytest

from ficmeld.ingest.counts import word_count
from tests.conftest import structured


@pytest.mark.parametrize("written, count", [
    ("12,345", 12345), ("12 345", 12345), ("900", 900), ("1.1k", 1100), ("2K words", 2000), ("1,5k", 1500),
    ("many", None),
])
def test_a_word_count_is_read_as_written(written, count):
    assert word_count(written) == count


def test_a_header_s_short_word_count_is_thousands():
    work = structured(b"the long way round\npairing: Ada/Rook\nwords: 1.1k | rating: teen\n\n"
                      b"Ada fed the kiln until her arms ached.\n\nRook swept the ash.\n", "kiln.txt")
    assert work.metadata["words"] == 1100
