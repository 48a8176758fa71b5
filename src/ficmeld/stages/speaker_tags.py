"""Speaker pass 1: a speech or thought verb beside the quote, its subject the speaker, its object the addressee."""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from ficmeld.model.document import Character, Mention, Quote
from ficmeld.model.work import Work
from ficmeld.nlp.access import parsed_at, span_at
from ficmeld.stages.coref_entities import DEFINITE, GENDERED_NOUNS
from ficmeld.stages.quote_patterns import SPEECH_VERBS, THOUGHT_VERBS
from ficmeld.stages.speaker_context import SpeakerContext, set_speaker

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECTS = ("nsubj", "nsubjpass")
GROUP_WORDS = frozenset({"everyone", "everybody", "all", "both", "others", "crowd", "people", "company", "party"})
MAX_DESCRIPTION_WORDS = 6
OBJECT_PRONOUNS = frozenset({"me", "him", "us", "them", "whom", "thee"})  # never the one who speaks
FIRST_PERSON_STATE = re.compile(r"\bI(?:'m|’m| am)\s+(?:so\s+|very\s+|really\s+)?([a-z]+)\b")


def _tag_regions(ctx: SpeakerContext, q: Quote) -> list[tuple[int, int]]:
    """The narration right after the quote (up to its sentence end or the next quote) and right before it."""
    work = ctx.work
    p = work.paragraph_at(q.start)
    if p is None:
        return []
    siblings = ctx.paragraph_quotes(q)
    later = [o.start for o in siblings if o.start >= q.end]
    after_end = min(later) if later else p.end
    after_start = q.end
    if not later and not work.text[q.end:p.end].strip():
        after_start, after_end = _tag_below(ctx, p, q.end)
    tail = work.text[after_start:after_end]
    stop = re.search(r"[.!?…](?=\s|$)", tail)
    if stop and not re.match(r"\s*[a-z]", tail[stop.end():stop.end() + 3]):
        after_end = after_start + stop.end()
    earlier = [o.end for o in siblings if o.end <= q.start]
    before_start = max(earlier) if earlier else p.start
    head = work.text[before_start:q.start]
    cut = max((m.end() for m in re.finditer(r"[.!?…][\"'”’)]*\s+", head)), default=0)
    return [(after_start, after_end), (before_start + cut, q.start)]


def _tag_below(ctx: SpeakerContext, p, end: int) -> tuple[int, int]:
    """A quote that ends its paragraph may have its tag cut off into the next one ('"Why?"' / 'said the doctor.'):
    a next paragraph of the same scene that opens in lower case continues the sentence."""
    paragraphs = ctx.work.paragraphs
    nxt = paragraphs[p.index + 1] if p.index + 1 < len(paragraphs) else None
    if nxt is None or nxt.scene != p.scene or not ctx.work.text[nxt.start:nxt.start + 1].islower():
        return end, end
    quotes_after = [o.start for o in ctx.quotes[bisect.bisect_left(ctx.quote_starts, nxt.start):] if o.start < nxt.end]
    return nxt.start, min(quotes_after) if quotes_after else nxt.end


def verbs_in(work: Work, start: int, end: int, lemmas: frozenset[str]) -> list["Token"]:
    if end - start < 2:
        return []
    span = span_at(work, start, end)
    return [] if span is None else [t for t in span if t.lemma_.lower() in lemmas and t.pos_ in ("VERB", "AUX")]


def _verb_right_after(work: Work, start: int, end: int, sentence_ended: bool = False) -> list["Token"]:
    """ "Aw," fleered Happy Jack: a verb in the first words after a quote that ends on a comma is its tag,
    whatever the verb. After "!" or "?" the next words may open a new sentence ("Priya N.!" I found myself
    on the stage): there only an inverted tag counts, the verb before its subject ("Wait!" cried Ann)."""
    span = span_at(work, start, min(end, start + 40))
    if span is None:
        return []
    verbs = [t for t in list(span)[:4] if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ", "VBP")][:1]
    if sentence_ended:
        verbs = [v for v in verbs if not any(c.dep_ in SUBJECTS and c.i < v.i for c in v.children)]
    return verbs


def subject_of(ctx: SpeakerContext, verb: "Token", start: int, end: int) -> Mention | None:
    doc_offset = paragraph_doc_start(ctx.work, start)  # token offsets are relative to their paragraph's doc
    for child in verb.children:
        if child.dep_ in SUBJECTS and not ctx.in_quote(doc_offset + child.idx):  # not a vocative the parser took
            m = ctx.mention_at(doc_offset + child.idx)
            if m is not None:
                # 'wait for me to say yes', 'made him say it': an object's infinitive is no speech tag
                return None if _object_pronoun(ctx.work, m) else m
    shared = _shared_subject(verb)
    if shared is not None and not ctx.in_quote(doc_offset + shared.idx):
        m = ctx.mention_at(doc_offset + shared.idx)
        if m is not None:
            return m
    # "said Holmes", "said the captain": the parser often misses inverted subjects; take the nearest mention.
    candidates = ctx.mentions_in(start, end)
    if not candidates:
        return None
    verb_at = doc_offset + verb.idx
    best = min(candidates, key=lambda m: abs(m.start - verb_at))
    near = abs(best.start - verb_at) < 40
    return best if near and not possessive(ctx.work, best) and not _object_pronoun(ctx.work, best) else None


def _shared_subject(verb: "Token") -> "Token | None":
    """'She read it, looked up at me and said': a verb joined to an earlier one shares its subject."""
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            return subject
    return None


def _object_pronoun(work: Work, m: Mention) -> bool:
    return work.text[m.start:m.end].lower() in OBJECT_PRONOUNS


def unnamed_subject(ctx: SpeakerContext, verb: "Token", start: int, end: int) -> Mention | None:
    """ "said the parson", "a tall man answered": a singular description the coref stage left unresolved,
    as the subject of the tag (or the nearest after an inverted verb). It becomes a character of its own:
    whoever speaks is someone, even unnamed."""
    doc_offset = paragraph_doc_start(ctx.work, start)
    spots = [doc_offset + c.idx for c in verb.children if c.dep_ in SUBJECTS and not ctx.in_quote(doc_offset + c.idx)]
    m = next((m for at in spots for m in ctx.unresolved_at(at)), None)
    if m is None and not spots:
        verb_at = doc_offset + verb.idx
        after = [m for m in ctx.unresolved_in(verb_at, min(end, verb_at + 40))]
        m = after[0] if after else None
    if m is None or m.kind != "nominal" or possessive(ctx.work, m):
        return None
    cid = open_unnamed(ctx, m)
    return m if cid is not None else None


def open_unnamed(ctx: SpeakerContext, m: Mention) -> str | None:
    """A character for an unnamed speaker, named by its description up to the head noun ("an old sailor"
    of "an old sailor from the wall"); a definite description names the same one again in its scene."""
    head = ctx.work.scratch.get("characters.nominal_heads", {}).get(m.start)
    if head is None or head.plural or head.lemma in GROUP_WORDS:
        return None
    end = head.head_end if head.head_end > m.start else m.end
    words = ctx.work.text[m.start:end].split()
    if not words or len(words) > MAX_DESCRIPTION_WORDS:
        return None
    name = " ".join(words)
    paragraph = ctx.work.paragraph_at(m.start)
    key = (paragraph.scene if paragraph else None, head.lemma)
    cid = ctx.unnamed.get(key) if (head.det or "") in DEFINITE else None
    if cid is None:
        cid = ctx.work.new_character_id()
        ctx.work.characters.append(Character(id=cid, name=name[:1].lower() + name[1:], aliases=[], canonical=None,
                                             role="mentioned", mentions=0, gender=GENDERED_NOUNS.get(head.lemma)))
        ctx.unnamed[key] = cid
    m.character, m.group = cid, None
    return cid


def paragraph_doc_start(work: Work, offset: int) -> int:
    pp = parsed_at(work, offset)
    return pp.start if pp is not None else 0


def possessive(work: Work, m: Mention) -> bool:
    surface = work.text[m.start:m.end].lower()
    return surface in ("his", "her", "their", "its", "my", "your") or work.text[m.end:m.end + 2] in ("'s", "’s")


def _addressee(ctx: SpeakerContext, verb: "Token", start: int) -> str | None:
    doc_offset = paragraph_doc_start(ctx.work, start)
    for child in verb.children:
        targets = [child] if child.dep_ in ("dobj", "dative", "iobj") else []
        if child.dep_ == "prep" and child.lower_ in ("to", "at"):
            targets = [g for g in child.children if g.dep_ == "pobj"]
        for t in targets:
            m = ctx.mention_at(doc_offset + t.idx)
            if m is not None and not ctx.in_quote(m.start):
                return m.character
    return None


def from_tag(ctx: SpeakerContext, q: Quote) -> None:
    lemmas = SPEECH_VERBS | THOUGHT_VERBS if q.kind == "thought" else SPEECH_VERBS
    for n, (start, end) in enumerate(_tag_regions(ctx, q)):
        verbs = verbs_in(ctx.work, start, end, lemmas)
        closing = re.search(r"([,!?—–-])[\"'”’]$", ctx.work.text[q.start:q.end])
        if not verbs and n == 0 and closing:
            verbs = _verb_right_after(ctx.work, start, end, sentence_ended=closing.group(1) in "!?")
        for verb in verbs:
            m = subject_of(ctx, verb, start, end) or unnamed_subject(ctx, verb, start, end)
            if m is not None:
                method = "anaphoric" if m.kind == "pronoun" else "explicit"
                set_speaker(q, m.character, method, _addressee(ctx, verb, start))
                return
    echoed = _echo(ctx, q)
    if echoed:
        set_speaker(q, echoed, "echo")
        return
    _from_introduction(ctx, q)


def _echo(ctx: SpeakerContext, q: Quote) -> str | None:
    """ "I'm scared." ... Jim was never scared.: narration that restates a first-person 'I am X' of the quote
    about a character, within the next two sentences, names the speaker."""
    m = FIRST_PERSON_STATE.search(ctx.work.text[q.start:q.end])
    if not m:
        return None
    state = m.group(1).lower()
    tail = ctx.work.text[q.end:q.end + 400]
    tail = " ".join(re.split(r"(?<=[.!?…])\s+", tail)[:3])
    pattern = re.compile(r"([\w.' ’-]+?)\s+(?:was|is|had been|has been|felt|feels|seemed|looked)\s+"
                         r"(?:(?:never|not|always|so|very|really|rarely|ever)\s+){0,2}" + re.escape(state) + r"\b",
                         re.IGNORECASE)
    for hit in pattern.finditer(tail):
        start = q.end + ctx.work.text[q.end:q.end + 400].find(hit.group(1))
        people = [c for c in ctx.mentions_in(start, start + len(hit.group(1))) if not possessive(ctx.work, c)]
        if people:
            return people[-1].character
    return None


def _from_introduction(ctx: SpeakerContext, q: Quote) -> None:
    """it wound up taking him two words: "..." -- the one character of the clause that introduces the quote."""
    _, (start, end) = _tag_regions(ctx, q) or [(0, 0), (0, 0)]
    if not re.search(r":\s*$", ctx.work.text[start:end]):
        return
    people = [m for m in ctx.mentions_in(start, end) if not possessive(ctx.work, m)]
    if len({m.character for m in people}) == 1:
        set_speaker(q, people[0].character, "introduced")
        if all(m.kind == "pronoun" for m in people):
            q.confidence -= 0.15  # a pronoun's resolution is the weaker evidence
