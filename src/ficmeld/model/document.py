"""The analysis document (spec/OUTPUT.md) as typed structs: serialised, and published as JSON Schema.

Every start/end is a 0-based code-point offset into `Analysis.text`, end exclusive.
"""
from __future__ import annotations

from typing import Literal

import msgspec

SCHEMA_VERSION = "1"

PartKind = Literal["title", "summary", "disclaimer", "author_note", "body", "epigraph", "other"]
Person = Literal["first", "second", "third", "mixed"]
Tense = Literal["past", "present", "mixed"]
Role = Literal["main", "supporting", "mentioned"]
MentionKind = Literal["name", "nominal", "pronoun"]
QuoteKind = Literal["speech", "thought", "written", "other"]
EmotionName = Literal["anger", "anticipation", "disgust", "fear", "joy", "sadness", "surprise", "trust"]
EMOTIONS: tuple[str, ...] = ("anger", "anticipation", "disgust", "fear", "joy", "sadness", "surprise", "trust")


class Struct(msgspec.Struct, kw_only=True, omit_defaults=False):
    pass


class Source(Struct):
    path: str
    format: str
    sha256: str
    encoding: str | None = None
    notes: list[str] = []


class Span(Struct):
    start: int
    end: int


class Part(Struct):
    kind: PartKind
    start: int
    end: int
    chapter: int | None = None


class Chapter(Struct):
    index: int
    title: str | None
    start: int
    end: int


class Paragraph(Struct):
    index: int
    start: int
    end: int
    part: PartKind
    chapter: int | None = None
    scene: int | None = None


class HeadHop(Struct):
    start: int
    end: int
    from_: str | None = msgspec.field(name="from", default=None)
    to: str | None = None
    confidence: float = 0.0


class Pov(Struct):
    character: str | None
    person: Person
    tense: Tense
    confidence: float
    evidence: list[Span] = []


class Scene(Struct):
    index: int
    chapter: int | None
    start: int
    end: int
    pov: Pov | None = None
    head_hops: list[HeadHop] = []


class Character(Struct):
    id: str
    name: str
    aliases: list[str]
    canonical: str | None
    role: Role
    mentions: int
    gender: str | None = None
    quotes: int = 0
    words_spoken: int = 0
    first_start: int | None = None


class Mention(Struct):
    start: int
    end: int
    character: str | None
    kind: MentionKind
    group: str | None = None  # a mention no character holds may still chain with others: "g3" ('we', a 'they')


class Quote(Struct):
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None
    addressee: str | None
    confidence: float
    method: str | None = None


class Emotion(Struct):
    experiencer: str | None
    emotion: EmotionName
    intensity: float
    start: int
    end: int
    scene: int | None
    evidence: list[str] = []
    negated: bool = False
    target: str | None = None  # the character the feeling is directed at ('afraid of him'), when told


class ArcPoint(Struct):
    start: int
    end: int
    valence: float
    emotions: dict[str, float]


class Arcs(Struct):
    unit: str = "paragraph"  # or "window": runs of paragraphs, when a long work has more than 1,000
    smoothing: str | None = None
    points: list[ArcPoint] = []
    per_character: dict[str, list[ArcPoint]] = {}


class TagSuggestion(Struct):
    tag: str
    confidence: float
    evidence: list[Span] = []
    reason: str | None = None


class Tags(Struct):
    fandoms: list[TagSuggestion] = []
    rating: TagSuggestion | None = None
    warnings: list[TagSuggestion] = []
    category: list[TagSuggestion] = []
    relationships: list[TagSuggestion] = []
    characters: list[TagSuggestion] = []
    freeform: list[TagSuggestion] = []
    ffnet_rating: TagSuggestion | None = None
    ffnet_genres: list[TagSuggestion] = []


class Analysis(Struct):
    """One work's analysis: the contract of `ficmeld analyze --json`."""

    schema_version: str
    source: Source
    metadata: dict[str, str | int | list[str]]
    text: str
    parts: list[Part]
    chapters: list[Chapter]
    paragraphs: list[Paragraph]
    scenes: list[Scene]
    characters: list[Character]
    mentions: list[Mention]
    quotes: list[Quote]
    emotions: list[Emotion]
    arcs: Arcs
    tags: Tags
    emphasis: list[Span]
    stats: dict[str, float | int]
    timings: dict[str, float]
