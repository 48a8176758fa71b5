"""The work model: one `Work` owns the text; everything else is an offset view into it."""
from ficmeld.model.document import (
    EMOTIONS,
    SCHEMA_VERSION,
    Analysis,
    ArcPoint,
    Arcs,
    Chapter,
    Character,
    Emotion,
    HeadHop,
    Mention,
    Paragraph,
    Part,
    Pov,
    Quote,
    Scene,
    Source,
    Span,
    TagSuggestion,
    Tags,
)
from ficmeld.model.work import Work
from ficmeld.model.schema import analysis_schema, decode_analysis, encode_analysis

__all__ = [
    "EMOTIONS", "SCHEMA_VERSION", "Analysis", "ArcPoint", "Arcs", "Chapter", "Character", "Emotion",
    "HeadHop", "Mention", "Paragraph", "Part", "Pov", "Quote", "Scene", "Source", "Span",
    "TagSuggestion", "Tags", "Work", "analysis_schema", "decode_analysis", "encode_analysis",
]
