"""What a line looks like: a scene break, a chapter heading, a header field."""
from __future__ import annotations

import re
import unicodedata

# Break lines: ***, * * *, ~~~, ###, ---, oOo, xXx, ~oOo~, -line break-, ___, ===, ooo, §, etc.
_BREAK = re.compile(
    r"""^\s*(?:
        [*~#=_+\-•·.°o0xX§\s]{3,}            # runs of symbols, o/x runs included
      | [*~#§]                              # one mark alone on its line
      | [~\-=*]*\s*(?:o+O+o+|O+o+O+|x+X+x+|X+x+X+)\s*[~\-=*]*   # oOo, xXx, ~oOo~
      | [\-~=*(\[]*\s*(?:line\s*break|scene\s*break|break|page\s*break|time\s*skip)\s*[\-~=*)\]]*
      | \&\s*\&\s*\&
      | [^\w\s]{1,3}\s*(?:\w{1,4}\s*)?[^\w\s]{1,3}  # ~*~, -o-, *~*~*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|first|second|third|fourth|fifth|"
    "sixth|seventh|eighth|ninth|tenth|last|final"
)
_HEADING = re.compile(
    rf"""^\s*(?:\#{{1,6}}\s*)?(?:
        (?:chapter|chap\.?|ch\.?|part|book|act|volume|vol\.?)\s*
            (?:\d+|[ivxlcdm]+\b|(?:{_NUMBER_WORDS})(?:[\s-](?:{_NUMBER_WORDS}))?)\b\.?
            (?:\s*[:.\-–—|~•]\s*(?P<title>.{{0,120}}?))?\s*
      | (?P<named>prologue|epilogue|interlude|afterword|foreword|coda)\b(?:\s*[:.\-–—|~•]\s*(?P<title2>.{{0,120}}?))?\s*
      | \d{{1,3}}\s*[.:)]?\s*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_HEADER_FIELD = re.compile(
    r"^\s*(title|author|by|fandoms?|rating|rated|pairings?|relationships?|characters?|(?:archive\s+)?warnings?|"
    r"genres?|categor(?:y|ies)|word\s*count|words|summary|disclaimer|notes?|a/n|status|series|beta|"
    r"spoilers?|timeline|prompt|(?:additional\s+|freeform\s+)?tags|language|stats|published|updated|completed|"
    r"chapters|collections?|kudos|hits|bookmarks|comments)\s*:\s*(.*)$",
    re.IGNORECASE | re.DOTALL,
)


# Ornaments a writer centres between scenes: ⁂ ❦ ✦ ✦ ✦ ♡ ⸻ — / / / (symbols and dashes, nothing said)
_ORNAMENT_MARKS = frozenset("⁂※/\\|•·")


def _is_ornament(line: str) -> bool:
    return any(not c.isspace() for c in line) and all(
        c.isspace() or c in _ORNAMENT_MARKS or unicodedata.category(c)[0] == "S" or unicodedata.category(c) == "Pd"
        for c in line)


def is_break_line(line: str) -> bool:
    line = line.strip()
    if not line or len(line) > 40:
        return False
    if _is_ornament(line):
        return True
    if not _BREAK.match(line):
        return False
    letters = sum(c.isalpha() for c in line)
    if letters and re.search(r"[\"“”‘’']", line):
        return False  # a word in quotation marks is a line of dialogue: '"Good."', '"noor"', '"Xxx"'
    # 'oOo', 'xXx' and 'line break' have letters; a real word like 'Wait...' does not match anyway. The case
    # counts: 'oOo' mixes it, where 'Look' only doubles a letter
    return (letters == 0 or re.search(r"break|skip", line, re.I) is not None
            or re.search(r"o+O|O+o|x+X|X+x", line) is not None or re.fullmatch(r"[oO0xX\s~*\-=]+", line) is not None)


def heading_title(line: str) -> str | None | bool:
    """False if `line` is not a chapter heading; else its title part (None when it has none)."""
    line = line.strip()
    if len(line) > 140 or "\n" in line:
        return False
    m = _HEADING.match(line)
    if not m:
        return False
    if m.group("named"):
        return line.lstrip("# ").strip()
    title = m.group("title") or None
    return title.strip() if title else None


# The labels an archive download puts on lines of their own: 'Chapter Summary', 'Chapter Notes', 'Chapter Text'
ARCHIVE_LABELS = {"summary": "summary", "chapter summary": "summary", "notes": "author_note",
                  "chapter notes": "author_note", "end notes": "author_note", "chapter end notes": "author_note",
                  "author's note": "author_note", "author's notes": "author_note", "chapter text": "body",
                  "work text": "body"}
SEE_NOTES = re.compile(r"^\s*\(?\s*see the end of the (?:chapter|work) for (?:more )?notes\.?\s*\)?\s*$", re.I)


def label_key(line: str) -> str:
    """A label line as the tables key it: 'End Notes:' -> 'end notes'."""
    return line.strip().rstrip(":").strip().lower().replace("’", "'")


def archive_label(line: str) -> str | None:
    """The part an archive label line opens ('Chapter Notes' -> 'author_note'), or None."""
    return ARCHIVE_LABELS.get(label_key(line))


# The line AO3's downloads open with: 'Posted originally on the Archive of Our Own at https://...'
ARCHIVE_NOTICE = re.compile(r"^\s*posted\s+originally\s+on\s+the\s+archive\s+of\s+our\s+own\b.{0,200}$", re.IGNORECASE)
# ... and close with: 'Please drop by the Archive and comment to let the creator know if you enjoyed their work!'
ARCHIVE_CLOSING = re.compile(r"^\s*please\s+drop\s+by\s+the\s+archive\s+and\s+comment\b.{0,120}$", re.IGNORECASE)
END_NOTE_LABELS = frozenset({"end notes", "chapter end notes"})
AUTHOR_LINE = re.compile(r"^\s*by\s+\S[^.!?]{0,40}$", re.IGNORECASE)  # 'by quillandink' under a title


def header_field(line: str) -> tuple[str, str] | None:
    m = _HEADER_FIELD.match(line)
    if not m or len(m.group(1)) > 20:
        return None
    return m.group(1).lower().replace(" ", ""), m.group(2).strip()


FFNET_RATING = re.compile(r"^(?:fiction\s+)?(k\+?|t|m|ma)$", re.IGNORECASE)
FFNET_GENRES = ("Adventure", "Angst", "Crime", "Drama", "Family", "Fantasy", "Friendship", "General", "Horror",
                "Humor", "Hurt/Comfort", "Mystery", "Parody", "Poetry", "Romance", "Sci-Fi", "Spiritual",
                "Supernatural", "Suspense", "Tragedy", "Western")
_GENRE_RUN = re.compile("(?:" + "|".join(re.escape(g) for g in sorted(FFNET_GENRES, key=len, reverse=True)) + ")",
                        re.IGNORECASE)
FFNET_LANGUAGES = frozenset("english spanish french german portuguese italian indonesian dutch polish russian".split())


def ffnet_stats(value: str) -> dict:
    """FanFiction.net's stats line after 'Rated:': 'Fiction T - English - Romance/Drama - [Ellie, Dina] Joel -
    Words: 1,302 - …' -> rating, language, genres, characters, relationships (names in brackets) and words."""
    out: dict = {}
    for n, piece in enumerate(p.strip() for p in value.split(" - ")):
        key, _, rest = piece.partition(":")
        if FFNET_RATING.match(piece) and n == 0:
            out["rating"] = FFNET_RATING.match(piece).group(1).upper()
        elif piece.lower() in FFNET_LANGUAGES:
            out["language"] = piece
        elif rest and key.strip().lower() == "words":
            digits = re.sub(r"[^\d]", "", rest)
            if digits:
                out["words"] = int(digits)
        elif not rest and _genres(piece):
            out["freeform"] = _genres(piece)
        elif not rest and not re.search(r"\d", piece):
            pairs = re.findall(r"\[([^\]]+)\]", piece)
            names = [x.strip() for x in re.split(r"[,\[\]]", piece) if x.strip()]
            if names:
                out.setdefault("characters", []).extend(names)
            for pair in pairs:
                out.setdefault("relationships", []).append("/".join(x.strip() for x in pair.split(",")))
    return out


def _genres(piece: str) -> list[str]:
    """'Romance/Hurt/Comfort' -> ['Romance', 'Hurt/Comfort']; [] unless the piece is genres and nothing else."""
    found = [m.group(0) for m in _GENRE_RUN.finditer(piece)]
    return found if found and "/".join(found).lower() == piece.lower() else []
