"""Quotation marks, found and paired by regular rules; word lists for speech, thought and writing.

Pure text functions (no parse), so the quotes stage costs little next to spaCy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

SPEECH_VERBS = frozenset(
    """say tell ask reply answer respond whisper shout yell scream cry call murmur mutter mumble snap add continue
    explain exclaim declare announce insist protest remark observe note comment repeat echo begin interrupt
    interject suggest agree admit confess demand inquire enquire query plead beg urge warn command order
    growl snarl hiss bark roar bellow grumble groan moan sigh sob gasp breathe laugh chuckle giggle
    sneer scoff retort counter concede offer promise assure stammer stutter drawl rasp croak sing chant
    squeak squeal shriek mouth prompt press persist venture volunteer finish conclude greet return rejoin
    resume pursue reason hint intimate assent affirm acknowledge object lament pant blurt chime quip joke
    tease interpose observe correct cry""".split()
)
THOUGHT_VERBS = frozenset("think wonder muse reflect ponder".split())
# Lemmas that make `"X" ...` a name given rather than words spoken ("they called him 'Bones'").
NAMING_VERBS = frozenset("call name dub nickname title entitle label term".split())

WRITTEN_CUE = re.compile(
    r"\b(?:(?:note|letter|sign|message|card|text|e-?mail|telegram|label|poster|banner|headline|inscription|"
    r"notice|memo|page|screen|plaque|placard|caption|postcard|scroll|graffiti)s?\b[^.!?\"“”]{0,40}?"
    r"\b(?:read|reads|said|says|ran|runs|stated|states)\b|"
    r"\b(?:marked|labell?ed|labeled|entitled|titled|headed|wrote|writes|written|write|scrawled|scribbled|typed|texted|printed|inscribed|engraved|penned)\b)"
    r"[^.!?\"“”]{0,40}$",
    re.IGNORECASE,
)
# "Damn it, he thought." / "Damn it, thought Jim." : unquoted thought ended by its tag.
THOUGHT_TAG = re.compile(
    r",\s+(?:(?:he|she|they|I|we)|[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)\s+(?:thought|wondered|mused|reflected|thinks|wonders)"
    r"(?:\s+\w+){0,2}\s*[.!?]?$"
    r"|,\s+(?:thought|wondered|mused)\s+(?:[A-Z][\w'’-]+|he|she)\s*[.!?]?$"
)
IRREGULAR = {"say": ["said"], "tell": ["told"], "begin": ["began", "begun"], "sing": ["sang", "sung"],
             "think": ["thought"], "breathe": ["breathed"], "cry": ["cried"], "reply": ["replied"]}


def verb_forms(lemmas: frozenset[str]) -> re.Pattern:
    """A regex matching the common inflections of `lemmas` as whole words (said, asks, whispered, replying)."""
    forms = set()
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms.update({lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing"})
        if lemma.endswith("y"):
            forms.update({lemma[:-1] + "ied", lemma[:-1] + "ies"})
        if re.search(r"[^aeiou][aeiou][pgtbn]$", lemma):
            forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})
        forms.update(IRREGULAR.get(lemma, []))
    return re.compile(r"\b(?:" + "|".join(sorted(forms, key=len, reverse=True)) + r")\b", re.IGNORECASE)


SPEECH_FORMS = verb_forms(SPEECH_VERBS)
THOUGHT_FORMS = verb_forms(THOUGHT_VERBS)
# ", Stephen said quietly." / "! he cried thickly." : a speech tag after an unmarked stretch of dash dialogue.
UNMARKED_TAG = re.compile(  # SPEECH_FORMS is case-blind; names must still be capitalised, hence no flag here
    r"[,.!?…]\s+(?:(?:he|she|they|I|we|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\s+(?:"
    + SPEECH_FORMS.pattern + r")|(?:" + SPEECH_FORMS.pattern + r")\s+[A-Z][\w’'-]+)\b[^.!?:]{0,60}[.!?:]",
)
SOUNDS_SPOKEN = re.compile(r"\b(?:I|I’m|I'm|you|your|we|me|my|us|our)\b|[?!]")
SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+")
ELISIONS = re.compile(r"(?:em|n|tis|twas|twere|twill|twould|cause|cos|til|till|bout|round|nuff|ello|ere|im|er)\b|\d",
                      re.IGNORECASE)
OPEN_BEFORE = set(" \t\n([{—–-/“‘\"'") | {""}


@dataclass
class Piece:
    """One quotation in one paragraph: [start, end) includes the marks; `closed` is False for a quote that runs
    on into the next paragraph (or is never closed)."""

    start: int
    end: int
    mark: str  # "double" or "single" or "dash"
    closed: bool


def _prev(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else ""


def _next(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else ""


def double_pieces(text: str) -> list[Piece]:
    """Pair double quotation marks within one paragraph; an opener left open runs to the paragraph's end.

    A mark that can only open (“, or " with a space before it and a word after) while a quotation is open
    starts a quotation inside it when closers are left over for both (“A “B,” C”); else the open one was
    never closed and a new one starts."""
    marks = list(re.finditer(r"[\"“”]", text))
    pieces: list[Piece] = []
    open_at: int | None = None
    nested = False
    for n, m in enumerate(marks):
        i, ch = m.start(), m.group()
        before, after = _prev(text, i), _next(text, i)
        looks_open = before in OPEN_BEFORE and after not in ("", " ", "\n", "\t")
        if open_at is not None and _only_opens(text, i) and not nested:
            if _closers_ahead(text, marks[n + 1:]) >= 2:
                nested = True
                continue
            pieces.append(Piece(open_at, _trim_end(text, i), "double", False))  # the earlier one never closed
            open_at = i
        elif open_at is not None and nested:
            nested = False  # the inner quotation closes; the outer one goes on
        elif open_at is not None:
            pieces.append(Piece(open_at, i + 1, "double", True))
            open_at = None
        elif ch == "“" or looks_open:
            open_at = i
    if open_at is not None:
        pieces.append(Piece(open_at, _trim_end(text, len(text)), "double", False))
    return pieces


def _closers_ahead(text: str, marks: list[re.Match]) -> int:
    """Marks that can close, less those that can only open and will take one of them."""
    return sum(-1 if _only_opens(text, m.start()) else 1 for m in marks)


def _only_opens(text: str, i: int) -> bool:
    """“, or " with a space before it and a word after: a closing mark follows its last word."""
    if text[i] == "“":
        return True
    return text[i] == '"' and _prev(text, i).isspace() and _next(text, i) not in ("", " ", "\n", "\t")


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _single_open(text: str, i: int) -> bool:
    if text[i] not in "‘'":
        return False
    after = text[i + 1:i + 6]
    return _prev(text, i) in OPEN_BEFORE and bool(after) and not after[0].isspace() and not ELISIONS.match(after)


def _single_close(text: str, i: int) -> int:
    """0: not a closer; 1: a weak closer (a plural possessive is as likely: dogs' bowls); 2: a closer."""
    if text[i] not in "’'":
        return 0
    before, after = _prev(text, i), _next(text, i)
    if not before or before.isspace() or after.isalnum() or text[max(0, i - 2):i] in ("'n", "‘n", "’n"):
        return 0
    if before in "sz" and after == " " and text[i + 2:i + 3].islower():
        return 1
    return 2


# ' Edith! ' said Margaret: marks typed with a space inside them. The closing one follows punctuation, which
# tells it from a spaced apostrophe (goin ' home).
SPACED_SINGLE = re.compile(r"(?:(?<=\s)|^)' (?=[A-Z])(?:(?!\s'\s)[^\n])*?[.,!?;:—-] '(?=\s|$|[.,;:!?—-])")


def single_pieces(text: str) -> list[Piece]:
    """Pair single quotation marks, telling them from apostrophes (don't, Jim's, dogs', 'em, rock 'n' roll)."""
    spaced = [Piece(m.start(), m.end(), "single", True) for m in SPACED_SINGLE.finditer(text)]
    if spaced:
        rest = _tight_single_pieces(text)
        return sorted(spaced + [p for p in rest if not any(s.start < p.end and p.start < s.end for s in spaced)],
                      key=lambda p: p.start)
    return _tight_single_pieces(text)


def _tight_single_pieces(text: str) -> list[Piece]:
    pieces: list[Piece] = []
    i, n = 0, len(text)
    while i < n:
        if not _single_open(text, i):
            i += 1
            continue
        weak = None
        j = i + 1
        close = None
        while j < n:
            if text[j] in "’'":
                strength = _single_close(text, j)
                if strength == 2:
                    close = j
                    break
                if strength == 1 and weak is None:
                    weak = j
                elif strength == 0 and _single_open(text, j) and text[j - 1] in " \n":
                    break  # a new opener before any closer: this one was an apostrophe
            j += 1
        close = close if close is not None else weak
        if close is not None:
            pieces.append(Piece(i, close + 1, "single", True))
            i = close + 1
        elif i == 0 or text[:i].strip() in ("", "—", "–"):
            pieces.append(Piece(i, _trim_end(text, n), "single", False))  # opens the paragraph, runs on
            break
        else:
            i += 1
    return pieces


def dash_pieces(text: str) -> list[Piece]:
    """European dialogue: a paragraph opening with a dash is speech up to its tag, and again after it:
    "— Where? — he asked. — Here." and, with no second dash, "— Where? he asked. Not here, I hope."
    (what follows an unmarked tag is speech only if it sounds like it: first or second person, ? or !)."""
    m = re.match(r"\s*([—–―]|--)\s*", text)
    if not m or not text[m.end():m.end() + 1].strip():
        return []
    if re.search(r"\s(?:[—–―]|--)\s", text[m.end():]):
        return _dashed_tags(text, m)
    tag = UNMARKED_TAG.search(text, m.end())
    if tag is None:
        return [Piece(m.start(1), _trim_end(text, len(text)), "dash", True)]
    pieces = [Piece(m.start(1), tag.start() + 1, "dash", True)]
    rest = text[tag.end():]
    if rest.strip() and SOUNDS_SPOKEN.search(rest):
        start = tag.end() + len(rest) - len(rest.lstrip())
        pieces.append(Piece(start, _trim_end(text, len(text)), "dash", True))
    return pieces


# A dash that opens speech inside a paragraph: after a sentence end or a colon ("He called out: — Come up!").
INLINE_DASH = re.compile(r"(?:^|(?<=[.!?…:])|(?<=[.!?…][\"'”’)]))\s*([—–―]|--)[ \t]*(?=[A-Z\"“‘'¿¡])")
DASHED_HEADING = re.compile(r"(?:[—–―]|--)\s*[\w.]{1,5}\s*(?:[—–―]|--)")  # "— I —", "-- 2 --": a heading
PAST = re.compile(r"\b(?:[a-z]{2,}ed|was|were|had|did|said|came|went|saw|took|made|got|gave|began|stood|sat|felt|"
                  r"knew|thought|told|left|ran|held|found|turned|looked|heard|kept|let|put|set|broke|rose|fell|"
                  r"laid|led|lay|shook|spoke|wrote|drew|threw|grew|bent|caught|brought|crept|slept|swept|wept)\b")
THIRD_PERSON = re.compile(r"\b(?:he|she|they|it|his|her|their|its|him|them)\b|^\W*[A-Z][a-z]+\s", re.IGNORECASE)
SPEAKING_PERSON = re.compile(r"\b(?:I|I'm|I’m|me|my|you|your|we|us|our)\b|[?!]\W*$")


def narrates(sentence: str) -> bool:
    """A sentence of past-tense narration about someone else: where dash speech without a closing mark ends."""
    return (PAST.search(sentence) is not None and THIRD_PERSON.search(sentence) is not None
            and SPEAKING_PERSON.search(sentence) is None)


def inline_dash_pieces(text: str) -> list[Piece]:
    """Dash dialogue set inside paragraphs (no closing mark): each dash after a sentence end or a colon opens
    speech that runs to the next such dash, to a speech tag ("— Back to barracks! he said."), or to the first
    sentence of narration. After a tag the words go on as speech while they are no narration and sound spoken."""
    openers = [m.start(1) for m in INLINE_DASH.finditer(text)
               if not DASHED_HEADING.match(text, m.start(1))]
    pieces: list[Piece] = []
    for n, start in enumerate(openers):
        stop = openers[n + 1] if n + 1 < len(openers) else len(text)
        tag = UNMARKED_TAG.search(text, start, stop)
        end = _speech_end(text, start, tag.start() + 1 if tag else stop, first_is_speech=True)
        if tag and end < tag.start() + 1:
            tag = None  # narration came first: the verb belongs to it, not to a tag
        pieces.append(Piece(start, _trim_end(text, end), "dash", True))
        if tag:
            rest = tag.end() + len(text[tag.end():stop]) - len(text[tag.end():stop].lstrip())
            more = _speech_end(text, rest, stop, first_is_speech=False)
            if more > rest and SOUNDS_SPOKEN.search(text[rest:more]):
                pieces.append(Piece(rest, _trim_end(text, more), "dash", True))
    return [p for p in pieces if p.end > p.start]


def _speech_end(text: str, start: int, stop: int, *, first_is_speech: bool) -> int:
    """Where speech that starts at `start` gives way to narration (at most `stop`)."""
    pos = start
    for m in SENTENCE_END.finditer(text, start, stop):
        sentence = text[pos:m.end()]
        if narrates(sentence) and not (first_is_speech and pos == start):
            return pos
        pos = m.end()
    tail = text[pos:stop]
    if tail.strip() and narrates(tail) and not (first_is_speech and pos == start):
        return pos
    return stop


def _dashed_tags(text: str, m: re.Match) -> list[Piece]:
    pieces = []
    start = m.start(1)
    for sep in re.finditer(r"\s+(?:[—–―]|--)\s+", text[m.end():]):
        s, e = m.end() + sep.start(), m.end() + sep.end()
        nxt = text[e:e + 1]
        if start is not None and nxt.islower():  # the tag starts
            pieces.append(Piece(start, s, "dash", True))
            start = None
        elif start is None and nxt.isupper():  # speech resumes after the tag
            start = s + (sep.group().index(sep.group().strip()))
    if start is not None:
        pieces.append(Piece(start, _trim_end(text, len(text)), "dash", True))
    return pieces


def words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text)


def strip_marks(text: str) -> str:
    return text.strip(" \t\n\"“”‘’'—–-").strip()
