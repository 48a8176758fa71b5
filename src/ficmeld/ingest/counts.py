"""Word counts as archives and authors write them in headers."""
from __future__ import annotations

import re

_THOUSANDS = re.compile(r"(\d+(?:[.,]\d+)?)\s*k\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d[\d,.\s]*\d|\d")


def word_count(text: str) -> int | None:
    """'12,345', '12 345', '1.1k', '2K words' -> the number of words; None where no number is given."""
    short = _THOUSANDS.search(text)
    if short:
        return round(float(short.group(1).replace(",", ".")) * 1000)
    number = _NUMBER.search(text)
    return int(re.sub(r"\D", "", number.group())) if number else None
