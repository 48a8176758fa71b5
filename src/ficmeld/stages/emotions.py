"""Stage `emotions`: who feels what, sentence by sentence, from the shipped cue model and the parse.

Body paragraphs are scored in batches by the cue tagger (ficmeld.emotion), cut at its
recall-weighted threshold (a story's arcs need every feeling; REMAN's annotators mark only some
of them, so the F1-best cut there is too sparse for a reader). Each cue that is
not negated ("was never scared") becomes a reading of one character, found in this order:
the subject or possessor the parse links the cue to (a mention's character; "I"/"you" inside a
quote are its speaker/addressee), else the speaker of the quote the cue stands in, else the
scene's point-of-view character (narrated feeling in close third or first person). Cues of one
emotion for one character in one sentence merge into a single reading. Each paragraph's summed
soft emotion mass (cue-ness x shares over all its tokens) goes to scratch["emotions.paragraph_mass"]
for the arcs; whom each reading is directed at ('afraid of him', 'she hated Jim') goes to
`Emotion.target`.
"""
from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from ficmeld.emotion.cues import CueSpan, find_cues
from ficmeld.emotion.model import load_model
from ficmeld.emotion.syntax import experiencer_token, target_token
from ficmeld.model.document import Emotion, Mention, Quote
from ficmeld.model.work import ParsedParagraph, Work
from ficmeld.stages.base import stage

if TYPE_CHECKING:
    from spacy.tokens import Token

INTENSIFIERS = frozenset({"very", "so", "too", "deeply", "utterly", "completely", "truly", "terribly",
                          "incredibly", "absolutely", "extremely", "really", "such"})
FIRST = frozenset({"i", "me", "my", "myself", "mine"})
SECOND = frozenset({"you", "your", "yourself", "yours"})
DEATH = frozenset({"die", "perish"})
BATCH = 512  # paragraphs scored together


class Experiencers:
    """Maps a cue to a character id with what the earlier stages found (any of them may be empty)."""

    def __init__(self, work: Work):
        self.mentions: list[Mention] = sorted(work.mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.quotes: list[Quote] = sorted(work.quotes, key=lambda q: q.start)
        self.quote_starts = [q.start for q in self.quotes]
        scenes = {s.index: s for s in work.scenes}
        self.pov = {i: s.pov.character for i, s in scenes.items() if s.pov is not None}

    def character_at(self, start: int, end: int) -> str | None:
        i = bisect.bisect_right(self.mention_starts, end - 1) - 1
        while i >= 0 and self.mentions[i].end > start - 40:
            m = self.mentions[i]
            if m.start < end and start < m.end:
                return m.character
            i -= 1
        return None

    def quote_at(self, offset: int) -> Quote | None:
        i = bisect.bisect_right(self.quote_starts, offset) - 1
        if i >= 0 and self.quotes[i].start <= offset < self.quotes[i].end:
            return self.quotes[i]
        return None

    def target(self, pp: ParsedParagraph, cue: CueSpan, rule: str, scene: int | None) -> str | None:
        token = target_token(cue.head, rule)
        return self._who(pp, token, scene) if token is not None else None

    def resolve(self, pp: ParsedParagraph, cue: CueSpan, scene: int | None) -> tuple[str | None, str]:
        token, rule = experiencer_token(cue.head)
        if cue.head.lemma_.lower() in DEATH and rule == "subject":
            token = None  # "his mother died": the grief is the bereaved's, not the dead's
        quote = self.quote_at(pp.start + cue.start_char)
        if token is not None:
            return self._who(pp, token, scene), rule
        if quote is not None and quote.kind in ("speech", "thought"):
            return quote.speaker, "speaker"
        return self.pov.get(scene), "pov"

    def _who(self, pp: ParsedParagraph, token: "Token", scene: int | None) -> str | None:
        start = pp.start + token.idx
        in_quote = self.quote_at(start)
        if in_quote is not None and token.lower_ in FIRST:
            return in_quote.speaker
        if in_quote is not None and token.lower_ in SECOND:
            return in_quote.addressee
        who = self.character_at(start, start + len(token.text))
        if who is None and in_quote is None and token.lower_ in FIRST:
            return self.pov.get(scene)  # first-person narration: the narrator
        return who


def _intensity(cue: CueSpan) -> float:
    boosted = any(c.lower_ in INTENSIFIERS for t in cue.tokens for c in t.children) or cue.head.sent.text.rstrip().endswith("!")
    return round(min(1.0, cue.score * (1.25 if boosted else 1.0)), 3)


@stage("emotions", requires=("characters", "quotes", "coref", "speakers", "pov"), assigns=("emotions",))
def emotions(work: Work) -> None:
    work.emotions = []
    if not work.parsed:
        return
    resolver = Experiencers(work)
    model = load_model()
    readings: dict[tuple, Emotion] = {}
    negated: list[Emotion] = []
    mass = work.scratch["emotions.paragraph_mass"] = {}
    for first in range(0, len(work.parsed), BATCH):
        # a batch at a time, so a work of millions of words never holds all its parses live at once
        batch = work.parsed[first:first + BATCH]
        docs = [pp.doc for pp in batch]
        scores = model.emotion_scores(docs, model.stage_prior_weight)
        cue_lists = find_cues(model, docs, threshold=model.stage_threshold, scores=scores, lexicon_backed=True)
        for pp, (cueness, shares) in zip(batch, scores):
            # every token's soft emotion mass, cue or not: a denser signal for the arcs than the readings
            mass[pp.paragraph] = (cueness[:, None] * shares).sum(axis=0)
        for pp, cues in zip(batch, cue_lists):
            _read_cues(work, resolver, pp, cues, readings, negated)
    ordered = sorted(readings, key=lambda k: (readings[k].start, readings[k].end, readings[k].emotion))
    work.emotions = [readings[k] for k in ordered]
    work.scratch["emotions.negated"] = negated


def _read_cues(work: Work, resolver: "Experiencers", pp, cues, readings: dict[tuple, Emotion],
               negated: list[Emotion]) -> None:
    """Each cue becomes a reading of its experiencer; cues of one emotion and experiencer in a sentence merge."""
    paragraph = work.paragraph_at(pp.start)
    scene = paragraph.scene if paragraph is not None else None
    for cue in cues:
        who, rule = resolver.resolve(pp, cue, scene)
        start, end = pp.start + cue.start_char, pp.start + cue.end_char
        reading = Emotion(experiencer=who, emotion=cue.emotion, intensity=_intensity(cue), start=start,
                          end=end, scene=scene, evidence=[cue.text], negated=cue.negated)
        if cue.negated:
            negated.append(reading)  # "was never scared" is not fear: kept aside, not in the document
            continue
        key = (pp.start + cue.head.sent.start_char, who, cue.emotion)
        same = readings.get(key)
        toward = resolver.target(pp, cue, rule, scene)
        toward = toward if toward != who else None
        if same is None:
            reading.target = toward
            readings[key] = reading
        else:
            same.target = same.target or toward
            same.intensity = round(1 - (1 - same.intensity) * (1 - reading.intensity), 3)
            same.end = max(same.end, end)
            same.evidence.append(cue.text)
