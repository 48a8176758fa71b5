"""Letters copied into the narration without quotation marks.

Fiction often sets a letter, a note or a card in its own paragraphs, unquoted: it opens on a salutation
("Dearest Ilka, the queen is kind...", "My darling Juniper,") and closes on a sign-off ("All my love, Gran.",
"Your loving brother, A."). Its 'I' is the writer's, not the narrator's, so it is written text, like a
quoted letter, and point of view must not read a third-person scene as first person because of it.
"""
from __future__ import annotations

import re

from ficmeld.model.document import Paragraph, Quote
from ficmeld.model.spans import SpanIndex
from ficmeld.model.work import Work

SALUTATION = re.compile(
    r"^(?:(?:my|our)\s+)?(?:dear|dearest|darling|beloved|dearly\s+beloved)\b[^,:\n.!?]{0,40}[,:]", re.IGNORECASE)
SIGN_OFF = re.compile(
    r"(?:\b(?:love|yours|regards|sincerely|faithfully|affectionately|truly|ever)"
    r"|\byour\s+(?:loving|devoted|affectionate|faithful|humble|obedient)\s+\w+)"
    r"\s*,\s*(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})\.?\s*[xX]*\s*$", re.IGNORECASE)
FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself)\b")
MAX_PARAGRAPHS = 6  # a letter longer than this without a sign-off is not taken for one


def unmarked_letters(work: Work, paragraphs: list[Paragraph], quotes: list[Quote]) -> list[Quote]:
    """Written-text quotes for each unquoted letter: from a salutation paragraph to the sign-off, or the
    salutation paragraph alone where no sign-off follows within a few paragraphs."""
    taken = SpanIndex((q.start, q.end) for q in quotes)
    out: list[Quote] = []
    i = 0
    while i < len(paragraphs):
        p = paragraphs[i]
        text = work.text[p.start:p.end].strip()
        if not SALUTATION.match(text) or not FIRST_PERSON.search(text) or _quoted(work, p, taken):
            i += 1
            continue
        last = i
        for j in range(i, min(i + MAX_PARAGRAPHS, len(paragraphs))):
            q = paragraphs[j]
            if q.scene != p.scene or (j > i and _quoted(work, q, taken)):
                break
            if SIGN_OFF.search(work.text[q.start:q.end].strip()):
                last = j
                break
        for q in paragraphs[i:last + 1]:
            body = work.text[q.start:q.end]
            start = q.start + len(body) - len(body.lstrip())
            out.append(Quote(start=start, end=q.start + len(body.rstrip()), kind="written", speaker=None,
                             addressee=None, confidence=0.0, method=None))
        i = last + 1
    return out


def _quoted(work: Work, p: Paragraph, taken: SpanIndex) -> bool:
    return taken.overlaps(p.start, p.end) or re.search(r"[\"“”]", work.text[p.start:p.end]) is not None
