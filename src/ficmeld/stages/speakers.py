"""Who speaks each quote, and to whom: explicit tags first, then the conversation around it.

Passes, each only for quotes still without a speaker:
1. tag: a speech (or, for thoughts, thought) verb beside the quote in its own paragraph; its subject is the
   speaker ("explicit" for a name, "anaphoric" for a pronoun the coref stage resolved), "said to X" or
   "told X" the addressee. A quote introduced by a colon takes the character of the introducing clause.
2. paragraph: pieces of one paragraph and of one multi-paragraph quote share a speaker; a narration
   sentence in the same paragraph lends its subject ("Spock turned. 'Jim.'": "adjacent").
3. conversation, in reading order: a quote repeating an earlier attributed one word for word has its
   speaker ("repeat"); in a run of dialogue the last two speakers alternate ("turn-taking"); a vocative
   names the addressee, so the speaker is the other one ("vocative"); a lone line with no dialogue around
   it goes to the scene's focal character, addressed to the other character most present ("context").
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import TYPE_CHECKING

from ficmeld.model.document import Mention, Quote
from ficmeld.model.work import Work
from ficmeld.nlp.access import parsed_at, span_at
from ficmeld.stages import speaker_model
from ficmeld.stages.base import stage
from ficmeld.stages.quote_patterns import SPEECH_VERBS, THOUGHT_VERBS, strip_marks, words

if TYPE_CHECKING:
    from spacy.tokens import Token

CONFIDENCE = {"explicit": 0.9, "anaphoric": 0.8, "introduced": 0.6, "echo": 0.65, "paragraph": 0.75, "adjacent": 0.6,
              "repeat": 0.6, "vocative": 0.6, "turn-taking": 0.55, "context": 0.35}
SUBJECTS = ("nsubj", "nsubjpass")
FIRST_PERSON_STATE = re.compile(r"\bI(?:'m|’m| am)\s+(?:so\s+|very\s+|really\s+)?([a-z]+)\b")
DIALOGUE_GAP = 1  # narration paragraphs a dialogue run may skip and still alternate speakers


@stage("speakers", requires=("quotes", "coref"), assigns=("quotes",))
def attribute_speakers(work: Work) -> None:
    if not work.quotes:
        return
    ctx = apply_rules(work)
    speaker_model.rerank(ctx, _vocative)


def apply_rules(work: Work) -> "_Context":
    """The rule passes alone (the learned model takes their result as evidence)."""
    ctx = _Context(work)
    for q in work.quotes:
        _from_tag(ctx, q)
    _share_within_paragraphs(ctx)
    _from_conversation(ctx)
    _unify_repeats(ctx)
    return ctx


class _Context:
    def __init__(self, work: Work):
        self.work = work
        self.quotes = sorted(work.quotes, key=lambda q: q.start)
        self.quote_starts = [q.start for q in self.quotes]
        self.mentions = sorted(work.mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.group = work.scratch.get("quotes.group", {})

    def in_quote(self, offset: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, offset) - 1
        return i >= 0 and self.quotes[i].start <= offset < self.quotes[i].end

    def mentions_in(self, start: int, end: int, *, outside_quotes: bool = True) -> list[Mention]:
        lo = bisect.bisect_left(self.mention_starts, start)
        hi = bisect.bisect_left(self.mention_starts, end)
        return [m for m in self.mentions[lo:hi] if m.character and not (outside_quotes and self.in_quote(m.start))]

    def mention_at(self, offset: int) -> Mention | None:
        i = bisect.bisect_right(self.mention_starts, offset) - 1
        while i >= 0 and self.mentions[i].end > offset - 200:
            m = self.mentions[i]
            if m.start <= offset < m.end and m.character:
                return m
            i -= 1
        return None

    def paragraph_quotes(self, q: Quote) -> list[Quote]:
        p = self.work.paragraph_at(q.start)
        if p is None:
            return [q]
        lo = bisect.bisect_left(self.quote_starts, p.start)
        hi = bisect.bisect_left(self.quote_starts, p.end)
        return self.quotes[lo:hi]


def _set(q: Quote, speaker: str | None, method: str, addressee: str | None = None) -> None:
    q.speaker = speaker
    q.method = method
    q.confidence = CONFIDENCE[method]
    if addressee and addressee != speaker and q.addressee is None:
        q.addressee = addressee


# ---- pass 1: tags ------------------------------------------------------------------------------------------

def _tag_regions(ctx: _Context, q: Quote) -> list[tuple[int, int]]:
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


def _tag_below(ctx: _Context, p, end: int) -> tuple[int, int]:
    """A quote that ends its paragraph may have its tag cut off into the next one ('"Why?"' / 'said the doctor.'):
    a next paragraph of the same scene that opens in lower case continues the sentence."""
    paragraphs = ctx.work.paragraphs
    nxt = paragraphs[p.index + 1] if p.index + 1 < len(paragraphs) else None
    if nxt is None or nxt.scene != p.scene or not ctx.work.text[nxt.start:nxt.start + 1].islower():
        return end, end
    quotes_after = [o.start for o in ctx.quotes[bisect.bisect_left(ctx.quote_starts, nxt.start):] if o.start < nxt.end]
    return nxt.start, min(quotes_after) if quotes_after else nxt.end


def _verbs(work: Work, start: int, end: int, lemmas: frozenset[str]) -> list["Token"]:
    if end - start < 2:
        return []
    span = span_at(work, start, end)
    return [] if span is None else [t for t in span if t.lemma_.lower() in lemmas and t.pos_ in ("VERB", "AUX")]


def _verb_right_after(work: Work, start: int, end: int) -> list["Token"]:
    """ "Aw," fleered Happy Jack: a verb in the first words after a quote that ends on a comma is its tag,
    whatever the verb."""
    span = span_at(work, start, min(end, start + 40))
    if span is None:
        return []
    return [t for t in list(span)[:4] if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ", "VBP")][:1]


def _subject(ctx: _Context, verb: "Token", start: int, end: int) -> Mention | None:
    doc_offset = _doc_offset(ctx.work, start)  # token offsets are relative to their paragraph's doc
    for child in verb.children:
        if child.dep_ in SUBJECTS and not ctx.in_quote(doc_offset + child.idx):  # not a vocative the parser took
            m = ctx.mention_at(doc_offset + child.idx)
            if m is not None:
                return m
    # "said Holmes", "said the captain": the parser often misses inverted subjects; take the nearest mention.
    candidates = ctx.mentions_in(start, end)
    if not candidates:
        return None
    verb_at = doc_offset + verb.idx
    best = min(candidates, key=lambda m: abs(m.start - verb_at))
    return best if abs(best.start - verb_at) < 40 and not _possessive(ctx.work, best) else None


def _doc_offset(work: Work, offset: int) -> int:
    pp = parsed_at(work, offset)
    return pp.start if pp is not None else 0


def _possessive(work: Work, m: Mention) -> bool:
    surface = work.text[m.start:m.end].lower()
    return surface in ("his", "her", "their", "its", "my", "your") or work.text[m.end:m.end + 2] in ("'s", "’s")


def _addressee(ctx: _Context, verb: "Token", start: int) -> str | None:
    doc_offset = _doc_offset(ctx.work, start)
    for child in verb.children:
        targets = [child] if child.dep_ in ("dobj", "dative", "iobj") else []
        if child.dep_ == "prep" and child.lower_ in ("to", "at"):
            targets = [g for g in child.children if g.dep_ == "pobj"]
        for t in targets:
            m = ctx.mention_at(doc_offset + t.idx)
            if m is not None and not ctx.in_quote(m.start):
                return m.character
    return None


def _from_tag(ctx: _Context, q: Quote) -> None:
    lemmas = SPEECH_VERBS | THOUGHT_VERBS if q.kind == "thought" else SPEECH_VERBS
    for n, (start, end) in enumerate(_tag_regions(ctx, q)):
        verbs = _verbs(ctx.work, start, end, lemmas)
        if not verbs and n == 0 and re.search(r"[,!?—–-][\"'”’]$", ctx.work.text[q.start:q.end]):
            verbs = _verb_right_after(ctx.work, start, end)
        for verb in verbs:
            m = _subject(ctx, verb, start, end)
            if m is not None:
                method = "anaphoric" if m.kind == "pronoun" else "explicit"
                _set(q, m.character, method, _addressee(ctx, verb, start))
                return
    echoed = _echo(ctx, q)
    if echoed:
        _set(q, echoed, "echo")
        return
    _from_introduction(ctx, q)


def _echo(ctx: _Context, q: Quote) -> str | None:
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
        people = [c for c in ctx.mentions_in(start, start + len(hit.group(1))) if not _possessive(ctx.work, c)]
        if people:
            return people[-1].character
    return None


def _from_introduction(ctx: _Context, q: Quote) -> None:
    """it wound up taking him two words: "..." -- the one character of the clause that introduces the quote."""
    _, (start, end) = _tag_regions(ctx, q) or [(0, 0), (0, 0)]
    if not re.search(r":\s*$", ctx.work.text[start:end]):
        return
    people = [m for m in ctx.mentions_in(start, end) if not _possessive(ctx.work, m)]
    if len({m.character for m in people}) == 1:
        _set(q, people[0].character, "introduced")
        if all(m.kind == "pronoun" for m in people):
            q.confidence -= 0.15  # a pronoun's resolution is the weaker evidence


# ---- last: repeated lines ---------------------------------------------------------------------------------

WEAK = frozenset({"introduced", "context", "repeat", "adjacent"})


def _unify_repeats(ctx: _Context) -> None:
    """A line said again word for word outside a dialogue run is the same person's: the weaker attributions of
    identical lines take the most confident one."""
    by_text: dict[str, list[Quote]] = {}
    for q in ctx.quotes:
        key = _normal(ctx.work.text[q.start:q.end])
        if len(key.split()) >= 2 and q.speaker:
            by_text.setdefault(key, []).append(q)
    for same in by_text.values():
        best = max(same, key=lambda q: q.confidence)
        for q in same:
            if q is not best and q.method in WEAK and q.confidence < best.confidence and q.speaker != best.speaker:
                q.speaker, q.method, q.confidence = best.speaker, "repeat", CONFIDENCE["repeat"]
                q.addressee = best.addressee if best.addressee != q.speaker else None


# ---- pass 2: within a paragraph ---------------------------------------------------------------------------

def _share_within_paragraphs(ctx: _Context) -> None:
    by_group: dict[int, set[str]] = {}
    for q in ctx.quotes:
        if q.speaker:
            by_group.setdefault(ctx.group.get(q.start, q.start), set()).add(q.speaker)
    for q in ctx.quotes:
        key = ctx.group.get(q.start, q.start)
        known = by_group.get(key, set())
        if q.speaker:
            continue
        if len(known) == 1:
            _set(q, next(iter(known)), "paragraph")
            continue
        siblings = {o.speaker for o in ctx.paragraph_quotes(q) if o.speaker and o.kind == q.kind}
        if len(siblings) == 1:
            donor = next(o for o in ctx.paragraph_quotes(q) if o.speaker)
            _set(q, donor.speaker, "paragraph", donor.addressee)
        elif not siblings:
            actor = _adjacent_actor(ctx, q)
            if actor:
                _set(q, actor, "adjacent")
        if q.speaker and not known:
            by_group[key] = {q.speaker}


def _adjacent_actor(ctx: _Context, q: Quote) -> str | None:
    """The character subject of a narration sentence in the quote's own paragraph, the nearest before it first."""
    p = ctx.work.paragraph_at(q.start)
    if p is None:
        return None
    span = span_at(ctx.work, p.start, p.end)
    if span is None:
        return None
    doc_offset = _doc_offset(ctx.work, p.start)
    best: tuple[int, str] | None = None
    for tok in span:
        at = doc_offset + tok.idx
        if tok.dep_ not in SUBJECTS or ctx.in_quote(at) or tok.head.dep_ not in ("ROOT", "conj"):
            continue
        m = ctx.mention_at(at)
        if m is not None and not _possessive(ctx.work, m):
            # narration before the quote names its speaker more often than narration after it (a listener's reaction)
            distance = q.start - at if at < q.start else 10_000 + at - q.end
            if best is None or distance < best[0]:
                best = (distance, m.character)
    return best[1] if best else None


# ---- pass 3: conversation ---------------------------------------------------------------------------------

def _vocative(ctx: _Context, q: Quote) -> str | None:
    text = ctx.work.text
    for m in ctx.mentions_in(q.start, q.end, outside_quotes=False):
        if m.kind != "name":
            continue
        before = text[max(q.start, m.start - 2):m.start]
        after = text[m.end:m.end + 1]
        if (re.search(r"(?:,\s|^[\"“‘'—–-]?)$", before) or m.start <= q.start + 1) and after in (",", ".", "!", "?", "”", "\"", "’", "'", "…"):
            if re.search(r",\s$", before) or after == "," or m.start <= q.start + 1:
                return m.character
    return None


def _normal(text: str) -> str:
    return " ".join(w.lower() for w in words(strip_marks(text)))


def _scene_people(ctx: _Context, scene_start: int, upto: int) -> Counter:
    """Characters of the scene so far by how often the narration names or refers to them."""
    return Counter(m.character for m in ctx.mentions_in(scene_start, upto) if not _possessive(ctx.work, m))


def _from_conversation(ctx: _Context) -> None:
    work = ctx.work
    said: dict[str, Quote] = {}
    last_paragraph = -10
    turns: list[str] = []  # speakers of the current dialogue run, one per paragraph
    for q in ctx.quotes:
        p = work.paragraph_at(q.start)
        index = p.index if p is not None else last_paragraph
        scene = work.scene_at(q.start)
        scene_start = scene.start if scene else 0
        if index - last_paragraph > DIALOGUE_GAP + 1 or (p is not None and _scene_changed(work, last_paragraph, index)):
            turns = []
        if not _dialogue_paragraph(ctx, q):  # a quote set in narration is no turn of a conversation
            if q.speaker is None:
                key = _normal(work.text[q.start:q.end])
                earlier = said.get(key)
                if earlier is not None and len(key.split()) >= 2:
                    _set(q, earlier.speaker, "repeat", earlier.addressee)
                else:
                    _from_context(ctx, q, _vocative(ctx, q), scene_start)
            if q.speaker:
                said.setdefault(_normal(work.text[q.start:q.end]), q)
            continue
        new_turn = index != last_paragraph
        vocative = _vocative(ctx, q)
        if vocative and q.addressee is None and vocative != q.speaker:
            q.addressee = vocative
        if q.speaker is None:
            key = _normal(work.text[q.start:q.end])
            earlier = said.get(key)
            if earlier is not None and len(key.split()) >= 2 and not turns:
                _set(q, earlier.speaker, "repeat", earlier.addressee)
            elif turns and new_turn:
                _set(q, _next_turn(ctx, turns, vocative, scene_start, q.start), "turn-taking")
            elif not turns:
                _from_context(ctx, q, vocative, scene_start)
        if q.speaker and q.addressee is None and turns and turns[-1] != q.speaker:
            q.addressee = turns[-1]
        if q.speaker:
            said.setdefault(_normal(work.text[q.start:q.end]), q)
            if new_turn or not turns:
                turns.append(q.speaker)
            elif turns[-1] != q.speaker:
                turns[-1] = q.speaker
        elif new_turn:
            turns.append("")
        last_paragraph = index


def _dialogue_paragraph(ctx: _Context, q: Quote) -> bool:
    """The paragraph opens with a quote or is mostly quotation."""
    p = ctx.work.paragraph_at(q.start)
    if p is None:
        return False
    quoted = sum(o.end - o.start for o in ctx.paragraph_quotes(q))
    opens = not ctx.work.text[p.start:q.start].strip() or ctx.paragraph_quotes(q)[0].start - p.start < 3
    return opens or quoted * 2 >= p.end - p.start


def _scene_changed(work: Work, a: int, b: int) -> bool:
    if a < 0 or a >= len(work.paragraphs):
        return False
    return work.paragraphs[a].scene != work.paragraphs[b].scene


def _next_turn(ctx: _Context, turns: list[str], vocative: str | None, scene_start: int, at: int) -> str | None:
    last = turns[-1]
    others = [s for s in reversed(turns[:-1]) if s and s != last]
    candidate = others[0] if others else None
    if candidate is None:
        people = _scene_people(ctx, scene_start, at)
        candidate = next((c for c, _ in people.most_common() if c != last and c != vocative), None)
    if candidate is not None and candidate == vocative:
        candidate = last or None
    return candidate


def _from_context(ctx: _Context, q: Quote, vocative: str | None, scene_start: int) -> None:
    """A lone untagged line: the thinker of a thought just announced, else the scene's focal character."""
    announcer = _announcer(ctx, q)
    people = _scene_people(ctx, scene_start, q.start)
    ranked = [c for c, _ in people.most_common() if c != vocative]
    speaker = announcer or (ranked[0] if ranked else None)
    if speaker is None:
        return
    recent = _scene_people(ctx, max(scene_start, q.start - 600), q.start)
    partner = vocative or next((c for c, _ in recent.most_common() if c != speaker), None)
    _set(q, speaker, "context", partner)


def _announcer(ctx: _Context, q: Quote) -> str | None:
    """The subject of a speech or thought verb in the sentence just before the quote ("The words Spock did not say")."""
    work = ctx.work
    head = work.text[max(0, q.start - 300):q.start].rstrip()
    sentences = re.split(r"(?<=[.!?…])\s+", head)
    if not sentences:
        return None
    last = sentences[-1]
    start = q.start - len(work.text[max(0, q.start - 300):q.start]) + head.rfind(last)
    for verb in _verbs(work, start, start + len(last), SPEECH_VERBS | THOUGHT_VERBS):
        m = _subject(ctx, verb, start, start + len(last))
        if m is not None:
            return m.character
    return None
