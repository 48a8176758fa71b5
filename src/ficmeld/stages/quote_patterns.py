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
NAMING_VERBS = frozenset("call name dub nickname title label term".split())

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
    """Pair double quotation marks within one paragraph; an opener left open runs to the paragraph's end."""
    pieces: list[Piece] = []
    open_at: int | None = None
    for m in re.finditer(r"[\"“”]", text):
        i, ch = m.start(), m.group()
        before, after = _prev(text, i), _next(text, i)
        looks_open = before in OPEN_BEFORE and after not in ("", " ", "\n", "\t")
        if ch == "“" and open_at is not None:
            pieces.append(Piece(open_at, _trim_end(text, i), "double", False))  # the earlier one never closed
            open_at = i
        elif open_at is not None:
            pieces.append(Piece(open_at, i + 1, "double", True))
            open_at = None
        elif ch == "“" or looks_open:
            open_at = i
    if open_at is not None:
        pieces.append(Piece(open_at, _trim_end(text, len(text)), "double", False))
    return pieces


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


def single_pieces(text: str) -> list[Piece]:
    """Pair single quotation marks, telling them from apostrophes (don't, Jim's, dogs', 'em, rock 'n' roll)."""
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
