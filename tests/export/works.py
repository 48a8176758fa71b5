"""Small hand-built analyses for the exporter tests (the stages are not what is tested here)."""
from __future__ import annotations

from ficmeld.model import (
    Analysis, ArcPoint, Arcs, Chapter, Character, Emotion, HeadHop, Paragraph, Part, Pov, Quote, Scene,
    Source, Span, TagSuggestion, Tags, Mention,
)

PARAGRAPHS = (
    "The Lighthouse Keeper",
    "Ines climbed the stairs. \"Is anyone up here?\" she called to Bram.",
    "\"Only me,\" Bram said. He was furious <b>& soaked</b>, and the lamp hissed.",
    "* * *",
    "By morning Bram felt afraid. \"Don't leave,\" he thought.",
)


def _offsets(paragraphs) -> list[tuple[int, int]]:
    offsets, pos = [], 0
    for p in paragraphs:
        offsets.append((pos, pos + len(p)))
        pos += len(p) + 2
    return offsets


def empty_analysis(text: str = "Nothing happens here.", pov: Pov | None = None) -> Analysis:
    """One paragraph in one scene, and no characters, quotes, emotions, arcs or tags."""
    return Analysis(
        schema_version="1", source=Source(path="empty.txt", format="text", sha256="0" * 64), metadata={},
        text=text, parts=[Part(kind="body", start=0, end=len(text), chapter=0)],
        chapters=[Chapter(index=0, title=None, start=0, end=len(text))],
        paragraphs=[Paragraph(index=0, start=0, end=len(text), part="body", chapter=0, scene=0)],
        scenes=[Scene(index=0, chapter=0, start=0, end=len(text), pov=pov)],
        characters=[], mentions=[], quotes=[], emotions=[], arcs=Arcs(), tags=Tags(), emphasis=[],
        stats={}, timings={})


def small_analysis(bram_name: str = "Bram") -> Analysis:
    """Two scenes (Ines's POV, then Bram's with a head-hop), three quotes, two emotion readings."""
    text = "\n\n".join(PARAGRAPHS)
    offs = _offsets(PARAGRAPHS)

    def find(s: str, i: int) -> tuple[int, int]:
        a = text.index(s, offs[i][0])
        return a, a + len(s)

    paragraphs = [Paragraph(index=i, start=a, end=b, part="title" if i == 0 else "body", chapter=0,
                            scene=None if i in (0, 3) else (0 if i < 3 else 1)) for i, (a, b) in enumerate(offs)]
    q1, q2, q3 = find('"Is anyone up here?"', 1), find('"Only me,"', 2), find('"Don\'t leave,"', 4)
    furious, afraid = find("furious", 2), find("afraid", 4)
    arc = lambda i, v, em: ArcPoint(start=offs[i][0], end=offs[i][1], valence=v, emotions=em)  # noqa: E731
    return Analysis(
        schema_version="1", source=Source(path="keeper.txt", format="text", sha256="ab" * 32),
        metadata={"title": "The Keeper", "fandoms": ["Original Work"], "rating": "General Audiences"},
        text=text, parts=[Part(kind="title", start=0, end=offs[0][1]),
                          Part(kind="body", start=offs[1][0], end=len(text), chapter=0)],
        chapters=[Chapter(index=0, title=None, start=0, end=len(text))], paragraphs=paragraphs,
        scenes=[Scene(index=0, chapter=0, start=offs[1][0], end=offs[2][1],
                      pov=Pov(character="c0", person="third", tense="past", confidence=0.8)),
                Scene(index=1, chapter=0, start=offs[4][0], end=offs[4][1],
                      pov=Pov(character="c1", person="third", tense="past", confidence=0.7),
                      head_hops=[HeadHop(start=offs[4][0], end=offs[4][1], from_="c1", to="c0", confidence=0.5)])],
        characters=[Character(id="c0", name="Ines", aliases=["Ines"], canonical=None, role="main", mentions=2),
                    Character(id="c1", name=bram_name, aliases=["Bram"], canonical=None, role="main", mentions=4,
                              quotes=2)],
        mentions=[Mention(start=offs[1][0], end=offs[1][0] + 4, character="c0", kind="name")],
        quotes=[Quote(start=q1[0], end=q1[1], kind="speech", speaker="c0", addressee="c1", confidence=0.9),
                Quote(start=q2[0], end=q2[1], kind="speech", speaker="c1", addressee=None, confidence=0.8),
                Quote(start=q3[0], end=q3[1], kind="thought", speaker="c1", addressee=None, confidence=0.6)],
        emotions=[Emotion(experiencer="c1", emotion="anger", intensity=0.9, start=offs[2][0], end=offs[2][1],
                          scene=0, evidence=["furious"]),
                  Emotion(experiencer="c1", emotion="fear", intensity=0.6, start=offs[4][0], end=offs[4][1],
                          scene=1, evidence=["afraid"])],
        arcs=Arcs(points=[arc(1, 0.3, {"anger": 0.0}), arc(2, -0.6, {"anger": 0.9}), arc(4, -0.2, {"fear": 0.6})],
                  per_character={"c1": [arc(1, 0.0, {"anger": 0.0, "fear": 0.1}), arc(2, -0.5, {"anger": 0.9}),
                                        arc(4, -0.2, {"anger": 0.2, "fear": 0.6})]}),
        tags=Tags(fandoms=[TagSuggestion(tag="Original Work", confidence=0.7, evidence=[Span(start=furious[0], end=furious[1])])],
                  rating=TagSuggestion(tag="Teen And Up Audiences", confidence=0.4, reason="violence words")),
        emphasis=[], stats={"words": 40, "dialogue_ratio": 0.3, "reading_minutes": 0.2}, timings={})
