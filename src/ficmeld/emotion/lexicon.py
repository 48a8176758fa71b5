"""The baseline: NRC Emotion Lexicon words (Mohammad & Turney), read from the `nrclex` package's data file.

Only the evaluation uses it; `nrclex` is an optional dependency (the `train` extra). Tokens come
from spaCy, so none of nrclex's own tokenisation (TextBlob, NLTK downloads) is involved.
"""
from __future__ import annotations

import functools
import json
from importlib import resources
from typing import TYPE_CHECKING, Sequence

from ficmeld.errors import ModelError
from ficmeld.model.document import EMOTIONS

if TYPE_CHECKING:
    from spacy.tokens import Token


@functools.cache
def nrc_lexicon() -> dict[str, tuple[str, ...]]:
    """Word -> the Plutchik emotions the NRC lexicon gives it (positive/negative dropped)."""
    try:
        raw = resources.files("nrclex.data").joinpath("nrc_en.json").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError) as exc:
        raise ModelError("the NRC lexicon baseline needs the nrclex package",
                         fix="pip install 'ficmeld[train]'") from exc
    return {w: tuple(e for e in EMOTIONS if e in labels) for w, labels in json.loads(raw).items()
            if any(e in labels for e in EMOTIONS)}


def lexicon_cues(tokens: Sequence["Token"]) -> list[tuple["Token", str]]:
    """(token, emotion) for every token the lexicon lists, by its lower-cased form or else its lemma."""
    lex = nrc_lexicon()
    out = []
    for t in tokens:
        emotions = lex.get(t.lower_) or lex.get(t.lemma_.lower()) or ()
        out.extend((t, e) for e in emotions)
    return out
