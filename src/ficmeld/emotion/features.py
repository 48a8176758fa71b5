"""Token features for the emotion-cue model, shared by training and run time.

A token's score is the sum of three cached per-lexeme parts: its own features, what it says as
the left neighbour of the next token and as the right neighbour of the previous one. That keeps
inference to a dictionary look-up per token and one numpy gather per work.
"""
from __future__ import annotations

import re
import zlib
from typing import Iterable, Sequence

N_BUCKETS = 1 << 18
BOUNDARY = "<s>"
WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


def bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % N_BUCKETS


def words(text: str) -> list[str]:
    """Lower-cased word tokens for the sentence-level models (no spaCy needed)."""
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def lexeme(token) -> tuple[str, str, str]:
    """The part of a spaCy token the features look at."""
    return token.lower_.replace("’", "'"), token.lemma_.lower(), token.pos_


def self_features(lex: tuple[str, str, str]) -> list[str]:
    lower, lemma, pos = lex
    return [f"w:{lower}", f"l:{lemma}", f"lp:{lemma}|{pos}", f"s:{lower[-3:]}", f"p:{pos}"]


def left_features(lex: tuple[str, str, str]) -> list[str]:
    return [f"L:{lex[1]}", f"Lp:{lex[2]}"]


def right_features(lex: tuple[str, str, str]) -> list[str]:
    return [f"R:{lex[1]}", f"Rp:{lex[2]}"]


EDGE = (BOUNDARY, BOUNDARY, BOUNDARY)


def token_rows(lexemes: Sequence[tuple[str, str, str]]) -> Iterable[list[int]]:
    """Hashed feature indices of each token in a run of tokens (training time)."""
    for i, lex in enumerate(lexemes):
        left = lexemes[i - 1] if i > 0 else EDGE
        right = lexemes[i + 1] if i + 1 < len(lexemes) else EDGE
        yield [bucket(f) for f in self_features(lex) + left_features(left) + right_features(right)]


def dense_features(assoc_row, nrc_row=None):
    """A word's eight emotion associations and the strongest of them (how emotional it is at all),
    then the eight NRC lexicon flags and whether it has any: the lexicon prior that carries the
    words REMAN's few passages never show the tagger."""
    import numpy as np

    assoc = np.zeros(8, np.float32) if assoc_row is None else np.asarray(assoc_row, np.float32)
    nrc = np.zeros(8, np.float32) if nrc_row is None else np.asarray(nrc_row, np.float32)
    return np.concatenate([assoc, [max(0.0, float(assoc.max()))], nrc, [float(nrc.max())]]).astype(np.float32)
