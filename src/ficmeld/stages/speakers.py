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

import re
from collections import Counter

from ficmeld.model.document import Quote
from ficmeld.model.work import Work
from ficmeld.nlp.access import span_at
from ficmeld.stages import speaker_model
from ficmeld.stages.base import stage
from ficmeld.stages.quote_patterns import SPEECH_VERBS, THOUGHT_VERBS, strip_marks, words
from ficmeld.stages.speaker_context import CONFIDENCE, SpeakerContext, set_speaker
from ficmeld.stages.speaker_tags import SUBJECTS, from_tag, paragraph_doc_start, possessive, subject_of, verbs_in

DIALOGUE_GAP = 1  # narration paragraphs a dialogue run may skip and still alternate speakers


@stage("speakers", requires=("quotes", "coref"), assigns=("quotes",))
def attribute_speakers(work: Work) -> None:
    if not work.quotes:
        return
    ctx = apply_rules(work)
    speaker_model.rerank(ctx, _vocative)


def apply_rules(work: Work) -> "SpeakerContext":
    """The rule passes alone (the learned model takes their result as evidence)."""
    ctx = SpeakerContext(work)
    for q in work.quotes:
        from_tag(ctx, q)
    _share_within_paragraphs(ctx)
    _from_conversation(ctx)
    _unify_repeats(ctx)
    return ctx


# ---- last: repeated lines ---------------------------------------------------------------------------------

WEAK = frozenset({"introduced", "context", "repeat", "adjacent"})


def _unify_repeats(ctx: SpeakerContext) -> None:
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

def _share_within_paragraphs(ctx: SpeakerContext) -> None:
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
            set_speaker(q, next(iter(known)), "paragraph")
            continue
        siblings = {o.speaker for o in ctx.paragraph_quotes(q) if o.speaker and o.kind == q.kind}
        if len(siblings) == 1:
            donor = next(o for o in ctx.paragraph_quotes(q) if o.speaker)
            set_speaker(q, donor.speaker, "paragraph", donor.addressee)
        elif not siblings:
            actor = _adjacent_actor(ctx, q)
            if actor:
                set_speaker(q, actor, "adjacent")
        if q.speaker and not known:
            by_group[key] = {q.speaker}


def _adjacent_actor(ctx: SpeakerContext, q: Quote) -> str | None:
    """The character subject of a narration sentence in the quote's own paragraph, the nearest before it first."""
    p = ctx.work.paragraph_at(q.start)
    if p is None:
        return None
    span = span_at(ctx.work, p.start, p.end)
    if span is None:
        return None
    doc_offset = paragraph_doc_start(ctx.work, p.start)
    best: tuple[int, str] | None = None
    for tok in span:
        at = doc_offset + tok.idx
        if tok.dep_ not in SUBJECTS or ctx.in_quote(at) or tok.head.dep_ not in ("ROOT", "conj"):
            continue
        m = ctx.mention_at(at)
        if m is not None and not possessive(ctx.work, m):
            # narration before the quote names its speaker more often than narration after it (a listener's reaction)
            distance = q.start - at if at < q.start else 10_000 + at - q.end
            if best is None or distance < best[0]:
                best = (distance, m.character)
    return best[1] if best else None


# ---- pass 3: conversation ---------------------------------------------------------------------------------

def _vocative(ctx: SpeakerContext, q: Quote) -> str | None:
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


def _scene_people(ctx: SpeakerContext, scene_start: int, upto: int) -> Counter:
    """Characters of the scene so far by how often the narration names or refers to them."""
    return Counter(m.character for m in ctx.mentions_in(scene_start, upto) if not possessive(ctx.work, m))


def _from_conversation(ctx: SpeakerContext) -> None:
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
                    set_speaker(q, earlier.speaker, "repeat", earlier.addressee)
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
                set_speaker(q, earlier.speaker, "repeat", earlier.addressee)
            elif turns and new_turn:
                set_speaker(q, _next_turn(ctx, turns, vocative, scene_start, q.start), "turn-taking")
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


def _dialogue_paragraph(ctx: SpeakerContext, q: Quote) -> bool:
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


def _next_turn(ctx: SpeakerContext, turns: list[str], vocative: str | None, scene_start: int, at: int) -> str | None:
    last = turns[-1]
    others = [s for s in reversed(turns[:-1]) if s and s != last]
    candidate = others[0] if others else None
    if candidate is None:
        people = _scene_people(ctx, scene_start, at)
        candidate = next((c for c, _ in people.most_common() if c != last and c != vocative), None)
    if candidate is not None and candidate == vocative:
        candidate = last or None
    return candidate


def _from_context(ctx: SpeakerContext, q: Quote, vocative: str | None, scene_start: int) -> None:
    """A lone untagged line: the thinker of a thought just announced, else the scene's focal character."""
    announcer = _announcer(ctx, q)
    people = _scene_people(ctx, scene_start, q.start)
    ranked = [c for c, _ in people.most_common() if c != vocative]
    speaker = announcer or (ranked[0] if ranked else None)
    if speaker is None:
        return
    recent = _scene_people(ctx, max(scene_start, q.start - 600), q.start)
    partner = vocative or next((c for c, _ in recent.most_common() if c != speaker), None)
    set_speaker(q, speaker, "context", partner)


def _announcer(ctx: SpeakerContext, q: Quote) -> str | None:
    """The subject of a speech or thought verb in the sentence just before the quote ("The words Spock did not say")."""
    work = ctx.work
    head = work.text[max(0, q.start - 300):q.start].rstrip()
    sentences = re.split(r"(?<=[.!?…])\s+", head)
    if not sentences:
        return None
    last = sentences[-1]
    start = q.start - len(work.text[max(0, q.start - 300):q.start]) + head.rfind(last)
    for verb in verbs_in(work, start, start + len(last), SPEECH_VERBS | THOUGHT_VERBS):
        m = subject_of(ctx, verb, start, start + len(last))
        if m is not None:
            return m.character
    return None
