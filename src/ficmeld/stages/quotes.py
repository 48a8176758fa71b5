"""Quotations in the body: speech, thought and written text, found by their marks and a few regular rules.

A quote that runs over several paragraphs (an opening mark on each, the closing one only at the end) is
one Quote per paragraph piece; the pieces share a group in `scratch["quotes.group"]` (quote start ->
group id) so the speakers stage gives them one speaker. Pieces of one paragraph interrupted by a tag
("Well," she said, "perhaps.") are separate quotes too. Scare quotes and titles (a few words inside a
sentence, no clause of their own, no speech verb) are not quotes and are not listed.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ficmeld.model.document import Paragraph, Quote
from ficmeld.model.spans import SpanIndex
from ficmeld.model.work import Work
from ficmeld.nlp.access import span_at
from ficmeld.stages.base import stage
from ficmeld.stages.quote_letters import unmarked_letters
from ficmeld.stages.quote_patterns import (
    INLINE_DASH,
    NAMING_VERBS,
    SPEECH_FORMS,
    THOUGHT_FORMS,
    THOUGHT_TAG,
    WRITTEN_CUE,
    Piece,
    dash_pieces,
    double_pieces,
    inline_dash_pieces,
    narrates,
    single_pieces,
    strip_marks,
    verb_forms,
    words,
)

NAMING_FORMS = verb_forms(NAMING_VERBS)

SCARE_MAX_WORDS = 3
NOUN_PHRASE_LEAD = re.compile(r"\b(?:the|a|an|of|for|with|to|as|into|from|at|in|on|by|his|her|their|my|our|your|its|"
                              r"this|these|those)\s*$", re.IGNORECASE)
TITLE_SMALL_WORDS = frozenset("a an the and or but nor of on in to for at by with from as".split())
# "BOOK I. THE ROAD. CHAPTER 3. Into the Dark ": chapter labels, each perhaps with its title
HEADING_LABEL = re.compile(r"\b(?:book|part|chapter|volume)\s+(?:\d+|[ivxlc]+)\b\.?", re.IGNORECASE)
HEADING_LEAD = re.compile(r"^\s*(?:" + HEADING_LABEL.pattern + r"\s*(?:[^.!?\n]{0,80}?[.]?\s*)?)+$", re.IGNORECASE)
STAGE_DIRECTION = re.compile(r"\((?:[a-z]+ing)\b[^()\n]{0,60}\)")
DASH_STYLE_MIN = 3  # dash openers a work needs before its mid-paragraph dashes count as dialogue
DASH_TAGGED_SHARE = 1 / 3  # of those dashed stretches, the share that must sit beside a speech verb
NEAR = 40  # characters either side of a quote searched for its tag
# what italics said aloud follow: the tag's comma or colon, its verb, or "cried aloud", "called out", "a shout of"
ITALIC_SPEECH_LEAD = re.compile(r"(?:[,:]|\b(?:aloud|out|of)|" + SPEECH_FORMS.pattern + r")\s*$", re.IGNORECASE)
CLAUSE_END = re.compile(r"[.!?…,;:—–-]$")
SAYING = re.compile(r"\b(?:as|like)\s+[\w .'’-]{1,40}?\s+(?:would|used to|always|often|might)?\s*(?:say|says|said|put it)\b",
                    re.IGNORECASE)
FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I'll|I’ll|me|my|we|us|our)\b")
UNSPOKEN = re.compile(r"\b(?:words?|thoughts?)\b.*\b(?:not|never|n't|n’t)\b.*\b(?:say|said|speak|spoke|tell|told|voice)\b"
                      r"|\b(?:not|never|n't|n’t)\s+(?:say|said|speak|spoke|tell|told|voice)\b.*\bwords?\b", re.IGNORECASE)


@stage("quotes", requires=("characters",), assigns=("quotes",))
def find_quotes(work: Work) -> None:
    paragraphs = [p for p in work.paragraphs if p.part == "body" and p.scene is not None]
    singles_first = _single_quote_style(work, paragraphs)
    dash_style = _dash_style(work, paragraphs)
    quotes: list[Quote] = []
    group: dict[int, int] = {}
    open_group: int | None = None  # the group of a quote left open at the previous paragraph's end
    for p in paragraphs:
        text = work.text[p.start:p.end]
        pieces = _pieces(text, singles_first, dash_style)
        carried = open_group if pieces and not text[:pieces[0].start].strip() else None
        open_group = None
        for n, piece in enumerate(pieces):
            kind = _kind(text, piece, pieces)
            if kind is None:
                continue
            start = p.start + piece.start
            quotes.append(Quote(start=start, end=p.start + piece.end, kind=kind, speaker=None, addressee=None,
                                confidence=0.0, method=None))
            group[start] = carried if (n == 0 and carried is not None) else start
            if not piece.closed and n == len(pieces) - 1:
                open_group = group[start]
        if not pieces:
            quotes.extend(_unmarked_thoughts(work, p, text))
    quotes.extend(_emphasis_speech(work, paragraphs, quotes))
    quotes.extend(_emphasis_thoughts(work, paragraphs, quotes))
    quotes.extend(_unspoken_address(work, paragraphs, quotes))
    quotes.extend(unmarked_letters(work, paragraphs, quotes))
    work.quotes = sorted(quotes, key=lambda q: q.start)
    for q in work.quotes:
        group.setdefault(q.start, q.start)
    work.scratch["quotes.group"] = group


def _single_quote_style(work: Work, paragraphs: list[Paragraph]) -> bool:
    """True where single marks carry the dialogue (British style) and double ones are nested inside them."""
    doubles = singles = 0
    for p in paragraphs:
        text = work.text[p.start:p.end]
        doubles += len(double_pieces(text))
        singles += len(single_pieces(text))
    return singles > doubles


def _dash_style(work: Work, paragraphs: list[Paragraph]) -> bool:
    """True where dashes, not quotation marks, carry the dialogue (Joyce; many translations): many dashes, few
    marks, and a fair share of the dashed stretches beside a speech verb, which tells dialogue from a narrator's
    own dashes ("a portrait. -- Fatal image! -- It planted a thorn")."""
    dashes = marks = 0
    for p in paragraphs:
        text = work.text[p.start:p.end]
        dashes += len(INLINE_DASH.findall(text))
        marks += len(double_pieces(text)) + len(single_pieces(text))
    if dashes < DASH_STYLE_MIN or dashes <= 2 * marks:
        return False
    pieces = tagged = 0
    for p in paragraphs:
        text = work.text[p.start:p.end]
        for piece in inline_dash_pieces(text):
            pieces += 1
            tagged += _beside_speech_verb(text, piece)
    return tagged >= DASH_TAGGED_SHARE * pieces


def _beside_speech_verb(text: str, piece: Piece) -> bool:
    return (SPEECH_FORMS.search(text[max(0, piece.start - 25):piece.start]) is not None
            or _tagged_after(text[piece.end:piece.end + NEAR], 3))


def _tagged_after(after: str, within: int) -> bool:
    """One of the first `within` words after the quote is a speech verb (", he said", "! cried Ann")."""
    return any(SPEECH_FORMS.fullmatch(w) for w in re.findall(r"\w+", after)[:within])


def _pieces(text: str, singles_first: bool, dash_style: bool = False) -> list[Piece]:
    if dash_style:
        dashes = inline_dash_pieces(text)
        if dashes:
            return dashes
    dashes = dash_pieces(text)
    if dashes and (dash_style or not _narrates_first(text, dashes[0])):
        return dashes
    doubles, singles = double_pieces(text), single_pieces(text)
    first, second = (singles, doubles) if singles_first else (doubles, singles)
    kept = list(first)
    for piece in second:  # nested or crossing marks of the other kind lose to the work's own style
        if not any(k.start < piece.end and piece.start < k.end for k in first):
            kept.append(piece)
    return [part for piece in sorted(kept, key=lambda k: k.start) for part in _around_direction(text, piece)]


def _around_direction(text: str, piece: Piece) -> list[Piece]:
    """"Ann! Bo! (turning to the door) Come and eat!": a stage direction in brackets inside the marks, led by
    a word in -ing, is narration; the words said are the two pieces either side of it."""
    m = STAGE_DIRECTION.search(text, piece.start, piece.end)
    if m is None:
        return [piece]
    said_end = piece.start + len(text[piece.start:m.start()].rstrip())
    said_again = piece.end - len(text[m.end():piece.end].lstrip())
    parts = [Piece(piece.start, said_end, piece.mark, True), Piece(said_again, piece.end, piece.mark, piece.closed)]
    return [p for p in parts if strip_marks(text[p.start:p.end])]


def _narrates_first(text: str, piece: Piece) -> bool:
    """In a work whose dialogue is in quotation marks, a paragraph that opens with a dash and goes on as
    past-tense narration ("— and then it was over. He never spoke of it again.") is no dash dialogue."""
    first = re.split(r"(?<=[.!?…])\s+", text[piece.start:piece.end].lstrip(" —–―-"), maxsplit=1)[0]
    return narrates(first)


def _sentence_before(text: str, start: int) -> str:
    head = text[:start]
    cut = max((m.end() for m in re.finditer(r"[.!?…][\"'”’)]*\s+", head)), default=0)
    return head[cut:]


def _kind(text: str, piece: Piece, pieces: list[Piece]) -> str | None:
    inner = strip_marks(text[piece.start:piece.end])
    if not inner:
        return None
    before = _sentence_before(text, piece.start)
    previous = [k.end for k in pieces if k.end <= piece.start]
    resumed = False  # the words go on from a quote earlier in this sentence ("Well," she said, "maybe")
    if previous and max(previous) > piece.start - len(before):
        before = text[max(previous):piece.start]  # the narration since the last quote, not the quote itself
        earlier = next(k for k in pieces if k.end == max(previous))
        resumed = _kind(text, earlier, pieces) is not None
    after = text[piece.end:piece.end + NEAR]
    after = re.split(r"[\"“”‘]", after)[0]
    # only the word right after the marks (, said Ann): after a pronoun tag (, he said) a short term in marks is
    # still left to the sentence test of _is_scare
    tagged_after = re.match(r"[\s,]*(\w+)", after)
    speech_after = bool(SAYING.match(after.lstrip(" ,"))
                        or (tagged_after and SPEECH_FORMS.fullmatch(tagged_after.group(1))))
    speech_near = speech_after or _tag_before(before)
    thought_near = bool(THOUGHT_FORMS.search(after[:25]) or THOUGHT_FORMS.search(before[-25:]))
    exclaimed = re.search(r"[!?]\W*$", inner) is not None
    if not exclaimed and (_named(before) or (not speech_after and _in_noun_phrase(before))):
        return None
    if not exclaimed and not resumed and _run_through(inner, before, after):
        return None
    if not exclaimed and not speech_near and (_after_heading(text[:piece.start]) or before.strip() and _titled(inner)):
        return None
    marked = text[piece.start:piece.end]
    if not exclaimed and _is_scare(inner, marked, before, after, speech_near or thought_near, piece):
        return None
    if WRITTEN_CUE.search(before):
        return "written"
    if not speech_near and _embedded_phrase(inner, before):
        # after an article or a preposition the marks hold a phrase of the narration at arm's length: a scare quote
        return None if NOUN_PHRASE_LEAD.search(before) and not exclaimed else "other"
    if thought_near and not SPEECH_FORMS.search(after[:25]):
        return "thought"
    return "speech"


def _after_heading(head: str) -> bool:
    """Chapter 3. The Storm "Every cloud has its silver lining." : marks that follow a chapter heading on its line
    hold the chapter's title or its epigraph, not words said, unless a cry or a tag makes them speech."""
    if not HEADING_LEAD.match(head):
        return False
    title = words(HEADING_LABEL.sub(" ", head))
    return all(w.strip("'’")[:1].isupper() or w.lower() in TITLE_SMALL_WORDS for w in title)


def _named(before: str) -> bool:
    """what they called "the girl's room", a dish called "mamaliga": a naming verb right before the marks, with no
    comma or colon to open speech, gives a name, not words said."""
    verb = re.search(r"\b(\w+)\s*$", before)
    return verb is not None and NAMING_FORMS.fullmatch(verb.group(1)) is not None


def _in_noun_phrase(before: str) -> bool:
    """the overture to "The Poet and the Peasant", known as "Tuppence": right after an article, a preposition or a
    possessive, with no comma or colon to open speech, the marks hold a title, a term or a name that the sentence
    goes on through, even after a speech verb (told the "girl"), unless a tag follows the marks; a question or a
    cry there is still said. (After a copula they may well be words said: his last words were "Look after her.")"""
    return NOUN_PHRASE_LEAD.search(before) is not None


def _tag_before(before: str) -> bool:
    """A speech verb ending the narration before the quote (she whispered: / said Holmes, ), not a naming verb
    with its object (called him "Bones")."""
    near = before[-2 * NEAR:]
    for verb in SPEECH_FORMS.finditer(near):
        trailing = near[verb.end():]
        if near[verb.start() - 1:verb.start()] == "-":
            continue  # so-called
        # said Holmes, / cried out in a shrill but distinct voice, : a longer tail must end in its comma or colon
        if len(words(trailing)) > (8 if re.fullmatch(r"[^,;:.!?]*[,:]\s*", trailing) else 3):
            continue
        if NAMING_FORMS.fullmatch(verb.group()) and words(trailing):
            continue
        return True
    return False


def _run_through(inner: str, before: str, after: str) -> bool:
    """who sojourned, or, as he liked to put it, "tarried," at the mill / a plea "to settle his debts," which:
    words in lower case that the narration's sentence runs on through, lower case again after the marks, are
    its own words held at arm's length (American style puts the comma inside). Still said: words broken off,
    words with a tag after them ("go on," he said) or a speech verb opening them (she said, "no," and left).
    A word or two credited to others ("tarried," as they say) is a borrowed term all the same."""
    if not inner[:1].islower() or re.search(r"[.!?…—–-]$", inner) or not re.match(r"[\s,]*[a-z]", after):
        return False
    if SAYING.match(after.lstrip(" ,")):  # a term credited to others, or a whole saying of theirs
        return len(words(inner)) <= SCARE_MAX_WORDS
    if _tagged_after(after, 3) or THOUGHT_FORMS.search(after[:25]):
        return False
    opened = re.search(r"(?:[,:;]|" + SPEECH_FORMS.pattern + r")\s*$", before)
    return not (opened and _tag_before(before))


def _titled(inner: str) -> bool:
    """"The Lord Will Provide", "Frank on the Mississippi," "KEEP OFF THE GRASS": three words or more, each
    capitalised but for the small words of a title, or two or more in capitals, set inside a sentence of
    narration with no speech verb beside them, are a title, a heading or an inscription, not words said."""
    found = words(inner)
    if len(found) < 2:
        return False
    if all(w.isupper() for w in found if w.isalpha()) and sum(len(w) > 1 for w in found) >= 2:
        return True
    return len(found) >= 3 and all(w[:1].isupper() or w.lower() in TITLE_SMALL_WORDS for w in found)


def _is_scare(inner: str, marked: str, before: str, after: str, tagged: bool, piece: Piece) -> bool:
    """A few words set in a sentence of narration: a title, a term, a word held at arm's length. Punctuation
    inside the marks says little (American style puts commas and periods there), so the sentence decides."""
    if tagged or piece.mark == "dash" or not piece.closed or len(words(inner)) > SCARE_MAX_WORDS:
        return False
    ends_sentence = not after.strip() or re.match(r"\s*[.!?…]", after) is not None or re.search(r"[.!?…]$", inner)
    broken_off = re.search(r"(?:--|[—–])[\"'”’\s]*$", marked) is not None  # "Because --" he hesitated
    return not (_opens_clause(before) and (ends_sentence or broken_off or CLAUSE_END.search(inner)))


def _opens_clause(before: str) -> bool:
    """The quote starts a sentence or follows a colon or comma, as speech does."""
    return not before.strip() or re.search(r"[:,;—–-]\s*$", before) is not None


def _embedded_phrase(inner: str, before: str) -> bool:
    """A longer lowercase phrase in mid-sentence (keep a look-out for "a man with one leg") is cited, not said."""
    return inner[:1].islower() and not _opens_clause(before)


def _unmarked_thoughts(work: Work, p: Paragraph, text: str) -> list[Quote]:
    """Damn it, he thought.: the words before an unquoted thought tag."""
    out = []
    pos = 0
    for sent in re.split(r"(?<=[.!?…])\s+", text):
        start = text.find(sent, pos)
        pos = start + len(sent)
        m = THOUGHT_TAG.search(sent)
        if m and len(words(sent[:m.start()])) >= 1:
            out.append(Quote(start=p.start + start, end=p.start + start + m.start(), kind="thought", speaker=None,
                             addressee=None, confidence=0.0, method=None))
    return out


def _with_markers(text: str, start: int, end: int) -> tuple[int, int]:
    """An italic span widened to the `_` or `*` typed around it (Markdown, Gutenberg): its quotation marks."""
    if 0 < start and end < len(text) and text[start - 1] == text[end] and text[end] in "_*":
        return start - 1, end + 1
    return start, end


def _emphasis_speech(work: Work, paragraphs: list[Paragraph], quotes: list[Quote]) -> list[Quote]:
    """cried out in a loud voice, _Hekinah degul_: italics of two words or more set right after a speech verb (or
    its comma or colon) and closing the clause are the words said, often in another tongue. A `_` or `*` typed
    around them in the text belongs to the quote as its marks."""
    taken = SpanIndex((q.start, q.end) for q in quotes)
    starts = [p.start for p in paragraphs]
    out = []
    for e in work.emphasis:
        i = bisect_right(starts, e.start) - 1
        para = paragraphs[i] if i >= 0 and e.end <= paragraphs[i].end else None
        if para is None or taken.overlaps(e.start, e.end) or len(words(work.text[e.start:e.end])) < 2:
            continue
        start, end = _with_markers(work.text, e.start, e.end)
        before = _sentence_before(work.text[para.start:start], start - para.start)
        if (_tag_before(before) and ITALIC_SPEECH_LEAD.search(before)
                and re.match(r"\s*(?:[.,;:!?(—–-]|$)", work.text[end:para.end])):
            out.append(Quote(start=start, end=end, kind="speech", speaker=None, addressee=None, confidence=0.0,
                             method=None))
    return out


def _emphasis_thoughts(work: Work, paragraphs: list[Paragraph], quotes: list[Quote]) -> list[Quote]:
    """Italics that form a clause of their own and sound like a mind speaking: first person or present tense,
    or a thought verb beside them."""
    if not work.emphasis:
        return []
    bounds = SpanIndex((p.start, p.end) for p in paragraphs)
    taken = SpanIndex((q.start, q.end) for q in quotes)
    out = []
    for e in work.emphasis:
        if not bounds.contains(e.start, e.end) or taken.overlaps(e.start, e.end):
            continue
        inner = work.text[e.start:e.end]
        if len(words(inner)) < 2:
            continue
        start, end = _with_markers(work.text, e.start, e.end)
        lead = work.text[max(0, start - 3):start].rsplit("\n", 1)[-1]  # within its own paragraph
        if lead.strip() and not re.search(r"[.!?…:][\"'”’)]*\s*$", lead):
            continue  # it starts inside a sentence: emphasis, not a mind speaking
        span = span_at(work, e.start, e.end)
        has_verb = span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)
        present = span is not None and any(t.tag_ in ("VBP", "VBZ") for t in span)
        thought_near = THOUGHT_FORMS.search(work.text[e.end:e.end + 25]) is not None
        if has_verb and (FIRST_PERSON.search(inner) or present or thought_near):
            out.append(Quote(start=start, end=end, kind="thought", speaker=None, addressee=None,
                             confidence=0.0, method=None))
    return out


def _unspoken_address(work: Work, paragraphs: list[Paragraph], quotes: list[Quote]) -> list[Quote]:
    """A short unmarked paragraph of direct address right after a sentence about words left unsaid is a thought."""
    out = []
    taken = SpanIndex((q.start, q.end) for q in quotes)
    for prev, p in zip(paragraphs, paragraphs[1:]):
        if prev.scene != p.scene or taken.overlaps(p.start, p.end):
            continue
        text = work.text[p.start:p.end]
        if re.search(r"[\"“”‘’]", text) or len(words(text)) > 30:
            continue
        last = re.split(r"(?<=[.!?…])\s+", work.text[prev.start:prev.end].strip())[-1]
        if not UNSPOKEN.search(last):
            continue
        addressed = re.search(r"\byou\b|,\s*[A-Z]\w+\s*[.!?]|^[A-Z]\w+,", text) is not None
        if addressed:
            s = p.start + len(text) - len(text.lstrip())
            out.append(Quote(start=s, end=p.start + len(text.rstrip()), kind="thought", speaker=None, addressee=None,
                             confidence=0.0, method=None))
    return out
